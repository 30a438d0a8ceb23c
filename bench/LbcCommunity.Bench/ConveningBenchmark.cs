using System.Diagnostics;
using ActivityKind = LbcCommunity.Convenings.ActivityKind;
using LbcCommunity.Client;
using LbcCommunity.Convenings;
using LbcCommunity.Organization;
using Microsoft.AspNetCore.SignalR.Client;

namespace LbcCommunity.Bench;

/// <summary>
/// N participants on the product's ConveningHub and, in the same run, N on a bare SignalR hub: for facilitator
/// broadcasts and for a vote burst, the time until the slowest client has each event. The participants live in
/// <c>loadProcesses</c> child processes (<see cref="LoadAgents"/>); the facilitator and the bare hub's sender live here.
/// </summary>
internal sealed class ConveningBenchmark(LbcCommunityClient api, Uri productHost, Uri bareHost, int participants, int rate, int seconds, int warmupSeconds, int rounds, int votes, double burstSeconds, bool statefulReconnect, int loadProcesses, string logFolder, Func<Uri, double> serverCpuSeconds)
{
    public async Task<Result> RunAsync()
    {
        var (tenant, conveningId, facilitatorId) = await Plan(api);
        // Participants are guests: each load process exchanges the join code for a token per participant.
        var joinCode = await BenchSignIn.IssueJoinCode(productHost, await BenchSignIn.StateAdminToken(productHost, tenant), tenant, conveningId);
        string[] common = statefulReconnect ? ["--stateful-reconnect"] : [];

        // The product's participants.
        var productHub = new Uri(productHost, "hubs/convening");
        Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} product: {participants} participants connecting and joining from {loadProcesses} process(es)…");
        await using var product = await LoadAgents.StartAsync(loadProcesses, participants, logFolder, "product", [.. common, "--target", "product", "--url", productHub.ToString(), "--tenant", tenant, "--convening", conveningId, "--join-code", joinCode]);

