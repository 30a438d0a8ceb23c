using System.Diagnostics;
using System.Globalization;
using LbcCommunity.Client;
using LbcCommunity.Convenings;
using LbcCommunity.Contracts;
using LbcCommunity.Host.Api;
using LbcCommunity.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>
/// Two host processes in one cluster on PostgreSQL, guests on both, and the process that holds the convening killed
/// (SIGKILL) in the middle of a fist-to-five vote, as a crashed machine would go.
/// </summary>
public sealed class ConveningFailoverTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private const int GuestsPerHost = 4;

    /// <summary>How late live events may resume after the convening answers again on the survivor.</summary>
    private static readonly TimeSpan LiveAgainWithin = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>One clock for the failover's moments and the times events arrived.</summary>
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    [Fact]
    public async Task A_killed_host_holding_the_convening_loses_no_acknowledged_vote_and_live_events_resume_within_a_second()
    {
        var database = await postgres.CreateDatabaseAsync();
        var (portA, portB) = (FreePorts.Next(), FreePorts.Next());
        var settings = HostSettings(database, portA, portB);
        // The convening is activated while the first host is the only silo, so it is the one that holds it.
        await using var first = await ClusterHostProcess.StartAsync(portA, settings);
        var session = await ConveningWorld.Plan(first.Api(), first.TokenFor);
        using var asFacilitator = first.ClientWith(session.FacilitatorToken);
        var code = await IssueCode(asFacilitator, session);
        var facilitator = await first.Convening(session.FacilitatorToken);
        await facilitator.JoinAsync(session.State, session.ConveningId, new JoinRequest { MemberId = session.FacilitatorId });
        await facilitator.StartActivityAsync(session.State, session.ConveningId, "item-1");
        await facilitator.OpenConsensusRoundAsync(session.State, session.ConveningId, "Adopt the plan", AgreementScale.FistToFive, false, false);

        await using var second = await ClusterHostProcess.StartAsync(portB, settings);
        var onFirst = new List<Guest>();
        var onSecond = new List<Guest>();
        for (var i = 0; i < GuestsPerHost; i++)
        {
            onFirst.Add(await Guest.Join(first, session, await first.GuestToken(code, $"Guest {i} on the first host"), level: i));
            onSecond.Add(await Guest.Join(second, session, await first.GuestToken(code, $"Guest {i} on the second host"), level: 5 - i));
        }

        // One guest on the doomed host votes and never comes back: their vote counts; they must not stay present.
        var leaver = onFirst[^1];
        var failover = new Failover();
        await leaver.Vote(second, session, failover);

        var voting = onFirst.Take(GuestsPerHost - 1).Concat(onSecond).Select((guest, i) => Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(150 * i));
            await guest.Vote(second, session, failover);
        })).ToList();
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        first.Kill();
        var killedAt = failover.Now;

        // Something keeps happening after the convening answers again, so live delivery can be seen to resume (or not).
        await Pulse(onSecond[0], session, failover, onSecond);
        await Task.WhenAll(voting).WaitAsync(Patience);
        // The guests of the killed host whose votes got through before it died come back too, as the app does.
        foreach (var guest in onFirst.Take(GuestsPerHost - 1))
        {
            await guest.ComeBack(second, session);
        }

        var movedAt = failover.FirstMoving;
        var answeredAt = failover.FirstAckAfterMoving;
        var firstLive = onSecond.Select(g => g.Live.FirstLiveAfter(movedAt)).Min();

        // The facilitator was on the killed host too: back on the survivor, they close the round.
        await using var facilitatorAgain = await second.Convening(session.FacilitatorToken);
        await facilitatorAgain.ResumeAsync(session.State, session.ConveningId, session.FacilitatorId, 0);
        var closed = await Retried(() => facilitatorAgain.CloseRoundAsync(session.State, session.ConveningId, actionId: "close-round"));
        foreach (var survivor in onSecond)
        {
            await survivor.Live.Reached(closed.Sequence).WaitAsync(Patience);
        }

        await using var parent = await second.Convening(session.ParentToken);
        var final = (await parent.JoinAsync(session.State, session.ConveningId, new JoinRequest())).Snapshot;
        var round = final.Consensus!.Rounds[0];
        var everyone = onFirst.Concat(onSecond).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Killed the host holding the convening at {killedAt.TotalSeconds:0.00} s. After the kill: first '{ConveningClient.MovingErrorCode}' at {(movedAt - killedAt)?.TotalSeconds:0.00} s, the convening answered again at {(answeredAt - killedAt)?.TotalSeconds:0.00} s (recovery), first live event {(firstLive is null ? "never" : $"at {(firstLive - killedAt)?.TotalSeconds:0.00} s: {(firstLive - answeredAt)?.TotalMilliseconds:0} ms after it answered")}."));
        foreach (var survivor in onSecond)
        {
            output.WriteLine($"{survivor.Name}: {survivor.Live.LiveCount} events live, {survivor.Live.FilledCount} filled in by Resume, {survivor.Retries} retried calls.");
        }

        var survivorLog = second.Log;
        var movingWarnings = survivorLog.Count(l => l.Contains("does not answer here", StringComparison.Ordinal));
        var hubFailures = survivorLog.Count(l => l.Contains("Failed to invoke hub method", StringComparison.Ordinal));
        foreach (var line in survivorLog.Where(l => !l.StartsWith("info:", StringComparison.Ordinal) || l.Contains("answers again", StringComparison.Ordinal) || l.Contains("Registered again", StringComparison.Ordinal) || l.Contains("connection(s)", StringComparison.Ordinal)))
        {
            output.WriteLine("  survivor: " + (line.Length > 400 ? line[..400] : line));
        }

        output.WriteLine($"Survivor's log: {movingWarnings} 'does not answer here' warning(s), {hubFailures} 'Failed to invoke hub method' line(s), {survivorLog.Count} lines in all.");

        // Every acknowledged vote counted once, as it was cast.
        Assert.All(everyone, g => Assert.True(g.AckedAt > TimeSpan.Zero, $"{g.Name}'s vote was acknowledged"));
        Assert.Equal(everyone.Select(g => (g.ParticipantId, g.Level)).Order(), round.Votes.Select(v => (v.ParticipantId!, v.Level)).Order());
        Assert.Equal(everyone.Count, round.VoteCount);
        // The survivor's guests saw every event, in order, with no gap that Resume did not fill.
        foreach (var survivor in onSecond)
        {
            Assert.Equal(Enumerable.Range((int)survivor.Live.From + 1, (int)(closed.Sequence - survivor.Live.From)).Select(i => (long)i), survivor.Live.Sequences.Where(s => s <= closed.Sequence));
        }

        // Live delivery resumed within a second of the convening answering on the survivor.
        Assert.NotNull(movedAt);
        Assert.NotNull(answeredAt);
        Assert.True(firstLive is not null && firstLive - answeredAt <= LiveAgainWithin,
            $"The first live event came {(firstLive - answeredAt)?.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) ?? "never (within 5 s)"} ms after the convening answered again.");
        // The guest who never came back is gone; those who came back (and the facilitator) are here.
        // Who is here, as the roster says (a participant's snapshot lists only the facilitators and themself).
        var present = (await parent.RosterAsync(session.State, session.ConveningId, new RosterRequest { Limit = ConveningRoster.MaxPage })).Present;
        Assert.DoesNotContain(leaver.ParticipantId, present);
        Assert.Superset(new HashSet<string>(everyone.Where(g => g != leaver).Select(g => g.ParticipantId).Append(session.FacilitatorId)), new HashSet<string>(present));
        // Calls that met the move got the documented error, and the survivor logged the outage once, not per call.
        Assert.Equal(1, movingWarnings);
        Assert.Equal(0, hubFailures);

        await facilitator.DisposeAsync();
        foreach (var guest in everyone)
        {
            await guest.DisposeAsync();
        }
    }

    private static Dictionary<string, string?> HostSettings(string database, int portA, int portB)
    {
        var settings = LbcHostFactory.ClusterSettings(database);
        settings["Identity:DevelopmentSignIn"] = "true";
        settings["Identity:RequireHttps"] = "false";
        settings["Identity:Operators:0"] = LbcHostFactory.OperatorEmail;
        // One client registration for the cluster: both hosts list both origins.
        settings["Identity:WebOrigins:0"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{portA}");
        settings["Identity:WebOrigins:1"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{portB}");
        // A dead silo is declared so within about two seconds (production keeps Orleans' defaults: docs/operations.md).
        settings["Orleans:Membership:ProbeTimeout"] = "00:00:01";
        settings["Orleans:Membership:NumMissedProbesLimit"] = "2";
        settings["Orleans:Membership:NumVotesForDeathDeclaration"] = "1";
        return settings;
    }

    private static async Task<string> IssueCode(HttpClient asFacilitator, ConveningWorld.Planned session)
    {
        using var response = await asFacilitator.PostAsync(
            new Uri($"/api/tenants/{session.State}/convenings/{session.ConveningId}/join-codes", UriKind.Relative),
            System.Net.Http.Json.JsonContent.Create(new { label = "Families", validForHours = 24 }));
        response.EnsureSuccessStatusCode();
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<IssuedJoinCode>(response.Content))!.Code;
    }

    /// <summary>
    /// Raises a concern every 250 ms from the kill until live events came back after the convening answered again (or
    /// 5 s after it did).
    /// </summary>
    private static async Task Pulse(Guest guest, ConveningWorld.Planned session, Failover failover, IReadOnlyList<Guest> survivors)
    {
        var deadline = failover.Now + Patience;
        for (var i = 0; failover.Now < deadline; i++)
        {
            if (failover.FirstAckAfterMoving is { } answered
                && (survivors.Any(g => g.Live.FirstLiveAfter(answered) is not null) || failover.Now - answered > TimeSpan.FromSeconds(5)))
            {
                return;
            }

            try
            {
                await guest.Client.RaiseConcernAsync(session.State, session.ConveningId, $"Concern {i}");
                failover.Acked();
            }
            catch (HubException moved) when (ConveningClient.IsMoving(moved))
            {
                failover.Moving();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>When calls on the survivor first met the move, and when the convening first answered after that.</summary>
    private sealed class Failover
    {
        private readonly object _lock = new();
        private readonly Stopwatch _clock = Clock;

        public TimeSpan Now => _clock.Elapsed;

        public TimeSpan? FirstMoving { get; private set; }

        public TimeSpan? FirstAckAfterMoving { get; private set; }

        public void Moving()
        {
            lock (_lock)
            {
                FirstMoving ??= Now;
            }
        }

        public TimeSpan Acked()
        {
            lock (_lock)
            {
                if (FirstMoving is not null)
                {
                    FirstAckAfterMoving ??= Now;
                }

                return Now;
            }
        }
    }

    /// <summary>Sends an action again, with the same action id, while the convening moves.</summary>
    private static async Task<ActionAck> Retried(Func<Task<ActionAck>> act)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return await act();
            }
            catch (HubException moved) when (ConveningClient.IsMoving(moved) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    /// <summary>A guest with their connection, their one vote (an action id they keep across retries) and what they saw.</summary>
    private sealed class Guest : IAsyncDisposable
    {
        private readonly string _token;
        private bool _cameBack;

        private Guest(string name, string token, ConveningClient client, JoinResult joined, int level, ConveningWorld.Planned session)
        {
            Name = name;
            _token = token;
            Client = client;
            ParticipantId = joined.Participant.Id;
            Level = level;
            Live = new LiveEvents(joined.Snapshot.Sequence, client, after => client.ResumeAsync(session.State, session.ConveningId, ParticipantId, after));
            foreach (var e in joined.Events ?? [])
            {
                Live.Apply(e, live: false);
            }
        }

        public string Name { get; }

        public ConveningClient Client { get; private set; }

        public string ParticipantId { get; }

        public int Level { get; }

        public LiveEvents Live { get; }

        public TimeSpan AckedAt { get; private set; }

        public int Retries { get; private set; }

        public static async Task<Guest> Join(ClusterHostProcess host, ConveningWorld.Planned session, string token, int level)
        {
            var client = await host.Convening(token);
            var joined = await client.JoinAsync(session.State, session.ConveningId, new JoinRequest());
            return new Guest(joined.Participant.DisplayName, token, client, joined, level, session);
        }

        /// <summary>
        /// Votes once; while the convening moves, the same vote again; when this guest's host is gone, reconnects to
        /// <paramref name="survivor"/>, resumes and votes again with the same action id.
        /// </summary>
        public async Task Vote(ClusterHostProcess survivor, ConveningWorld.Planned session, Failover failover)
        {
            var actionId = $"vote-{ParticipantId}";
            var deadline = failover.Now + Patience;
            while (true)
            {
                try
                {
                    await Client.CastVoteAsync(session.State, session.ConveningId, Level, actionId);
                    AckedAt = failover.Acked();
                    return;
                }
                catch (HubException moved) when (ConveningClient.IsMoving(moved) && failover.Now < deadline)
                {
                    failover.Moving();
                    Retries++;
                    await Task.Delay(TimeSpan.FromMilliseconds(100));
                }
                catch (Exception lost) when (lost is not HubException && failover.Now < deadline)
                {
                    if (!await Dropped())
                    {
                        throw;
                    }

                    // This guest's host died: the app connects to another host and picks up where it was.
                    Retries++;
                    await ComeBack(survivor, session);
                }
            }
        }

        /// <summary>After the host died: a new connection to <paramref name="survivor"/>, and <c>Resume</c> (again while the convening moves).</summary>
        public async Task ComeBack(ClusterHostProcess survivor, ConveningWorld.Planned session)
        {
            if (_cameBack)
            {
                return;
            }

            await Client.DisposeAsync();
            Client = await survivor.Convening(_token);
            await Retried(async () =>
            {
                await Client.ResumeAsync(session.State, session.ConveningId, ParticipantId, Live.Contiguous);
                return new ActionAck { ActionId = "resume", Sequence = 0 };
            });
            _cameBack = true;
        }

        public ValueTask DisposeAsync() => Client.DisposeAsync();

        /// <summary>Whether the connection closed (the client may fail the call a moment before it says so).</summary>
        private async Task<bool> Dropped()
        {
            for (var i = 0; i < 30 && Client.Connection.State == HubConnectionState.Connected; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }

            return Client.Connection.State != HubConnectionState.Connected;
        }
    }

    /// <summary>
    /// What a client applies: events in sequence order, each once; a gap in what arrives live is filled with
    /// <c>Resume</c>, as the app does. Counts what came live and what was filled in, and when live events came back.
    /// </summary>
    private sealed class LiveEvents
    {
        private readonly SortedDictionary<long, ConveningEvent> _events = [];
        private readonly Func<long, Task<ResumeResult>> _resume;
        private readonly List<(long Sequence, TaskCompletionSource Done)> _waiters = [];
        private readonly List<TimeSpan> _liveAt = [];
        private int _filling;

        public LiveEvents(long from, ConveningClient client, Func<long, Task<ResumeResult>> resume)
        {
            From = from;
            Contiguous = from;
            _resume = resume;
            client.EventReceived += e => Apply(e, live: true);
        }

        public long From { get; }

        public long Contiguous { get; private set; }

        public int LiveCount { get; private set; }

        public int FilledCount { get; private set; }

        public IReadOnlyList<long> Sequences
        {
            get
            {
                lock (_events)
                {
                    return [.. _events.Keys];
                }
            }
        }

        /// <summary>When the first event after <paramref name="after"/> (on the failover's clock) arrived live, if one did.</summary>
        public TimeSpan? FirstLiveAfter(TimeSpan? after)
        {
            lock (_events)
            {
                return after is null ? null : _liveAt.Where(t => t > after).Cast<TimeSpan?>().FirstOrDefault();
            }
        }

        public void Apply(ConveningEvent conveningEvent, bool live)
        {
            var gap = false;
            lock (_events)
            {
                // A PresenceSummary stands for every sequence from its FirstSequence to its Sequence (the client rule).
                var covered = 0;
                for (var s = Math.Max(conveningEvent.FirstSequence ?? conveningEvent.Sequence, From + 1); s <= conveningEvent.Sequence; s++)
                {
                    covered += _events.TryAdd(s, conveningEvent) ? 1 : 0;
                }

                if (covered == 0)
                {
                    return;
                }

                if (live)
                {
                    LiveCount++;
                    _liveAt.Add(Clock.Elapsed);
                }
                else
                {
                    FilledCount++;
                }

                while (_events.ContainsKey(Contiguous + 1))
                {
                    Contiguous++;
                }

                gap = _events.Keys.Max() > Contiguous;
                foreach (var waiter in _waiters.Where(w => w.Sequence <= Contiguous).ToList())
                {
                    waiter.Done.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }

            if (gap && live)
            {
                _ = Fill();
            }
        }

        /// <summary>Completes when every event up to <paramref name="sequence"/> is applied, filling any gap first.</summary>
        public Task Reached(long sequence)
        {
            lock (_events)
            {
                if (Contiguous >= sequence)
                {
                    return Task.CompletedTask;
                }

                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((sequence, done));
                _ = Fill();
                return done.Task;
            }
        }

        private async Task Fill()
        {
            if (Interlocked.Exchange(ref _filling, 1) == 1)
            {
                return;
            }

            try
            {
                var resumed = await Retried(async () =>
                {
                    var result = await _resume(Contiguous);
                    return (result, new ActionAck { ActionId = "resume", Sequence = 0 });
                });
                foreach (var e in resumed ?? [])
                {
                    Apply(e, live: false);
                }
            }
            finally
            {
                Interlocked.Exchange(ref _filling, 0);
            }
        }

        private static async Task<IReadOnlyList<ConveningEvent>?> Retried(Func<Task<(ResumeResult Result, ActionAck Ack)>> resume)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (true)
            {
                try
                {
                    return (await resume()).Result.Events;
                }
                catch (HubException moved) when (ConveningClient.IsMoving(moved) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100));
                }
            }
        }
    }
}
