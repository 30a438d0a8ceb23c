using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LbcCommunity.Client;
using LbcCommunity.Browser.Tests.Infrastructure;
using LbcCommunity.Convenings;
using LbcCommunity.Host.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests;

/// <summary>
/// A whole convening in Chromium, every person in a browser of their own: the facilitator's console and six
/// participants (three members signed in, three guests by join code; two guests on phones, one of them in Spanish),
/// through two café rounds, a consensus round with reveal and outcome, the Four Simple Questions and a depth poll.
/// Two phones lose their network on the way, for real (a TCP link between the browser and the host that fails; the
/// browser's offline mode leaves WebSockets open): one is cut off for 5 s, one stalls for 30 s. Both end with every
/// event shown once.
/// </summary>
[Collection(BrowserHostCollection.Name)]
public sealed partial class WholeConveningTests(BrowserHost host)
{
    private const string CafeTitle = "Family engagement café";
    private const string ConsensusTitle = "Homework help night";
    private const string QuestionsTitle = "Who else should be here";
    private const string PollTitle = "How deep are we";
    private const string Proposal = "Host a monthly homework help night at the library.";
    private static readonly float Long = 60_000;

    [Fact]
    public async Task Six_people_take_part_in_a_whole_convening_and_two_who_lose_their_network_miss_nothing()
    {
        var tenant = BrowserHost.TenantId;
        var facilitatorToken = (await host.SignInAsync(tenant, BrowserHost.FacilitatorEmail)).AccessToken;
        var api = host.ApiAs(facilitatorToken);
        var members = (await api.ListMembersAsync(tenant, Roster.OfTeam(BrowserHost.CafeTeamId))).ToDictionary(m => m.Email ?? m.DisplayName, m => m.Id);
        var title = $"Whole convening {Guid.NewGuid():N}"[..28];
        var convening = await api.CreateConveningAsync(tenant, new ConveningDraft
        {
            Title = title,
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = BrowserHost.CafeTeamId,
            Agenda =
            [
                new AgendaItemDraft
                {
                    Kind = ActivityKind.WorldCafe,
                    Title = CafeTitle,
                    Cafe = new CafeSettingsDraft
                    {
                        Tables =
                        [
                            new CafeTableDraft { HostId = members[Member.Teacher.Email], Question = "What gets in the way of homework?" },
                            new CafeTableDraft { HostId = members[Member.Principal.Email], Question = "Where do families feel welcome?" },
                        ],
                        RoundMinutes = 3,
                        Rounds = 2,
                    },
                },
                new AgendaItemDraft { Kind = ActivityKind.ConsensusBuilding, Title = ConsensusTitle, Consensus = new ConsensusSettingsDraft { Proposal = Proposal, HideResults = true } },
                new AgendaItemDraft { Kind = ActivityKind.FourSimpleQuestions, Title = QuestionsTitle },
                new AgendaItemDraft { Kind = ActivityKind.DepthPoll, Title = PollTitle, DepthPoll = new DepthPollSettingsDraft { RowIds = ["acknowledging-diversity"] } },
            ],
        });
        var id = convening.Id;
        var joinLink = await JoinLink(facilitatorToken, id);

        // The facilitator's console, on a laptop.
        await using var console = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var run = await console.NewPageAsync();
        await run.GotoAsync(new Uri(host.BaseAddress, $"/convenings/{id}/run").ToString());
        await run.GetByRole(AriaRole.Button, new() { NameRegex = SignInButton("Team facilitator (district)", BrowserHost.FacilitatorEmail) }).ClickAsync();
        await Assertions.Expect(run.GetByTestId("connection")).ToHaveTextAsync("Live", new() { Timeout = Long });

        // Six participants. The two phones reach the host through links that can fail.
        await using var rosaLink = new NetworkLink(FreePorts.Next(), host.BaseAddress.Port);
        await using var luciaLink = new NetworkLink(FreePorts.Next(), host.BaseAddress.Port);
        await using var rosa = await Guest(Through(joinLink, rosaLink), "Rosa Alvarez", "FamilyMember", spanish: false, phone: true);
        await using var lucia = await Guest(Through(joinLink, luciaLink), "Lucía Pérez", "FamilyMember", spanish: true, phone: true);
        await using var sam = await Guest(joinLink, "Sam Lee", "Student", spanish: false, phone: false);
        await using var teacher = await SignedIn(id, Member.Teacher);
        await using var principal = await SignedIn(id, Member.Principal);
        await using var mentor = await SignedIn(id, Member.Mentor);
        var everyone = new[] { rosa, lucia, sam, teacher, principal, mentor };

        await Assertions.Expect(run.GetByTestId("present-count")).ToHaveTextAsync("7 present", new() { Timeout = Long });
        await Assertions.Expect(run.GetByTestId("family-voices")).ToHaveTextAsync(new Regex("4 family voices$"));
        var agenda = run.GetByRole(AriaRole.Navigation, new() { Name = "Agenda" });

        // World Café: the tables come from the plan; the seating is shown before the round starts.
        await agenda.GetByRole(AriaRole.Button, new() { Name = $"Start {CafeTitle}" }).ClickAsync();
        var cafe = run.GetByRole(AriaRole.Region, new() { Name = $"World Café: {CafeTitle}" });
        await Assertions.Expect(cafe.GetByLabel("Question for table 1")).ToHaveValueAsync("What gets in the way of homework?");
        await cafe.GetByRole(AriaRole.Button, new() { Name = "Set the tables" }).ClickAsync();
        var preview = cafe.GetByRole(AriaRole.Region, new() { Name = "Next round: the seating before it starts" });
        await Assertions.Expect(preview).ToContainTextAsync("Round 1 would seat:");
        await cafe.GetByRole(AriaRole.Button, new() { Name = "Start round 1" }).ClickAsync();
        foreach (var person in everyone)
        {
            await Assertions.Expect(person.Page.GetByRole(AriaRole.Heading, new() { NameRegex = person.Spanish ? TableHeadingEs() : TableHeading() })).ToBeVisibleAsync(new() { Timeout = Long });
            await Assertions.Expect(person.Page.GetByRole(AriaRole.Timer)).ToHaveTextAsync(Clock());
        }

        // Rosa's phone is cut off for 5 s; meanwhile she writes a note herself (sent when she is back, once), another is
        // written and the facilitator messages every table.
        var rosaCut = rosa.Offline(rosaLink.Cut, TimeSpan.FromSeconds(5));
        await Task.Delay(500);
        await rosa.Page.GetByLabel("Write a note for this table").FillAsync("We need the bus schedule in Spanish.");
        await rosa.Page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Note(teacher, "Homework clubs need a quiet room.");
        await cafe.GetByLabel("Message", new() { Exact = true }).FillAsync("Two minutes left at your table");
        await cafe.GetByRole(AriaRole.Button, new() { Name = "Send to all tables" }).ClickAsync();
        await rosaCut;
        await Assertions.Expect(rosa.Page.GetByTestId("cafe-message")).ToHaveTextAsync("Two minutes left at your table", new() { Timeout = Long });
        await Assertions.Expect(rosa.Page.GetByTestId("connection")).ToContainTextAsync("You're back.", new() { Timeout = Long });
        await Assertions.Expect(rosa.Page.GetByTestId("table-note").Filter(new() { HasText = "We need the bus schedule in Spanish." })).ToHaveCountAsync(1, new() { Timeout = Long });

        // Lucía's phone stalls for 30 s, through the end of round 1, round 2 and the start of the consensus round.
        var luciaStall = lucia.Offline(luciaLink.Stall, TimeSpan.FromSeconds(30));
        await cafe.GetByRole(AriaRole.Button, new() { Name = "End now" }).ClickAsync();
        await Assertions.Expect(cafe).ToContainTextAsync("Round 1 has ended.");
        await Assertions.Expect(preview).ToContainTextAsync("Round 2 would seat:");
        await cafe.GetByRole(AriaRole.Button, new() { Name = "Start round 2" }).ClickAsync();
        await Note(principal, "Families feel welcome at the library.");
        await cafe.GetByRole(AriaRole.Button, new() { Name = "End now" }).ClickAsync();
        await Assertions.Expect(cafe).ToContainTextAsync("Round 2 has ended.");

        // Consensus: the plan's proposal with hidden results; everyone votes in their browser, one raises a concern.
        await agenda.GetByRole(AriaRole.Button, new() { Name = $"Start {ConsensusTitle}" }).ClickAsync();
        var consensus = run.GetByRole(AriaRole.Region, new() { Name = "Consensus building" });
        await Assertions.Expect(consensus.GetByLabel("Proposal")).ToHaveValueAsync(Proposal);
        await consensus.GetByRole(AriaRole.Button, new() { Name = "Open round 1" }).ClickAsync();
        foreach (var person in everyone.Where(p => p != lucia))
        {
            await person.Page.GetByRole(AriaRole.Button, new() { Name = person == rosa ? "3 fingers: I can live with it" : "4 fingers: I support it" }).ClickAsync(new() { Timeout = Long });
        }

        await rosa.Page.GetByLabel("Raise a concern (optional)").FillAsync("Evenings are hard for shift workers.");
        await rosa.Page.GetByRole(AriaRole.Button, new() { Name = "Send concern" }).ClickAsync();
        await Assertions.Expect(consensus.GetByTestId("vote-count")).ToHaveTextAsync("5 votes. Results are hidden from participants.");

        // Lucía's phone comes back: the café's two rounds and the open round, each once, in Spanish; then she votes.
        await luciaStall;
        await Assertions.Expect(lucia.Page.GetByRole(AriaRole.Heading, new() { Name = "¿Está de acuerdo?" })).ToBeVisibleAsync(new() { Timeout = Long });
        await Assertions.Expect(lucia.Page.GetByTestId("concern")).ToHaveCountAsync(1);
        await lucia.Page.GetByRole(AriaRole.Button, new() { Name = "4 dedos: lo apoyo" }).ClickAsync();
        await Assertions.Expect(consensus.GetByTestId("vote-count")).ToHaveTextAsync("6 votes. Results are hidden from participants.");

        await consensus.GetByRole(AriaRole.Button, new() { Name = "Reveal results" }).ClickAsync();
        foreach (var person in everyone)
        {
            var results = person.Page.GetByTestId("results");
            await Assertions.Expect(results).ToBeVisibleAsync(new() { Timeout = Long });
            await Assertions.Expect(person.Page.GetByTestId("concern")).ToHaveCountAsync(1);
        }

        await consensus.GetByRole(AriaRole.Button, new() { Name = "Close the round" }).ClickAsync();
        await consensus.GetByRole(AriaRole.Button, new() { Name = "Consensus reached" }).ClickAsync();
        await Assertions.Expect(consensus.GetByTestId("outcome")).ToHaveTextAsync("Outcome recorded: Consensus reached.");

        // The Four Simple Questions: answers from three browsers, upvotes from two others.
        await agenda.GetByRole(AriaRole.Button, new() { Name = $"Start {QuestionsTitle}" }).ClickAsync();
        await Answer(mentor, 2, "Grandparents who pick children up");
        await Answer(sam, 2, "The bus drivers");
        await Answer(rosa, 1, "Safety after school");
        await rosa.Page.GetByRole(AriaRole.Button, new() { Name = "Upvote: The bus drivers" }).ClickAsync(new() { Timeout = Long });
        await teacher.Page.GetByRole(AriaRole.Button, new() { Name = "Upvote: The bus drivers" }).ClickAsync(new() { Timeout = Long });
        var questions = run.GetByRole(AriaRole.Region, new() { Name = "Four Simple Questions" });
        await Assertions.Expect(questions.Locator("[data-question='2'] li").First).ToContainTextAsync("The bus drivers 2 upvotes", new() { Timeout = Long });
        await questions.GetByRole(AriaRole.Button, new() { Name = "Save the answers" }).ClickAsync();

        // The depth poll on the plan's row: four people rate it; the team's consensus rating is recorded from the spread.
        await agenda.GetByRole(AriaRole.Button, new() { Name = $"Start {PollTitle}" }).ClickAsync();
        var poll = run.GetByRole(AriaRole.Region, new() { Name = "Depth poll" });
        await Assertions.Expect(poll.GetByLabel("Acknowledging and valuing diversity")).ToBeCheckedAsync();
        await poll.GetByRole(AriaRole.Button, new() { Name = "Open the poll" }).ClickAsync();
        foreach (var person in new[] { rosa, sam, teacher, mentor })
        {
            var row = person.Page.GetByRole(AriaRole.Group, new() { Name = "Acknowledging and valuing diversity" });
            await row.GetByLabel("Informing: attainment").SelectOptionAsync("100", new() { Timeout = Long });
            await row.GetByLabel("Networking: attainment").SelectOptionAsync(person == rosa ? "40" : "80");
            await person.Page.GetByRole(AriaRole.Button, new() { Name = "Send my rating" }).ClickAsync();
        }

        var spread = poll.GetByTestId("poll-spread").Locator("tr[data-row='acknowledging-diversity']");
        await Assertions.Expect(spread.Locator(".ratings")).ToHaveTextAsync("4", new() { Timeout = Long });
        await Assertions.Expect(spread.Locator(".mean")).ToHaveTextAsync("1.70");
        await poll.GetByRole(AriaRole.Button, new() { Name = "Record the consensus rating" }).ClickAsync();
        await Assertions.Expect(poll.GetByTestId("poll-recorded")).ToHaveTextAsync("The team's consensus rating is recorded.");

        var closing = run.GetByRole(AriaRole.Region, new() { Name = "Close the convening" });
        await closing.GetByRole(AriaRole.Button, new() { Name = "Close the convening" }).ClickAsync();
        await closing.GetByRole(AriaRole.Button, new() { Name = "Yes, close it" }).ClickAsync();

        // Every browser ends on the same convening, each event once: two notes, one concern, three answers.
        foreach (var person in everyone)
        {
            await Assertions.Expect(person.Page.GetByText(person.Spanish ? "Esta reunión terminó. Gracias por participar." : "This convening has ended. Thank you for taking part.")).ToBeVisibleAsync(new() { Timeout = Long });
        }

        // Access tokens here live 65 s (BrowserHost): the summary is read with a fresh one.
        var summary = await host.ApiAs((await host.SignInAsync(tenant, BrowserHost.FacilitatorEmail)).AccessToken).GetConveningSummaryAsync(tenant, id);
        Assert.Equal(ConsensusOutcome.ConsensusReached, summary.Decision.Outcome);
        Assert.Equal(6, Assert.Single(summary.Decision.Rounds).Tally.Sum());
        Assert.Equal(3, summary.FourQuestions!.Answers.Count);
        Assert.Equal(7, summary.Attendance.Participants);
        Assert.Equal(3, summary.Attendance.Guests);
        Assert.Equal(3, summary.Attendance.FamilyVoices);
        Assert.NotNull(summary.DepthPoll!.ConsensusRatingId);
    }