        // The bare hub's, the same way; its sender is not a participant: it does not join the group.
        var bareHub = new Uri(bareHost, "hubs/bare");
        Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} bare hub: {participants} participants connecting and joining…");
        await using var bare = await LoadAgents.StartAsync(loadProcesses, participants, logFolder, "bare", [.. common, "--target", "bare", "--url", bareHub.ToString()]);
        await using var sender = new HubConnectionBuilder().WithUrl(bareHub).Build();
        await sender.StartAsync();
        // Signed in once everyone has joined: 5,000 joins can take longer than an access token lives (15 minutes), and the
        // hub closes a connection when its token expires.
        var facilitatorToken = await BenchSignIn.SignInAsync(productHost, tenant, FacilitatorEmail);
        await using var facilitator = new ConveningClient(productHub, options => options.AccessTokenProvider = () => Task.FromResult<string?>(facilitatorToken));
        await facilitator.StartAsync();
        await facilitator.JoinAsync(tenant, conveningId, new JoinRequest { MemberId = facilitatorId });
        await Task.Delay(TimeSpan.FromSeconds(2)); // let the join events drain before measuring

        // Broadcast rounds take turns, ConveningHub then bare hub, so a noisy spell of the machine falls on both alike.
        var payload = new string('x', 180);
        var productRounds = new List<(Latency Latency, CpuCores Cpu)>();
        var bareRounds = new List<(Latency Latency, CpuCores Cpu)>();
        for (var round = 0; round < rounds; round++)
        {
            var warmup = round == 0 ? warmupSeconds : 0;
            Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} round {round + 1} of {rounds}: ConveningHub broadcasts");
            productRounds.Add(await Broadcasts(product, productHost, warmup, async k =>
            {
                var sent = Stopwatch.GetTimestamp();
                var ack = await facilitator.StartActivityAsync(tenant, conveningId, k % 2 == 0 ? "item-2" : "item-1");
                product.Sent(ack.Sequence, sent);
            }));
            Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} round {round + 1} of {rounds}: bare hub broadcasts");
            bareRounds.Add(await Broadcasts(bare, bareHost, warmup, async k =>
            {
                var sequence = 1_000_000 + k;
                bare.Sent(sequence, Stopwatch.GetTimestamp());
                await sender.InvokeAsync("Broadcast", new BareEvent(sequence, "ActivityStarted", payload));
            }));
        }

        Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} vote bursts");
        await facilitator.StartActivityAsync(tenant, conveningId, "item-1");
        await facilitator.OpenConsensusRoundAsync(tenant, conveningId, "Adopt the plan", AgreementScale.FistToFive, anonymous: false, hideResults: true);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var (productVotes, productVotesFailed, productVotesCpu) = await VoteBurst(product, productHost);
        // Once more events than the convening keeps have passed, resuming from 0 answers with a snapshot.
        var resumed = await facilitator.ResumeAsync(tenant, conveningId, facilitatorId, 0);
        // Before that it answers with the kept events, and the last vote's event carries the count.
        var voteCount = resumed.Snapshot?.Consensus?.Rounds[^1].VoteCount ?? resumed.Events!.Last(e => e.VoteCount is not null).VoteCount!.Value;
        var expectedVoters = Math.Min(votes, participants);
        // Exact: every voter counted once. A vote whose answer timed out may still have been applied: it was not
        // acknowledged, and a client would send it again with the same action id.
        var tallyExact = voteCount == expectedVoters;
        var (bareVotes, bareVotesFailed, bareVotesCpu) = await VoteBurst(bare, bareHost);

        return new Result(
            Latency.Pool(productRounds.Select(r => r.Latency)), Latency.Pool(bareRounds.Select(r => r.Latency)),
            productVotes, bareVotes, tallyExact, voteCount, productVotesFailed, bareVotesFailed,
            CpuCores.Mean(productRounds.Select(r => r.Cpu)), CpuCores.Mean(bareRounds.Select(r => r.Cpu)), productVotesCpu, bareVotesCpu,
            [.. productRounds.Select(r => new BroadcastRound(r.Latency, r.Cpu))], [.. bareRounds.Select(r => new BroadcastRound(r.Latency, r.Cpu))]);
    }

    /// <summary>
    /// The facilitator's broadcasts at the given rate: first <c>warmupSeconds</c> of them unmeasured (both servers and the
    /// clients have just connected; the runtime is still compiling the hot paths and sizing its heaps), then the measured ones.
    /// </summary>
    private async Task<(Latency Latency, CpuCores Cpu)> Broadcasts(LoadAgents agents, Uri host, int warmupSeconds, Func<int, Task> send)
    {
        var k = 0;
        async Task<Latency> Paced(int count)
        {
            await agents.ResetAsync();
            for (var i = 0; i < count; i++)
            {
                await Pace(i, rate, agents.Started);
                await send(k++);
            }

            return await agents.Settle();
        }

        if (warmupSeconds > 0)
        {
            await Paced(rate * warmupSeconds);
        }

        var cpu = await Cpu.StartAsync(agents, () => serverCpuSeconds(host));
        var latency = await Paced(rate * seconds);
        return (latency, await cpu.StopAsync());
    }

    /// <summary>The vote burst (<see cref="Burst"/>): the slowest-client times, the votes not answered, the CPU.</summary>
    private async Task<(Latency Latency, int Failed, CpuCores Cpu)> VoteBurst(LoadAgents agents, Uri host)
    {
        var cpu = await Cpu.StartAsync(agents, () => serverCpuSeconds(host));
        await agents.ResetAsync();
        await Burst(agents, votes, burstSeconds);
        var failed = await agents.VotesAnswered(votes);
        var latency = await agents.Settle();
        return (latency, failed, await cpu.StopAsync());
    }

    public const string FacilitatorEmail = "facilitator@team.bench";

    /// <summary>A tenant with one team (its facilitator signs in as <see cref="FacilitatorEmail"/>) and a convening of it.</summary>
    public static async Task<(string Tenant, string ConveningId, string FacilitatorId)> Plan(LbcCommunityClient api)
    {
        var tenant = "benchc" + DateTime.UtcNow.ToString("MMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        await api.CreateTenantAsync(new TenantDraft { Id = tenant, Name = "Benchmark state", StateCode = "GA" });
        await api.CreateRegionAsync(tenant, new RegionDraft { Id = "region", Name = "Region" });
        await api.CreateDistrictAsync(tenant, new DistrictDraft { Id = "district", Name = "District", RegionId = "region" });
        await api.CreateInitiativeAsync(tenant, new InitiativeDraft { Id = "initiative", Name = "Initiative" });
        await api.CreateTeamAsync(tenant, "initiative", new TeamDraft { Id = "team", Name = "Team", DistrictId = "district" });
        var facilitator = await api.AddMemberAsync(tenant, Roster.OfTeam("team"), new MemberDraft { DisplayName = "Facilitator", Email = FacilitatorEmail, StakeholderRole = StakeholderRole.DistrictAdministrator, IsFacilitator = true });
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

    private static async Task Pace(int k, int rate, long started)
    {
        var wait = TimeSpan.FromSeconds((double)k / rate) - Stopwatch.GetElapsedTime(started);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    /// <summary>Has participant i mod N cast vote i, <paramref name="count"/> of them spread over the burst.</summary>
    private async Task Burst(LoadAgents agents, int count, double burst)
    {
        for (var i = 0; i < count; i++)
        {
            await Pace(i, (int)Math.Ceiling(count / burst), agents.Started);
            agents.Vote(i % participants, i % 6);
        }
    }

    /// <summary>CPU used during one measured scenario, in cores (CPU seconds per second of wall time).</summary>
    private sealed class Cpu(LoadAgents agents, Func<double> server, double agentsAtStart)
    {
        private readonly double _serverAtStart = server();
        private readonly double _driverAtStart = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        private readonly double _stealAtStart = MachineSteal.Seconds();
        private readonly long _started = Stopwatch.GetTimestamp();

        public static async Task<Cpu> StartAsync(LoadAgents agents, Func<double> server) => new(agents, server, await agents.CpuSeconds());

        public async Task<CpuCores> StopAsync()
        {
            var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
            var agentSeconds = await agents.CpuSeconds() - agentsAtStart;
            var driverSeconds = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - _driverAtStart;
            return new CpuCores((server() - _serverAtStart) / wall, agentSeconds / wall, driverSeconds / wall, (MachineSteal.Seconds() - _stealAtStart) / wall);
        }
    }

    /// <summary>
    /// Cores used by the server under test, the load agents (summed) and this driving process; and the cores the machine's
    /// hypervisor gave to someone else meanwhile (steal: a run with much of it measured a neighbour, not us).
    /// </summary>
    public sealed record CpuCores(double Server, double LoadAgents, double Driver, double Steal)
    {
        public static CpuCores Mean(IEnumerable<CpuCores> rounds)
        {
            var all = rounds.ToList();
            return new CpuCores(all.Average(c => c.Server), all.Average(c => c.LoadAgents), all.Average(c => c.Driver), all.Average(c => c.Steal));
        }
    }

    /// <summary>
    /// Per scenario: events sent, events every client had, the time until the first client had each (the server's own
    /// path, before the fan-out) and until the slowest had it. <c>InSendOrderMs</c> and <c>FirstClientInSendOrderMs</c>
    /// hold every event's times in the order sent (∞ for one never delivered to all).
    /// </summary>
    public sealed record Latency(int Events, int DeliveredToAll, double SlowestClientP50Ms, double SlowestClientP99Ms, double SlowestClientMaxMs, double FirstClientP50Ms, double FirstClientP99Ms, IReadOnlyList<double> InSendOrderMs, IReadOnlyList<double> FirstClientInSendOrderMs)
    {
        public static Latency Of(IReadOnlyList<double> slowestInSendOrder, IReadOnlyList<double> firstInSendOrder)
        {
            var slowest = slowestInSendOrder.Order().ToArray();
            var first = firstInSendOrder.Where(double.IsFinite).Order().ToArray();
            return new Latency(slowest.Length, slowest.Count(double.IsFinite), Stats.Percentile(slowest, 50), Stats.Percentile(slowest, 99), Stats.Percentile(slowest, 100),
                Stats.Percentile(first, 50), Stats.Percentile(first, 99), slowestInSendOrder, firstInSendOrder);
        }

        /// <summary>The rounds' events taken together: one p99 over all of them, steadier than any round's own.</summary>
        public static Latency Pool(IEnumerable<Latency> rounds)
        {
            var all = rounds.ToList();
            return Of([.. all.SelectMany(r => r.InSendOrderMs)], [.. all.SelectMany(r => r.FirstClientInSendOrderMs)]);
        }
    }

    /// <summary>One broadcast round of one hub.</summary>
    public sealed record BroadcastRound(Latency Latency, CpuCores Cpu);

    /// <summary>The broadcasts pooled over the rounds (CPU: the rounds' mean), the vote bursts, and each broadcast round.</summary>
    public sealed record Result(Latency ProductBroadcast, Latency BareBroadcast, Latency ProductVotes, Latency BareVotes, bool FinalTallyExact, int FinalVoteCount, int ProductVotesFailed, int BareVotesFailed,
        CpuCores ProductBroadcastCpu, CpuCores BareBroadcastCpu, CpuCores ProductVotesCpu, CpuCores BareVotesCpu,
        IReadOnlyList<BroadcastRound> ProductRounds, IReadOnlyList<BroadcastRound> BareRounds);
}
