using System.Text.RegularExpressions;
using LbcCommunity.Browser.Tests.Infrastructure;
using LbcCommunity.Convenings;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests;

/// <summary>
/// The participant's view of a live convening, for a guest on a phone (by join code) and a member signed in: the café
/// table, its question and timer, a note; a vote and a concern; answers and upvotes; a depth poll rating. Each action is
/// checked at the facilitator's .NET hub client (the event arrived, once), and each activity is axe-core clean at 390 px.
/// </summary>
[Collection(BrowserHostCollection.Name)]
public sealed partial class ParticipantViewTests(BrowserHost host)
{
    private static readonly ActivityKind[] Agenda = [ActivityKind.WorldCafe, ActivityKind.ConsensusBuilding, ActivityKind.FourSimpleQuestions, ActivityKind.DepthPoll];

    [Fact]
    public async Task A_guest_on_a_phone_takes_part_in_every_activity()
    {
        await using var facilitator = await LiveFacilitator.PlanAsync(host, $"Family convening {Guid.NewGuid():N}", Agenda);
        await using var phone = await host.Browser.NewContextAsync(LiveFacilitator.Phone());
        var page = await phone.NewPageAsync();
        await JoinAsGuest(page, await facilitator.JoinLinkAsync(), "Rosa Alvarez");

        await EveryActivity(page, facilitator, await facilitator.JoinedAsync("Rosa Alvarez"), "Rosa Alvarez");
    }

    [Fact]
    public async Task A_member_signed_in_takes_part_in_every_activity_under_their_own_name()
    {
        await using var facilitator = await LiveFacilitator.PlanAsync(host, $"Team convening {Guid.NewGuid():N}", Agenda);
        await using var phone = await host.Browser.NewContextAsync(LiveFacilitator.Phone());
        var page = await phone.NewPageAsync();

        // The member opens the convening's live page, signs in there, and comes back to it.
        var live = new Uri(host.BaseAddress, $"/convenings/{facilitator.ConveningId}/live");
        await page.GotoAsync(live.ToString());
        await page.GetByRole(AriaRole.Button, new() { NameRegex = ParentMentorSignIn() }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(live.ToString());
        await Assertions.Expect(page.GetByTestId("connection")).ToContainTextAsync("You are here as Parent mentor.");

        var joined = await facilitator.OnceAsync(e => e.Type == ConveningEventTypes.ParticipantJoined && e.Participant?.DisplayName == "Parent mentor");
        Assert.False(joined.Participant!.IsGuest);
        await EveryActivity(page, facilitator, joined.Participant.Id, "Parent mentor");
    }

    [Fact]
    public async Task A_guest_offline_for_5_s_comes_back_to_every_missed_event_once()
    {
        await using var facilitator = await LiveFacilitator.PlanAsync(host, $"Offline convening {Guid.NewGuid():N}", ActivityKind.ConsensusBuilding);
        await using var phone = await host.Browser.NewContextAsync(LiveFacilitator.Phone());
        var page = await phone.NewPageAsync();
        await JoinAsGuest(page, await facilitator.JoinLinkAsync(), "Marisol");
        await facilitator.JoinedAsync("Marisol");
        await facilitator.StartAsync("item-1");
        await Assertions.Expect(page.GetByText("Waiting for the facilitator to open a round of agreement.")).ToBeVisibleAsync();

        // The phone loses its network; meanwhile a round opens, a vote is cast and a concern raised.
        await phone.SetOfflineAsync(true);
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("Offline: trying again…");
        await facilitator.Hub.OpenConsensusRoundAsync(BrowserHost.TenantId, facilitator.ConveningId, "Meet at the library on Thursdays.", AgreementScale.FistToFive, anonymous: false, hideResults: false);
        await facilitator.Hub.CastVoteAsync(BrowserHost.TenantId, facilitator.ConveningId, 5);
        await facilitator.Hub.RaiseConcernAsync(BrowserHost.TenantId, facilitator.ConveningId, "Thursdays clash with choir.");
        await Task.Delay(TimeSpan.FromSeconds(5));
        await phone.SetOfflineAsync(false);

        await Assertions.Expect(page.GetByText("Meet at the library on Thursdays.")).ToBeVisibleAsync(new() { Timeout = 40_000 });
        await Assertions.Expect(page.GetByTestId("connection")).ToContainTextAsync("You're back.", new() { Timeout = 40_000 });
        await Assertions.Expect(page.GetByText("1 vote so far")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("concern")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("concern")).ToHaveTextAsync("Thursdays clash with choir.");
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Who is here" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);

        // The page is live: its vote reaches the facilitator, once.
        await page.GetByRole(AriaRole.Button, new() { Name = "3 fingers: I can live with it" }).ClickAsync();
        var vote = await facilitator.OnceAsync(e => e.Type == ConveningEventTypes.VoteCast && e.Vote?.Level == 3);
        Assert.Equal(2, vote.VoteCount);
        await Assertions.Expect(page.GetByText("2 votes so far")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_guest_in_Spanish_sees_the_cafe_and_the_vote_in_Spanish()
    {
        await using var facilitator = await LiveFacilitator.PlanAsync(host, $"Reunión {Guid.NewGuid():N}", ActivityKind.WorldCafe, ActivityKind.ConsensusBuilding);
        await using var phone = await host.Browser.NewContextAsync(LiveFacilitator.Phone());
        var page = await phone.NewPageAsync();
        await page.GotoAsync(await facilitator.JoinLinkAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await page.GetByLabel("Su nombre").FillAsync("Lucía");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unirse", Exact = true }).ClickAsync();
        var guest = await facilitator.JoinedAsync("Lucía");

        await SetUpCafe(facilitator, guest);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Su mesa: Mesa 2" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Tiempo que queda en esta ronda")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Quién está aquí", Exact = true })).ToContainTextAsync("Lucía");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await LiveFacilitator.AssertFitsAPhoneAsync(page);

        await facilitator.StartAsync("item-2");
        await facilitator.Hub.OpenConsensusRoundAsync(BrowserHost.TenantId, facilitator.ConveningId, "Una noche de tareas al mes.", AgreementScale.FistToFive, anonymous: false, hideResults: false);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "¿Está de acuerdo?" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "4 dedos: lo apoyo" }).ClickAsync();
        await facilitator.OnceAsync(e => e.Type == ConveningEventTypes.VoteCast && e.Vote?.ParticipantId == guest);
        await Assertions.Expect(page.GetByText("1 voto hasta ahora")).ToBeVisibleAsync();
        await LiveFacilitator.AssertFitsAPhoneAsync(page);
    }

    private static async Task JoinAsGuest(IPage page, string link, string name)
    {
        await page.GotoAsync(link);
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("connection")).ToContainTextAsync($"You are here as {name}.");
    }

