using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace LbcCommunity.Bench;

/// <summary>
/// What a guest's phone downloads to join a convening and how soon the join page is usable, in Debian's Chromium
/// against the product (Release build, demo tenant) on a fast link and on an emulated slow one (400 kbit/s each way,
/// 400 ms round trip: a rural phone), each from a cold cache. The baseline, on the same link in the same run, is the
/// smallest answer the host gives (<c>/health/live</c>): what the link alone costs before any byte of the app.
/// </summary>
internal static class PageWeightBenchmark
{
    public const string Command = "page-weight";

    private const double SlowLinkBytesPerSecond = 400_000 / 8.0;
    private const double SlowLinkRoundTripMs = 400;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Options.Number(args, "--runs", 3);
        var root = Options.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("lbc-bench-page-");
        await using var product = await HostProcess.StartAsync(
            root,
            new Dictionary<string, string>
            {
                ["Storage:DataFolder"] = Path.Combine(work.FullName, "data"),
                ["Demo:Seed"] = "true",
                // The build's web app (a published image carries it in its own wwwroot; the build output does not).
                ["webroot"] = Path.Combine(root, "src", "LbcCommunity.Host", "wwwroot"),
            },
            Path.Combine(work.FullName, "host.log"));
        var baseAddress = product.BaseAddress;
        var joinCode = await DemoJoinCode(baseAddress);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });

        var rows = new List<Row>();
        foreach (var (link, slow) in new[] { ("fast (loopback)", false), ("slow: 400 kbit/s, 400 ms RTT", true) })
        {
            var samples = new List<Sample>();
            for (var run = 0; run < runs; run++)
            {
                samples.Add(await LoadOnce(browser, new Uri(baseAddress, $"/join?code={Uri.EscapeDataString(joinCode)}"), new Uri(baseAddress, "/health/live"), slow));
            }

            rows.Add(new Row(link, runs, Median(samples, s => s.BaselineMs), Median(samples, s => s.UsableMs), samples[0].ScriptFiles, samples[0].ScriptWireBytes, samples[0].ScriptBytes));
        }

        var scripts = await ScriptsOfJoinPage(browser, new Uri(baseAddress, $"/join?code={Uri.EscapeDataString(joinCode)}"));
        var wwwroot = Path.Combine(root, "src", "LbcCommunity.Host", "wwwroot");
        var gzip = scripts.Sum(path => GzipSize(Path.Combine(wwwroot, path.TrimStart('/'))));

        Console.WriteLine($"Join page (/join?code=…), Chromium, cold cache, median of {runs} runs");
        Console.WriteLine($"{"link",-30} {"baseline ms",12} {"usable ms",10} {"scripts",8} {"wire KB",8} {"raw KB",8}");
        foreach (var r in rows)
        {
            Console.WriteLine($"{r.Link,-30} {r.BaselineMs,12:F0} {r.UsableMs,10:F0} {r.ScriptFiles,8} {r.ScriptWireBytes / 1024.0,8:F1} {r.ScriptBytes / 1024.0,8:F1}");
        }

        Console.WriteLine($"JavaScript of the join page: {scripts.Count} files, {gzip / 1024.0:F1} KB gzip -9 ({string.Join(", ", scripts)})");
        var results = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(results);
        var file = Path.Combine(results, $"page-weight-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { runs, slowLink = new { bytesPerSecond = SlowLinkBytesPerSecond, roundTripMs = SlowLinkRoundTripMs }, rows, scripts, scriptsGzipBytes = gzip }, Indented));
        Console.WriteLine($"\nwrote {file}");
        return 0;
    }

    /// <summary>A convening of the demo's CAFÉ team, planned by the state director, and a join code for it.</summary>
    private static async Task<string> DemoJoinCode(Uri baseAddress)
    {
        var token = await BenchSignIn.SignInAsync(baseAddress, "ga", "spdg.director@gadoe.example");
        using var client = BenchSignIn.ClientWith(baseAddress, token);
        // The demo is seeded in the background once the host is up: wait until its team exists.
        for (var attempt = 0; !(await client.GetAsync("/api/tenants/ga/teams/cafe-manchester")).IsSuccessStatusCode; attempt++)
        {
            if (attempt == 60)
            {
                throw new InvalidOperationException("The demo tenant was not seeded within a minute.");
            }

            await Task.Delay(1000);
        }

        var convening = new
        {
            id = "page-weight",
            title = "Family engagement night",
            ownerKind = "Team",
            ownerId = "cafe-manchester",
            agenda = new object[] { new { kind = "ConsensusBuilding", title = "Our homework policy" } },
        };
        (await client.PostAsJsonAsync("/api/tenants/ga/convenings", convening)).EnsureSuccessStatusCode();
        return await BenchSignIn.IssueJoinCode(baseAddress, token, "ga", "page-weight");
    }

    private static async Task<Sample> LoadOnce(IBrowser browser, Uri joinPage, Uri baseline, bool slow)
    {
        // Each load gets a phone of its own: a cold cache and no warm connection from the load before.
        await using var first = await browser.NewContextAsync(Phone);
        var probe = await OnLink(first, slow);
        await probe.GotoAsync(baseline.ToString(), new() { WaitUntil = WaitUntilState.Load, Timeout = 120_000 });
        var baselineMs = await probe.EvaluateAsync<double>("() => performance.getEntriesByType('navigation')[0].responseEnd");

        await using var second = await browser.NewContextAsync(Phone);
        var join = await OnLink(second, slow);
        await join.GotoAsync(joinPage.ToString(), new() { WaitUntil = WaitUntilState.Commit, Timeout = 120_000 });
        // Usable: the join form can be filled in and sent (its button is there and enabled).
        try
        {
            await join.WaitForFunctionAsync("() => { const b = document.querySelector('form button[type=submit]'); return !!b && !b.disabled; }", null, new() { Timeout = 120_000, PollingInterval = 20 });
        }
        catch (TimeoutException)
        {
            Console.Error.WriteLine($"The join page at {join.Url} never became usable; it shows:\n{await join.ContentAsync()}");
            throw;
        }
        var usableMs = await join.EvaluateAsync<double>("() => performance.now()");
        var scripts = await join.EvaluateAsync<JsonElement>(
            "() => performance.getEntriesByType('resource').filter(e => e.name.endsWith('.js')).map(e => ({ transfer: e.transferSize, decoded: e.decodedBodySize }))");
        var list = scripts.EnumerateArray().ToList();
        return new Sample(baselineMs, usableMs, list.Count, list.Sum(s => s.GetProperty("transfer").GetInt64()), list.Sum(s => s.GetProperty("decoded").GetInt64()));
    }

    private static BrowserNewContextOptions Phone => new() { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true };

    /// <summary>A page of the context, behind the emulated slow link when <paramref name="slow"/> (Chromium's own throttling).</summary>
    private static async Task<IPage> OnLink(IBrowserContext context, bool slow)
    {
        var page = await context.NewPageAsync();
        if (slow)
        {
            var cdp = await context.NewCDPSessionAsync(page);
            await cdp.SendAsync("Network.enable");
            await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
            {
                ["offline"] = false,
                ["latency"] = SlowLinkRoundTripMs,
                ["downloadThroughput"] = SlowLinkBytesPerSecond,
                ["uploadThroughput"] = SlowLinkBytesPerSecond,
            });
        }

        return page;
    }

    private static async Task<IReadOnlyList<string>> ScriptsOfJoinPage(IBrowser browser, Uri joinPage)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(joinPage.ToString(), new() { WaitUntil = WaitUntilState.NetworkIdle });
        var names = await page.EvaluateAsync<string[]>("() => performance.getEntriesByType('resource').filter(e => e.name.endsWith('.js')).map(e => new URL(e.name).pathname)");
        return [.. names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private static long GzipSize(string file)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(File.ReadAllBytes(file));
        }

        return output.Length;
    }

    private static double Median(List<Sample> samples, Func<Sample, double> of)
    {
        var sorted = samples.Select(of).Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private sealed record Sample(double BaselineMs, double UsableMs, int ScriptFiles, long ScriptWireBytes, long ScriptBytes);

    private sealed record Row(string Link, int Runs, double BaselineMs, double UsableMs, int ScriptFiles, long ScriptWireBytes, long ScriptBytes);
}
