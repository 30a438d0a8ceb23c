using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LbcCommunity.Client;

namespace LbcCommunity.Bench;

/// <summary>The <c>convenings</c> command: starts both servers, runs <see cref="ConveningBenchmark"/>, prints and saves.</summary>
internal static class ConveningsCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(Options options, string[] args)
    {
        var participants = Options.Number(args, "--participants", 1000);
        var rate = Options.Number(args, "--rate", 4);
        var seconds = Options.Number(args, "--seconds", 30);
        var votes = Options.Number(args, "--votes", 1000);
        var statefulReconnect = !args.Contains("--no-stateful-reconnect");
        var burst = double.Parse(Options.Value(args, "--burst-seconds", "2"), CultureInfo.InvariantCulture);
        var root = Options.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("lbc-bench-");

        await using var product = await HostProcess.StartAsync(root, new Dictionary<string, string> { ["Storage:DataFolder"] = Path.Combine(work.FullName, "data") }, Path.Combine(work.FullName, "host.log"));
        await using var bare = await HostProcess.StartAsync(root, new Dictionary<string, string>(), Path.Combine(work.FullName, "bare.log"), dll: typeof(ConveningsCommand).Assembly.Location, leadingArguments: ["bare-hub"]);
        using var http = new HttpClient { BaseAddress = product.BaseAddress };
        var loadCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var result = await new ConveningBenchmark(new LbcCommunityClient(http), product.BaseAddress, bare.BaseAddress, participants, rate, seconds, votes, burst, statefulReconnect).RunAsync();
        var loadCores = (Process.GetCurrentProcess().TotalProcessorTime - loadCpu).TotalSeconds / wall.Elapsed.TotalSeconds;

        Console.WriteLine();
        Console.WriteLine($"participants {participants}, facilitator broadcasts {rate}/s for {seconds} s, vote burst {votes} in {burst} s; stateful reconnect {(statefulReconnect ? "on" : "off")}; load generator CPU {loadCores:F2} cores");
        Console.WriteLine();
        Console.WriteLine("| scenario | server | events delivered to all | slowest client p50 (ms) | slowest client p99 (ms) |");
        Console.WriteLine("|---|---|---|---|---|");
        void Row(string scenario, string server, ConveningBenchmark.Latency l) =>
            Console.WriteLine($"| {scenario} | {server} | {l.DeliveredToAll} / {l.Events} | {l.SlowestClientP50Ms:F1} | {l.SlowestClientP99Ms:F1} |");
        Row("facilitator broadcast", "ConveningHub", result.ProductBroadcast);
        Row("facilitator broadcast", "bare hub", result.BareBroadcast);
        Row("vote burst", "ConveningHub", result.ProductVotes);
        Row("vote burst", "bare hub", result.BareVotes);
        Console.WriteLine();
        Console.WriteLine($"broadcast p99 ratio ConveningHub / bare: {result.ProductBroadcast.SlowestClientP99Ms / result.BareBroadcast.SlowestClientP99Ms:F2}; final tally exact: {(result.FinalTallyExact ? "yes" : "NO")} ({result.FinalVoteCount} votes counted; votes failed: ConveningHub {result.ProductVotesFailed}, bare {result.BareVotesFailed})");

        var results = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(results);
        var file = Path.Combine(results, $"convenings-{participants}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { participants, rate, seconds, votes, burst, result, loadGeneratorCores = loadCores }, Indented));
        Console.WriteLine($"\nwrote {file}");
        return result.FinalTallyExact ? 0 : 1;
    }
}
