using LbcCommunity.Client;
using LbcCommunity.Errors;
using LbcCommunity.Host.Hubs;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.RollUps;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>The MonitoringHub through the real SignalR client.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class MonitoringHubTests(ApiHostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly LbcCommunityClient _api = fixture.Api;

    [Fact]
    public async Task Watcher_gets_the_view_at_once_then_every_acknowledged_rating()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        await using var monitoring = await fixture.Host.Monitoring(await fixture.Host.StateAdminToken(state));
        var seen = new Updates(monitoring);

        var initial = await monitoring.WatchInitiativeAsync(state, "graduatefirst");
        var regional = await monitoring.WatchRegionAsync(state, "graduatefirst", "west");
        await _api.RecordConsensusRatingAsync(state, "cafe", Ratings.Draft(("consensus-decisions", [100, 90, 10, 0])));

        var stateView = await seen.First(v => v.RegionId is null && v.Version >= 1).WaitAsync(Patience);
        var regionView = await seen.First(v => v.RegionId == "west" && v.Version >= 1).WaitAsync(Patience);
        Assert.Equal((0L, 1), (initial.Version, initial.Teams));
        Assert.Equal(0, regional.Version);
        Assert.Equal(2.0m, Assert.Single(stateView.Rows).MeanDepthScore);
        Assert.Equal(2.0m, Assert.Single(regionView.Rows).MeanDepthScore);
    }

    [Fact]
    public async Task A_burst_of_ratings_arrives_throttled_and_the_last_view_holds_them_all()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        for (var i = 0; i < 4; i++)
        {
            await _api.CreateTeamAsync(state, "graduatefirst", new LbcCommunity.Organization.TeamDraft { Id = $"team-{i}", Name = $"Team {i}", DistrictId = "meriwether" });
        }

        await using var monitoring = await fixture.Host.Monitoring(await fixture.Host.StateAdminToken(state));
        var seen = new Updates(monitoring);
        await monitoring.WatchInitiativeAsync(state, "graduatefirst");
        var started = DateTimeOffset.UtcNow;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(async team =>
        {
            for (var n = 0; n < 15; n++)
            {
                await _api.RecordConsensusRatingAsync(state, $"team-{team}", Ratings.Draft(("future-work", [100, n % 11 * 10, 0, 0])));
            }
        }));
        var last = await seen.First(v => v.Version == 60).WaitAsync(Patience);
        var elapsed = DateTimeOffset.UtcNow - started;

        Assert.Equal(4, Assert.Single(last.Rows).TeamsRated);
        // At most one view per 100 ms tick (plus the tick in flight when the burst began).
        Assert.InRange(seen.Count(v => v.RegionId is null), 1, (int)(elapsed.TotalMilliseconds / 100) + 2);
    }

    [Fact]
    public async Task Watching_something_that_is_not_there_is_a_hub_error_naming_it()
    {
        var georgia = await ApiWorld.NewStateWithTeam(_api);
        var florida = await ApiWorld.NewTenant(_api);
        await using var monitoring = await fixture.Host.Monitoring(await fixture.Host.StateAdminToken(georgia));

        var malformed = await Assert.ThrowsAsync<HubException>(() => monitoring.WatchInitiativeAsync(georgia, "Not An Id"));
        var missing = await Assert.ThrowsAsync<HubException>(() => monitoring.WatchRegionAsync(georgia, "graduatefirst", "atlantis"));
        var foreign = await Assert.ThrowsAsync<HubException>(() => monitoring.WatchInitiativeAsync(florida, "graduatefirst"));
        var nowhere = await Assert.ThrowsAsync<HubException>(() => monitoring.WatchInitiativeAsync("no-such-state", "graduatefirst"));

        Assert.Contains("initiativeId", malformed.Message, StringComparison.Ordinal);
        Assert.Contains("atlantis", missing.Message, StringComparison.Ordinal);
        // Another tenant's state is answered like one that does not exist: nothing about it leaks.
        Assert.Equal(nowhere.Message.Replace("no-such-state", florida, StringComparison.Ordinal), foreign.Message);
        Assert.Equal(
            [ErrorCodes.Invalid, ErrorCodes.NotFound, ErrorCodes.NotFound],
            new[] { malformed, missing, foreign }.Select(HubErrorCodes.Of));
    }

    [Fact]
    public async Task A_role_that_may_not_watch_is_refused_with_forbidden()
    {
        var session = await ConveningWorld.Plan(fixture.Host, _api);
        await using var monitoring = await fixture.Host.Monitoring(session.ParentToken);

        var initiative = await Assert.ThrowsAsync<HubException>(() => monitoring.WatchInitiativeAsync(session.State, "graduatefirst"));
        var region = await Assert.ThrowsAsync<HubException>(() => monitoring.WatchRegionAsync(session.State, "graduatefirst", "west"));

        Assert.Equal([ErrorCodes.Forbidden, ErrorCodes.Forbidden], new[] { initiative, region }.Select(HubErrorCodes.Of));
        Assert.Equal("your role does not allow this.", HubErrorCodes.TextOf(initiative));
    }

    [Fact]
    public async Task A_flood_of_watch_calls_is_cut_off_with_rate_limited_and_the_connection_lives_on()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        var limits = fixture.Host.Services.GetRequiredService<HubRateLimit>();
        await using (var monitoring = await fixture.Host.Monitoring(await fixture.Host.StateAdminToken(state)))
        {
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 3 * MonitoringHub.CallsPerSecond).Select(async _ =>
            {
                try
                {
                    await monitoring.WatchInitiativeAsync(state, "graduatefirst");
                    return "ok";
                }
                catch (HubException e) when (HubErrorCodes.Of(e) == ErrorCodes.RateLimited)
                {
                    return "limited";
                }
            }));

            Assert.Contains("limited", outcomes);
            Assert.InRange(outcomes.Count(o => o == "ok"), MonitoringHub.CallsPerSecond, (3 * MonitoringHub.CallsPerSecond) - 1);
            Assert.Equal(HubConnectionState.Connected, monitoring.Connection.State);
            Assert.True(limits.Count >= 1);
        }

        // The closed connection's bucket goes with it (this collection's tests run one at a time, each closing its own).
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (limits.Count > 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, limits.Count);
    }

    /// <summary>Collects the views a client receives and waits for one that matches.</summary>
    private sealed class Updates
    {
        private readonly List<RollUpView> _views = [];
        private readonly List<(Func<RollUpView, bool> Match, TaskCompletionSource<RollUpView> Done)> _waiters = [];

        public Updates(MonitoringClient client) => client.RollUpUpdated += Receive;

        public int Count(Func<RollUpView, bool> match)
        {
            lock (_views)
            {
                return _views.Count(match);
            }
        }

        public Task<RollUpView> First(Func<RollUpView, bool> match)
        {
            lock (_views)
            {
                if (_views.FirstOrDefault(match) is { } seen)
                {
                    return Task.FromResult(seen);
                }

                var done = new TaskCompletionSource<RollUpView>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((match, done));
                return done.Task;
            }
        }

        private void Receive(RollUpView view)
        {
            lock (_views)
            {
                _views.Add(view);
                foreach (var waiter in _waiters.Where(w => w.Match(view)).ToList())
                {
                    waiter.Done.TrySetResult(view);
                    _waiters.Remove(waiter);
                }
            }
        }
    }
}
