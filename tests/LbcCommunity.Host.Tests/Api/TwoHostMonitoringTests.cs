using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.RollUps;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>Two real hosts in one cluster on PostgreSQL: watchers on either silo see ratings recorded through the other.</summary>
public sealed class TwoHostMonitoringTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Watchers_on_both_silos_see_ratings_recorded_through_either()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var folder = new TemporaryFolder();
        var settings = LbcHostFactory.ClusterSettings(database);
        await using var first = new LbcHostFactory(folder.Path, settings);
        var api = first.Api();
        var state = await ApiWorld.NewStateWithTeam(api);
        await using var second = new LbcHostFactory(folder.Path, settings);
        var secondApi = second.Api();
        await secondApi.GetTenantAsync(state);

        await using var watcherOnFirst = await first.Monitoring(await first.StateAdminToken(state));
        await using var watcherOnSecond = await second.Monitoring(await second.StateAdminToken(state));
        var seenOnFirst = new TaskCompletionSource<RollUpView>(TaskCreationOptions.RunContinuationsAsynchronously);
        var seenOnSecond = new TaskCompletionSource<RollUpView>(TaskCreationOptions.RunContinuationsAsynchronously);
        watcherOnFirst.RollUpUpdated += view => { if (view.Version >= 2) { seenOnFirst.TrySetResult(view); } };
        watcherOnSecond.RollUpUpdated += view => { if (view.Version >= 2) { seenOnSecond.TrySetResult(view); } };
        await watcherOnFirst.WatchInitiativeAsync(state, "graduatefirst");
        await watcherOnSecond.WatchInitiativeAsync(state, "graduatefirst");

        await api.RecordConsensusRatingAsync(state, "cafe", Ratings.Draft(("acknowledging-diversity", [100, 70, 30, 20])));
        await secondApi.RecordConsensusRatingAsync(state, "cafe", Ratings.Draft(("acknowledging-diversity", [100, 100, 60, 0])));

        var onFirst = await seenOnFirst.Task.WaitAsync(Patience);
        var onSecond = await seenOnSecond.Task.WaitAsync(Patience);
        Assert.Equal(2.6m, Assert.Single(onFirst.Rows).MeanDepthScore);
        Assert.Equal(2.6m, Assert.Single(onSecond.Rows).MeanDepthScore);
        Assert.Equal(2, (await secondApi.GetInitiativeRollUpAsync(state, "graduatefirst")).Version);
    }
}