    /// <summary>The link of a new join code for the convening's guests, as the host gives it.</summary>
    private async Task<Uri> JoinLink(string facilitatorToken, string conveningId)
    {
        using var client = host.ClientWith(facilitatorToken);
        var response = await client.PostAsJsonAsync($"/api/tenants/{BrowserHost.TenantId}/convenings/{conveningId}/join-codes", new { label = "Families and partners" });
        response.EnsureSuccessStatusCode();
        return new Uri((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("link").GetString()!);
    }

    /// <summary>The join link, reached through <paramref name="link"/> (its own port on loopback).</summary>
    private static Uri Through(Uri joinLink, NetworkLink link) => new UriBuilder(joinLink) { Port = link.Port }.Uri;

    private async Task<Participant> Guest(Uri joinLink, string name, string role, bool spanish, bool phone)
    {
        var context = await host.Browser.NewContextAsync(phone ? LiveFacilitator.Phone() : new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 768 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(joinLink.ToString());
        if (spanish)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        }

        await page.GetByLabel(spanish ? "Su nombre" : "Your name").FillAsync(name);
        await page.GetByLabel(spanish ? "Participo como" : "I take part as").SelectOptionAsync(role);
        await page.GetByRole(AriaRole.Button, new() { Name = spanish ? "Unirse" : "Join", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("connection")).ToContainTextAsync(spanish ? $"Está aquí como {name}." : $"You are here as {name}.", new() { Timeout = Long });
        return new Participant(context, page, spanish);
    }

    /// <summary>A member opens the convening's live page, signs in there and comes back to it, joined under their name.</summary>
    private async Task<Participant> SignedIn(string conveningId, Member member)
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 768 } });
        var page = await context.NewPageAsync();
        var live = new Uri(host.BaseAddress, $"/convenings/{conveningId}/live");
        await page.GotoAsync(live.ToString());
        await page.GetByRole(AriaRole.Button, new() { NameRegex = SignInButton(member.Name, member.Email) }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(live.ToString());
        await Assertions.Expect(page.GetByTestId("connection")).ToContainTextAsync($"You are here as {member.Name}.", new() { Timeout = Long });
        return new Participant(context, page, Spanish: false);
    }

    private static async Task Note(Participant person, string text)
    {
        await person.Page.GetByLabel("Write a note for this table").FillAsync(text);
        await person.Page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(person.Page.GetByTestId("table-note").Filter(new() { HasText = text })).ToHaveCountAsync(1);
    }

    private static async Task Answer(Participant person, int question, string text)
    {
        var block = person.Page.Locator($"[data-question='{question}']");
        await block.GetByLabel("Your answer").FillAsync(text, new() { Timeout = Long });
        await block.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
        await Assertions.Expect(block.GetByRole(AriaRole.Listitem).Filter(new() { HasText = text })).ToHaveCountAsync(1);
    }

    private static Regex SignInButton(string name, string email) => new($"^{Regex.Escape(name)} — {Regex.Escape(email)} ");

    [GeneratedRegex(@"^Your table: Table \d$")]
    private static partial Regex TableHeading();

    [GeneratedRegex(@"^Su mesa: Mesa \d$")]
    private static partial Regex TableHeadingEs();

    [GeneratedRegex(@"^\d+:\d\d$")]
    private static partial Regex Clock();

    /// <summary>The demo CAFÉ team's members who sign in.</summary>
    private sealed record Member(string Name, string Email)
    {
        public static readonly Member Teacher = new("Special education teacher", "teacher@cafe.example");
        public static readonly Member Principal = new("High school principal", "principal@cafe.example");
        public static readonly Member Mentor = new("Parent mentor", "parent.mentor@cafe.example");
    }

    /// <summary>One person's browser: their own context (cookies, storage, language) and the convening's page.</summary>
    private sealed record Participant(IBrowserContext Context, IPage Page, bool Spanish) : IAsyncDisposable
    {
        /// <summary>
        /// The network fails for <paramref name="duration"/> the way <paramref name="fail"/> fails it; the device says
        /// so too (its offline mode), as a phone does when it loses its network.
        /// </summary>
        public async Task Offline(Func<TimeSpan, Task> fail, TimeSpan duration)
        {
            await Context.SetOfflineAsync(true);
            await fail(duration);
            await Context.SetOfflineAsync(false);
        }

        public async ValueTask DisposeAsync() => await Context.DisposeAsync();
    }
}
