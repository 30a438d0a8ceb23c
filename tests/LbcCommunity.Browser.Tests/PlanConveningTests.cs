using System.Globalization;
using System.Text.RegularExpressions;
using LbcCommunity.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests;

/// <summary>
/// The facilitator's planning side in Chromium: the demo CAFÉ facilitator signs in, plans a convening with all four
/// kinds of activity, sees the server refuse a field next to it and fixes it, invites with a join code (its QR code,
/// link and copy button), and finds it in "My convenings"; a member who does not facilitate sees it with "Join". Every
/// page axe-core clean at 1280 and 390 px, and no wider than a 390 px phone.
/// </summary>
[Collection(BrowserHostCollection.Name)]
public sealed partial class PlanConveningTests(BrowserHost host)
{
    [Fact]
    public async Task A_facilitator_plans_all_four_kinds_fixes_a_refused_field_invites_and_a_member_sees_it_to_join()
    {
        var title = $"Family learning day {Guid.NewGuid():N}"[..28];
        await using var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = Wide,
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        var page = await context.NewPageAsync();

        // Signs in through the UI, from the page they wanted.
        await page.GotoAsync(new Uri(host.BaseAddress, "/convenings").ToString());
        await page.GetByRole(AriaRole.Button, new() { NameRegex = FacilitatorButton() }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My convenings", Level = 1 })).ToBeVisibleAsync();
        await CheckPage(page);

        // Plans: the form starts with a World Café and a consensus round; the questions and a depth poll are added.
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Plan a convening for ") }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Plan a convening", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add Four Simple Questions" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add Depth poll" }).ClickAsync();
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Date and time (optional)").FillAsync(DateTime.Now.AddDays(14).ToString("yyyy-MM-dd'T'10:00", CultureInfo.InvariantCulture));
        var items = page.Locator(".agenda-item");
        await Assertions.Expect(items).ToHaveCountAsync(4);
        string[] names = ["What families need", "Adopt the survey", "Our four questions", "How deep are we"];
        for (var i = 0; i < names.Length; i++)
        {
            await items.Nth(i).GetByLabel("Name of this activity").FillAsync(names[i]);
        }