    /// <summary>Two tables: the facilitator hosts the first, the participant the second (so they sit there); a 5-minute round.</summary>
    private static async Task SetUpCafe(LiveFacilitator facilitator, string participantId)
    {
        await facilitator.StartAsync("item-1");
        await facilitator.Hub.SetUpCafeAsync(BrowserHost.TenantId, facilitator.ConveningId,
        [
            new CafeTableDraft { HostId = facilitator.Id, Question = "What gets in the way of homework?" },
            new CafeTableDraft { HostId = participantId, Question = "Where do families feel welcome?" },
        ]);
        await facilitator.Hub.StartCafeRoundAsync(BrowserHost.TenantId, facilitator.ConveningId, 5);
    }

    private static async Task EveryActivity(IPage page, LiveFacilitator facilitator, string me, string name)
    {
        // World Café: my table, its question, who sits with me, the timer; a note reaches the facilitator once.
        await SetUpCafe(facilitator, me);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your table: Table 2" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("table-question")).ToHaveTextAsync("Where do families feel welcome?");
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "At this table" })).ToContainTextAsync($"{name} (host) (you)");
        await Assertions.Expect(page.GetByRole(AriaRole.Timer)).ToHaveTextAsync(CountdownText());
        await page.GetByLabel("Write a note for this table").FillAsync("Families feel welcome at the library.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        var note = await facilitator.OnceAsync(e => e.Type == ConveningEventTypes.TableNoteAdded && e.ActorId == me);
        Assert.Contains(note.WorldCafe!.Tables[1].Notes, n => n.Text == "Families feel welcome at the library.");
        await Assertions.Expect(page.GetByTestId("table-note")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByLabel("Write a note for this table")).ToHaveValueAsync(string.Empty);
        // The facilitator's message to all tables reaches this table (announced politely).
        await facilitator.Hub.MessageTablesAsync(BrowserHost.TenantId, facilitator.ConveningId, "Five minutes left: choose one idea to share.");
        await Assertions.Expect(page.GetByTestId("cafe-message")).ToHaveTextAsync("Five minutes left: choose one idea to share.");
        await Assertions.Expect(page.GetByTestId("cafe-message")).ToHaveAttributeAsync("aria-live", "polite");
        await LiveFacilitator.AssertFitsAPhoneAsync(page);

        // Consensus: a vote and a concern, each once; the results as bars with their numbers.
        await facilitator.StartAsync("item-2");
        await facilitator.Hub.OpenConsensusRoundAsync(BrowserHost.TenantId, facilitator.ConveningId, "Host a monthly homework help night.", AgreementScale.FistToFive, anonymous: false, hideResults: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "4 fingers: I support it" }).ClickAsync();
        var vote = await facilitator.OnceAsync(e => e.Type == ConveningEventTypes.VoteCast && e.Vote?.ParticipantId == me);
        Assert.Equal(4, vote.Vote!.Level);
        await page.GetByLabel("Raise a concern (optional)").FillAsync("Evenings are hard for shift workers.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send concern" }).ClickAsync();
        var concern = await facilitator.OnceAsync(e => e.Type == ConveningEventTypes.ConcernRaised && e.ActorId == me);
        Assert.Equal("Evenings are hard for shift workers.", concern.Concern!.Text);
        await Assertions.Expect(page.GetByTestId("concern")).ToHaveCountAsync(1);
        await facilitator.Hub.RevealResultsAsync(BrowserHost.TenantId, facilitator.ConveningId);
        var results = page.GetByRole(AriaRole.Table, new() { Name = "Votes by level" });
        await Assertions.Expect(results.GetByRole(AriaRole.Row, new() { Name = "4 fingers: I support it" })).ToContainTextAsync("1");
        await LiveFacilitator.AssertFitsAPhoneAsync(page);

        // Four Simple Questions: upvote another's answer (once: the button goes), answer one; one's own has no upvote.
        await facilitator.StartAsync("item-3");
        await facilitator.Hub.AnswerQuestionAsync(BrowserHost.TenantId, facilitator.ConveningId, 2, "The bus drivers.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upvote: The bus drivers." }).ClickAsync();
        var upvote = await facilitator.OnceAsync(e => e.Type == ConveningEventTypes.AnswerUpvoted && e.ActorId == me);
        Assert.Equal([me], upvote.Answer!.UpvotedBy);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Upvote: The bus drivers." })).ToHaveCountAsync(0);
        var first = page.Locator("[data-question='1']");
        await first.GetByLabel("Your answer").FillAsync("Our children's safety on the way home.");
        await first.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
        var answer = await facilitator.OnceAsync(e => e.Type == ConveningEventTypes.QuestionAnswered && e.ActorId == me);
        Assert.Equal(1, answer.Answer!.Question);
        await Assertions.Expect(first.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Assertions.Expect(first.GetByRole(AriaRole.Listitem)).ToContainTextAsync("your answer");
        await Assertions.Expect(first.GetByRole(AriaRole.Button, new() { NameRegex = UpvoteButton() })).ToHaveCountAsync(0);
        await LiveFacilitator.AssertFitsAPhoneAsync(page);

        // Depth poll: the row's words come from the convening (a guest may not read the rubric); a rating arrives once.
        await facilitator.StartAsync("item-4");
        await facilitator.Hub.OpenDepthPollAsync(BrowserHost.TenantId, facilitator.ConveningId, ["acknowledging-diversity"]);
        var row = page.GetByRole(AriaRole.Group, new() { Name = "Acknowledging and valuing diversity" });
        await Assertions.Expect(row).ToContainTextAsync("A core group of interested stakeholders disseminates information");
        await row.GetByLabel("Informing: attainment").SelectOptionAsync("100");
        await row.GetByLabel("Networking: attainment").SelectOptionAsync("50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my rating" }).ClickAsync();
        var rating = await facilitator.OnceAsync(e => e.Type == ConveningEventTypes.PollRatingSubmitted && e.ActorId == me);
        Assert.Equal(1, rating.DepthPoll!.Spread[0].Ratings);
        await Assertions.Expect(page.GetByTestId("spread")).ToHaveTextAsync("1 rating, mean 1.50 (from 1.50 to 1.50)");
        await LiveFacilitator.AssertFitsAPhoneAsync(page);
    }

    [GeneratedRegex(@"^Parent mentor — parent\.mentor@cafe\.example")]
    private static partial Regex ParentMentorSignIn();

    [GeneratedRegex(@"^[0-5]:[0-5][0-9]$")]
    private static partial Regex CountdownText();

    [GeneratedRegex("^Upvote")]
    private static partial Regex UpvoteButton();
}
