using System.Globalization;
using System.Text.RegularExpressions;
using LbcCommunity.Browser.Tests.Infrastructure;
using LbcCommunity.Client;
using LbcCommunity.Ratings;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests;

/// <summary>
/// The team's page in Chromium on the demo tenant: the CAFÉ facilitator adds, changes and removes a member; a member
/// signs in through the UI and rates on their own (English and Spanish, desk and phone); the facilitator sees the
/// members' spread beside the cells, records the consensus from it, and finds the new point in the row's history; the
/// member opening another team's page is told it is not theirs. Other tests share the tenant: what is expected is read
/// from the API, never assumed.
/// </summary>
[Collection(BrowserHostCollection.Name)]
public sealed partial class TeamPageTests(BrowserHost host)
{
    private static readonly string[] Levels = ["Informing", "Networking", "Collaborating", "Transforming"];

    [Fact]
    public async Task A_member_rates_on_their_own_and_the_facilitator_records_the_consensus_from_the_spread_into_the_history()
    {
        // Test tokens live about a minute: each step reads the API with a fresh one.
        var api = await Api();
        var team = await api.GetTeamAsync(BrowserHost.TenantId, BrowserHost.CafeTeamId);
        var initiative = await api.GetInitiativeAsync(BrowserHost.TenantId, team.InitiativeId);
        var rubric = await api.GetRubricVersionAsync(BrowserHost.TenantId, initiative.RubricVersion);
        var row = rubric.Rows[0];
        var title = row.Title["en"];
        var teamUrl = new Uri(host.BaseAddress, $"/teams/{BrowserHost.CafeTeamId}").ToString();

        // The facilitator signs in from the team's page and keeps its roster: adds, changes, removes.
        await using var desk = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = PageChecks.Wide });
        var facilitator = await desk.NewPageAsync();
        await facilitator.GotoAsync(teamUrl);
        await facilitator.GetByRole(AriaRole.Button, new() { NameRegex = FacilitatorButton() }).ClickAsync();
        await Assertions.Expect(facilitator.GetByRole(AriaRole.Heading, new() { Name = $"Team: {team.Name}", Level = 1 })).ToBeVisibleAsync();
        await KeepsTheRoster(facilitator);

        // A member signs in on a phone and rates the first row on their own.
        await using var phone = await host.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = PageChecks.Phone, IsMobile = true, HasTouch = true });
        var member = await phone.NewPageAsync();
        await member.GotoAsync(teamUrl);
        await member.GetByRole(AriaRole.Button, new() { NameRegex = MemberButton() }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Name = $"Team: {team.Name}", Level = 1 })).ToBeVisibleAsync();
        int[] own = [100, 70, 30, 20];
        for (var i = 0; i < Levels.Length; i++)
        {
            await member.GetByLabel($"{title}, {Levels[i]}: attainment", new() { Exact = true }).SelectOptionAsync(own[i].ToString(CultureInfo.InvariantCulture));
        }

        await member.GetByRole(AriaRole.Button, new() { Name = "Save my rating" }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your rating is saved" })).ToBeVisibleAsync();
        api = await Api();
        var principal = (await api.ListMembersAsync(BrowserHost.TenantId, Roster.OfTeam(BrowserHost.CafeTeamId))).Single(m => m.Email == PrincipalEmail);
        var mine = (await api.ListRatingsAsync(BrowserHost.TenantId, BrowserHost.CafeTeamId, RatingKind.Member)).Last(r => r.MemberId == principal.Id);
        Assert.Equal(2.2m, mine.Rows.Single(r => r.RowId == row.Id).DepthScore);
        await PageChecks.AssertCleanWideAndOnAPhone(member);

        // The same page in Spanish, for families.
        await member.GetByRole(AriaRole.Button, new() { Name = "Español" }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Name = $"Equipo: {team.Name}", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(member.GetByLabel($"{row.Title["es"]}, Informar: grado alcanzado", new() { Exact = true })).ToHaveValueAsync("100");
        await PageChecks.AssertCleanWideAndOnAPhone(member);
        await member.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        // Another team's page is not the member's: the page says so in words.
        await member.GotoAsync(new Uri(host.BaseAddress, "/teams/troup-county-team").ToString());
        await Assertions.Expect(member.GetByRole(AriaRole.Alert)).ToContainTextAsync("This team's page is not yours to see.");
        await PageChecks.AssertAxeClean(member);

        // The facilitator sees the members' latest own ratings beside each cell, the choice starting at their median.
        api = await Api();
        var before = (await api.ListRatingsAsync(BrowserHost.TenantId, BrowserHost.CafeTeamId, RatingKind.Consensus)).Count;
        var spread = await Spread(api, rubric.Version, row.Id);
        await facilitator.ReloadAsync();
        await facilitator.GetByLabel("The team's consensus").CheckAsync();
        for (var i = 0; i < Levels.Length; i++)
        {
            var values = spread.Select(s => s[i]).Order().ToList();
            await Assertions.Expect(facilitator.Locator($"#cell-consensus-{row.Id}-{Levels[i]}-spread")).ToHaveTextAsync(SpreadWords(values));
            await Assertions.Expect(facilitator.GetByLabel($"{title}, {Levels[i]}: attainment", new() { Exact = true }))
                .ToHaveValueAsync(values[(values.Count - 1) / 2].ToString(CultureInfo.InvariantCulture));
        }

        await PageChecks.AssertCleanWideAndOnAPhone(facilitator);
        int[] agreed = [100, 80, 40, 10];
        for (var i = 0; i < Levels.Length; i++)
        {
            await facilitator.GetByLabel($"{title}, {Levels[i]}: attainment", new() { Exact = true }).SelectOptionAsync(agreed[i].ToString(CultureInfo.InvariantCulture));
        }

        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Record the team's consensus" }).ClickAsync();
        await Assertions.Expect(facilitator.GetByRole(AriaRole.Status).Filter(new() { HasText = "The team's consensus rating is recorded." })).ToBeVisibleAsync();

        // The row's history (a link from the dashboards opens it with ?row=) shows the new point, and the level it reached.
        await facilitator.GotoAsync($"{teamUrl}?row={row.Id}");
        var line = facilitator.Locator($"#history-{row.Id}");
        await Assertions.Expect(line).ToBeFocusedAsync();
        await Assertions.Expect(line.Locator("td").Last).ToHaveTextAsync("2.3 (Networking)");
        await Assertions.Expect(facilitator.Locator($"#history table:has(#history-{row.Id}) thead")).ToContainTextAsync($"#{before + 1},");
        await PageChecks.AssertCleanWideAndOnAPhone(facilitator);
    }

    private async Task<LbcCommunityClient> Api() =>
        host.ApiAs((await host.SignInAsync(BrowserHost.TenantId, BrowserHost.FacilitatorEmail)).AccessToken);

    /// <summary>Adds a member by e-mail, changes their role, removes them: each answered in words on the page.</summary>
    private static async Task KeepsTheRoster(IPage page)
    {
        // An address that sorts last, so the development sign-in's list of people keeps everyone other tests pick.
        var name = $"Invited parent {Guid.NewGuid():N}"[..22];
        var form = page.Locator("form.member-form");
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await form.GetByLabel("E-mail", new() { Exact = true }).FillAsync($"zz-{Guid.NewGuid():N}@cafe.example");
        await form.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Teacher" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Add to the team" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{name} is on the team." })).ToBeVisibleAsync();
        var entry = page.Locator(".roster li").Filter(new() { HasText = name });
        await Assertions.Expect(entry).ToContainTextAsync("Teacher");

        // A refused field is named in words beside it.
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync("Someone else");
        await form.GetByLabel("E-mail", new() { Exact = true }).FillAsync("not an e-mail");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add to the team" }).ClickAsync();
        await Assertions.Expect(form.Locator("#member-email-problem")).ToBeVisibleAsync();
        await PageChecks.AssertCleanWideAndOnAPhone(page);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Change {name}" }).ClickAsync();
        await form.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Family member" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{name} is changed." })).ToBeVisibleAsync();
        await Assertions.Expect(entry).ToContainTextAsync("Family member");

        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Remove {name}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"{name} is no longer on the team." })).ToBeVisibleAsync();
        await Assertions.Expect(entry).ToHaveCountAsync(0);
    }

    /// <summary>Each member's latest own attainments of the row (Informing first), as the page computes its spread.</summary>
    private static async Task<List<int[]>> Spread(LbcCommunityClient api, int version, string rowId) =>
    [
        .. (await api.ListRatingsAsync(BrowserHost.TenantId, BrowserHost.CafeTeamId, RatingKind.Member))
            .Where(r => r.RubricVersion == version && r.MemberId is not null && r.Rows.Any(x => x.RowId == rowId))
            .OrderBy(r => r.RecordedAt)
            .GroupBy(r => r.MemberId)
            .Select(g => g.Last().Rows.Single(x => x.RowId == rowId).Cells.OrderBy(c => c.Level).Select(c => c.AttainmentPercent).ToArray()),
    ];

    private static string SpreadWords(List<int> values)
    {
        var listed = string.Join(", ", values.Select(v => $"{v} %"));
        return values.Count == 1
            ? $"1 member: {listed}"
            : $"{values.Count} members: {listed}; mean {Math.Round(values.Average(), MidpointRounding.AwayFromZero)} %";
    }

    private const string PrincipalEmail = "principal@cafe.example";

    [GeneratedRegex(@"^Team facilitator \(district\) — facilitator@cafe\.example \(ga: ")]
    private static partial Regex FacilitatorButton();

    [GeneratedRegex(@"^High school principal — principal@cafe\.example \(ga: ")]
    private static partial Regex MemberButton();
}
