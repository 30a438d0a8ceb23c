using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using LbcCommunity.Browser.Tests.Infrastructure;
using LbcCommunity.Client;
using LbcCommunity.Convenings;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.Rubrics;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests;

/// <summary>
/// The facilitator's live console (<c>/convenings/{id}/run</c>) in Chromium, with participants on the real .NET hub
/// client: a consensus round with a refusal, reveal, amend and outcome; the Four Simple Questions; a depth poll and the
/// team's consensus rating; closing. What the page shows is checked against what the API reads back.
/// </summary>
[Collection(BrowserHostCollection.Name)]
public sealed partial class ConsoleTests(BrowserHost host)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private const string Proposal = "Host a monthly homework help night at the library.";
    private const string Amended = "Host a monthly homework help night at the library, with childcare.";

    [Fact]
    public async Task The_facilitator_runs_a_convening_live_from_the_console()
    {
        var tenant = BrowserHost.TenantId;
        var facilitatorToken = (await host.SignInAsync(tenant, BrowserHost.FacilitatorEmail)).AccessToken;
        var title = $"Console convening {Guid.NewGuid():N}"[..30];
        var convening = await host.ApiAs(facilitatorToken).CreateConveningAsync(tenant, new ConveningDraft
        {
            Title = title,
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = BrowserHost.CafeTeamId,
            Agenda =
            [
                new AgendaItemDraft { Kind = ActivityKind.ConsensusBuilding, Title = "Homework help night" },
                new AgendaItemDraft { Kind = ActivityKind.FourSimpleQuestions, Title = "Who should be here" },
                new AgendaItemDraft { Kind = ActivityKind.DepthPoll, Title = "How deep are we" },
            ],
        });
        var id = convening.Id;

        // The facilitator signs in through the UI and opens the console.
        await using var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseAddress, $"/convenings/{id}/run").ToString());
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Team facilitator \(district\) — facilitator@cafe\.example \(ga: ") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("Live");
        await Assertions.Expect(page.GetByTestId("family-voices")).ToContainTextAsync("No family voice is here yet.");

        // Participants join on the hub: two members under their own names, two guests with a join code.
        var code = await IssueJoinCode(facilitatorToken, id);
        await using var mentor = await Member("parent.mentor@cafe.example", id);
        await using var teacher = await Member("teacher@cafe.example", id);
        await using var rosa = await Guest(code, "Rosa Alvarez", StakeholderRole.FamilyMember, id);
        await using var sam = await Guest(code, "Sam Lee", StakeholderRole.Student, id);
        var people = new[] { mentor, teacher, rosa, sam };

        await Assertions.Expect(page.GetByTestId("present-count")).ToHaveTextAsync("5 present");
        await Assertions.Expect(page.GetByTestId("family-voices")).ToHaveTextAsync(new Regex("3 family voices$"));
        var who = page.GetByRole(AriaRole.Region, new() { Name = "Who is here, by role" });
        await Assertions.Expect(who.Locator("li[data-role='FamilyMember']")).ToContainTextAsync("Rosa Alvarez (guest)");
        await Assertions.Expect(who.Locator("li[data-role='FamilyMember']")).ToContainTextAsync("Family voice");
        await Assertions.Expect(who.Locator("li[data-role='Teacher']")).ToContainTextAsync("Special education teacher");

        // The agenda as a stepper: start the consensus item.
        var agenda = page.GetByRole(AriaRole.Navigation, new() { Name = "Agenda" });
        await agenda.GetByRole(AriaRole.Button, new() { Name = "Start Homework help night" }).ClickAsync();
        await Assertions.Expect(agenda.Locator("li[aria-current='step']")).ToContainTextAsync("Homework help night");
        await Assertions.Expect(agenda.Locator("li[aria-current='step']")).ToContainTextAsync("Running");

        // An empty proposal: the hub's refusal in words beside the form, and nothing changes (no event after it).
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Consensus building" });
        await Assertions.Expect(panel.GetByLabel("Proposal")).ToBeVisibleAsync();
        var before = mentor.LastSequence;
        await panel.GetByRole(AriaRole.Button, new() { Name = "Open round 1" }).ClickAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Alert)).ToContainTextAsync("proposal");
        Assert.Empty((await mentor.Client.ResumeAsync(tenant, id, mentor.ParticipantId, before)).Events ?? []);
        Assert.Equal(before, mentor.LastSequence);

        // A round with hidden results: the count while hidden, the spread once revealed.
        await panel.GetByLabel("Proposal").FillAsync(Proposal);
        await panel.GetByLabel("Hide results until I reveal them").CheckAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Open round 1" }).ClickAsync();
        await Assertions.Expect(panel.GetByTestId("proposal")).ToHaveTextAsync(Proposal);
        await Assertions.Expect(panel.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await mentor.Client.CastVoteAsync(tenant, id, 4);
        await teacher.Client.CastVoteAsync(tenant, id, 3);
        await rosa.Client.CastVoteAsync(tenant, id, 5);
        await sam.Client.CastVoteAsync(tenant, id, 4);
        await rosa.Client.RaiseConcernAsync(tenant, id, "Is the library open late enough for working parents?");
        await Assertions.Expect(panel.GetByTestId("vote-count")).ToHaveTextAsync("4 votes. Results are hidden from participants.");
        await Assertions.Expect(panel.GetByText("Is the library open late enough for working parents?")).ToBeVisibleAsync();
        await Assertions.Expect(panel.GetByTestId("tally")).ToHaveCountAsync(0);

        // Clean at desk and phone widths with the round open, and no sideways scroll on the phone.
        await PageChecks.AssertAxeClean(page);
        await page.SetViewportSizeAsync(390, 844);
        await PageChecks.AssertAxeClean(page);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "The console scrolls sideways at 390 px.");
        await page.SetViewportSizeAsync(1280, 900);

        await panel.GetByRole(AriaRole.Button, new() { Name = "Reveal results" }).ClickAsync();
        await AssertTally(panel, (3, 1), (4, 2), (5, 1), (0, 0));

        // Amend and vote again: round 2 opens with the edited proposal (a double click opens it once).
        await panel.GetByRole(AriaRole.Button, new() { Name = "Close the round" }).ClickAsync();
        var amended = panel.GetByLabel("Amended proposal");
        await Assertions.Expect(amended).ToHaveValueAsync(Proposal);
        await amended.FillAsync(Amended);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Open round 2" }).DblClickAsync();
        await Assertions.Expect(panel.GetByTestId("proposal")).ToHaveTextAsync(Amended);
        await Assertions.Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Round 2 (open)" })).ToBeVisibleAsync();
        foreach (var person in people)
        {
            await person.Client.CastVoteAsync(tenant, id, 5);
        }

        await AssertTally(panel, (5, 4), (4, 0));
        await Assertions.Expect(panel.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Close the round" }).ClickAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Consensus reached" }).ClickAsync();
        await Assertions.Expect(panel.GetByTestId("outcome")).ToHaveTextAsync("Outcome recorded: Consensus reached.");

        // The Four Simple Questions: answers under their question, the most upvoted first; then saved.
        await agenda.GetByRole(AriaRole.Button, new() { Name = "Start Who should be here" }).ClickAsync();
        var questions = page.GetByRole(AriaRole.Region, new() { Name = "Four Simple Questions" });
        await Assertions.Expect(questions.GetByRole(AriaRole.Heading, new() { Name = "2. Who should be at the table?" })).ToBeVisibleAsync();
        await mentor.Client.AnswerQuestionAsync(tenant, id, 2, "Grandparents who pick children up");

        // The first answer comes live although the questions had no state before it.
        await Assertions.Expect(questions.Locator("[data-question='2'] li")).ToHaveTextAsync("Grandparents who pick children up 0 upvotes");
        await teacher.Client.AnswerQuestionAsync(tenant, id, 2, "Bus drivers");
        await rosa.Client.AnswerQuestionAsync(tenant, id, 1, "Safety after school");
        var busDrivers = rosa.Next(e => e.Type == ConveningEventTypes.QuestionAnswered && e.Answer?.Text == "Bus drivers").Answer!.Id;
        await rosa.Client.UpvoteAsync(tenant, id, busDrivers);
        await sam.Client.UpvoteAsync(tenant, id, busDrivers);
        var second = questions.Locator("[data-question='2'] li");
        await Assertions.Expect(second.First).ToContainTextAsync("Bus drivers 2 upvotes");
        await Assertions.Expect(second.Nth(1)).ToContainTextAsync("Grandparents who pick children up 0 upvotes");
        await Assertions.Expect(questions.Locator("[data-question='1'] li")).ToHaveTextAsync("Safety after school 0 upvotes");
        await questions.GetByRole(AriaRole.Button, new() { Name = "Save the answers" }).ClickAsync();
        await Assertions.Expect(questions.GetByRole(AriaRole.Status)).ToHaveTextAsync("The answers are saved; the questions are closed.");

        // The depth poll: two rows, the live spread, then the team's consensus rating from it.
        await agenda.GetByRole(AriaRole.Button, new() { Name = "Start How deep are we" }).ClickAsync();
        var poll = page.GetByRole(AriaRole.Region, new() { Name = "Depth poll" });
        await poll.GetByLabel("Acknowledging and valuing diversity").CheckAsync();
        await poll.GetByLabel("Decision making through consensus").CheckAsync();
        await poll.GetByRole(AriaRole.Button, new() { Name = "Open the poll" }).ClickAsync();
        var spread = poll.GetByTestId("poll-spread");
        await Assertions.Expect(spread.Locator("tr[data-row='acknowledging-diversity'] .ratings")).ToHaveTextAsync("0");
        await mentor.Client.SubmitPollRatingAsync(tenant, id, Rated(100, 80, 20, 0));
        await teacher.Client.SubmitPollRatingAsync(tenant, id, Rated(100, 100, 60, 0));
        await rosa.Client.SubmitPollRatingAsync(tenant, id, Rated(100, 40, 0, 0));
        var row = spread.Locator("tr[data-row='acknowledging-diversity']");
        await Assertions.Expect(row.Locator(".ratings")).ToHaveTextAsync("3");
        await Assertions.Expect(row.Locator(".min")).ToHaveTextAsync("1.40");
        await Assertions.Expect(row.Locator(".mean")).ToHaveTextAsync("2.00");
        await Assertions.Expect(row.Locator(".max")).ToHaveTextAsync("2.60");

        // Prefilled from the mean (2.00: Informing and Networking reached); the team agrees a little more Collaborating.
        var rating = poll.Locator("form.rating fieldset[data-row='acknowledging-diversity']");
        await Assertions.Expect(rating.Locator("select[data-level='Networking']")).ToHaveValueAsync("100");
        await Assertions.Expect(rating.Locator("select[data-level='Collaborating']")).ToHaveValueAsync("0");
        await rating.Locator("select[data-level='Collaborating']").SelectOptionAsync("30");
        await poll.GetByRole(AriaRole.Button, new() { Name = "Record the consensus rating" }).ClickAsync();
        await Assertions.Expect(poll.GetByTestId("poll-recorded")).ToHaveTextAsync("The team's consensus rating is recorded.");

        var ratings = await host.ApiAs(facilitatorToken).ListRatingsAsync(tenant, BrowserHost.CafeTeamId, RatingKind.Consensus);
        var recorded = Assert.Single(ratings, r => r.ConveningId == id);
        var diversity = Assert.Single(recorded.Rows, r => r.RowId == "acknowledging-diversity");
        Assert.Equal(2.3m, diversity.DepthScore);
        Assert.Contains(recorded.Rows, r => r.RowId == "consensus-decisions");

        // Close the convening (asked first), then the summary's link; the summary holds what the console recorded.
        var closing = page.GetByRole(AriaRole.Region, new() { Name = "Close the convening" });
        await closing.GetByRole(AriaRole.Button, new() { Name = "Close the convening" }).ClickAsync();
        await closing.GetByRole(AriaRole.Button, new() { Name = "Yes, close it" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This convening has ended." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "See the summary" })).ToHaveAttributeAsync("href", $"/convenings/{id}/summary");

        var summary = await host.ApiAs(facilitatorToken).GetConveningSummaryAsync(tenant, id);
        Assert.Equal(ConsensusOutcome.ConsensusReached, summary.Decision.Outcome);
        Assert.Equal([Proposal, Amended], summary.Decision.Rounds.Select(r => r.Proposal));
        Assert.Equal([0, 0, 0, 1, 2, 1], summary.Decision.Rounds[0].Tally);
        Assert.Equal([0, 0, 0, 0, 0, 4], summary.Decision.Rounds[1].Tally);
        Assert.Equal(recorded.Id, summary.DepthPoll!.ConsensusRatingId);
        Assert.Equal(3, summary.FourQuestions!.Answers.Count);

        // Spanish for everything: the same page in the other language.
        await page.GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Esta reunión ha terminado." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Ver el resumen" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_console_speaks_Spanish_and_works_by_keyboard()
    {
        var tenant = BrowserHost.TenantId;
        var facilitatorToken = (await host.SignInAsync(tenant, BrowserHost.FacilitatorEmail)).AccessToken;
        var title = $"Consola {Guid.NewGuid():N}"[..20];
        var convening = await host.ApiAs(facilitatorToken).CreateConveningAsync(tenant, new ConveningDraft
        {
            Title = title,
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = BrowserHost.CafeTeamId,
            Agenda =
            [
                new AgendaItemDraft { Kind = ActivityKind.WorldCafe, Title = "Café de bienvenida" },
                new AgendaItemDraft { Kind = ActivityKind.ConsensusBuilding, Title = "Noche de tareas" },
            ],
        });
        var id = convening.Id;

        // On a phone, in Spanish.
        await using var phone = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await phone.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseAddress, $"/convenings/{id}/run").ToString());
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Team facilitator \(district\) — facilitator@cafe\.example \(ga: ") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("En vivo");
        await Assertions.Expect(page.GetByTestId("family-voices")).ToHaveTextAsync(new Regex("Todavía no hay ninguna voz de las familias.$"));

        await using var rosa = await Guest(await IssueJoinCode(facilitatorToken, id), "Rosa Alvarez", StakeholderRole.FamilyMember, id);
        await Assertions.Expect(page.GetByTestId("family-voices")).ToHaveTextAsync(new Regex("1 voz de las familias$"));
        await Assertions.Expect(page.GetByTestId("present-count")).ToHaveTextAsync("2 presentes");

        // The stepper by keyboard: focus the café's Start button and press Enter; the café's panel comes, in Spanish.
        var agenda = page.GetByRole(AriaRole.Navigation, new() { Name = "Agenda" });
        await agenda.GetByRole(AriaRole.Button, new() { Name = "Empezar Café de bienvenida" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(agenda.Locator("li[aria-current='step']")).ToContainTextAsync("Café de bienvenida");
        await Assertions.Expect(agenda.Locator("li[aria-current='step']")).ToContainTextAsync("En curso");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "World Café: Café de bienvenida" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preparar las mesas" })).ToBeVisibleAsync();

        await agenda.GetByRole(AriaRole.Button, new() { Name = "Empezar Noche de tareas" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(agenda.Locator("li[aria-current='step']")).ToContainTextAsync("Noche de tareas");
        await Assertions.Expect(agenda.Locator("li.done")).ToContainTextAsync("Terminado");

        // A refusal in the chosen language, beside the form; nothing changed.
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Construcción de consenso" });
        var before = rosa.LastSequence;
        await panel.GetByRole(AriaRole.Button, new() { Name = "Abrir la ronda 1" }).ClickAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Alert)).ToHaveTextAsync("No se aceptó: revise lo que escribió e inténtelo de nuevo.");
        Assert.Empty((await rosa.Client.ResumeAsync(tenant, id, rosa.ParticipantId, before)).Events ?? []);

        await panel.GetByLabel("Propuesta").FillAsync("Una noche de tareas al mes en la biblioteca.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Abrir la ronda 1" }).ClickAsync();
        await rosa.Client.CastVoteAsync(tenant, id, 5);
        await Assertions.Expect(panel.GetByTestId("vote-count")).ToHaveTextAsync("1 voto");
        await Assertions.Expect(panel.GetByTestId("tally").Locator("tr[data-level='5'] .count")).ToHaveTextAsync("1");
        await PageChecks.AssertAxeClean(page);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "The console scrolls sideways at 390 px.");
    }

    /// <summary>Each (level, votes) pair as the spread's table shows it.</summary>
    private static async Task AssertTally(ILocator panel, params (int Level, int Votes)[] expected)
    {
        foreach (var (level, votes) in expected)
        {
            await Assertions.Expect(panel.GetByTestId("tally").Locator($"tr[data-level='{level}'] .count")).ToHaveTextAsync(votes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static PollRating Rated(params int[] diversity) => new()
    {
        Rows =
        [
            new RowRatingDraft { RowId = "acknowledging-diversity", Cells = Cells(diversity) },
            new RowRatingDraft { RowId = "consensus-decisions", Cells = Cells(100, 50, 0, 0) },
        ],
    };

    private static CellAttainment[] Cells(params int[] percents) =>
        [.. Enum.GetValues<DepthLevel>().Select((level, i) => new CellAttainment { Level = level, AttainmentPercent = percents[i] })];

    private async Task<Person> Member(string email, string conveningId)
    {
        var token = (await host.SignInAsync(BrowserHost.TenantId, email)).AccessToken;
        return await Person.JoinAsync(await host.ConveningAsync(token), conveningId, new JoinRequest());
    }

    private async Task<Person> Guest(string code, string name, StakeholderRole role, string conveningId)
    {
        using var client = host.ClientWith(null);
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:lbc:params:oauth:grant-type:join-code",
            ["client_id"] = "lbc-web",
            ["join_code"] = code,
            ["display_name"] = name,
        }));
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<GuestToken>())!.AccessToken;
        return await Person.JoinAsync(await host.ConveningAsync(token), conveningId, new JoinRequest { GuestRole = role });
    }

    private async Task<string> IssueJoinCode(string facilitatorToken, string conveningId)
    {
        using var client = host.ClientWith(facilitatorToken);
        var response = await client.PostAsJsonAsync($"/api/tenants/{BrowserHost.TenantId}/convenings/{conveningId}/join-codes", new { label = "Families" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IssuedCode>())!.Code;
    }

    /// <summary>A participant on the .NET hub client, with the events it has heard.</summary>
    private sealed class Person : IAsyncDisposable
    {
        private readonly BlockingCollection<ConveningEvent> _events = [];
        private long _lastSequence;

        private Person(ConveningClient client) => Client = client;

        public ConveningClient Client { get; }

        public string ParticipantId { get; private set; } = "";

        public long LastSequence => Interlocked.Read(ref _lastSequence);

        public static async Task<Person> JoinAsync(ConveningClient client, string conveningId, JoinRequest request)
        {
            var person = new Person(client);
            client.EventReceived += e =>
            {
                long seen;
                do
                {
                    seen = Interlocked.Read(ref person._lastSequence);
                }
                while (e.Sequence > seen && Interlocked.CompareExchange(ref person._lastSequence, e.Sequence, seen) != seen);
                person._events.Add(e);
            };
            var joined = await client.JoinAsync(BrowserHost.TenantId, conveningId, request);
            person.ParticipantId = joined.Participant!.Id;
            Interlocked.Exchange(ref person._lastSequence, Math.Max(person.LastSequence, joined.Snapshot!.Sequence));
            return person;
        }

        /// <summary>The next event heard that matches, skipping others; fails after <see cref="Wait"/>.</summary>
        public ConveningEvent Next(Func<ConveningEvent, bool> match)
        {
            var deadline = DateTime.UtcNow + Wait;
            while (_events.TryTake(out var e, deadline - DateTime.UtcNow > TimeSpan.Zero ? deadline - DateTime.UtcNow : TimeSpan.Zero))
            {
                if (match(e))
                {
                    return e;
                }
            }

            throw new TimeoutException("The participant did not get the expected event.");
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            _events.Dispose();
        }
    }

    private sealed record IssuedCode
    {
        [JsonPropertyName("code")] public required string Code { get; init; }
    }

    private sealed record GuestToken
    {
        [JsonPropertyName("access_token")] public required string AccessToken { get; init; }
    }
}
