using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LbcCommunity.Client;

namespace LbcCommunity.Bench;

/// <summary>The <c>convenings</c> command: starts both servers, runs <see cref="ConveningBenchmark"/>, prints and saves.</summary>
internal static class ConveningsCommand
{
    // An event never delivered to everyone has an infinite latency.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task<int> RunAsync(Options options, string[] args)
    {
        var participants = Options.Number(args, "--participants", 1000);
        var rate = Options.Number(args, "--rate", 4);
        var seconds = Options.Number(args, "--seconds", 30);
        var warmup = Options.Number(args, "--warmup-seconds", 20);
        var rounds = Options.Number(args, "--rounds", 3);
        var votes = Options.Number(args, "--votes", 1000);
        var statefulReconnect = !args.Contains("--no-stateful-reconnect");
        var burst = double.Parse(Options.Value(args, "--burst-seconds", "2"), CultureInfo.InvariantCulture);
        var loadProcesses = Options.Number(args, "--load-processes", 1);
        var root = Options.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("lbc-bench-");

        await using var product = await HostProcess.StartAsync(root, new Dictionary<string, string> { ["Storage:DataFolder"] = Path.Combine(work.FullName, "data") }, Path.Combine(work.FullName, "host.log"));
        await using var bare = await HostProcess.StartAsync(root, new Dictionary<string, string>
        {
            ["StatefulReconnect"] = statefulReconnect ? "true" : "false",
            // The product's /hubs/convening settings (ConveningEndpoint), so both hubs buffer alike.
            ["StatefulReconnectBufferSize"] = (1024 * 1024).ToString(CultureInfo.InvariantCulture),
            ["TransportMaxBufferSize"] = (3 * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
        }, Path.Combine(work.FullName, "bare.log"), dll: typeof(ConveningsCommand).Assembly.Location, leadingArguments: ["bare-hub"]);
        using var http = new HttpClient(new AdministratorTokens(product.BaseAddress)) { BaseAddress = product.BaseAddress };
        double ServerCpu(Uri host) => (host == product.BaseAddress ? product : bare).CpuTime.TotalSeconds;
        var result = await new ConveningBenchmark(new LbcCommunityClient(http), product.BaseAddress, bare.BaseAddress, participants, rate, seconds, warmup, rounds, votes, burst, statefulReconnect, loadProcesses, work.FullName, ServerCpu).RunAsync();

        Console.WriteLine();
        Console.WriteLine($"participants {participants} in {loadProcesses} load process(es); facilitator broadcasts {rate}/s for {seconds} s in each of {rounds} round(s), the hubs taking turns, after {warmup} s unmeasured; vote burst {votes} in {burst} s; stateful reconnect {(statefulReconnect ? "on" : "off")}; logs in {work.FullName}");
        Console.WriteLine();
        Console.WriteLine("| scenario | server | events delivered to all | first client p50 / p99 (ms) | slowest client p50 (ms) | slowest client p99 (ms) | max (ms) | CPU cores: server / load processes / driver | steal (cores) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        void Row(string scenario, string server, ConveningBenchmark.Latency l, ConveningBenchmark.CpuCores cpu) =>
            Console.WriteLine($"| {scenario} | {server} | {l.DeliveredToAll} / {l.Events} | {l.FirstClientP50Ms:F1} / {l.FirstClientP99Ms:F1} | {l.SlowestClientP50Ms:F1} | {l.SlowestClientP99Ms:F1} | {l.SlowestClientMaxMs:F1} | {cpu.Server:F2} / {cpu.LoadAgents:F2} / {cpu.Driver:F2} | {cpu.Steal:F2} |");
        for (var round = 0; round < rounds; round++)
        {
            Row($"broadcast, round {round + 1}", "ConveningHub", result.ProductRounds[round].Latency, result.ProductRounds[round].Cpu);
            Row($"broadcast, round {round + 1}", "bare hub", result.BareRounds[round].Latency, result.BareRounds[round].Cpu);
        }

        Row($"**broadcast, {rounds} round(s) pooled**", "ConveningHub", result.ProductBroadcast, result.ProductBroadcastCpu);
        Row($"**broadcast, {rounds} round(s) pooled**", "bare hub", result.BareBroadcast, result.BareBroadcastCpu);
        Row("vote burst", "ConveningHub", result.ProductVotes, result.ProductVotesCpu);
        Row("vote burst", "bare hub", result.BareVotes, result.BareVotesCpu);
        Console.WriteLine();
        Console.WriteLine($"broadcast p99 ratio ConveningHub / bare: {result.ProductBroadcast.SlowestClientP99Ms / result.BareBroadcast.SlowestClientP99Ms:F2}; final tally exact: {(result.FinalTallyExact ? "yes" : "NO")} ({result.FinalVoteCount} votes counted; votes failed: ConveningHub {result.ProductVotesFailed}, bare {result.BareVotesFailed})");
        var aborted = Count(Path.Combine(work.FullName, "host.log"), "Failed writing message");
        var bareAborted = Count(Path.Combine(work.FullName, "bare.log"), "Failed writing message");
        var concurrent = Count(Path.Combine(work.FullName, "host.log"), "Concurrent reads or writes are not supported");
        var bareConcurrent = Count(Path.Combine(work.FullName, "bare.log"), "Concurrent reads or writes are not supported");
        int ClientsClosed(string phase) => Directory.GetFiles(work.FullName, $"agent-{phase}-*.log").Sum(f => Count(f, "connection closed"));
        var productClosed = ClientsClosed("product");
        var bareClosed = ClientsClosed("bare");
        Console.WriteLine($"participant connections that closed during the run: ConveningHub {productClosed}, bare {bareClosed}");
        Console.WriteLine($"connections the server aborted on a failed write: ConveningHub {aborted} ({concurrent} of them 'Concurrent reads or writes are not supported'), bare {bareAborted} ({bareConcurrent})");

        var results = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(results);
        var file = Path.Combine(results, $"convenings-{participants}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { participants, rate, seconds, warmupSeconds = warmup, rounds, votes, burst, loadProcesses, statefulReconnect, result, participantConnectionsClosed = new { product = productClosed, bare = bareClosed }, abortedConnections = new { product = aborted, productConcurrentWrites = concurrent, bare = bareAborted, bareConcurrentWrites = bareConcurrent }, machine = new { Environment.ProcessorCount } }, Indented));
        Console.WriteLine($"\nwrote {file}");
        return result.FinalTallyExact ? 0 : 1;
    }

    /// <summary>How many lines of a server's log hold <paramref name="text"/> (SignalR logs each aborted write once).</summary>
    private static int Count(string log, string text) =>
        File.Exists(log) ? File.ReadLines(log).Count(l => l.Contains(text, StringComparison.Ordinal)) : 0;
}
