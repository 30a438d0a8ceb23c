using LbcCommunity.Contracts;
using LbcCommunity.Organization;
using LbcCommunity.RollUps;
using LbcCommunity.Tenancy;
using LbcCommunity.Tests.Ratings;

namespace LbcCommunity.Tests.Grains;

/// <summary>The dashboards' views read from the region roll-ups, on the fake domain clock.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DashboardGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Not_rated_and_moved_up_follow_the_domain_clock_and_the_views_survive_a_rebuild()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        var initiative = _grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(state, "graduatefirst"));
        await initiative.EnrolTeam(new TeamDraft { Id = "cafe", Name = "CAFÉ", DistrictId = "meriwether" });
        await initiative.EnrolTeam(new TeamDraft { Id = "quiet", Name = "Quiet", DistrictId = "meriwether" });
        var cafe = _grains.GetGrain<ITeamGrain>(GrainKeys.Of(state, "cafe"));
        await cafe.RecordConsensusRating(RatingRulesTests.Draft(("relevant-data", [100, 0, 0, 0])));
        await cafe.RecordConsensusRating(RatingRulesTests.Draft(("relevant-data", [100, 100, 0, 0])));
        var rollUp = _grains.GetGrain<IInitiativeRollUpGrain>(GrainKeys.Of(state, "graduatefirst"));
        var region = _grains.GetGrain<IRegionRollUpGrain>(GrainKeys.Of(state, "graduatefirst", "west"));

        var today = await rollUp.GetAttention(null, 90);
        var teams = await region.GetTeams();
        // A quarter is at most 92 days long: 100 days on, this is another quarter.
        ClusterFixture.Clock.Advance(TimeSpan.FromDays(100));
        var later = await rollUp.GetAttention("west", 90);

        Assert.Equal(["cafe"], today.MovedUp.Select(t => t.TeamId));
        Assert.Equal(["quiet"], today.NotRated.Select(t => t.TeamId));
        Assert.Empty(later.MovedUp);
        Assert.Equal(["cafe", "quiet"], later.NotRated.Select(t => t.TeamId));
        Assert.Equal(TallyKeys.Quarter(ClusterFixture.Clock.GetUtcNow()), later.Quarter);

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        TenantScope.Enter(state);
        var rebuilt = await region.GetTeams();

        Assert.Equal(
            teams.Teams.Select(t => (t.TeamId, t.TeamName, t.Ratings, t.LastRatedAt, string.Join(',', t.Rows.Select(r => $"{r.RowId}:{r.DepthScore}:{r.LevelReached}")))),
            rebuilt.Teams.Select(t => (t.TeamId, t.TeamName, t.Ratings, t.LastRatedAt, string.Join(',', t.Rows.Select(r => $"{r.RowId}:{r.DepthScore}:{r.LevelReached}")))));
        Assert.Equal([("cafe", 2), ("quiet", 0)], rebuilt.Teams.Select(t => (t.TeamId, t.Ratings)));
    }
}
