using System.Diagnostics;
using System.Globalization;
using LbcCommunity.Client;
using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Host.Api;
using LbcCommunity.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Xunit.Abstractions;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>
/// A rolling update as Kubernetes does it: two host processes in one cluster on PostgreSQL, a live convening held by the
/// first, participants on both acting the whole time, and the first stopped gracefully (SIGTERM). The convening moves
/// to the second host; no participant sees an error beyond a reconnect, no acknowledged action is lost, and no event
/// arrives twice.
/// </summary>
public sealed class RollingUpgradeTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private const int GuestsPerHost = 3;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_host_stopped_with_SIGTERM_hands_its_live_convening_over_with_no_error_beyond_a_reconnect_no_lost_action_and_each_event_once()
    {
        var (portA, portB) = (FreePorts.Next(), FreePorts.Next());
        var settings = HostSettings(await postgres.CreateDatabaseAsync(), portA, portB);
        // Activated while the first host is the only silo, the convening is held by it.
        await using var first = await ClusterHostProcess.StartAsync(portA, settings);
        var session = await ConveningWorld.Plan(first.Api(), first.TokenFor);
        using var asFacilitator = first.ClientWith(session.FacilitatorToken);
        var code = await IssueCode(asFacilitator, session);
        var facilitator = await Person.Join(first, session, session.FacilitatorToken, "facilitator", new JoinRequest { MemberId = session.FacilitatorId });
        await facilitator.Client.StartActivityAsync(session.State, session.ConveningId, "item-1");
        await facilitator.Client.OpenConsensusRoundAsync(session.State, session.ConveningId, "Adopt the plan", AgreementScale.FistToFive, false, false);

        await using var second = await ClusterHostProcess.StartAsync(portB, settings);
        var guests = new List<Person>();
        for (var i = 0; i < GuestsPerHost; i++)
        {
            guests.Add(await Person.Join(first, session, await first.GuestToken(code, $"Guest {i} on the first host"), $"first-{i}", new JoinRequest()));
            guests.Add(await Person.Join(second, session, await first.GuestToken(code, $"Guest {i} on the second host"), $"second-{i}", new JoinRequest()));
        }

        // Everyone acts the whole time: a concern every 150 ms, each with an action id of its own, sent again (same id)
        // on the host it reconnected to when its connection closed.
        using var stop = new CancellationTokenSource();
        var acting = guests.Select((guest, i) => Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(40 * i));
            await guest.Vote(second, session, level: i % 6);
            while (!stop.IsCancellationRequested)
            {
                await guest.RaiseConcern(second, session);
                await Task.Delay(TimeSpan.FromMilliseconds(150));
            }
        })).ToList();

        await Task.WhenAll(guests.Select(g => g.Acted(2))).WaitAsync(Patience);
        var clock = Stopwatch.StartNew();
        var exitCode = await first.TerminateAsync(Patience);
        var stoppedIn = clock.Elapsed;
        // Everyone acts a few more times on the hosts left, then stops.
        var actedBefore = guests.Select(g => g.AckCount).ToList();
        await Task.WhenAll(guests.Select((g, i) => g.Acted(actedBefore[i] + 3))).WaitAsync(Patience);
        await stop.CancelAsync();
        await Task.WhenAll(acting).WaitAsync(Patience);

        // The facilitator was on the stopped host: reconnected, they close the round, and everyone sees it.
        await facilitator.ComeBack(second, session);
        var closed = await facilitator.Client.CloseRoundAsync(session.State, session.ConveningId, actionId: "close-round");
        foreach (var guest in guests)
        {
            await guest.Reached(closed.Sequence, session).WaitAsync(Patience);
        }

        await using var parent = await second.Convening(session.ParentToken);
        var round = (await parent.JoinAsync(session.State, session.ConveningId, new JoinRequest())).Snapshot.Consensus!.Rounds[0];

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"The first host exited with {exitCode} {stoppedIn.TotalSeconds:0.00} s after SIGTERM."));
        foreach (var person in guests.Append(facilitator))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{person.Name}: {person.AckCount} actions acknowledged, {person.Reconnects} reconnect(s), {person.LiveCount} events live, {person.FilledCount} filled in by Resume, errors: {string.Join("; ", person.Errors)}"));
        }

        foreach (var line in first.Log.Where(l => !l.StartsWith("info:", StringComparison.Ordinal)).TakeLast(30))
        {
            output.WriteLine("  stopped host: " + (line.Length > 300 ? line[..300] : line));
        }

        Assert.Equal(0, exitCode);
        // No error beyond a reconnect: no hub error (not even "convening-moving"), on either host.
        Assert.All(guests.Append(facilitator), p => Assert.Empty(p.Errors));
        Assert.All(guests.Where(g => g.Name.StartsWith("first", StringComparison.Ordinal)), g => Assert.Equal(1, g.Reconnects));
        Assert.All(guests.Where(g => g.Name.StartsWith("second", StringComparison.Ordinal)), g => Assert.Equal(0, g.Reconnects));
        // No acknowledged action lost, none counted twice: every vote and every concern, once.
        Assert.Equal(guests.Select(g => (g.ParticipantId, g.Level)).Order(), round.Votes.Select(v => (v.ParticipantId!, v.Level)).Order());
        Assert.Equal(guests.SelectMany(g => g.Concerns).Order(StringComparer.Ordinal), round.Concerns.Select(c => c.Text).Order(StringComparer.Ordinal));
        foreach (var guest in guests)
        {
            // Each event once: none arrived twice live, and with what Resume filled in every sequence is there.
            Assert.Empty(guest.LiveDuplicates);
            Assert.Equal(Enumerable.Range((int)guest.From + 1, (int)(closed.Sequence - guest.From)).Select(i => (long)i), guest.Sequences.Where(s => s <= closed.Sequence));
        }

        foreach (var person in guests.Append(facilitator))
        {
            await person.DisposeAsync();
        }
    }

    private static Dictionary<string, string?> HostSettings(string database, int portA, int portB)
    {
        var settings = LbcHostFactory.ClusterSettings(database);
        settings["Identity:DevelopmentSignIn"] = "true";
        settings["Identity:RequireHttps"] = "false";
        settings["Identity:Operators:0"] = LbcHostFactory.OperatorEmail;
        settings["Identity:WebOrigins:0"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{portA}");
        settings["Identity:WebOrigins:1"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{portB}");
        // Orleans' membership defaults, as in production: a graceful stop must not need failure detection.
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
    /// A participant as the app is one: applies events in sequence order, each once, fills a gap with <c>Resume</c>, and
    /// when its connection closes connects to a host that is left, resumes and sends its unacknowledged action again.
    /// Every hub error it meets is kept: the test wants none.
    /// </summary>
    private sealed class Person : IAsyncDisposable
    {
        private readonly string _token;
        private readonly SortedDictionary<long, ConveningEvent> _events = [];
        private readonly HashSet<long> _liveSeen = [];
        private readonly List<long> _liveDuplicates = [];
        private readonly List<string> _errors = [];
        private readonly List<string> _concerns = [];
        private readonly List<(int Count, TaskCompletionSource Done)> _ackWaiters = [];
        private long _contiguous;
        private int _concernNumber;

        private Person(string name, string token, ConveningClient client, JoinResult joined)
        {
            Name = name;
            _token = token;
            ParticipantId = joined.Participant.Id;
            From = joined.Snapshot.Sequence;
            _contiguous = From;
            Client = Watch(client);
            foreach (var e in joined.Events ?? [])
            {
                Apply(e, live: false);
            }
        }

        public string Name { get; }

        public string ParticipantId { get; }

        public long From { get; }

        public ConveningClient Client { get; private set; }

        public int Level { get; private set; }

        public int Reconnects { get; private set; }

        public int LiveCount { get; private set; }

        public int FilledCount { get; private set; }

        public int AckCount { get; private set; }

        public IReadOnlyList<string> Errors
        {
            get
            {
                lock (_events)
                {
                    return [.. _errors];
                }
            }
        }

        public IReadOnlyList<string> Concerns
        {
            get
            {
                lock (_events)
                {
                    return [.. _concerns];
                }
            }
        }

        public IReadOnlyList<long> LiveDuplicates
        {
            get
            {
                lock (_events)
                {
                    return [.. _liveDuplicates];
                }
            }
        }

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

        public static async Task<Person> Join(ClusterHostProcess host, ConveningWorld.Planned session, string token, string name, JoinRequest request)
        {
            var client = await host.Convening(token);
            var joined = await client.JoinAsync(session.State, session.ConveningId, request);
            return new Person(name, token, client, joined);
        }

        public async Task Vote(ClusterHostProcess survivor, ConveningWorld.Planned session, int level)
        {
            Level = level;
            await Act(survivor, session, actionId => Client.CastVoteAsync(session.State, session.ConveningId, level, actionId), $"vote-{ParticipantId}");
        }

        public async Task RaiseConcern(ClusterHostProcess survivor, ConveningWorld.Planned session)
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"{Name}: concern {++_concernNumber}");
            await Act(survivor, session, actionId => Client.RaiseConcernAsync(session.State, session.ConveningId, text, actionId), $"concern-{ParticipantId}-{_concernNumber}");
            lock (_events)
            {
                _concerns.Add(text);
            }
        }

        /// <summary>Completes once <paramref name="count"/> actions of this person were acknowledged.</summary>
        public Task Acted(int count)
        {
            lock (_events)
            {
                if (AckCount >= count)
                {
                    return Task.CompletedTask;
                }

                var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _ackWaiters.Add((count, done));
                return done.Task;
            }
        }

        /// <summary>After its host stopped: a connection to <paramref name="survivor"/> and <c>Resume</c> from the last event applied in order.</summary>
        public async Task ComeBack(ClusterHostProcess survivor, ConveningWorld.Planned session)
        {
            if (Client.Connection.State == Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected)
            {
                return;
            }

            await Client.DisposeAsync();
            Client = Watch(await survivor.Convening(_token));
            Reconnects++;
            var resumed = await Guarded(() => Client.ResumeAsync(session.State, session.ConveningId, ParticipantId, _contiguous));
            foreach (var e in resumed.Events ?? [])
            {
                Apply(e, live: false);
            }
        }

        /// <summary>Completes when every event up to <paramref name="sequence"/> is applied, filling a gap with <c>Resume</c>.</summary>
        public async Task Reached(long sequence, ConveningWorld.Planned session)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (_contiguous < sequence && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
                if (_contiguous < sequence)
                {
                    var resumed = await Guarded(() => Client.ResumeAsync(session.State, session.ConveningId, ParticipantId, _contiguous));
                    foreach (var e in resumed.Events ?? [])
                    {
                        Apply(e, live: false);
                    }
                }
            }
        }

        public ValueTask DisposeAsync() => Client.DisposeAsync();

        private async Task Act(ClusterHostProcess survivor, ConveningWorld.Planned session, Func<string, Task<ActionAck>> act, string actionId)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (true)
            {
                try
                {
                    await Guarded(() => act(actionId));
                    lock (_events)
                    {
                        AckCount++;
                        foreach (var waiter in _ackWaiters.Where(w => w.Count <= AckCount).ToList())
                        {
                            waiter.Done.TrySetResult();
                            _ackWaiters.Remove(waiter);
                        }
                    }

                    return;
                }
                catch (Exception lost) when (lost is not HubException && DateTime.UtcNow < deadline)
                {
                    // The connection closed under the call (its host is stopping): reconnect, resume, send it again.
                    await Task.Delay(TimeSpan.FromMilliseconds(100));
                    await ComeBack(survivor, session);
                }
            }
        }

        /// <summary>Runs a hub call; a hub error is kept (the test allows none) and the call sent again while the convening moves.</summary>
        private async Task<T> Guarded<T>(Func<Task<T>> call)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (true)
            {
                try
                {
                    return await call();
                }
                catch (HubException error)
                {
                    lock (_events)
                    {
                        _errors.Add(error.Message);
                    }

                    if (!ConveningClient.IsMoving(error) || DateTime.UtcNow > deadline)
                    {
                        throw;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(100));
                }
            }
        }

        private ConveningClient Watch(ConveningClient client)
        {
            client.EventReceived += e => Apply(e, live: true);
            return client;
        }

        private void Apply(ConveningEvent conveningEvent, bool live)
        {
            lock (_events)
            {
                // Sent live twice (by the old activation and the new one, or by two relays): what the test forbids.
                // Live and Resume may overlap after a reconnect; the client's rule below absorbs that.
                if (live && !_liveSeen.Add(conveningEvent.Sequence))
                {
                    _liveDuplicates.Add(conveningEvent.Sequence);
                }

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
                }
                else
                {
                    FilledCount++;
                }

                while (_events.ContainsKey(_contiguous + 1))
                {
                    _contiguous++;
                }
            }
        }
    }
}
