using System.Net;
using LbcCommunity.Browser.Tests.Infrastructure;
using LbcCommunity.Organization;
using LbcCommunity.Stories;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests;

/// <summary>
/// The search's filters kept in the page's address, and the public page of a story shared with anyone holding its
/// link, in Chromium. The demo's CAFÉ story is found by a linked search naming words, its row's depth change, a
/// measure, its region and its year (the page shows what the API answers for the same search); a refusal is shown
/// beside the field it names. A story published for "anyone with the link" is read signed out, in English and Spanish,
/// with its picture; a wrong link says so. axe-core clean at 1280 and 390 px.
/// </summary>
[Collection(BrowserHostCollection.Name)]
public sealed class StorySearchAndSharePageTests(BrowserHost host)
{
    private const string CafeStoryId = "cafe-defense-to-offense";
    private readonly StoryCalls _calls = new(host);

    [Fact]
    public async Task A_search_opened_from_its_link_applies_every_filter_and_the_form_writes_them_back_to_the_address()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var reader = await _calls.JoinCommunity(StoryCalls.ParentMentors, $"Searching parent {unique}", $"zz-search-{unique}@family.example", StakeholderRole.FamilyMember);
        var cafe = await _calls.Story(BrowserHost.StateAdminEmail, CafeStoryId);
        var change = cafe.DepthChanges[0];
        var year = cafe.PublishedAt!.Value.Year;
        var query = $"q=graduation&rowId={change.RowId}&from={change.From}&to={change.To}&measure={Uri.EscapeDataString("Graduation rate")}&regionId={cafe.RegionId}&year={year}";
        var expected = await _calls.Send<StorySearchPage>(reader.Email, HttpMethod.Get, $"stories?{query}&communityId={StoryCalls.ParentMentors}");
        Assert.Contains(expected.Hits, h => h.StoryId == CafeStoryId);

