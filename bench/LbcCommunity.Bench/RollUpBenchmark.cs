using System.Collections.Concurrent;
using System.Diagnostics;
using LbcCommunity.Client;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.RollUps;
using LbcCommunity.Rubrics;

namespace LbcCommunity.Bench;

/// <summary>
/// Drives N district teams submitting consensus ratings at a target rate through the public REST API, watches the
/// initiative's state view on the MonitoringHub, and measures throughput, acknowledgement latency, and the time from
/// an acknowledged rating to the first state view that includes it. Ends by checking the state view against the sum
/// of every acknowledged rating.
/// </summary>
internal sealed class RollUpBenchmark(LbcCommunityClient api, Uri hubUrl, int teams, int rate, int seconds, int concurrency, int warmupSeconds, Func<TimeSpan> hostCpu)
{
    private const string Initiative = "bench";
    private const int Regions = 16;
    private const int DistrictsPerRegion = 5;

    public async Task<Result> RunAsync()
    {
        var tenant = "bench" + DateTime.UtcNow.ToString("MMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var setup = Stopwatch.StartNew();
        await SetUp(tenant);
        var setupTime = setup.Elapsed;

        // The state view is watched by the tenant's state staff.
        var watcherToken = await BenchSignIn.StateAdminToken(hubUrl, tenant);
        await using var monitoring = new MonitoringClient(new Uri(hubUrl, "hubs/monitoring"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(watcherToken));
        var clock = Stopwatch.StartNew();
        var views = new ConcurrentQueue<(TimeSpan At, long Version)>();
        var deliveries = new ConcurrentQueue<(TimeSpan At, double Ms)>();
        monitoring.RollUpUpdated += view =>
        {
            var at = clock.Elapsed;
            views.Enqueue((at, view.Version));

            // The host and the benchmark read the same machine clock: the view's age when it arrives.
            deliveries.Enqueue((at, (DateTimeOffset.UtcNow - view.ComputedAt).TotalMilliseconds));
        };
        await monitoring.StartAsync();
        await monitoring.WatchInitiativeAsync(tenant, Initiative);

        var accepted = new ConcurrentDictionary<string, ConcurrentBag<Rating>>();
        var random = new Random(42);

        // The same load first, unmeasured: the host's JIT tiers its hot paths up (tiered PGO) in the first seconds, and
        // a service runs for months, so the table is of the steady state. Its ratings count in the final check.
        if (warmupSeconds > 0)
        {
            Console.WriteLine($"Warming up: {rate * warmupSeconds} ratings over {warmupSeconds} s…");
            await Drive(tenant, rate * warmupSeconds, clock, random, accepted);
        }

        // The drive starts once the state view holds every warm-up rating.
        var warmed = accepted.Values.Sum(b => b.Count);
        await WaitForVersion(views, warmed, clock);

        var total = rate * seconds;
        Console.WriteLine($"Driving {total} ratings…");
        var cpuBefore = hostCpu();
        var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var driveStarted = clock.Elapsed;
        var drive = await Drive(tenant, total, clock, random, accepted);
        var driveTime = clock.Elapsed - driveStarted;
        var hostCores = (hostCpu() - cpuBefore).TotalSeconds / driveTime.TotalSeconds;
        var benchCores = (Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore).TotalSeconds / driveTime.TotalSeconds;
        var acknowledged = drive.Acks.Count;

        // Wait for the state view that holds every acknowledged rating.
        await WaitForVersion(views, warmed + acknowledged, clock);

        var finalView = await api.GetInitiativeRollUpAsync(tenant, Initiative);
        var expected = RollUpMath.Sum(accepted.Select(t => RollUpMath.ContributionOf(t.Key, [.. t.Value.OrderBy(r => r.Sequence)]).Tallies));
        var exact = finalView.Version == warmed + acknowledged
            && Same(RollUpViews.Rows(expected, TallyKeys.Now), finalView.Rows)
            && Same(RollUpViews.Habits(expected, TallyKeys.Now), finalView.Habits)
            && Same([.. RollUpViews.Quarters(expected).SelectMany(q => q.Rows)], [.. finalView.Quarters.SelectMany(q => q.Rows)])
            && RollUpViews.TeamsRated(expected) == finalView.TeamsRated;

        var driveViews = views.Where(v => v.At >= driveStarted).ToArray();
        var visible = VisibilityLatencies([.. drive.Acks.Order()], driveViews, warmed);
        var ackSorted = drive.AckLatencies.Order().ToArray();
        var deliverySorted = deliveries.Where(d => d.At >= driveStarted).Select(d => d.Ms).Order().ToArray();
        return new Result(
            setupTime.TotalSeconds, warmupSeconds, total, acknowledged, drive.Failures, acknowledged / driveTime.TotalSeconds,
            Stats.Percentile(ackSorted, 50), Stats.Percentile(ackSorted, 99),
            Stats.Percentile(visible, 50), Stats.Percentile(visible, 95), Stats.Percentile(visible, 99),
            driveViews.Length, exact, finalView.Version,
            Stats.Percentile(deliverySorted, 50), Stats.Percentile(deliverySorted, 99),
            hostCores, benchCores, hostCores * driveTime.TotalMilliseconds / Math.Max(1, acknowledged));
    }

    /// <summary>Offers <paramref name="total"/> ratings at the target rate, at most <c>concurrency</c> in flight.</summary>
    private async Task<DriveResult> Drive(string tenant, int total, Stopwatch clock, Random random, ConcurrentDictionary<string, ConcurrentBag<Rating>> accepted)
    {
        var acks = new ConcurrentQueue<TimeSpan>();
        var ackLatencies = new ConcurrentQueue<double>();
        var failures = 0;
        using var gate = new SemaphoreSlim(concurrency);
        var inFlight = new List<Task>(total);
        var rows = DefaultRubric.Rows.Select(r => r.Id).ToArray();
        var started = clock.Elapsed;
        for (var k = 0; k < total; k++)
        {
            var due = started + TimeSpan.FromSeconds((double)k / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var team = $"team-{random.Next(teams)}";
            var draft = Draft(random, rows);
            await gate.WaitAsync();
            inFlight.Add(Task.Run(async () =>
            {
                var sent = clock.Elapsed;
                try
                {
                    var rating = await api.RecordConsensusRatingAsync(tenant, team, draft);
                    var acked = clock.Elapsed;
                    acks.Enqueue(acked);
                    ackLatencies.Enqueue((acked - sent).TotalMilliseconds);
                    accepted.GetOrAdd(team, _ => []).Add(rating);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failures);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await Task.WhenAll(inFlight);
        return new DriveResult([.. acks], [.. ackLatencies], failures);
    }

    private static async Task WaitForVersion(ConcurrentQueue<(TimeSpan At, long Version)> views, long version, Stopwatch clock)
    {
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(60);
        while (version > 0 && !views.Any(v => v.Version >= version) && clock.Elapsed < deadline)
        {
            await Task.Delay(50);
        }
    }

    private sealed record DriveResult(List<TimeSpan> Acks, List<double> AckLatencies, int Failures);

    /// <summary>
    /// For the i-th acknowledgement (at time T, with A ratings acknowledged by then), the wait until the first state
    /// view received at or after T whose version counts at least A ratings. Every rating acknowledged by T was already in
    /// its region at T, so that view is the first that can hold them all.
    /// </summary>
    private static double[] VisibilityLatencies(TimeSpan[] acks, (TimeSpan At, long Version)[] views, long before)
    {
        var latencies = new List<double>(acks.Length);
        var v = 0;
        for (var i = 0; i < acks.Length; i++)
        {
            while (v < views.Length && (views[v].At < acks[i] || views[v].Version < before + i + 1))
            {
                v++;
            }

            if (v == views.Length)
            {
                break;
            }

            latencies.Add((views[v].At - acks[i]).TotalMilliseconds);
        }

        latencies.Sort();
        return [.. latencies];
    }

    private async Task SetUp(string tenant)
    {
        await api.CreateTenantAsync(new TenantDraft { Id = tenant, Name = "Benchmark state", StateCode = "GA" });
        await api.CreateInitiativeAsync(tenant, new InitiativeDraft { Id = Initiative, Name = "Benchmark initiative" });
        for (var r = 0; r < Regions; r++)
        {
            await api.CreateRegionAsync(tenant, new RegionDraft { Id = $"region-{r}", Name = $"Region {r}" });
            for (var d = 0; d < DistrictsPerRegion; d++)
            {
                await api.CreateDistrictAsync(tenant, new DistrictDraft { Id = $"district-{r}-{d}", Name = $"District {r}-{d}", RegionId = $"region-{r}" });
            }
        }

        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < teams)
            {
                var district = i % (Regions * DistrictsPerRegion);
                await api.CreateTeamAsync(tenant, Initiative, new TeamDraft
                {
                    Id = $"team-{i}",
                    Name = $"Team {i}",
                    DistrictId = $"district-{district / DistrictsPerRegion}-{district % DistrictsPerRegion}",
                });
            }
        }));
    }

    private static RatingDraft Draft(Random random, string[] rows) => new()
    {
        RubricVersion = 1,
        Rows = [.. rows.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Select(row => new RowRatingDraft
        {
            RowId = row,
            Cells = [.. Enum.GetValues<DepthLevel>().Select(level => new CellAttainment { Level = level, AttainmentPercent = random.Next(0, 11) * 10 })],
        })],
    };

    private static bool Same(IReadOnlyList<DimensionSummary> expected, IReadOnlyList<DimensionSummary> actual) =>
        expected.Count == actual.Count && expected.Zip(actual).All(p =>
            p.First.Key == p.Second.Key && p.First.TeamsRated == p.Second.TeamsRated && p.First.MeanDepthScore == p.Second.MeanDepthScore
            && p.First.TeamsAtLevel.SequenceEqual(p.Second.TeamsAtLevel) && p.First.MovedUp == p.Second.MovedUp && p.First.NoProgress == p.Second.NoProgress);

    public sealed record Result(
        double SetupSeconds, int WarmupSeconds, int Offered, int Acknowledged, int Failed, double RatingsPerSecond,
        double AckP50Ms, double AckP99Ms, double VisibleP50Ms, double VisibleP95Ms, double VisibleP99Ms,
        int ViewsReceived, bool FinalStateExact, long FinalVersion, double ViewDeliveryP50Ms, double ViewDeliveryP99Ms,
        double HostCoresDuringDrive, double BenchCoresDuringDrive, double HostCpuMsPerRating);
}
