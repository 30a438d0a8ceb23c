using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LbcCommunity.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace LbcCommunity.Browser.Tests;

/// <summary>
/// Quarterly reports and the evidence in Chromium against the real host (the demo tenant): the CAFÉ facilitator fills
/// and submits the quarter's report, the West Georgia coordinator returns it with a comment, and the state director
/// downloads the evidence workbook, whose numbers are the dashboard's.
/// </summary>
[Collection(BrowserHostCollection.Name)]
public sealed partial class ReportsTests(BrowserHost host)
{
    private const string StateAdminButton = $"{BrowserHost.StateAdminName} — {BrowserHost.StateAdminEmail} ({BrowserHost.TenantId}: state-admin)";

    [Fact]
    public async Task A_facilitator_submits_the_coordinator_returns_with_a_comment_and_the_directors_workbook_matches_the_dashboard()
    {
        var quarter = CalendarQuarter();
        var reportPath = $"/teams/{BrowserHost.CafeTeamId}/reports/{quarter}";

        // The facilitator answers every question and submits.
        await using var facilitatorContext = await host.Browser.NewContextAsync(new() { ViewportSize = PageChecks.Wide });
        var facilitator = await facilitatorContext.NewPageAsync();
        await facilitator.GotoAsync(new Uri(host.BaseAddress, reportPath).ToString());
        await facilitator.GetByRole(AriaRole.Button, new() { NameRegex = FacilitatorButton() }).ClickAsync();
        await Assertions.Expect(facilitator.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex($"^Quarterly report: .*{quarter}"), Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(facilitator.GetByTestId("report-status")).ToHaveTextAsync("Draft");
        await PageChecks.AssertCleanWideAndOnAPhone(facilitator);
        await facilitator.GetByLabel("Who will receive the information?").FillAsync("Every family of Manchester's schools, in English and Spanish.");
        var answers = facilitator.Locator("form.report-questions textarea");
        for (var i = 1; i < await answers.CountAsync(); i++)
        {
            await answers.Nth(i).FillAsync($"Our answer {i}.");
        }

        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Submit to the coordinator" }).ClickAsync();
        await Assertions.Expect(facilitator.GetByTestId("report-status")).ToHaveTextAsync("Submitted");
        await Assertions.Expect(facilitator.GetByRole(AriaRole.Button, new() { Name = "Submit to the coordinator" })).ToHaveCountAsync(0);

        // The coordinator finds it in the region's queue and returns it with a comment.
        await using var coordinatorContext = await host.Browser.NewContextAsync(new() { ViewportSize = PageChecks.Phone });
        var coordinator = await coordinatorContext.NewPageAsync();
        await coordinator.GotoAsync(new Uri(host.BaseAddress, $"/initiatives/{BrowserHost.InitiativeId}/regions/west-georgia/reports/{quarter}").ToString());
        await coordinator.GetByRole(AriaRole.Button, new() { NameRegex = CoordinatorButton() }).ClickAsync();
        var line = coordinator.Locator($"tr[data-team='{BrowserHost.CafeTeamId}']");
        await Assertions.Expect(line.GetByTestId("line-status")).ToHaveTextAsync("Submitted");
        await PageChecks.AssertCleanWideAndOnAPhone(coordinator);
        await line.GetByRole(AriaRole.Link).ClickAsync();
        await coordinator.GetByLabel("Comment for the team").FillAsync("Say which survey the parents answered.");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Return with comment" }).ClickAsync();
        await Assertions.Expect(coordinator.GetByTestId("report-status")).ToHaveTextAsync("Returned");
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Note)).ToContainTextAsync("Say which survey the parents answered.");
        await PageChecks.AssertCleanWideAndOnAPhone(coordinator);

        // The facilitator sees it returned, with the comment.
        await facilitator.ReloadAsync();
        await Assertions.Expect(facilitator.GetByTestId("report-status")).ToHaveTextAsync("Returned");
        await Assertions.Expect(facilitator.GetByRole(AriaRole.Note)).ToContainTextAsync("Say which survey the parents answered.");