        var cafe = items.Nth(0);
        await cafe.GetByLabel("Minutes per round").FillAsync("7.5");
        await cafe.GetByLabel("Rounds").FillAsync("2");
        await cafe.GetByRole(AriaRole.Button, new() { Name = "Add a table" }).ClickAsync();
        await cafe.GetByRole(AriaRole.Button, new() { Name = "Add a table" }).ClickAsync();
        var tables = cafe.Locator(".tables li");
        await tables.Nth(0).GetByLabel("Host").SelectOptionAsync(new SelectOptionValue { Label = "Team facilitator (district) (District administrator)" });
        await tables.Nth(0).GetByLabel("Question").FillAsync("What do families need from school?");
        await tables.Nth(1).GetByLabel("Host").SelectOptionAsync(new SelectOptionValue { Label = "Parent mentor (Parent mentor)" });
        await tables.Nth(1).GetByLabel("Question").FillAsync("Who is not at the table yet?");
        var consensus = items.Nth(1);
        await consensus.GetByLabel("Gradients of agreement (1–8)").CheckAsync();
        await consensus.GetByLabel("Anonymous votes").CheckAsync();
        await Assertions.Expect(consensus.GetByLabel("Hide results while the vote runs")).ToBeCheckedAsync();
        var poll = items.Nth(3);
        await Assertions.Expect(poll.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(12);
        await poll.GetByRole(AriaRole.Checkbox).Nth(1).CheckAsync();
        await poll.GetByRole(AriaRole.Checkbox).Nth(10).CheckAsync();
        await Assertions.Expect(items.Nth(2)).ToContainTextAsync("nothing to set");

        // The proposal is left empty: the server refuses it, named next to its field, and nothing typed is lost.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The plan was not saved");
        var proposal = consensus.GetByLabel("Proposal");
        await Assertions.Expect(proposal).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#f-agenda-1-consensus-proposal-problem")).ToContainTextAsync("'agenda[1].consensus.proposal' is required.");
        await Assertions.Expect(page.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync(title);
        await Assertions.Expect(tables.Nth(1).GetByLabel("Question")).ToHaveValueAsync("Who is not at the table yet?");
        await CheckPage(page);

        await proposal.FillAsync("Adopt the family survey for the spring");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        var conveningUrl = page.Url;
        var plan = page.Locator(".agenda-view");
        await Assertions.Expect(plan).ToContainTextAsync("2 tables, 2 rounds of 7.5 min");
        await Assertions.Expect(plan).ToContainTextAsync("Proposal: Adopt the family survey for the spring");
        await Assertions.Expect(plan).ToContainTextAsync("2 rubric rows");
        await CheckPage(page);

        // Invites: a join code with its link as text, its QR code and a copy button that says it copied.
        var invite = page.GetByRole(AriaRole.Region, new() { Name = "Invite" });
        await invite.GetByLabel("Who it is for (optional)").FillAsync("Families");
        await invite.GetByRole(AriaRole.Button, new() { Name = "Issue a join code" }).ClickAsync();
        var link = invite.GetByTestId("join-link");
        await Assertions.Expect(link).ToHaveTextAsync(new Regex("^" + Regex.Escape(new Uri(host.BaseAddress, "/join?code=").ToString())));
        var linkText = await link.InnerTextAsync();
        var qr = invite.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^QR code that opens the link ") });
        await Assertions.Expect(qr).ToHaveAttributeAsync("aria-label", $"QR code that opens the link {linkText} (Families)");
        await Assertions.Expect(qr.Locator("svg")).ToBeVisibleAsync();
        await invite.GetByRole(AriaRole.Button, new() { Name = "Copy the link" }).ClickAsync();
        await Assertions.Expect(invite.GetByRole(AriaRole.Status)).ToHaveTextAsync("Link copied.");
        Assert.Equal(linkText, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await Assertions.Expect(invite.Locator(".codes li")).ToContainTextAsync("Families");
        await CheckPage(page);

        // The summary page (nothing has happened yet) and the list, where the convening is upcoming.
        await page.GotoAsync(conveningUrl + "/summary");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Summary: {title}" })).ToBeVisibleAsync();
        await CheckPage(page);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "My convenings" }).ClickAsync();
        var upcoming = page.GetByRole(AriaRole.Region, new() { Name = "Upcoming" });
        await Assertions.Expect(upcoming.GetByRole(AriaRole.Link, new() { Name = $"Open {title}" })).ToBeVisibleAsync();
        await Assertions.Expect(upcoming.GetByRole(AriaRole.Link, new() { Name = $"Run {title}" })).ToHaveAttributeAsync("href", new Uri(conveningUrl).AbsolutePath + "/run");
        await CheckPage(page);

        // A member of the team who does not facilitate: the convening is in their list, to join.
        await using var member = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Phone, IsMobile = true, HasTouch = true });
        var phone = await member.NewPageAsync();
        await phone.GotoAsync(host.BaseAddress.ToString());
        await phone.GetByRole(AriaRole.Button, new() { NameRegex = MemberButton() }).ClickAsync();
        var theirs = phone.GetByRole(AriaRole.Region, new() { Name = "Upcoming" });
        await Assertions.Expect(theirs.GetByRole(AriaRole.Link, new() { Name = $"Join {title}" })).ToHaveAttributeAsync("href", new Uri(conveningUrl).AbsolutePath + "/live");
        await Assertions.Expect(theirs.GetByRole(AriaRole.Link, new() { Name = $"Run {title}" })).ToHaveCountAsync(0);
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Plan a convening") })).ToHaveCountAsync(0);
        await CheckPage(phone);
        await phone.GotoAsync(new Uri(host.BaseAddress, "/convenings").ToString());
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = $"Join {title}" })).ToBeVisibleAsync();
        await CheckPage(phone);
    }

    private static readonly ViewportSize Wide = PageChecks.Wide;

    private static readonly ViewportSize Phone = PageChecks.Phone;

    private static Task CheckPage(IPage page) => PageChecks.AssertCleanWideAndOnAPhone(page);

    [GeneratedRegex(@"^Team facilitator \(district\) — facilitator@cafe\.example \(ga: ")]
    private static partial Regex FacilitatorButton();

    [GeneratedRegex(@"^High school principal — principal@cafe\.example \(ga: ")]
    private static partial Regex MemberButton();
}
