using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LbcCommunity.Browser.Tests.Infrastructure;
using LbcCommunity.Client;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.Rubrics;
using LbcCommunity.Stories;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests;

/// <summary>
/// Success stories in Chromium on the demo tenant: a CAFÉ member writes the CAFÉ story from the template (a refusal
/// named beside its field first) and submits it; a facilitator of the Parent Mentors community publishes it; a member
/// of a team that stands where CAFÉ started finds it under "Stories of teams like mine" on their team's page, reacts
/// and comments, in English and Spanish, on a phone; a member of another community cannot see a community-only story.
/// Every page is axe-core clean at 1280 and 390 px. The row and the other team are read from the ratings, never assumed.
/// </summary>
[Collection(BrowserHostCollection.Name)]
public sealed class StoriesPageTests(BrowserHost host)
{
    private const string CommunityId = "parent-mentors";
    private const string CommunityName = "Parent Mentors Community of Practice";
    private const string AuthorEmail = "principal@cafe.example";
    private const string AuthorName = "High school principal";

    [Fact]
    public async Task A_member_writes_the_cafe_story_a_facilitator_publishes_it_and_a_team_like_cafe_finds_it_and_comments()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var admin = await Api(BrowserHost.StateAdminEmail);
        var initiative = await admin.GetInitiativeAsync(BrowserHost.TenantId, BrowserHost.InitiativeId);
        var rubric = await admin.GetRubricVersionAsync(BrowserHost.TenantId, initiative.RubricVersion);
        var (row, from, to, otherTeam) = await RowAndTeamLikeCafe(admin, rubric);
        var rowTitle = row.Title["en"];

        // The people: the author joins the community, which gets a facilitator; a member of the other team; a member of another community.
        var facilitator = new Person("Parent mentors facilitator", $"zz-pm-facilitator-{unique}@pm.example");
        var reader = new Person($"Reader {unique}", $"zz-reader-{unique}@team.example");
        var outsider = new Person($"Transition member {unique}", $"zz-transition-{unique}@transition.example");
        await admin.AddMemberAsync(BrowserHost.TenantId, Roster.OfCommunity(CommunityId), new MemberDraft { DisplayName = AuthorName, Email = AuthorEmail, StakeholderRole = StakeholderRole.Principal });
        await admin.AddMemberAsync(BrowserHost.TenantId, Roster.OfCommunity(CommunityId), new MemberDraft { DisplayName = facilitator.Name, Email = facilitator.Email, StakeholderRole = StakeholderRole.ParentMentor, IsFacilitator = true });
        await admin.AddMemberAsync(BrowserHost.TenantId, Roster.OfTeam(otherTeam.Id), new MemberDraft { DisplayName = reader.Name, Email = reader.Email, StakeholderRole = StakeholderRole.Teacher });
        await admin.AddMemberAsync(BrowserHost.TenantId, Roster.OfCommunity("transition"), new MemberDraft { DisplayName = outsider.Name, Email = outsider.Email, StakeholderRole = StakeholderRole.FamilyMember });
        var communityUrl = Url($"/communities/{CommunityId}/stories");

