using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LbcCommunity.Bench;

/// <summary>
/// The host's memory under oversized input: 10 MB bodies (declared and chunked) and 10,000-level JSON against the REST
/// API, from several callers at once; the host's resident set before, at its peak, and after the load has stopped.
/// </summary>
internal static class OversizedInputBenchmark
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var requests = Argument(args, "--requests", 300);
        var concurrency = Argument(args, "--concurrency", 8);
        var settleSeconds = Argument(args, "--settle-seconds", 20);
        var root = Options.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("lbc-bench-oversized-");
        await using var product = await HostProcess.StartAsync(root, new Dictionary<string, string> { ["Storage:DataFolder"] = Path.Combine(work.FullName, "data") }, Path.Combine(work.FullName, "host.log"));
        var baseAddress = product.BaseAddress;
        using (var asOperator = BenchSignIn.ClientWith(baseAddress, await BenchSignIn.OperatorToken(baseAddress)))
        {
            (await asOperator.PostAsJsonAsync("/api/tenants", new { id = "bench", name = "Benchmark state agency", stateCode = "GA" })).EnsureSuccessStatusCode();
        }

        using var http = BenchSignIn.ClientWith(baseAddress, await BenchSignIn.StateAdminToken(baseAddress, "bench"));
        // Valid JSON with one 10 MB string: a reader that takes it has to hold all of it before it can refuse the name.
        var tenMegabytes = Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', 10 * 1024 * 1024) + "\"}");
        var deepJson = Encoding.UTF8.GetBytes("{\"name\":\"deep\",\"extra\":" + string.Concat(Enumerable.Repeat("[", 10_000)) + new string(']', 10_000) + "}");

        await Task.Delay(TimeSpan.FromSeconds(3));
        var before = product.ResidentBytes;
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, product.ResidentBytes);
                await Task.Delay(100);
            }
        });

        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = -1;
        var started = DateTime.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                HttpContent content = (i % 3) switch
                {
                    0 => new ByteArrayContent(tenMegabytes),
                    1 => new StreamContent(new MemoryStream(tenMegabytes, writable: false)) { Headers = { ContentLength = null } },
                    _ => new ByteArrayContent(deepJson),
                };
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                string outcome;
                try
                {
                    using var response = await http.PostAsync("/api/tenants/bench/regions", content);
                    outcome = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                }
                catch (HttpRequestException)
                {
                    // The server answered and closed before taking the whole body: the client may report the upload's end.
                    outcome = "closed";
                }

                var kind = (i % 3) switch { 0 => "10 MB declared", 1 => "10 MB chunked", _ => "10,000-level JSON" };
                lock (statuses)
                {
                    statuses[$"{kind}: {outcome}"] = statuses.GetValueOrDefault($"{kind}: {outcome}") + 1;
                }
            }
        }));
        var elapsed = DateTime.UtcNow - started;
        var atEnd = product.ResidentBytes;
        await Task.Delay(TimeSpan.FromSeconds(settleSeconds));
        await sampling.CancelAsync();
        await sampler;
        var settled = product.ResidentBytes;

        static string Mb(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("F0", CultureInfo.InvariantCulture);
        Console.WriteLine($"Oversized input: {requests} requests ({concurrency} at once) in {elapsed.TotalSeconds:F1} s");
        foreach (var (outcome, count) in statuses.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {outcome,-32} {count,6}");
        }

        Console.WriteLine($"| host RSS | before | peak | at end of load | after {settleSeconds} s |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine($"| MB | {Mb(before)} | {Mb(peak)} | {Mb(atEnd)} | {Mb(settled)} |");

        var results = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(results);
        var file = Path.Combine(results, $"oversized-input-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new
        {
            requests,
            concurrency,
            elapsedSeconds = elapsed.TotalSeconds,
            outcomes = statuses,
            residentBytes = new { before, peak, atEnd, settled },
        }, Indented));
        Console.WriteLine($"Written: {file}");
        return 0;
    }

    private static int Argument(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
