using LbcCommunity.Client;
using LbcCommunity.Convenings;
using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>Two real hosts in one cluster on PostgreSQL: participants on either silo see the same events in the same order.</summary>
public sealed class TwoHostConveningTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Participants_on_different_silos_see_the_same_events_in_the_same_order()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var folder = new TemporaryFolder();
        var settings = LbcHostFactory.ClusterSettings(database);
        await using var first = new LbcHostFactory(folder.Path, settings);
        var session = await ConveningWorld.Plan(first);
        await using var second = new LbcHostFactory(folder.Path, settings);
        await second.Api().GetTenantAsync(session.State);
        // A code issued on one silo is exchanged on either: each guest signs in on the host they connect to.
        var code = (await ConveningWorld.IssueJoinCode(first, session.FacilitatorToken, session.State, session.ConveningId)).Code;

        await using var facilitator = await first.Convening(session.FacilitatorToken);
        await using var guests = new GuestsOn(
            await first.Convening(await first.GuestToken(code, "Guest on silo 1")),
            await second.Convening(await second.GuestToken(code, "Guest on silo 2")));
        await facilitator.JoinAsync(session.State, session.ConveningId, new JoinRequest { MemberId = session.FacilitatorId });
        var joinedOnFirst = await guests.OnFirst.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        var joinedOnSecond = await guests.OnSecond.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        var seenOnFirst = Collect(guests.OnFirst, joinedOnFirst);
        var seenOnSecond = Collect(guests.OnSecond, joinedOnSecond);

        await facilitator.StartActivityAsync(session.State, session.ConveningId, "item-1");
        await facilitator.OpenConsensusRoundAsync(session.State, session.ConveningId, "Adopt the plan", AgreementScale.FistToFive, false, false);
        await Task.WhenAll(
            Enumerable.Range(0, 5).Select(i => guests.OnFirst.CastVoteAsync(session.State, session.ConveningId, i))
                .Concat(Enumerable.Range(0, 5).Select(i => guests.OnSecond.CastVoteAsync(session.State, session.ConveningId, 5 - i))));
        var last = await facilitator.CloseRoundAsync(session.State, session.ConveningId);

        var onFirst = await seenOnFirst.UpTo(last.Sequence).WaitAsync(Patience);
        var onSecond = await seenOnSecond.UpTo(last.Sequence).WaitAsync(Patience);
        var common = joinedOnSecond.Snapshot.Sequence;
        Assert.Equal(onFirst.Where(e => e.Sequence > common).Select(e => (e.Sequence, e.Type)), onSecond.Where(e => e.Sequence > common).Select(e => (e.Sequence, e.Type)));
        Assert.Equal(Enumerable.Range((int)common + 1, (int)(last.Sequence - common)).Select(i => (long)i), onSecond.Where(e => e.Sequence > common).Select(e => e.Sequence));
        Assert.Equal(2, onSecond[^1].Consensus!.Rounds[0].VoteCount);
        Assert.Equal(("Guest on silo 1", "Guest on silo 2"), (joinedOnFirst.Participant.DisplayName, joinedOnSecond.Participant.DisplayName));
    }

    private static Applied Collect(ConveningClient client, LbcCommunity.Contracts.JoinResult joined)
    {
        var applied = new Applied(joined.Snapshot.Sequence);
        foreach (var e in joined.Events ?? [])
        {
            applied.Apply(e);
        }

        client.EventReceived += applied.Apply;
        return applied;
    }

    /// <summary>Applies events as a client does: in sequence order, each once.</summary>
    private sealed class Applied(long snapshotSequence)
    {
        private readonly SortedDictionary<long, ConveningEvent> _events = [];
        private readonly List<(long Sequence, TaskCompletionSource<IReadOnlyList<ConveningEvent>> Done)> _waiters = [];

        public void Apply(ConveningEvent conveningEvent)
        {
            lock (_events)
            {
                if (conveningEvent.Sequence > snapshotSequence)
                {
                    _events.TryAdd(conveningEvent.Sequence, conveningEvent);
                }

                foreach (var waiter in _waiters.Where(w => _events.ContainsKey(w.Sequence)).ToList())
                {
                    waiter.Done.TrySetResult([.. _events.Values]);
                    _waiters.Remove(waiter);
                }
            }
        }

        public Task<IReadOnlyList<ConveningEvent>> UpTo(long sequence)
        {
            lock (_events)
            {
                if (_events.ContainsKey(sequence))
                {
                    return Task.FromResult<IReadOnlyList<ConveningEvent>>([.. _events.Values]);
                }

                var done = new TaskCompletionSource<IReadOnlyList<ConveningEvent>>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((sequence, done));
                return done.Task;
            }
        }
    }

    private sealed class GuestsOn(ConveningClient onFirst, ConveningClient onSecond) : IAsyncDisposable
    {
        public ConveningClient OnFirst { get; } = onFirst;

        public ConveningClient OnSecond { get; } = onSecond;

        public async ValueTask DisposeAsync()
        {
            await OnFirst.DisposeAsync();
            await OnSecond.DisposeAsync();
        }
    }
}
