using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using LbcCommunity.Browser.Tests.Infrastructure;
using LbcCommunity.Convenings;
using LbcCommunity.Organization;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests;

/// <summary>A guest joins a live convening from a join link on a phone, and takes part in a consensus round.</summary>
[Collection(BrowserHostCollection.Name)]
public sealed class JoinPageTests(BrowserHost host)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_guest_joins_with_the_link_appears_present_and_votes()
    {
        // The CAFÉ team's facilitator plans a convening and issues a join code over REST.
        var facilitatorToken = (await host.SignInAsync(BrowserHost.TenantId, BrowserHost.FacilitatorEmail)).AccessToken;
        var convening = await host.ApiAs(facilitatorToken).CreateConveningAsync(BrowserHost.TenantId, new ConveningDraft
        {
            Title = "September family convening",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = BrowserHost.CafeTeamId,
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.ConsensusBuilding, Title = "Homework help night" }],
        });
        var issued = await IssueJoinCode(facilitatorToken, convening.Id);

        // The facilitator runs the session over the hub with the .NET client.
        await using var facilitator = await host.ConveningAsync(facilitatorToken);
        var events = new BlockingCollection<ConveningEvent>();
        facilitator.EventReceived += events.Add;
        await facilitator.JoinAsync(BrowserHost.TenantId, convening.Id, new JoinRequest());

        // The guest opens the link on a phone, enters a name and how they take part, and joins.
        await using var phone = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await phone.NewPageAsync();
        await page.GotoAsync(issued.Link);
        await Assertions.Expect(page.GetByLabel("Join code")).ToHaveValueAsync(issued.Code);
        await page.GetByLabel("Your name").FillAsync("Rosa Alvarez");
        await page.GetByLabel("I take part as").SelectOptionAsync(new SelectOptionValue { Label = "Parent mentor" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "September family convening" })).ToBeVisibleAsync();
        var present = page.GetByRole(AriaRole.List, new() { Name = "Who is here" });
        await Assertions.Expect(present).ToContainTextAsync("Rosa Alvarez");
        await Assertions.Expect(present).ToContainTextAsync("Team facilitator (district)");

        // The facilitator sees the guest arrive, present, under the name and role they chose.
        var joined = Next(events, e => e.Type == ConveningEventTypes.ParticipantJoined && e.Participant?.DisplayName == "Rosa Alvarez");
        Assert.True(joined.Present);
        Assert.True(joined.Participant!.IsGuest);
        Assert.Equal(StakeholderRole.ParentMentor, joined.Participant.StakeholderRole);

        // A round opens: the guest's page offers fist-to-five, and the vote reaches the facilitator's tally.
        await facilitator.StartActivityAsync(BrowserHost.TenantId, convening.Id, "item-1");
        await facilitator.OpenConsensusRoundAsync(BrowserHost.TenantId, convening.Id, "Host a monthly homework help night at the library.", AgreementScale.FistToFive, anonymous: false, hideResults: false);
        await Assertions.Expect(page.GetByText("Host a monthly homework help night at the library.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Fist: I block this" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "4 fingers: I support it" }).ClickAsync();

        var vote = Next(events, e => e.Type == ConveningEventTypes.VoteCast);
        Assert.Equal(joined.Participant.Id, vote.Vote!.ParticipantId);
        Assert.Equal(4, vote.Vote.Level);
        Assert.Equal([0, 0, 0, 0, 1, 0], vote.Tally);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "4 fingers: I support it" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.GetByText("1 vote so far")).ToBeVisibleAsync();

        // A changed mind replaces the vote (a fresh action, not a retry of the first).
        await page.GetByRole(AriaRole.Button, new() { Name = "5 fingers: I fully support it" }).ClickAsync();
        var changed = Next(events, e => e.Type == ConveningEventTypes.VoteCast);
        Assert.Equal([0, 0, 0, 0, 0, 1], changed.Tally);
        Assert.Equal(1, changed.VoteCount);

        // Leaving the page marks the guest gone.
        await page.CloseAsync();
        Next(events, e => e.Type == ConveningEventTypes.PresenceChanged && e.ActorId == joined.Participant.Id && e.Present == false);
    }

    [Fact]
    public async Task A_code_that_does_not_work_is_said_plainly()
    {
        await using var context = await host.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseAddress, "/join?code=ABCDE-FGHJK").ToString());

        await page.GetByLabel("Your name").FillAsync("Sam");
        await page.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The join code is not valid (any more). Ask the facilitator for a new one.");
        await Assertions.Expect(page.GetByLabel("Join code")).ToHaveValueAsync("ABCDE-FGHJK");
    }

    private async Task<IssuedCode> IssueJoinCode(string facilitatorToken, string conveningId)
    {
        using var client = host.ClientWith(facilitatorToken);
        var response = await client.PostAsJsonAsync($"/api/tenants/{BrowserHost.TenantId}/convenings/{conveningId}/join-codes", new { label = "Families" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IssuedCode>())!;
    }

    /// <summary>The next event that matches, skipping others; fails after <see cref="Wait"/>.</summary>
    private static ConveningEvent Next(BlockingCollection<ConveningEvent> events, Func<ConveningEvent, bool> match)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (events.TryTake(out var e, deadline - DateTime.UtcNow > TimeSpan.Zero ? deadline - DateTime.UtcNow : TimeSpan.Zero))
        {
            if (match(e))
            {
                return e;
            }
        }

        throw new TimeoutException("The facilitator did not get the expected event.");
    }

    private sealed record IssuedCode
    {
        [JsonPropertyName("code")] public required string Code { get; init; }

        [JsonPropertyName("link")] public required string Link { get; init; }
    }
}
