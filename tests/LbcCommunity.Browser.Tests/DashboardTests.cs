using System.Net;
using System.Text.RegularExpressions;
using LbcCommunity.Browser.Tests.Infrastructure;
using LbcCommunity.Client;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.Rubrics;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests;

/// <summary>
/// The state's and the region's dashboards in Chromium against the real host: the state director's heat map, trend and
/// drill-down to a row's history; a rating moving the page live; a coordinator kept to their region. The other tests
/// rate the CAFÉ team on the same host, so what is counted here is a region and team of this test's own.
/// </summary>
[Collection(BrowserHostCollection.Name)]
public sealed partial class DashboardTests(BrowserHost host)
{
    private const string StateAdminButton = $"{BrowserHost.StateAdminName} — {BrowserHost.StateAdminEmail} ({BrowserHost.TenantId}: state-admin)";
    private const string StatePath = $"/initiatives/{BrowserHost.InitiativeId}";
    private const string CafeRegionId = "west-georgia";

    [Fact]
    public async Task The_state_director_sees_the_heat_map_and_a_trend_and_drills_down_to_a_cafe_rows_history()
    {
        await RateAsync(BrowserHost.CafeTeamId);
        await using var context = await host.Browser.NewContextAsync(new() { ViewportSize = PageChecks.Wide });
        var page = await context.NewPageAsync();
        await SignInThroughTheUiAsync(page, StatePath, StateAdminButton);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "GraduateFIRST: state dashboard", Level = 1 })).ToBeVisibleAsync();
        var stateView = page.GetByRole(AriaRole.Region, new() { Name = "State view" });
        await Assertions.Expect(stateView).ToContainTextAsync("(live;");
        await Assertions.Expect(page.GetByText("Live: this page follows consensus ratings")).ToBeVisibleAsync();

        // The heat map is a table: a line per region, its cells coloured by level with their number written.
        var heatMap = page.GetByRole(AriaRole.Region, new() { Name = "Depth by region" });
        await Assertions.Expect(heatMap.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        var cafeRegion = heatMap.Locator($"tr[data-line='{CafeRegionId}']");
        await Assertions.Expect(cafeRegion.GetByRole(AriaRole.Link, new() { Name = "West Georgia RESA", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(cafeRegion.Locator("td.heat").First).ToContainTextAsync(new Regex(@"\d\.\d\d"));

        // A trend: the chart, and behind it the table of the same numbers, with this quarter's line.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Trend: GraduateFIRST" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".trend-chart svg")).ToBeVisibleAsync();
        await page.Locator(".trend summary", new() { HasText = "Show as table" }).ClickAsync();
        await Assertions.Expect(page.Locator($".trend tr[data-quarter='{CalendarQuarter()}']")).ToBeVisibleAsync();

        await PageChecks.AssertCleanWideAndOnAPhone(page);

        // The view downloads as CSV (fetched with the page's token and saved under the server's file name).
        var download = await page.RunAndWaitForDownloadAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Download State view as CSV" }).ClickAsync());
        Assert.Equal($"{BrowserHost.InitiativeId}-rollup.csv", download.SuggestedFilename);

        // One click each: the region, then the CAFÉ team's row, which opens that row's history on the team's page.
        await cafeRegion.GetByRole(AriaRole.Link, new() { Name = "West Georgia RESA", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(host.BaseAddress, $"{StatePath}/regions/{CafeRegionId}").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "GraduateFIRST: West Georgia RESA", Level = 1 })).ToBeVisibleAsync();
        var teams = page.GetByRole(AriaRole.Region, new() { Name = "Depth by team" });
        var cafeRow = teams.Locator($"tr[data-line='{BrowserHost.CafeTeamId}'] td[data-column='acknowledging-diversity'] a");
        await Assertions.Expect(cafeRow).ToBeVisibleAsync();
        await PageChecks.AssertCleanWideAndOnAPhone(page);

        await cafeRow.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(host.BaseAddress, $"/teams/{BrowserHost.CafeTeamId}?row=acknowledging-diversity").ToString());
    }

    [Fact]
    public async Task Quarters_read_in_the_states_fiscal_year_and_the_teams_heat_map_shows_each_teams_latest_score()
    {
        var (regionId, teamId) = await OwnRegionAndTeamAsync();
        await RateAsync(teamId);
        await using var context = await host.Browser.NewContextAsync(new() { ViewportSize = PageChecks.Wide });
        var page = await context.NewPageAsync();
        await SignInThroughTheUiAsync(page, $"{StatePath}/regions/{regionId}", StateAdminButton);

        var cell = page.Locator($"tr[data-line='{teamId}'] td[data-column='acknowledging-diversity']");
        await Assertions.Expect(cell).ToContainTextAsync("2.20");
        await Assertions.Expect(cell.GetByRole(AriaRole.Link)).ToHaveAccessibleNameAsync(new Regex(@"2\.20, Networking \(from 2\.00\)"));

        await page.GetByRole(AriaRole.Radio, new() { Name = "State fiscal year" }).CheckAsync();
        await page.Locator(".trend summary", new() { HasText = "Show as table" }).ClickAsync();
        await Assertions.Expect(page.Locator($".trend tr[data-quarter='{CalendarQuarter()}'] th")).ToHaveTextAsync(FiscalQuarter());
        await Assertions.Expect(page.GetByTestId("criterion-words")).ToContainTextAsync("consecutive consensus ratings");

        // The state admin may change the criterion; a refusal is said in words beside its field, and nothing is stored.
        var criterion = page.Locator("section.criterion");
        await criterion.Locator("summary", new() { HasText = "Change the criterion" }).ClickAsync();
        await criterion.GetByLabel("Consecutive consensus ratings").FillAsync("13");
        await criterion.GetByRole(AriaRole.Button, new() { Name = "Save criterion" }).ClickAsync();
        await Assertions.Expect(criterion.GetByRole(AriaRole.Alert)).ToContainTextAsync("The criterion was not saved");
        await Assertions.Expect(criterion.GetByText(new Regex("consecutiveRatings.*1–12"))).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("criterion-words")).ToContainTextAsync("on 3 consecutive consensus ratings");
    }

    [Fact]
    public async Task A_rating_recorded_through_the_api_moves_the_dashboard_live()
    {
        var (regionId, teamId) = await OwnRegionAndTeamAsync();
        await using var context = await host.Browser.NewContextAsync(new() { ViewportSize = PageChecks.Phone });
        var page = await context.NewPageAsync();
        await SignInThroughTheUiAsync(page, $"{StatePath}/regions/{regionId}", StateAdminButton);

        var view = page.Locator("section.dashboard");
        await Assertions.Expect(view).ToContainTextAsync("(live; 0 of 1 teams rated");
        // The team is in the region's heat map (and, never rated, in the "not rated" list too).
        await Assertions.Expect(view.GetByRole(AriaRole.Region, new() { Name = "Depth by team" }).GetByRole(AriaRole.Link, new() { Name = TeamName(teamId), Exact = true })).ToBeVisibleAsync();
        await PageChecks.AssertNoSidewaysScroll(page);

        await RateAsync(teamId);

        // No reload: the MonitoringHub brings the region's new view, and the page's counts follow it.
        await Assertions.Expect(view).ToContainTextAsync("1 of 1 teams rated", new() { Timeout = 15_000 });
        await Assertions.Expect(view.Locator("tr[data-row='acknowledging-diversity'] .mean")).ToHaveTextAsync("2.20");
        await PageChecks.AssertCleanWideAndOnAPhone(page);
    }

    [Fact]
    public async Task The_cafe_regions_coordinator_sees_only_their_region_and_is_told_so_at_another_regions_address()
    {
        await using var context = await host.Browser.NewContextAsync(new() { ViewportSize = PageChecks.Wide });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(host.BaseAddress, StatePath).ToString());
        await page.GetByRole(AriaRole.Button, new() { NameRegex = CoordinatorButton() }).ClickAsync();

        // The state's address takes the coordinator to their region's dashboard.
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(host.BaseAddress, $"{StatePath}/regions/{CafeRegionId}").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "GraduateFIRST: West Georgia RESA", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "West Georgia RESA view" })).ToContainTextAsync("of 5 teams rated");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^State") })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText(new Regex("Metro RESA"))).ToHaveCountAsync(0);
        await PageChecks.AssertCleanWideAndOnAPhone(page);

        await page.GotoAsync(new Uri(host.BaseAddress, $"{StatePath}/regions/metro").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("You can see only the regions you coordinate. This region is not one of them.");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "West Georgia RESA", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("section.dashboard")).ToHaveCountAsync(0);
        await PageChecks.AssertCleanWideAndOnAPhone(page);

        // The server refuses the same, whatever the page does.
        var tokens = await host.SignInAsync(BrowserHost.TenantId, "coordinator@resa.example");
        var refused = await Assert.ThrowsAsync<LbcApiException>(
            () => host.ApiAs(tokens.AccessToken).GetRegionRollUpAsync(BrowserHost.TenantId, BrowserHost.InitiativeId, "metro"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
    }

    private async Task SignInThroughTheUiAsync(IPage page, string path, string button)
    {
        await page.GotoAsync(new Uri(host.BaseAddress, path).ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("signed-in-name")).ToBeVisibleAsync();
    }

    /// <summary>A region of this test's own with one district and one team: nothing else is counted in it.</summary>
    private async Task<(string RegionId, string TeamId)> OwnRegionAndTeamAsync()
    {
        var id = $"dash-{Guid.NewGuid():N}"[..17];
        var api = await StateAdminApiAsync();
        await api.CreateRegionAsync(BrowserHost.TenantId, new RegionDraft { Id = id, Name = $"Region {id}" });
        await api.CreateDistrictAsync(BrowserHost.TenantId, new DistrictDraft { Id = $"{id}-district", Name = $"District {id}", RegionId = id });
        await api.CreateTeamAsync(BrowserHost.TenantId, BrowserHost.InitiativeId, new TeamDraft { Id = $"{id}-team", Name = TeamName($"{id}-team"), DistrictId = $"{id}-district" });
        return (id, $"{id}-team");
    }

    private static string TeamName(string teamId) => $"Team {teamId}";

    private async Task<LbcCommunityClient> StateAdminApiAsync() =>
        host.ApiAs((await host.SignInAsync(BrowserHost.TenantId, BrowserHost.StateAdminEmail)).AccessToken);

    /// <summary>A consensus rating of the first row only: depth score 1.0 + 0.7 + 0.3 + 0.2 = 2.20, level Networking.</summary>
    private async Task RateAsync(string teamId) =>
        await (await StateAdminApiAsync()).RecordConsensusRatingAsync(BrowserHost.TenantId, teamId, new RatingDraft
        {
            RubricVersion = 1,
            Rows =
            [
                new RowRatingDraft
                {
                    RowId = "acknowledging-diversity",
                    Cells =
                    [
                        new CellAttainment { Level = DepthLevel.Informing, AttainmentPercent = 100 },
                        new CellAttainment { Level = DepthLevel.Networking, AttainmentPercent = 70 },
                        new CellAttainment { Level = DepthLevel.Collaborating, AttainmentPercent = 30 },
                        new CellAttainment { Level = DepthLevel.Transforming, AttainmentPercent = 20 },
                    ],
                },
            ],
        });

    private static string CalendarQuarter()
    {
        var now = DateTimeOffset.UtcNow;
        return $"{now.Year}-Q{((now.Month - 1) / 3) + 1}";
    }

    /// <summary>This quarter in Georgia's fiscal year, which starts in July: July 2026 opens FY2027-Q1.</summary>
    private static string FiscalQuarter()
    {
        var now = DateTimeOffset.UtcNow;
        const int startMonth = 7;
        var year = now.Month >= startMonth ? now.Year + 1 : now.Year;
        return $"FY{year}-Q{(((now.Month - startMonth + 12) % 12) / 3) + 1}";
    }

    [GeneratedRegex(@"^Regional coordinator — coordinator@resa\.example \(ga: ")]
    private static partial Regex CoordinatorButton();
}
