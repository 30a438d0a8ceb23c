using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LbcCommunity.Bench;
using LbcCommunity.Client;
using Npgsql;

// dotnet run -c Release --project bench/LbcCommunity.Bench -- rollups [--store embedded|postgres] [--teams 5000]
//     [--rate 1000] [--seconds 60] [--warmup 15] [--concurrency 256] [--postgres "Host=…;Username=…;Password=…"]
// Starts the product as a separate process (Release build), drives it through the public API, prints a table and
// writes bench/results/rollups-<store>-<time>.json. PostgreSQL: --postgres or LBC_BENCH_POSTGRES (an admin
// connection string; a fresh database is created for the run).
// dotnet run -c Release --project bench/LbcCommunity.Bench -- convenings [--participants 1000] [--rate 4] [--seconds 30]
//     [--rounds 3] [--votes 1000] [--burst-seconds 2] [--load-processes 1] [--no-stateful-reconnect]
// Runs the product (embedded) and a bare SignalR hub, each in its own process, and compares them; the participants
// are spread over --load-processes child processes of this program (the hidden convening-agent command).
// dotnet run -c Release --project bench/LbcCommunity.Bench -- join-storm [--participants 1000] [--concurrency 32]
// N guests join one convening at once (each Join's answer timed), and in the same run N connections join a bare hub's group.
// dotnet run -c Release --project bench/LbcCommunity.Bench -- tokens [--seconds 15] [--concurrency 16]
// The token endpoint (client credentials, guests' join codes) and what token validation costs an API call.
// dotnet run -c Release --project bench/LbcCommunity.Bench -- stateful-reconnect-repro [--clients 4] [--buffer 100000]
//     [--transport-buffer 65536] [--messages 3000] [--bytes 8192] [--stall-seconds 3]
// Reproduces SignalR aborting stateful-reconnect connections ("Concurrent reads or writes are not supported") on the bare hub.
// dotnet run -c Release --project bench/LbcCommunity.Bench -- page-weight [--runs 3]
// The guest's join page in Chromium: its JavaScript (on the wire and gzip) and its time to usable, fast and on an
// emulated 400 kbit/s, 400 ms round-trip link, against the host's smallest answer on the same link.
// dotnet run -c Release --project bench/LbcCommunity.Bench -- dashboard-render [--runs 5] [--regions 30] [--quarters 8]
// The state dashboard in Chromium: time until the heat map (regions × rows) and the trend are shown, against the same
// dashboard of a one-region initiative in the same run.
// dotnet run -c Release --project bench/LbcCommunity.Bench -- oversized-input [--requests 300] [--concurrency 8] [--settle-seconds 20]
// The host's memory under 10 MB bodies (declared and chunked) and 10,000-level JSON: before, peak, after the load.
// dotnet run -c Release --project bench/LbcCommunity.Bench -- stories-search [--stories 10000] [--queries 1000] [--warmup 100]
//     [--store both|embedded|postgres] [--postgres CONN]
// Search over N stories of ~2 KB (a word and two filters) on SQLite FTS5 and PostgreSQL: raw SQL, IStoryIndex, HTTP.
var options = Options.Parse(args);
if (options.Command == "bare-hub")
{
    return await BareHub.RunAsync([.. args.Skip(1)]);
}

if (options.Command == ConveningAgent.Command)
{
    return await ConveningAgent.RunAsync([.. args.Skip(1)]);
}

if (options.Command == "stateful-reconnect-repro")
{
    return await StatefulReconnectRepro.RunAsync(args);
}

if (options.Command == "oversized-input")
{
    return await OversizedInputBenchmark.RunAsync(args);
}

if (options.Command == PageWeightBenchmark.Command)
{
    return await PageWeightBenchmark.RunAsync(args);
}

if (options.Command == DashboardRenderBenchmark.Command)
{
    return await DashboardRenderBenchmark.RunAsync(args);
}

if (options.Command == StorySearchBenchmark.Command)
{
    return await StorySearchBenchmark.RunAsync(args);
}

if (options.Command == "tokens")
{
    return await TokenBenchmark.RunAsync(args);
}

if (options.Command == "join-storm")
{
    return await JoinStormCommand.RunAsync(args);
}

if (options.Command == "convenings")
{
    return await ConveningsCommand.RunAsync(options, args);
}

if (options.Command != "rollups")
{
    Console.Error.WriteLine("usage: LbcCommunity.Bench rollups [--store embedded|postgres] [--teams N] [--rate R] [--seconds S] [--warmup S] [--concurrency C] [--postgres CONN]");
    Console.Error.WriteLine("       LbcCommunity.Bench tokens [--seconds S] [--concurrency C]");
    Console.Error.WriteLine("       LbcCommunity.Bench convenings [--participants N] [--rate R] [--seconds S] [--rounds R] [--votes V] [--burst-seconds B] [--load-processes K] [--no-stateful-reconnect]");
    return 2;
}

