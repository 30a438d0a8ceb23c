using System.Globalization;
using System.Text.Json;
using LbcCommunity.Client;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.Rubrics;
using Microsoft.Playwright;

namespace LbcCommunity.Bench;

/// <summary>
/// How soon the state's dashboard shows everything in Debian's Chromium: an initiative of 30 regions (a team each),
/// every row of the default rubric rated by every team once a quarter for 8 quarters, against the same dashboard of an
/// initiative of one region and one rating in the same run (the baseline: the page, its code and its reads with next
/// to no data). "Shown" is the heat map with a number in each region × row cell and the trend chart drawn; the time
/// runs from the navigation's start, the state admin already signed in (the token in the page's session).
/// </summary>
internal static class DashboardRenderBenchmark
{
    public const string Command = "dashboard-render";

    private const string Initiative = "render";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Options.Number(args, "--runs", 5);
        var regions = Options.Number(args, "--regions", 30);
        var quarters = Options.Number(args, "--quarters", 8);
        var root = Options.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("lbc-bench-dashboard-");
        await using var product = await HostProcess.StartAsync(
            root,
            new Dictionary<string, string>
            {
                ["Storage:DataFolder"] = Path.Combine(work.FullName, "data"),
                ["webroot"] = Path.Combine(root, "src", "LbcCommunity.Host", "wwwroot"),
            },
            Path.Combine(work.FullName, "host.log"));
        using var http = new HttpClient(new AdministratorTokens(product.BaseAddress)) { BaseAddress = product.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var api = new LbcCommunityClient(http);
        var stamp = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var rows = DefaultRubric.Rows.Select(r => r.Id).ToArray();

        Console.WriteLine($"Setting up: {regions} regions × {rows.Length} rows × {quarters} quarters, and the one-region baseline…");
        var big = await SetUp(api, $"render{stamp}", regions, quarters, rows);
        var small = await SetUp(api, $"base{stamp}", 1, 1, rows);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

        var lines = new List<Line>();
        foreach (var (name, tenant, regionCount) in new[] { ("baseline: 1 region × 1 quarter", small, 1), ($"{regions} regions × {rows.Length} rows × {quarters} quarters", big, regions) })
        {
            var samples = await Measure(browser, new Uri(product.BaseAddress, $"/initiatives/{Initiative}"), tenant, regionCount * rows.Length, runs);
            samples.Sort();
            lines.Add(new Line(name, runs, samples[samples.Count / 2], samples[^1]));
        }

        Console.WriteLine($"\nState dashboard, Chromium 1280 × 800, signed in, median of {runs} loads");
        Console.WriteLine($"{"initiative",-40} {"shown ms (median)",18} {"max ms",8}");
        foreach (var line in lines)
        {
            Console.WriteLine($"{line.Initiative,-40} {line.ShownMedianMs,18:F0} {line.ShownMaxMs,8:F0}");
        }

        var results = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(results);
        var file = Path.Combine(results, $"dashboard-render-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { runs, regions, rows = rows.Length, quarters, lines }, Indented));
        Console.WriteLine($"\nwrote {file}");
        return 0;
    }

    /// <summary>A tenant whose initiative has a team in each region, each rated on every row once a quarter (oldest first).</summary>
    private static async Task<string> SetUp(LbcCommunityClient api, string tenant, int regions, int quarters, string[] rows)
    {
        await api.CreateTenantAsync(new TenantDraft { Id = tenant, Name = "Dashboard benchmark state", StateCode = "GA" });
        await api.CreateInitiativeAsync(tenant, new InitiativeDraft { Id = Initiative, Name = "Dashboard benchmark" });
        var random = new Random(7);
        var now = DateTimeOffset.UtcNow;
        for (var r = 0; r < regions; r++)
        {
            await api.CreateRegionAsync(tenant, new RegionDraft { Id = $"region-{r}", Name = $"Region {r}" });
            await api.CreateDistrictAsync(tenant, new DistrictDraft { Id = $"district-{r}", Name = $"District {r}", RegionId = $"region-{r}" });
            await api.CreateTeamAsync(tenant, Initiative, new TeamDraft { Id = $"team-{r}", Name = $"Team {r}", DistrictId = $"district-{r}" });
            for (var q = quarters - 1; q >= 0; q--)
            {
                await api.RecordConsensusRatingAsync(tenant, $"team-{r}", new RatingDraft
                {
                    RubricVersion = 1,
                    // A quarter apart, the latest a day ago (within the two years a rating from paper may go back).
                    RatedAt = now.AddDays(-1 - (91 * q)),
                    Rows = [.. rows.Select(row => new RowRatingDraft
                    {
                        RowId = row,
                        Cells = [.. Enum.GetValues<DepthLevel>().Select(level => new CellAttainment { Level = level, AttainmentPercent = random.Next(0, 11) * 10 })],
                    })],
                });
            }
        }

        return tenant;
    }

    /// <summary>Signs in through the web app once, then loads the dashboard <paramref name="runs"/> times.</summary>
    private static async Task<List<double>> Measure(IBrowser browser, Uri dashboard, string tenant, int cells, int runs)
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(dashboard.ToString());
        // The development sign-in lists a button per person: the tenant's state admin is the one the set-up made.
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex($"admin@{tenant}\\.bench") }).ClickAsync(new() { Timeout = 60_000 });
        await Shown(page, cells);

        var samples = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            await page.GotoAsync(dashboard.ToString(), new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
            samples.Add(await Shown(page, cells));
        }

        return samples;
    }

    /// <summary>Waits until every heat-map cell has its number and the trend is drawn; returns the page's clock then.</summary>
    private static async Task<double> Shown(IPage page, int cells)
    {
        await page.WaitForFunctionAsync(
            "cells => [...document.querySelectorAll('td.heat')].filter(td => /\\d\\.\\d\\d/.test(td.textContent)).length >= cells && !!document.querySelector('.trend-chart svg path')",
            cells, new() { Timeout = 120_000, PollingInterval = 10 });
        return await page.EvaluateAsync<double>("() => performance.now()");
    }

    private sealed record Line(string Initiative, int Runs, double ShownMedianMs, double ShownMaxMs);
}
