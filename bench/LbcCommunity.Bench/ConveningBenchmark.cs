using System.Collections.Concurrent;
using System.Diagnostics;
using ActivityKind = LbcCommunity.Convenings.ActivityKind;
using LbcCommunity.Client;
using LbcCommunity.Convenings;
using LbcCommunity.Organization;
using Microsoft.AspNetCore.SignalR.Client;

namespace LbcCommunity.Bench;

/// <summary>
/// N participants on the product's ConveningHub and, in the same run, N on a bare SignalR hub: for facilitator
/// broadcasts and for a vote burst, the time until the slowest client has each event.
/// </summary>
internal sealed class ConveningBenchmark(LbcCommunityClient api, Uri productHost, Uri bareHost, int participants, int rate, int seconds, int votes, double burstSeconds, bool statefulReconnect)
{
    public async Task<Result> RunAsync()
    {
        var (tenant, conveningId, facilitatorId) = await Plan();
        var clock = Stopwatch.StartNew();

        // The product.
        var product = new Receipts(clock);
        var productClients = await Connect(participants, async i =>
        {
            var client = new ConveningClient(new Uri(productHost, "hubs/convening"), statefulReconnect: statefulReconnect);
            client.EventReceived += e => product.Received(e.Sequence);
            await client.StartAsync();
            await client.JoinAsync(tenant, conveningId, new JoinRequest { GuestName = $"Participant {i}" });
            return client;
        });
        await using var facilitator = new ConveningClient(new Uri(productHost, "hubs/convening"));
        await facilitator.StartAsync();
        await facilitator.JoinAsync(tenant, conveningId, new JoinRequest { MemberId = facilitatorId });
        await Task.Delay(TimeSpan.FromSeconds(2)); // let the join events drain before measuring
        product.Reset();
        for (var k = 0; k < rate * seconds; k++)
        {
            await Pace(clock, k, rate, product.Started);
            var sent = clock.Elapsed;
            var ack = await facilitator.StartActivityAsync(tenant, conveningId, k % 2 == 0 ? "item-2" : "item-1");
            product.Sent(ack.Sequence, sent);
        }

        var productBroadcast = await product.Settle(participants);
        await facilitator.StartActivityAsync(tenant, conveningId, "item-1");
        await facilitator.OpenConsensusRoundAsync(tenant, conveningId, "Adopt the plan", AgreementScale.FistToFive, anonymous: false, hideResults: true);
        await Task.Delay(TimeSpan.FromSeconds(1));
        product.Reset();
        var productVotesFailed = await Burst(clock, product, votes, burstSeconds, async (i, sent) =>
        {
            var ack = await productClients[i % productClients.Count].CastVoteAsync(tenant, conveningId, i % 6);
            product.Sent(ack.Sequence, sent);
        });
        var productVotes = await product.Settle(participants);
        // More events than the convening keeps have passed: resuming from 0 answers with a snapshot.
        var resumed = await facilitator.ResumeAsync(tenant, conveningId, facilitatorId, 0);
        var consensus = resumed.Snapshot?.Consensus ?? resumed.Events!.Last(e => e.Consensus is not null).Consensus!;
        var round = consensus.Rounds[^1];
        var expectedVoters = Math.Min(votes, participants);
        // Exact: every voter counted once. A vote whose answer timed out may still have been applied: it was not
        // acknowledged, and a client would send it again with the same action id.
        var tallyExact = round.VoteCount == expectedVoters;
        foreach (var client in productClients)
        {
            await client.DisposeAsync();
        }

        // The bare hub, the same way.
        var bare = new Receipts(clock);
        var bareClients = await Connect(participants, async _ =>
        {
            var connection = new HubConnectionBuilder().WithUrl(new Uri(bareHost, "hubs/bare")).Build();
            connection.On<BareEvent>("ConveningEvent", e => bare.Received(e.Sequence));
            await connection.StartAsync();
            await connection.InvokeAsync("Join");
            return connection;
        });
        var payload = new string('x', 180);
        bare.Reset();
        for (var k = 0; k < rate * seconds; k++)
        {
            await Pace(clock, k, rate, bare.Started);
            var sent = clock.Elapsed;
            var sequence = 1_000_000 + k;
            bare.Sent(sequence, sent);
            await bareClients[0].InvokeAsync("Broadcast", new BareEvent(sequence, "ActivityStarted", payload));
        }

        var bareBroadcast = await bare.Settle(participants);
        bare.Reset();
        var bareVotesFailed = await Burst(clock, bare, votes, burstSeconds, async (i, sent) =>
        {
            var sequence = await bareClients[i % bareClients.Count].InvokeAsync<long>("Vote", i % 6, payload);
            bare.Sent(sequence, sent);
        });
        var bareVotes = await bare.Settle(participants);
        foreach (var connection in bareClients)
        {
            await connection.DisposeAsync();
        }

        return new Result(productBroadcast, bareBroadcast, productVotes, bareVotes, tallyExact, round.VoteCount, productVotesFailed, bareVotesFailed);
    }

