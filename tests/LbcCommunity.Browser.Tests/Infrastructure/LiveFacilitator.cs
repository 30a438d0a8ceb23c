using System.Net.Http.Json;
using System.Text.Json.Serialization;
using LbcCommunity.Client;
using LbcCommunity.Convenings;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests.Infrastructure;

/// <summary>
/// The CAFÉ team's facilitator running a convening with the real .NET hub client: it plans over REST, joins, and keeps
/// every event it hears, so a test can check that a participant's action arrived, and arrived once.
/// </summary>
public sealed class LiveFacilitator : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly List<ConveningEvent> _events = [];
    private readonly BrowserHost _host;

    private LiveFacilitator(BrowserHost host, string token, ConveningClient hub, string conveningId)
    {
        _host = host;
        Token = token;
        Hub = hub;
        ConveningId = conveningId;
        hub.EventReceived += e => { lock (_events) { _events.Add(e); } };
    }

    public string Token { get; }

    public ConveningClient Hub { get; }

    public string ConveningId { get; }

    public string Id { get; private set; } = null!;

    /// <summary>Plans a convening with the given agenda (item-1, item-2… in order) and joins it as its facilitator.</summary>
    public static async Task<LiveFacilitator> PlanAsync(BrowserHost host, string title, params ActivityKind[] agenda)
    {
        var token = (await host.SignInAsync(BrowserHost.TenantId, BrowserHost.FacilitatorEmail)).AccessToken;
        var convening = await host.ApiAs(token).CreateConveningAsync(BrowserHost.TenantId, new ConveningDraft
        {
            Title = title,
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = BrowserHost.CafeTeamId,
            Agenda = [.. agenda.Select(kind => new AgendaItemDraft { Kind = kind, Title = kind.ToString() })],
        });
        var facilitator = new LiveFacilitator(host, token, await host.ConveningAsync(token), convening.Id);
        facilitator.Id = (await facilitator.Hub.JoinAsync(BrowserHost.TenantId, convening.Id, new JoinRequest())).Participant.Id;
        return facilitator;
    }

    /// <summary>The join link of a new code for families.</summary>
    public async Task<string> JoinLinkAsync()
    {
        using var client = _host.ClientWith(Token);
        var response = await client.PostAsJsonAsync($"/api/tenants/{BrowserHost.TenantId}/convenings/{ConveningId}/join-codes", new { label = "Families" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IssuedCode>())!.Link;
    }

    public Task StartAsync(string itemId) => Hub.StartActivityAsync(BrowserHost.TenantId, ConveningId, itemId);

    /// <summary>The id of the participant who joined under <paramref name="displayName"/>.</summary>
    public async Task<string> JoinedAsync(string displayName) =>
        (await OnceAsync(e => e.Type == ConveningEventTypes.ParticipantJoined && e.Participant?.DisplayName == displayName)).Participant!.Id;

    /// <summary>Waits for the one event that matches, then checks a moment later that no second one came.</summary>
    public async Task<ConveningEvent> OnceAsync(Func<ConveningEvent, bool> match)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (Matching(match).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The facilitator did not get the expected event.");
            await Task.Delay(100);
        }

        await Task.Delay(700);
        return Assert.Single(Matching(match));
    }

    private List<ConveningEvent> Matching(Func<ConveningEvent, bool> match)
    {
        lock (_events)
        {
            return [.. _events.Where(match)];
        }
    }

    /// <summary>axe-core clean (WCAG 2.1 A and AA, best practice), and nothing wider than the 390 px screen.</summary>
    public static async Task AssertFitsAPhoneAsync(IPage page)
    {
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "The page scrolls sideways.");
        await PageChecks.AssertAxeClean(page);
    }

    /// <summary>A phone: 390 px wide, touch, mobile.</summary>
    public static BrowserNewContextOptions Phone() => new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        IsMobile = true,
        HasTouch = true,
    };

    public async ValueTask DisposeAsync() => await Hub.DisposeAsync();

    private sealed record IssuedCode
    {
        [JsonPropertyName("link")] public required string Link { get; init; }
    }
}
