using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using LbcCommunity.Browser.Tests.Infrastructure;
using LbcCommunity.Client;
using LbcCommunity.Client.Auth;
using LbcCommunity.Convenings;
using LbcCommunity.Organization;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests;

/// <summary>
/// The facilitator runs a World Café from the console on a phone-sized screen (the console's route
/// <c>/convenings/{id}/run</c>), while the members and a guest take part with the .NET hub client: tables set in the
/// panel, the next round's seating and warnings shown before it starts, a 30-second round, +1 minute, a message to all
/// tables, one person moved, end now; axe-core clean at 390 px.
/// </summary>
[Collection(BrowserHostCollection.Name)]
public sealed partial class CafePanelTests(BrowserHost host)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_facilitator_sets_the_tables_sees_the_preview_with_its_warnings_and_runs_a_round_everyone_follows()
    {
        // The CAFÉ team's facilitator plans a café over REST; two members host, a parent mentor and a guest partner travel.
        var facilitatorToken = (await host.SignInAsync(BrowserHost.TenantId, BrowserHost.FacilitatorEmail)).AccessToken;
        var title = $"Café panel {Guid.NewGuid():N}"[..20];
        var convening = await host.ApiAs(facilitatorToken).CreateConveningAsync(BrowserHost.TenantId, new ConveningDraft
        {
            Title = title,
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = BrowserHost.CafeTeamId,
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.WorldCafe, Title = "Family engagement café" }],
        });
        var code = await IssueJoinCode(facilitatorToken, convening.Id);
        await using var facilitator = await host.ConveningAsync(facilitatorToken);
        var facilitatorEvents = Collect(facilitator);
        await facilitator.JoinAsync(BrowserHost.TenantId, convening.Id, new JoinRequest());
        await using var teacher = await Member("teacher@cafe.example");
        await using var principal = await Member("principal@cafe.example");
        await using var mentor = await Member("parent.mentor@cafe.example");
        await teacher.JoinAsync(BrowserHost.TenantId, convening.Id, new JoinRequest());
        await principal.JoinAsync(BrowserHost.TenantId, convening.Id, new JoinRequest());
        var mentorEvents = Collect(mentor);
        var mentorId = (await mentor.JoinAsync(BrowserHost.TenantId, convening.Id, new JoinRequest())).Participant.Id;
        await using var partner = await host.ConveningAsync((await LbcSignIn.JoinAsync(host.ClientWith(null), code.Code, "Rosa Alvarez")).AccessToken);
        var partnerEvents = Collect(partner);
        await partner.JoinAsync(BrowserHost.TenantId, convening.Id, new JoinRequest { GuestRole = StakeholderRole.CommunityPartner });
        await facilitator.StartActivityAsync(BrowserHost.TenantId, convening.Id, "item-1");

        // The facilitator signs in on a phone and opens the console.
        await using var phone = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var page = await phone.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseAddress, $"/convenings/{convening.Id}/run").ToString());
        await page.GetByRole(AriaRole.Button, new() { NameRegex = FacilitatorButton() }).ClickAsync();
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "World Café: Family engagement café" });
        await Assertions.Expect(panel).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // Tables: a host each, from the people here, and a question each.
        await panel.GetByLabel("Host of table 1").SelectOptionAsync(new SelectOptionValue { Label = "Special education teacher — Teacher" });
        await panel.GetByLabel("Question for table 1").FillAsync("Who should be at the table?");
        await panel.GetByLabel("Host of table 2").SelectOptionAsync(new SelectOptionValue { Label = "High school principal — Principal" });
        await panel.GetByLabel("Question for table 2").FillAsync("What brings us together?");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Set the tables" }).ClickAsync();
        Next(facilitatorEvents, e => e.Type == ConveningEventTypes.CafeSetUp);

        // Before the round: its seating and the warning that one table has no family voice (one parent mentor, two tables).
        var preview = panel.GetByRole(AriaRole.Region, new() { Name = "Next round: the seating before it starts" });
        await Assertions.Expect(preview).ToContainTextAsync("Round 1 would seat:");
        await Assertions.Expect(preview).ToContainTextAsync("has no family member, parent mentor or student.");
        await Assertions.Expect(preview).ToContainTextAsync("Parent mentor");
        await PageChecks.AssertAxeClean(page);
        await PageChecks.AssertNoSidewaysScroll(page);
        var shownWarning = await preview.Locator(".cafe-warnings li").First.InnerTextAsync();

        // A 30-second round: everyone's client gets the seating; the facilitator's warnings are the preview's.
        await panel.GetByLabel("Minutes (0.5 to 120)").FillAsync("0.5");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Start round 1" }).ClickAsync();
        var started = Next(facilitatorEvents, e => e.Type == ConveningEventTypes.CafeRoundStarted);
        var round = started.WorldCafe!.Rounds[0];
        // The panel numbers tables as it shows them ("Table 2"); the server names them by id ("table table-2").
        Assert.Equal(shownWarning, Assert.Single(round.Warnings).Replace("table-", string.Empty, StringComparison.Ordinal));
        var seenByPartner = Next(partnerEvents, e => e.Type == ConveningEventTypes.CafeRoundStarted).WorldCafe!.Rounds[0];
        Assert.Equal(round.Seating.Select(s => string.Join(",", s.ParticipantIds)), seenByPartner.Seating.Select(s => string.Join(",", s.ParticipantIds)));
        Assert.Empty(seenByPartner.Warnings);
        await Assertions.Expect(panel.GetByTestId("cafe-countdown")).ToHaveTextAsync(ClockText());

        // +1 minute moves the server's end time for everyone.
        await panel.GetByRole(AriaRole.Button, new() { Name = "+1 minute" }).ClickAsync();
        var extended = Next(mentorEvents, e => e.Type == ConveningEventTypes.CafeRoundExtended);
        Assert.Equal(round.EndsAt.AddMinutes(1), extended.WorldCafe!.Rounds[0].EndsAt);

        // A message to all tables reaches the participants' clients.
        await panel.GetByLabel("Message", new() { Exact = true }).FillAsync("Five minutes left at your table");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Send to all tables" }).ClickAsync();
        Assert.Equal("Five minutes left at your table", Next(mentorEvents, e => e.Type == ConveningEventTypes.TablesMessaged).WorldCafe!.Messages[^1].Text);
        Assert.Equal("Five minutes left at your table", Next(partnerEvents, e => e.Type == ConveningEventTypes.TablesMessaged).WorldCafe!.Messages[^1].Text);

        // The parent mentor moves to the other table by hand.
        var mentorsTable = round.Seating.Single(s => s.ParticipantIds.Contains(mentorId)).TableId;
        var otherTable = round.Seating.Single(s => s.TableId != mentorsTable).TableId;
        var otherQuestion = otherTable == "table-1" ? "1: Who should be at the table?" : "2: What brings us together?";
        await panel.GetByLabel("Person", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = $"Parent mentor (table {(mentorsTable == "table-1" ? 1 : 2)})" });
        await panel.GetByLabel("To table", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = otherQuestion });
        await panel.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();
        var moved = Next(mentorEvents, e => e.Type == ConveningEventTypes.CafeSeatChanged).WorldCafe!.Rounds[0];
        Assert.Contains(mentorId, moved.Seating.Single(s => s.TableId == otherTable).ParticipantIds);
        Assert.Empty(moved.Warnings);
        var movedForFacilitator = Next(facilitatorEvents, e => e.Type == ConveningEventTypes.CafeSeatChanged).WorldCafe!.Rounds[0];
        Assert.StartsWith($"Table {mentorsTable} has no family member", Assert.Single(movedForFacilitator.Warnings), StringComparison.Ordinal);
        await Assertions.Expect(panel).ToContainTextAsync($"Table {mentorsTable["table-".Length..]} has no family member");

        // End now: the round's end is the server's now, for everyone; the next round's preview comes back.
        await panel.GetByRole(AriaRole.Button, new() { Name = "End now" }).ClickAsync();
        var ended = Next(partnerEvents, e => e.Type == ConveningEventTypes.CafeRoundEnded).WorldCafe!.Rounds[0];
        Assert.True(ended.EndsAt < extended.WorldCafe.Rounds[0].EndsAt);
        await Assertions.Expect(panel).ToContainTextAsync("Round 1 has ended.");
        await Assertions.Expect(preview).ToContainTextAsync("Round 2 would seat:");
        await PageChecks.AssertAxeClean(page);
        await PageChecks.AssertNoSidewaysScroll(page);
    }

    /// <summary>A member's hub client, signed in as <paramref name="email"/>, not joined yet.</summary>
    private async Task<ConveningClient> Member(string email) =>
        await host.ConveningAsync((await host.SignInAsync(BrowserHost.TenantId, email)).AccessToken);

    private static BlockingCollection<ConveningEvent> Collect(ConveningClient client)
    {
        var events = new BlockingCollection<ConveningEvent>();
        client.EventReceived += events.Add;
        return events;
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

        throw new TimeoutException("The expected event did not come.");
    }

    private async Task<IssuedCode> IssueJoinCode(string facilitatorToken, string conveningId)
    {
        using var client = host.ClientWith(facilitatorToken);
        var response = await client.PostAsJsonAsync($"/api/tenants/{BrowserHost.TenantId}/convenings/{conveningId}/join-codes", new { label = "Partners" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IssuedCode>())!;
    }

    [GeneratedRegex(@"^Team facilitator \(district\) — facilitator@cafe\.example \(ga: ")]
    private static partial Regex FacilitatorButton();

    [GeneratedRegex(@"^\d+:\d\d$")]
    private static partial Regex ClockText();

    private sealed record IssuedCode
    {
        [JsonPropertyName("code")] public required string Code { get; init; }

        [JsonPropertyName("link")] public required string Link { get; init; }
    }
}