    private async Task<(string Tenant, string ConveningId, string FacilitatorId)> Plan()
    {
        var tenant = "benchc" + DateTime.UtcNow.ToString("MMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        await api.CreateTenantAsync(new TenantDraft { Id = tenant, Name = "Benchmark state", StateCode = "GA" });
        await api.CreateRegionAsync(tenant, new RegionDraft { Id = "region", Name = "Region" });
        await api.CreateDistrictAsync(tenant, new DistrictDraft { Id = "district", Name = "District", RegionId = "region" });
        await api.CreateInitiativeAsync(tenant, new InitiativeDraft { Id = "initiative", Name = "Initiative" });
        await api.CreateTeamAsync(tenant, "initiative", new TeamDraft { Id = "team", Name = "Team", DistrictId = "district" });
        var facilitator = await api.AddMemberAsync(tenant, Roster.OfTeam("team"), new MemberDraft { DisplayName = "Facilitator", StakeholderRole = StakeholderRole.DistrictAdministrator, IsFacilitator = true });
        var convening = await api.CreateConveningAsync(tenant, new ConveningDraft
        {
            Title = "Benchmark convening",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = "team",
            Agenda =
            [
                new AgendaItemDraft { Kind = ActivityKind.ConsensusBuilding, Title = "Agree" },
                new AgendaItemDraft { Kind = ActivityKind.FourSimpleQuestions, Title = "Questions" },
            ],
        });
        return (tenant, convening.Id, facilitator.Id);
    }

    private static async Task<List<T>> Connect<T>(int count, Func<int, Task<T>> connect)
    {
        var clients = new ConcurrentBag<T>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                clients.Add(await connect(i));
            }
        }));
        return [.. clients];
    }

    private static async Task Pace(Stopwatch clock, int k, int rate, TimeSpan started)
    {
        var wait = started + TimeSpan.FromSeconds((double)k / rate) - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    /// <summary>Sends the burst; a vote the server refuses or drops is counted, not fatal.</summary>
    private static async Task<int> Burst(Stopwatch clock, Receipts receipts, int count, double seconds, Func<int, TimeSpan, Task> send)
    {
        var failed = 0;
        var sends = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            await Pace(clock, i, (int)Math.Ceiling(count / seconds), receipts.Started);
            var sent = clock.Elapsed;
            var index = i;
            sends.Add(Task.Run(async () =>
            {
                try
                {
                    await send(index, sent);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failed);
                }
            }));
        }

        await Task.WhenAll(sends);
        return failed;
    }

    /// <summary>When each event was sent, and when the slowest client had it.</summary>
    private sealed class Receipts(Stopwatch clock)
    {
        private readonly ConcurrentDictionary<long, (int Count, TimeSpan Last)> _received = new();
        private readonly ConcurrentDictionary<long, TimeSpan> _sent = new();

        public TimeSpan Started { get; private set; }

        public void Reset()
        {
            _received.Clear();
            _sent.Clear();
            Started = clock.Elapsed;
        }

        public void Sent(long sequence, TimeSpan at) => _sent[sequence] = at;

        public void Received(long sequence)
        {
            var now = clock.Elapsed;
            _received.AddOrUpdate(sequence, (1, now), (_, held) => (held.Count + 1, now > held.Last ? now : held.Last));
        }

        /// <summary>Waits (at most 60 s) until every client has every sent event, then the slowest-client latencies.</summary>
        public async Task<Latency> Settle(int clients)
        {
            var deadline = clock.Elapsed + TimeSpan.FromSeconds(60);
            while (clock.Elapsed < deadline && _sent.Keys.Any(s => !_received.TryGetValue(s, out var r) || r.Count < clients))
            {
                await Task.Delay(100);
            }

            var latencies = _sent.Select(s => _received.TryGetValue(s.Key, out var r) ? (r.Last - s.Value).TotalMilliseconds : double.PositiveInfinity).Order().ToArray();
            var complete = _sent.Count(s => _received.TryGetValue(s.Key, out var r) && r.Count >= clients);
            return new Latency(_sent.Count, complete, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99));
        }
    }

    public sealed record Latency(int Events, int DeliveredToAll, double SlowestClientP50Ms, double SlowestClientP99Ms);

    public sealed record Result(Latency ProductBroadcast, Latency BareBroadcast, Latency ProductVotes, Latency BareVotes, bool FinalTallyExact, int FinalVoteCount, int ProductVotesFailed, int BareVotesFailed);
}