var root = Options.RepositoryRoot();
var work = Directory.CreateTempSubdirectory("lbc-bench-");
var settings = new Dictionary<string, string>();
Func<System.Data.Common.DbConnection> rawStore;
var postgres = options.Store == "postgres";
if (postgres)
{
    var admin = options.Postgres ?? Environment.GetEnvironmentVariable("LBC_BENCH_POSTGRES")
        ?? throw new InvalidOperationException("--store postgres needs --postgres or LBC_BENCH_POSTGRES.");
    var database = "lbc_bench_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
    await using (var connection = new NpgsqlConnection(admin))
    {
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
        await create.ExecuteNonQueryAsync();
    }

    var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
    settings["Storage:Mode"] = "Cluster";
    settings["Storage:PostgresConnectionString"] = connectionString;
    rawStore = StoreBaseline.Postgres(connectionString);
}
else
{
    settings["Storage:DataFolder"] = Path.Combine(work.FullName, "data");
    rawStore = StoreBaseline.Sqlite(Path.Combine(work.FullName, "baseline.db"));
}

Console.WriteLine($"Store baseline: {options.Rate * 10} raw upserts at concurrency {options.Concurrency}…");
var baseline = await StoreBaseline.RunAsync(rawStore, postgres, writes: options.Rate * 10, options.Concurrency, payloadBytes: 2048);
// The baseline's idle connections would otherwise count against the server's connection limit during the run.
NpgsqlConnection.ClearAllPools();

Console.WriteLine($"Starting the host ({options.Store})…");
await using var host = await HostProcess.StartAsync(root, settings, Path.Combine(work.FullName, "host.log"));
using var http = new HttpClient(new AdministratorTokens(host.BaseAddress)) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
var api = new LbcCommunityClient(http);
var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var hostCpuBefore = host.CpuTime;
var wall = Stopwatch.StartNew();
Console.WriteLine($"Enrolling {options.Teams} teams, then {options.Rate} ratings/s for {options.Warmup} s (warm-up) and {options.Seconds} s…");
var result = await new RollUpBenchmark(api, host.BaseAddress, options.Teams, options.Rate, options.Seconds, options.Concurrency, options.Warmup, () => host.CpuTime).RunAsync();
var wallSeconds = wall.Elapsed.TotalSeconds;
var benchCpu = (Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore).TotalSeconds / wallSeconds;
var hostCpu = (host.CpuTime - hostCpuBefore).TotalSeconds / wallSeconds;

var table = new[]
{
    ("store", options.Store),
    ("teams", options.Teams.ToString(CultureInfo.InvariantCulture)),
    ("target rate (ratings/s) × duration (after a warm-up of)", $"{options.Rate} × {options.Seconds} s ({options.Warmup} s)"),
    ("team set-up (s)", result.SetupSeconds.ToString("F1", CultureInfo.InvariantCulture)),
    ("acknowledged / offered (failed)", $"{result.Acknowledged} / {result.Offered} ({result.Failed})"),
    ("throughput (ratings/s)", result.RatingsPerSecond.ToString("F0", CultureInfo.InvariantCulture)),
    ("ack latency p50 / p99 (ms)", $"{result.AckP50Ms:F1} / {result.AckP99Ms:F1}"),
    ("ack → state view p50 / p95 / p99 (ms)", $"{result.VisibleP50Ms:F0} / {result.VisibleP95Ms:F0} / {result.VisibleP99Ms:F0}"),
    ("state views received", result.ViewsReceived.ToString(CultureInfo.InvariantCulture)),
    ("… of which: view computed → received p50 / p99 (ms)", $"{result.ViewDeliveryP50Ms:F0} / {result.ViewDeliveryP99Ms:F0}"),
    ("final state view exact", result.FinalStateExact ? $"yes (version {result.FinalVersion})" : $"NO (version {result.FinalVersion})"),
    ("baseline: raw store upserts/s (p50 / p99 ms)", $"{baseline.WritesPerSecond:F0} ({baseline.P50Ms:F1} / {baseline.P99Ms:F1})"),
    ("CPU during the drive: host / load generator (cores)", $"{result.HostCoresDuringDrive:F2} / {result.BenchCoresDuringDrive:F2}"),
    ("host CPU per acknowledged rating (ms)", result.HostCpuMsPerRating.ToString("F2", CultureInfo.InvariantCulture)),
    ("CPU over the whole run incl. set-up: host / load generator (cores)", $"{hostCpu:F2} / {benchCpu:F2}"),
};
Console.WriteLine();
Console.WriteLine("| measure | value |");
Console.WriteLine("|---|---|");
foreach (var (measure, value) in table)
{
    Console.WriteLine($"| {measure} | {value} |");
}

var results = Path.Combine(root, "bench", "results");
Directory.CreateDirectory(results);
var file = Path.Combine(results, $"rollups-{options.Store}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { options, result, baseline, hostCpuCores = hostCpu, benchCpuCores = benchCpu, machine = new { Environment.ProcessorCount } }, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"\nwrote {file}");
return result.FinalStateExact ? 0 : 1;

internal sealed record Options(string Command, string Store, int Teams, int Rate, int Seconds, int Concurrency, string? Postgres, int Warmup)
{
    public static string Value(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }

    public static int Number(string[] args, string name, int fallback) =>
        int.Parse(Value(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback) => Options.Value(args, name, fallback);

        int Number(string name, int fallback) => Options.Number(args, name, fallback);
        return new Options(
            args.FirstOrDefault() ?? string.Empty,
            Value("--store", "embedded"),
            Number("--teams", 5000),
            Number("--rate", 1000),
            Number("--seconds", 60),
            Number("--concurrency", 256),
            Value("--postgres", string.Empty) is { Length: > 0 } pg ? pg : null,
            Number("--warmup", 15));
    }

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "LbcCommunity.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from within the repository.");
    }
}
