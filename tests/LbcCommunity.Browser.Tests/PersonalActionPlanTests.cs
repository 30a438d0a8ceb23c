using System.Globalization;
using System.Text.RegularExpressions;
using LbcCommunity.Browser.Tests.Infrastructure;
using LbcCommunity.Convenings;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests;

/// <summary>
/// The personal action plan in Chromium: at the end of a convening a guest on a phone and a member signed in each write
/// an action of their own; the facilitator closes the activity from the console; the guest sees theirs to take away, and the facilitator
/// finds both on the team's action plan page, the guest's marked so. Every page is axe-core clean at 1280 and 390 px.
/// </summary>
[Collection(BrowserHostCollection.Name)]
public sealed partial class PersonalActionPlanTests(BrowserHost host)
{
    [Fact]
    public async Task A_member_and_a_guest_write_personal_actions_and_the_facilitator_sees_them_on_the_plan()
    {
        var guestAction = $"Read with my grandson every night {Guid.NewGuid():N}"[..44];
        var memberAction = $"Invite two families to the next meeting {Guid.NewGuid():N}"[..50];
        var due = DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var facilitator = await LiveFacilitator.PlanAsync(host, $"Closing circle {Guid.NewGuid():N}", ActivityKind.PersonalActionPlan);

        // A guest on a phone, by the join link.
        await using var phone = await host.Browser.NewContextAsync(LiveFacilitator.Phone());
        var guest = await phone.NewPageAsync();
        await guest.GotoAsync(await facilitator.JoinLinkAsync());
        await guest.GetByLabel("Your name").FillAsync("Rosa Alvarez");
        await guest.GetByRole(AriaRole.Button, new() { Name = "Join" }).ClickAsync();
        await Assertions.Expect(guest.GetByTestId("connection")).ToContainTextAsync("You are here as Rosa Alvarez.");
        await facilitator.JoinedAsync("Rosa Alvarez");

        // A member signed in, on the convening's live page.
        await using var desk = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = PageChecks.Wide });
        var member = await desk.NewPageAsync();
        var live = new Uri(host.BaseAddress, $"/convenings/{facilitator.ConveningId}/live").ToString();
        await member.GotoAsync(live);
        await member.GetByRole(AriaRole.Button, new() { NameRegex = ParentMentorSignIn() }).ClickAsync();
        await Assertions.Expect(member.GetByTestId("connection")).ToContainTextAsync("You are here as Parent mentor.");
        await facilitator.JoinedAsync("Parent mentor");

        await facilitator.StartAsync("item-1");
        await Assertions.Expect(guest.GetByRole(AriaRole.Heading, new() { Name = "My personal action plan" })).ToBeVisibleAsync();
        await PageChecks.AssertAxeClean(guest);
        await guest.GetByLabel("What will you do?").FillAsync(guestAction);
        await guest.GetByRole(AriaRole.Button, new() { Name = "Add my action" }).ClickAsync();
        await Assertions.Expect(guest.GetByRole(AriaRole.List, new() { Name = "My actions" })).ToContainTextAsync(guestAction);

        await member.GetByLabel("What will you do?").FillAsync(memberAction);
        await member.GetByLabel("By when (optional)").FillAsync(due);
        await member.GetByRole(AriaRole.Button, new() { Name = "Add my action" }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.List, new() { Name = "My actions" })).ToContainTextAsync(memberAction);
        await PageChecks.AssertCleanWideAndOnAPhone(member);
        await facilitator.OnceAsync(e => e.Type == ConveningEventTypes.PersonalActionWritten && e.PersonalAction?.Text == memberAction);

        // The facilitator closes the activity from the console: the actions go to the team's plan; the guest keeps theirs.
        await using var office = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = PageChecks.Wide });
        var page = await office.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseAddress, $"/convenings/{facilitator.ConveningId}/run").ToString());
        await page.GetByRole(AriaRole.Button, new() { NameRegex = FacilitatorButton() }).ClickAsync();
        var panel = page.GetByRole(AriaRole.List, new() { Name = "Personal action plans" });
        await Assertions.Expect(panel).ToContainTextAsync($"Rosa Alvarez (guest): {guestAction}");
        await Assertions.Expect(panel).ToContainTextAsync($"Parent mentor: {memberAction} · {due}");
        await PageChecks.AssertAxeClean(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Close and add them to the action plan" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Closed: the actions are on the action plan.")).ToBeVisibleAsync();
        await Assertions.Expect(guest.GetByText("The facilitator closed the personal action plan.", new() { Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(guest.GetByTestId("my-actions")).ToContainTextAsync(guestAction);
        await Assertions.Expect(guest.GetByRole(AriaRole.Button, new() { Name = "Print my actions" })).ToBeVisibleAsync();
        await PageChecks.AssertAxeClean(guest);

        await page.GetByRole(AriaRole.Link, new() { Name = "Open the action plan" }).ClickAsync();
        var actions = page.GetByTestId("plan-actions");
        var guestRow = actions.GetByRole(AriaRole.Row).Filter(new() { HasText = guestAction });
        var memberRow = actions.GetByRole(AriaRole.Row).Filter(new() { HasText = memberAction });
        await Assertions.Expect(guestRow).ToContainTextAsync("Rosa Alvarez (guest)");
        await Assertions.Expect(memberRow).ToContainTextAsync("Parent mentor");
        await Assertions.Expect(memberRow).ToContainTextAsync(due);
        await Assertions.Expect(memberRow.GetByRole(AriaRole.Combobox)).ToHaveValueAsync("NotStarted");

        // The facilitator ties a goal to a rubric row; the page shows it with its progress.
        var goal = $"Every family hears from us {Guid.NewGuid():N}"[..34];
        await page.GetByLabel("New goal").FillAsync(goal);
        await page.GetByRole(AriaRole.Group, new() { Name = "Rubric rows this goal works on" }).GetByRole(AriaRole.Checkbox).First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a goal" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = goal, Level = 3 })).ToBeVisibleAsync();
        await PageChecks.AssertCleanWideAndOnAPhone(page);
    }

    [GeneratedRegex(@"^Parent mentor — parent\.mentor@cafe\.example")]
    private static partial Regex ParentMentorSignIn();

    [GeneratedRegex(@"^Team facilitator \(district\) — facilitator@cafe\.example \(ga: ")]
    private static partial Regex FacilitatorButton();
}
