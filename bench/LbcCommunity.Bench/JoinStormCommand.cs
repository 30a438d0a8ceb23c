using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LbcCommunity.Client;
using LbcCommunity.Convenings;
using Microsoft.AspNetCore.SignalR.Client;

namespace LbcCommunity.Bench;

/// <summary>
/// The <c>join-storm</c> command: N guests join one convening as fast as <c>--concurrency</c> connections at a time
/// allow, against the product's ConveningHub and, in the same run, N connections that join a group of a bare SignalR
/// hub; the time of each Join's answer and of the whole storm. Every participant stays connected until the end, so the
/// later joins pay for everyone already in the room (the roster and the presence each join sends to the others).
/// </summary>
/// <remarks>
/// Guests' tokens are fetched before the storm and not timed: a storm of people who scanned a join code a minute ago.
/// The clients run in this process; both hubs run in processes of their own.
/// </remarks>
internal static class JoinStormCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var participants = Options.Number(args, "--participants", 1000);
        var concurrency = Options.Number(args, "--concurrency", 32);
        var root = Options.RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("lbc-bench-");
        await using var product = await HostProcess.StartAsync(root, new Dictionary<string, string> { ["Storage:DataFolder"] = Path.Combine(work.FullName, "data") }, Path.Combine(work.FullName, "host.log"));
        await using var bare = await HostProcess.StartAsync(root, new Dictionary<string, string>(), Path.Combine(work.FullName, "bare.log"), dll: typeof(JoinStormCommand).Assembly.Location, leadingArguments: ["bare-hub"]);
        using var http = new HttpClient(new AdministratorTokens(product.BaseAddress)) { BaseAddress = product.BaseAddress };
        var (tenant, conveningId, facilitatorId) = await ConveningBenchmark.Plan(new LbcCommunityClient(http));
        var joinCode = await BenchSignIn.IssueJoinCode(product.BaseAddress, await BenchSignIn.StateAdminToken(product.BaseAddress, tenant), tenant, conveningId);

        Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {participants} guest tokens…");
        using var tokenClient = new HttpClient { BaseAddress = product.BaseAddress };
        var tokens = await InParallel(participants, 16, i => BenchSignIn.GuestTokenAsync(tokenClient, joinCode, $"Participant {i}"));

        // The bare hub first: its connections are closed before the product's storm, so they do not share the machine.
        Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} bare hub: {participants} connect + join a group, {concurrency} at a time…");
        var bareHub = new Uri(bare.BaseAddress, "hubs/bare");
        var loadBefore = LoadAverage();
        var bareCpuBefore = bare.CpuTime;
        var bareStorm = await Storm(participants, concurrency, async _ =>
        {
            var connection = new HubConnectionBuilder().WithUrl(bareHub).Build();
            await connection.StartAsync();
            var sent = Stopwatch.GetTimestamp();
            await connection.InvokeAsync("Join");
            return (connection, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
        }, c => c.DisposeAsync());
        var bareCpu = (bare.CpuTime - bareCpuBefore).TotalSeconds;

        Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} ConveningHub: {participants} connect + Join, {concurrency} at a time…");
        var productHub = new Uri(product.BaseAddress, "hubs/convening");
        var snapshotBytes = new long[participants];
        var cpuBefore = product.CpuTime;
        var productStorm = await Storm(participants, concurrency, async i =>
        {
            var token = tokens[i];
            var client = new ConveningClient(productHub, options => options.AccessTokenProvider = () => Task.FromResult<string?>(token));
            await client.StartAsync();
            var sent = Stopwatch.GetTimestamp();
            var joined = await client.JoinAsync(tenant, conveningId, new JoinRequest());
            var ms = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            snapshotBytes[i] = JsonSerializer.SerializeToUtf8Bytes(joined, JsonSerializerOptions.Web).Length;
            return (client, ms);
        }, c => c.DisposeAsync(), whileConnected: async () =>
        {
            // Everyone is in: the facilitator's snapshot counts them all, present.
            var facilitatorToken = await BenchSignIn.SignInAsync(product.BaseAddress, tenant, ConveningBenchmark.FacilitatorEmail);
            await using var facilitator = new ConveningClient(productHub, options => options.AccessTokenProvider = () => Task.FromResult<string?>(facilitatorToken));
            await facilitator.StartAsync();
            var seen = (await facilitator.JoinAsync(tenant, conveningId, new JoinRequest { MemberId = facilitatorId })).Snapshot;
            return seen.Present.Count;
        });
        var hostCpu = (product.CpuTime - cpuBefore).TotalSeconds;
        var loadAfter = LoadAverage();

        var rows = new[] { ("ConveningHub", productStorm), ("bare hub (connect + join a group)", bareStorm) };
        Console.WriteLine();
        Console.WriteLine($"join storm: {participants} participants, {concurrency} joining at a time; logs in {work.FullName}");
        Console.WriteLine();
        Console.WriteLine("| server | joins | total (s) | joins/s | Join answer p50 (ms) | p99 (ms) | max (ms) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (server, storm) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {server} | {storm.Joins} | {storm.Seconds:F1} | {storm.Joins / storm.Seconds:F0} | {storm.P50Ms:F1} | {storm.P99Ms:F1} | {storm.MaxMs:F1} |"));
        }

        var meanSnapshot = snapshotBytes.Average();
        var lastSnapshot = snapshotBytes[^1];
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Join answer size (JSON): mean {meanSnapshot / 1024:F1} KB, the last joiner's {lastSnapshot / 1024.0:F1} KB; present when all had joined (the facilitator's snapshot): {productStorm.PresentAtEnd}; server CPU during the storm: ConveningHub {hostCpu:F1} s, bare hub {bareCpu:F1} s; machine load average before / after: {loadBefore} / {loadAfter}"));
        var results = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(results);
        var file = Path.Combine(results, $"join-storm-{participants}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { participants, concurrency, product = productStorm, bare = bareStorm, joinAnswerBytes = new { mean = meanSnapshot, last = lastSnapshot }, hostCpuSeconds = hostCpu, bareCpuSeconds = bareCpu, loadAverage = new { before = loadBefore, after = loadAfter }, machine = new { Environment.ProcessorCount } }, Indented));
        Console.WriteLine($"\nwrote {file}");
        return productStorm.PresentAtEnd == participants + 1 ? 0 : 1;
    }

    /// <summary>
    /// Connects and joins <paramref name="count"/> clients, <paramref name="concurrency"/> at a time, keeping them all
    /// connected; then runs <paramref name="whileConnected"/> and closes them.
    /// </summary>
    private static async Task<StormResult> Storm<T>(int count, int concurrency, Func<int, Task<(T Client, double Ms)>> join, Func<T, ValueTask> close, Func<Task<int>>? whileConnected = null)
    {
        var started = Stopwatch.GetTimestamp();
        var joined = await InParallel(count, concurrency, i => join(i));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var presentAtEnd = whileConnected is null ? 0 : await whileConnected();
        foreach (var (client, _) in joined)
        {
            await close(client);
        }

        var sorted = joined.Select(j => j.Ms).Order().ToArray();
        return new StormResult(count, seconds, Stats.Percentile(sorted, 50), Stats.Percentile(sorted, 99), Stats.Percentile(sorted, 100), presentAtEnd);
    }

    private static async Task<T[]> InParallel<T>(int count, int concurrency, Func<int, Task<T>> work)
    {
        var results = new T[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                results[i] = await work(i);
                if ((i + 1) % 1000 == 0)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss}   {i + 1} of {count}"));
                }
            }
        }));
        return results;
    }

    /// <summary>The machine's 1-minute load average (Linux): these machines are shared, and a run under load reads differently.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>One storm: joins, the wall time of all of them, the Join answers' percentiles, who was present at the end.</summary>
    public sealed record StormResult(int Joins, double Seconds, double P50Ms, double P99Ms, double MaxMs, int PresentAtEnd);
}