        // The author signs in from the community's stories and opens the template.
        await using var authorDesk = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = PageChecks.Wide });
        var author = await authorDesk.NewPageAsync();
        await author.GotoAsync(communityUrl);
        await SignIn(author, new Person(AuthorName, AuthorEmail));
        await Assertions.Expect(author.GetByRole(AriaRole.Heading, new() { Name = $"Stories of {CommunityName}", Level = 1 })).ToBeVisibleAsync();
        await PageChecks.AssertCleanWideAndOnAPhone(author);
        await author.GetByRole(AriaRole.Link, new() { Name = "Write a story from the template" }).ClickAsync();
        await Assertions.Expect(author.GetByRole(AriaRole.Heading, new() { Name = $"Write a story for {CommunityName}", Level = 1 })).ToBeVisibleAsync();

        var title = $"CAFÉ: from a defensive position to an offensive one {unique}";
        await author.GetByLabel("Summary (one or two sentences)").FillAsync("Manchester's CAFÉ team raised the graduation rate with families at the table.");
        await author.GetByLabel("Kind of challenge").SelectOptionAsync("Adaptive");
        await author.GetByLabel("What was the challenge?").FillAsync("Declining scores, absenteeism, low parent involvement, a low graduation rate and high turnover.");
        await author.GetByRole(AriaRole.Checkbox, new() { Name = "Doing the work together" }).CheckAsync();
        await author.GetByRole(AriaRole.Checkbox, new() { Name = "Ensuring relevant participation" }).CheckAsync();
        await author.GetByRole(AriaRole.Checkbox, new() { Name = "Dialogue Guide" }).CheckAsync();
        await author.GetByRole(AriaRole.Checkbox, new() { Name = "World Café" }).CheckAsync();
        await FillOutcome(author, 1, "Graduation rate, regular education", "60", "94.7", "students in regular education");
        await author.GetByRole(AriaRole.Button, new() { Name = "Add an outcome" }).ClickAsync();
        await FillOutcome(author, 2, "Graduation rate, special education", "28", "63", "students with disabilities");
        await author.GetByRole(AriaRole.Button, new() { Name = "Add an outcome" }).ClickAsync();
        await author.GetByRole(AriaRole.Button, new() { Name = "Remove outcome 3" }).ClickAsync();
        await author.GetByLabel("Team", new() { Exact = true }).SelectOptionAsync(BrowserHost.CafeTeamId);
        await author.GetByLabel("Rubric row", new() { Exact = true }).SelectOptionAsync(row.Id);
        await author.Locator("#story-quote").FillAsync("Together, we switched from a defensive position to an offensive one.");
        await author.GetByLabel("Who said it").FillAsync("A CAFÉ parent");
        // The body: Markdown, with markup a sanitizer must take out (twice: on the server and in the browser).
        await author.Locator("#story-body").FillAsync(
            "We built academic support, mentorship, homeroom monitors and **FBI** (Fathers Being Involved).\n\n"
            + "<img src=\"x\" alt=\"A photo of the team\" onerror=\"window.__pwned = 1\"><script>window.__pwned = 2</script>");
        await author.GetByLabel("Who may read it once published").SelectOptionAsync("State");
        await author.GetByLabel("Tags (lower-case, separated by commas)").FillAsync("graduation, family-engagement");

        // No title: the server's refusal is shown beside the field, and nothing is stored.
        await author.GetByRole(AriaRole.Button, new() { Name = "Save and submit for review" }).ClickAsync();
        await Assertions.Expect(author.Locator("#story-title-problem")).ToContainTextAsync("title");
        await Assertions.Expect(author.GetByLabel("Title", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.DoesNotContain(await CommunityStories(AuthorEmail), s => s.Summary?.Contains("Manchester's CAFÉ team", StringComparison.Ordinal) == true && s.Title.EndsWith(unique, StringComparison.Ordinal));
        await PageChecks.AssertCleanWideAndOnAPhone(author);

        await author.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await author.GetByRole(AriaRole.Button, new() { Name = "Save and submit for review" }).ClickAsync();
        await Assertions.Expect(author.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(author.Locator(".meta")).ToContainTextAsync("Submitted");
        var storyId = Uri.UnescapeDataString(new Uri(author.Url).AbsolutePath.Split('/')[^1]);
        var stored = await ReadStory(AuthorEmail, storyId);
        Assert.Equal(StoryStatus.Submitted, stored.Status);
        Assert.Equal(from, Assert.Single(stored.DepthChanges).From);
        Assert.Equal(2, stored.Outcomes.Count);
        Assert.Equal(94.7m, stored.Outcomes[0].Result);
        await PageChecks.AssertCleanWideAndOnAPhone(author);

        // The community's facilitator finds it waiting for review and publishes it.
        await using var facilitatorDesk = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = PageChecks.Wide });
        var review = await facilitatorDesk.NewPageAsync();
        await review.GotoAsync(communityUrl);
        await SignIn(review, facilitator);
        var waiting = review.GetByRole(AriaRole.List, new() { Name = "Waiting for your review" });
        await Assertions.Expect(waiting).ToContainTextAsync(title);
        await PageChecks.AssertCleanWideAndOnAPhone(review);
        await waiting.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await review.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(review.GetByRole(AriaRole.Status).Filter(new() { HasText = "The story is published." })).ToBeVisibleAsync();
        await Assertions.Expect(review.Locator(".meta")).ToContainTextAsync("Published");
        await PageChecks.AssertCleanWideAndOnAPhone(review);

        // A member of a team that stands where CAFÉ started finds it on their team's page, on a phone.
        await using var phone = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = PageChecks.Phone, IsMobile = true, HasTouch = true });
        var member = await phone.NewPageAsync();
        await member.GotoAsync(Url($"/teams/{otherTeam.Id}"));
        await SignIn(member, reader);
        var likeMine = member.GetByRole(AriaRole.Region, new() { Name = "Stories of teams like mine" });
        await Assertions.Expect(likeMine.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        await Assertions.Expect(likeMine).ToContainTextAsync($"{rowTitle}: {from} → {to}");
        await likeMine.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();

        // The story as a person reads it: the challenge, the outcomes table, the depth change, the quote, the body without its hostile markup.
        await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(member.GetByText("An adaptive challenge")).ToBeVisibleAsync();
        var outcomes = member.GetByRole(AriaRole.Table);
        await Assertions.Expect(outcomes.Locator("thead")).ToHaveTextAsync("MeasureBaselineResultPeriodPopulationSource");
        await Assertions.Expect(outcomes.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("Graduation rate, regular education60 %94.7 %4th year");
        await Assertions.Expect(outcomes.GetByRole(AriaRole.Row).Nth(2)).ToContainTextAsync("28 %63 %");
        await Assertions.Expect(member.Locator("#depth-heading + ul")).ToContainTextAsync($"{rowTitle}: {from} → {to}, FY");
        await Assertions.Expect(member.Locator("blockquote")).ToHaveTextAsync("Together, we switched from a defensive position to an offensive one.");
        await Assertions.Expect(member.Locator(".body strong")).ToHaveTextAsync("FBI");
        Assert.Equal(0, await member.Locator(".body script, .body [onerror]").CountAsync());
        Assert.Null(await member.EvaluateAsync<int?>("() => window.__pwned ?? null"));

        // A reaction and a comment.
        await member.GetByRole(AriaRole.Button, new() { Name = "Inspiring (0)" }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Button, new() { Name = "Inspiring (1)" })).ToHaveAttributeAsync("aria-pressed", "true");
        await member.GetByLabel("Your comment").FillAsync("We will try homeroom monitors at our high school.");
        await member.GetByRole(AriaRole.Button, new() { Name = "Comment", Exact = true }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your comment is posted." })).ToBeVisibleAsync();
        await Assertions.Expect(member.Locator(".comments")).ToContainTextAsync($"{reader.Name}, ");
        await Assertions.Expect(member.Locator(".comments")).ToContainTextAsync("We will try homeroom monitors at our high school.");

        // The writer edits their own comment: an empty text is refused beside the field, then the change is saved.
        await member.GetByRole(AriaRole.Button, new() { Name = "Edit the comment of" }).ClickAsync();
        await member.GetByLabel("Change your comment").FillAsync("   ");
        await member.GetByRole(AriaRole.Button, new() { Name = "Save the comment" }).ClickAsync();
        await Assertions.Expect(member.GetByLabel("Change your comment")).ToHaveAttributeAsync("aria-invalid", "true");
        await PageChecks.AssertCleanWideAndOnAPhone(member);
        await member.GetByLabel("Change your comment").FillAsync("We will try homeroom monitors at both high schools.");
        await member.GetByRole(AriaRole.Button, new() { Name = "Save the comment" }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your comment is changed." })).ToBeVisibleAsync();
        await Assertions.Expect(member.Locator(".comments li").First).ToContainTextAsync("edited");
        await Assertions.Expect(member.Locator(".comments")).ToContainTextAsync("We will try homeroom monitors at both high schools.");
        await PageChecks.AssertCleanWideAndOnAPhone(member);

        // The same page in Spanish, for families: the template's words and the discussion.
        await member.GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Name = "Resultados", Level = 2 })).ToBeVisibleAsync();
        await Assertions.Expect(member.GetByText("Un desafío adaptativo")).ToBeVisibleAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Table).Locator("thead")).ToHaveTextAsync("MedidaPunto de partidaResultadoPeríodoPoblaciónFuente");
        await Assertions.Expect(member.GetByRole(AriaRole.Button, new() { Name = "Inspirador (1)" })).ToBeVisibleAsync();
        await member.GetByLabel("Su comentario").FillAsync("Gracias por compartir su historia.");
        await member.GetByRole(AriaRole.Button, new() { Name = "Comentar", Exact = true }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Status).Filter(new() { HasText = "Su comentario está publicado." })).ToBeVisibleAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Button, new() { Name = "Editar el comentario del" })).ToHaveCountAsync(2);
        await PageChecks.AssertCleanWideAndOnAPhone(member);
        await member.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        var comments = await Send<List<StoryComment>>(reader.Email, HttpMethod.Get, $"stories/{storyId}/comments");
        Assert.Equal<string>(["We will try homeroom monitors at both high schools.", "Gracias por compartir su historia."], comments.Select(c => c.Text));
        Assert.NotNull(comments[0].EditedAt);
        Assert.Null(comments[1].EditedAt);

        // A community-only story of Parent Mentors, published: a member of another community is told there is none.
        var secret = await Send<Story>(AuthorEmail, HttpMethod.Post, $"communities/{CommunityId}/stories", new StoryDraft
        {
            Title = $"Our parent mentors' first year {unique}",
            Body = "Only for the community.",
            Visibility = StoryVisibility.Community,
        });
        var submitted = await Send<Story>(AuthorEmail, HttpMethod.Post, $"stories/{secret.Id}/transitions", new StoryTransition { Action = StoryAction.Submit });
        if (submitted.Status != StoryStatus.Published)
        {
            await Send<Story>(facilitator.Email, HttpMethod.Post, $"stories/{secret.Id}/transitions", new StoryTransition { Action = StoryAction.Publish });
        }

        await using var elsewhere = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = PageChecks.Wide });
        var stranger = await elsewhere.NewPageAsync();
        await stranger.GotoAsync(Url($"/stories/{secret.Id}"));
        await SignIn(stranger, outsider);
        await Assertions.Expect(stranger.GetByRole(AriaRole.Alert)).ToHaveTextAsync("There is no story here, or it is not yours to see.");
        await PageChecks.AssertCleanWideAndOnAPhone(stranger);
        await stranger.GotoAsync(communityUrl);
        await Assertions.Expect(stranger.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        await Assertions.Expect(stranger.GetByText(secret.Title)).ToHaveCountAsync(0);
        await PageChecks.AssertCleanWideAndOnAPhone(stranger);

        // And the story's community reads it.
        await author.GotoAsync(Url($"/stories/{secret.Id}"));
        await Assertions.Expect(author.GetByRole(AriaRole.Heading, new() { Name = secret.Title, Level = 1 })).ToBeVisibleAsync();
        using var refused = await host.ClientWith((await host.SignInAsync(BrowserHost.TenantId, outsider.Email)).AccessToken)
            .GetAsync($"/api/tenants/{BrowserHost.TenantId}/stories/{secret.Id}");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    private sealed record Person(string Name, string Email);

    /// <summary>
    /// A rubric row on which CAFÉ's consensus ratings went deeper, and a team (not CAFÉ) whose latest consensus stands
    /// at CAFÉ's first level there: the team "teams like mine" should show CAFÉ's story to.
    /// </summary>
    private static async Task<(RubricRow Row, DepthLevel From, DepthLevel To, Team Team)> RowAndTeamLikeCafe(LbcCommunityClient admin, RubricVersion rubric)
    {
        var cafe = await admin.ListRatingsAsync(BrowserHost.TenantId, BrowserHost.CafeTeamId, RatingKind.Consensus);
        var teams = (await admin.ListTeamsAsync(BrowserHost.TenantId, BrowserHost.InitiativeId)).Where(t => t.Id != BrowserHost.CafeTeamId).ToList();
        var levels = new Dictionary<string, IReadOnlyDictionary<string, DepthLevel>>();
        foreach (var team in teams)
        {
            levels[team.Id] = StoryRules.CurrentLevels(await admin.ListRatingsAsync(BrowserHost.TenantId, team.Id, RatingKind.Consensus));
        }

        foreach (var row in rubric.Rows)
        {
            var points = cafe.OrderBy(r => r.RatedAt).ThenBy(r => r.Sequence)
                .Select(r => r.Rows.FirstOrDefault(x => x.RowId == row.Id)?.LevelReached ?? 0).Where(l => l > 0).ToList();
            if (points.Count < 2 || points[^1] <= points[0])
            {
                continue;
            }

            var (from, to) = ((DepthLevel)points[0], (DepthLevel)points[^1]);
            var like = teams.FirstOrDefault(t => levels[t.Id].TryGetValue(row.Id, out var level) && level == from);
            if (like is not null)
            {
                return (row, from, to, like);
            }
        }

        throw new InvalidOperationException("The demo data holds no row on which CAFÉ went deeper from a level another team stands at.");
    }

    private static async Task FillOutcome(IPage page, int n, string measure, string baseline, string result, string population)
    {
        var outcome = page.GetByRole(AriaRole.Group, new() { Name = $"Outcome {n}", Exact = true });
        await outcome.GetByLabel("Measure", new() { Exact = true }).FillAsync(measure);
        await outcome.GetByLabel("Baseline", new() { Exact = true }).FillAsync(baseline);
        await outcome.GetByLabel("Result", new() { Exact = true }).FillAsync(result);
        await outcome.GetByLabel("Period", new() { Exact = true }).FillAsync("4th year");
        await outcome.GetByLabel("Population", new() { Exact = true }).FillAsync(population);
        await outcome.GetByLabel("Source", new() { Exact = true }).FillAsync("Georgia DOE graduation report");
        await outcome.GetByLabel("Verified by", new() { Exact = true }).FillAsync("GraduateFIRST evaluator");
    }

    private static async Task SignIn(IPage page, Person person) =>
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{Regex.Escape(person.Name)} — {Regex.Escape(person.Email)} \\(ga: ") }).ClickAsync();

    private string Url(string path) => new Uri(host.BaseAddress, path).ToString();

    private async Task<LbcCommunityClient> Api(string email) => host.ApiAs((await host.SignInAsync(BrowserHost.TenantId, email)).AccessToken);

    private Task<List<Story>> CommunityStories(string email) => Send<List<Story>>(email, HttpMethod.Get, $"communities/{CommunityId}/stories");

    private Task<Story> ReadStory(string email, string storyId) => Send<Story>(email, HttpMethod.Get, $"stories/{storyId}");

    /// <summary>A stories call of the REST API as <paramref name="email"/> (the typed client has none yet).</summary>
    private async Task<T> Send<T>(string email, HttpMethod method, string path, object? body = null)
    {
        using var http = host.ClientWith((await host.SignInAsync(BrowserHost.TenantId, email)).AccessToken);
        using var request = new HttpRequestMessage(method, $"/api/tenants/{BrowserHost.TenantId}/{path}")
        {
            Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: LbcCommunityClient.JsonOptions),
        };
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(LbcCommunityClient.JsonOptions))!;
    }
}