        await using var desk = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = PageChecks.Wide });
        var page = await desk.NewPageAsync();
        await page.GotoAsync(_calls.Url($"/communities/{StoryCalls.ParentMentors}/stories?{query}"));
        await StoryCalls.SignIn(page, reader);

        // The form shows the search the address names, and the results are the API's for it.
        var search = page.GetByRole(AriaRole.Search, new() { Name = "Search the stories" });
        await Assertions.Expect(search.GetByLabel("Words")).ToHaveValueAsync("graduation");
        await Assertions.Expect(search.GetByLabel("Rubric row")).ToHaveValueAsync(change.RowId);
        await Assertions.Expect(search.GetByLabel("Depth change from")).ToHaveValueAsync(change.From.ToString());
        await Assertions.Expect(search.GetByLabel("to", new() { Exact = true })).ToHaveValueAsync(change.To.ToString());
        await Assertions.Expect(search.GetByLabel("Outcome measure")).ToHaveValueAsync("Graduation rate");
        await Assertions.Expect(search.GetByLabel("Region")).ToHaveValueAsync(cafe.RegionId!);
        await Assertions.Expect(search.GetByLabel("Year published")).ToHaveValueAsync(year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "found" })).ToHaveTextAsync(expected.Total == 1 ? "1 story found" : $"{expected.Total} stories found");
        var results = page.Locator("#stories-heading ~ .story-list .story-link");
        await Assertions.Expect(results).ToHaveTextAsync(expected.Hits.Select(h => h.Title).ToArray());
        await PageChecks.AssertCleanWideAndOnAPhone(page);

        // Another year finds nothing; the form writes the search into the address, which can be linked.
        await search.GetByLabel("Year published").FillAsync("2001");
        await search.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "found" })).ToHaveTextAsync("0 stories found");
        var address = new Uri(page.Url);
        var kept = System.Web.HttpUtility.ParseQueryString(address.Query);
        Assert.Equal(("2001", change.RowId, change.From.ToString(), change.To.ToString(), "Graduation rate"), (kept["year"], kept["rowId"], kept["from"], kept["to"], kept["measure"]));
        await page.GoBackAsync();
        await Assertions.Expect(results).ToHaveTextAsync(expected.Hits.Select(h => h.Title).ToArray());

        // A depth change without its row: the server's refusal, shown beside the row.
        await page.GotoAsync(_calls.Url($"/communities/{StoryCalls.ParentMentors}/stories?from=Networking"));
        await Assertions.Expect(page.Locator("#story-row-problem")).ToContainTextAsync("rowId");
        await Assertions.Expect(search.GetByLabel("Rubric row")).ToHaveAttributeAsync("aria-invalid", "true");
        await PageChecks.AssertCleanWideAndOnAPhone(page);

        // In Spanish, on a phone.
        await page.GotoAsync(_calls.Url($"/communities/{StoryCalls.ParentMentors}/stories?{query}"));
        await page.SetViewportSizeAsync(PageChecks.Phone.Width, PageChecks.Phone.Height);
        await page.GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Cambio de profundidad desde")).ToHaveValueAsync(change.From.ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = cafe.Title })).ToBeVisibleAsync();
        await PageChecks.AssertCleanWideAndOnAPhone(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
    }

    [Fact]
    public async Task A_story_shared_with_anyone_with_the_link_is_read_signed_out_in_english_and_spanish()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var author = await _calls.JoinCommunity(StoryCalls.ParentMentors, $"Sharing author {unique}", $"zz-share-author-{unique}@pm.example", StakeholderRole.Teacher);
        var facilitator = await _calls.JoinCommunity(StoryCalls.ParentMentors, $"Sharing facilitator {unique}", $"zz-share-facilitator-{unique}@pm.example", StakeholderRole.ParentMentor, facilitator: true);
        const string altText = "Fathers and students at the FBI breakfast";
        var title = $"Fathers Being Involved {unique}";
        var story = await _calls.Draft(author, new StoryDraft
        {
            Title = title,
            Summary = "Fathers came to breakfast, then to the classroom.",
            Challenge = new StoryChallenge { Kind = ChallengeKind.Adaptive, Text = "Few fathers came to school." },
            Outcomes = [new StoryOutcome { Measure = "Fathers at school events", Baseline = 12m, Result = 85m, Unit = "fathers", Period = "Year 3", Source = "Sign-in sheets" }],
            Quotes = [new StoryQuote { Text = "Together, we switched from a defensive position to an offensive one.", Who = "A CAFÉ parent" }],
            Body = "Breakfast first. **Then** the classroom.",
            Visibility = StoryVisibility.Link,
        });
        await _calls.Attach(author, story.Id, "breakfast.png", altText, StoryCalls.Png);
        await _calls.Publish(author, facilitator, story.Id);
        var token = (await _calls.Story(author.Email, story.Id)).ShareToken;
        Assert.False(string.IsNullOrEmpty(token));
        var link = _calls.Url($"/read/{BrowserHost.TenantId}/{story.Id}/{token}");

        // The author finds the link to hand on, on the story's page.
        await using var desk = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = PageChecks.Wide });
        var authorPage = await desk.NewPageAsync();
        await authorPage.GotoAsync(_calls.Url($"/stories/{story.Id}"));
        await StoryCalls.SignIn(authorPage, author);
        await Assertions.Expect(authorPage.GetByLabel("The story's link")).ToHaveValueAsync(link);
        await PageChecks.AssertCleanWideAndOnAPhone(authorPage);

        // Anyone with it, signed out, on a phone: no sign-in, the story and its picture.
        await using var phone = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = PageChecks.Phone, IsMobile = true, HasTouch = true });
        var page = await phone.NewPageAsync();
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        Assert.Equal(new Uri(link).AbsolutePath, new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.GetByText($"A success story shared by {author.Name}")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("An adaptive challenge")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("Fathers at school events12 fathers85 fathersYear 3");
        await Assertions.Expect(page.Locator("blockquote")).ToHaveTextAsync("Together, we switched from a defensive position to an offensive one.");
        await Assertions.Expect(page.Locator(".body strong")).ToHaveTextAsync("Then");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = altText })).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.picture img')].every(i => i.complete && i.naturalWidth > 0)");
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).CountAsync());
        await PageChecks.AssertCleanWideAndOnAPhone(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Una historia de éxito compartida por {author.Name}")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Un desafío adaptativo")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Imágenes y archivos", Level = 2 })).ToBeVisibleAsync();
        await PageChecks.AssertCleanWideAndOnAPhone(page);

        // A wrong token: the page says the link does not open a story (the server answers 404, as for any other miss).
        await page.GotoAsync(_calls.Url($"/read/{BrowserHost.TenantId}/{story.Id}/not-the-token"));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Este enlace no abre ninguna historia. Puede estar mal escrito, o la historia ya no se comparte.");
        await PageChecks.AssertCleanWideAndOnAPhone(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This link does not open a story. It may be mistyped, or the story is no longer shared.");
        using var anonymous = host.ClientWith(null);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/shared/{BrowserHost.TenantId}/stories/{story.Id}/not-the-token")).StatusCode);
    }
}