        // The state director sees it returned, and downloads the evidence workbook.
        await using var directorContext = await host.Browser.NewContextAsync(new() { ViewportSize = PageChecks.Wide, AcceptDownloads = true });
        var director = await directorContext.NewPageAsync();
        await director.GotoAsync(new Uri(host.BaseAddress, $"/initiatives/{BrowserHost.InitiativeId}/reports/{quarter}").ToString());
        await director.GetByRole(AriaRole.Button, new() { Name = StateAdminButton }).ClickAsync();
        await Assertions.Expect(director.Locator($"tr[data-team='{BrowserHost.CafeTeamId}']").GetByTestId("line-status")).ToHaveTextAsync("Returned");
        await PageChecks.AssertCleanWideAndOnAPhone(director);

        await director.GotoAsync(new Uri(host.BaseAddress, $"/initiatives/{BrowserHost.InitiativeId}/evidence?from={quarter}&to={quarter}").ToString());
        await Assertions.Expect(director.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^SPDG and SPP.APR evidence"), Level = 1 })).ToBeVisibleAsync();
        await PageChecks.AssertCleanWideAndOnAPhone(director);
        var download = await director.RunAndWaitForDownloadAsync(() => director.GetByRole(AriaRole.Button, new() { Name = "Download the workbook (XLSX)" }).ClickAsync());
        Assert.EndsWith("-evidence.xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        using var book = new MemoryStream();
        await using (var stream = await download.CreateReadStreamAsync())
        {
            await stream.CopyToAsync(book);
        }

        // The dashboard's own numbers, as its page reads them: the action lists (sustained) and the state view (depth).
        var token = (await host.SignInAsync(BrowserHost.TenantId, BrowserHost.StateAdminEmail)).AccessToken;
        using var http = host.ClientWith(token);
        var attention = await http.GetFromJsonAsync<JsonElement>($"/api/tenants/{BrowserHost.TenantId}/initiatives/{BrowserHost.InitiativeId}/attention");
        var view = await http.GetFromJsonAsync<JsonElement>($"/api/tenants/{BrowserHost.TenantId}/initiatives/{BrowserHost.InitiativeId}/rollup");
        var summary = MiniExcel.Query(book, useHeaderRow: true, sheetName: "summary").Cast<IDictionary<string, object?>>()
            .ToDictionary(r => (string)r["measure"]!, r => Convert.ToString(r["value"], CultureInfo.InvariantCulture));
        Assert.Equal(attention.GetProperty("sustained").GetArrayLength().ToString(CultureInfo.InvariantCulture), summary["sustained_numerator"]);
        Assert.Equal(attention.GetProperty("teams").GetInt32().ToString(CultureInfo.InvariantCulture), summary["sustained_denominator"]);
        var depth = MiniExcel.Query(book, useHeaderRow: true, sheetName: "depth").Cast<IDictionary<string, object?>>().Where(r => (string)r["period"]! == "now").ToList();
        var habits = view.GetProperty("habits").EnumerateArray().ToList();
        Assert.Equal(
            habits.Select(h => (h.GetProperty("habit").GetString(), h.GetProperty("teamsRated").GetInt32(), h.GetProperty("meanDepthScore").GetDecimal())),
            depth.Select(r => ((string?)r["habit"], Convert.ToInt32(r["teams_rated"], CultureInfo.InvariantCulture), Convert.ToDecimal(r["mean_depth_score"], CultureInfo.InvariantCulture))));
        await Assertions.Expect(director.GetByTestId("evidence-sustained")).ToContainTextAsync($"{summary["sustained_numerator"]} of {summary["sustained_denominator"]} teams");
    }

    private static string CalendarQuarter()
    {
        var now = DateTimeOffset.UtcNow;
        return $"{now.Year}-Q{((now.Month - 1) / 3) + 1}";
    }

    [GeneratedRegex(@"^Team facilitator \(district\) — facilitator@cafe\.example \(ga: ")]
    private static partial Regex FacilitatorButton();

    [GeneratedRegex(@"^Regional coordinator — coordinator@resa\.example \(ga: ")]
    private static partial Regex CoordinatorButton();
}
