using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.RollUps;
using LbcCommunity.Tenancy;
using LbcCommunity.Tests.Ratings;

namespace LbcCommunity.Tests.Grains;

/// <summary>Ratings entered from paper (<see cref="RatingDraft.RatedAt"/>): they count where they were taken, not when they arrived.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RatedAtTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task A_rating_from_paper_for_last_quarter_lands_in_last_quarter_and_the_trend_follows_the_dates()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        await Enrol(state, "cafe");
        var now = ClusterFixture.Clock.GetUtcNow();
        var cafe = Team(state, "cafe");

        // Arrival: six months ago (2.0), today (2.0), then last quarter's meeting from paper (3.0). By date: 2.0, 3.0, 2.0.
        await cafe.RecordConsensusRating(RatingRulesTests.Draft(("relevant-data", [100, 100, 0, 0])) with { RatedAt = now.AddMonths(-6) });
        await cafe.RecordConsensusRating(RatingRulesTests.Draft(("relevant-data", [100, 100, 0, 0])));
        var fromPaper = await cafe.RecordConsensusRating(RatingRulesTests.Draft(("relevant-data", [100, 100, 100, 0])) with { RatedAt = now.AddMonths(-3) });

        var view = await InitiativeView(state);
        var latest = Assert.Single(view.Rows);
        var lastQuarter = Assert.Single(Assert.Single(view.Quarters, q => q.Quarter == TallyKeys.Quarter(now.AddMonths(-3))).Rows);
        var history = await cafe.ListRatings(RatingKind.Consensus);
        // Today's 2.0 is the latest; it is no higher than two ratings before (2.0), and it fell from last quarter's level.
        Assert.Equal((2.0m, 0, 1), (latest.MeanDepthScore, latest.MovedUp, latest.NoProgress));
        Assert.Equal((3.0m, 1, 0), (lastQuarter.MeanDepthScore, lastQuarter.MovedUp, lastQuarter.NoProgress));
        Assert.Equal((3L, 3L), (view.Version, (await cafe.GetContribution()).Sequence));
        Assert.Equal([1L, 3L, 2L], history.Select(r => r.Sequence));
        Assert.Equal((now.AddMonths(-3), now), (fromPaper.RatedAt, fromPaper.RecordedAt));
        Assert.Equal(history[2].RecordedAt, history[2].RatedAt);
    }

    [Fact]
    public async Task A_date_in_the_future_or_more_than_two_years_back_is_refused_naming_ratedAt_and_nothing_is_stored()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        await Enrol(state, "cafe");
        var now = ClusterFixture.Clock.GetUtcNow();
        var draft = RatingRulesTests.Draft(("relevant-data", [100, 100, 0, 0]));

        foreach (var ratedAt in new[] { now.AddDays(1), now - RatingRules.RatedAtLongest - TimeSpan.FromDays(1) })
        {
            var refused = await Assert.ThrowsAsync<DomainValidationException>(() => Team(state, "cafe").RecordConsensusRating(draft with { RatedAt = ratedAt }));
            Assert.Equal("ratedAt", Assert.Single(refused.Errors.Keys));
        }

        Assert.Empty(await Team(state, "cafe").ListRatings(null));
        Assert.Equal(0, (await Team(state, "cafe").GetContribution()).Sequence);
        Assert.Equal(0, (await InitiativeView(state)).Version);
    }

    [Fact]
    public async Task A_retried_rating_from_paper_is_stored_once_with_its_date()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        await Enrol(state, "cafe");
        var ratedAt = ClusterFixture.Clock.GetUtcNow().AddDays(-7);
        var draft = RatingRulesTests.Draft(("future-work", [100, 50, 0, 0])) with { RatedAt = ratedAt, IdempotencyKey = "paper/week-47" };

        var first = await Team(state, "cafe").RecordConsensusRating(draft);
        await ClusterFixture.Deactivate(Team(state, "cafe"));
        var again = await Team(state, "cafe").RecordConsensusRating(draft);

        Assert.Equal((first.Id, ratedAt), (again.Id, again.RatedAt));
        Assert.Single(await Team(state, "cafe").ListRatings(RatingKind.Consensus));
        Assert.Equal(1, (await InitiativeView(state)).Version);
    }

    private Task<Team> Enrol(string state, string teamId) =>
        _grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(state, "graduatefirst")).EnrolTeam(new TeamDraft { Id = teamId, Name = teamId, DistrictId = "meriwether" });

    private ITeamGrain Team(string state, string teamId) => _grains.GetGrain<ITeamGrain>(GrainKeys.Of(state, teamId));

    private Task<RollUpView> InitiativeView(string state) => _grains.GetGrain<IInitiativeRollUpGrain>(GrainKeys.Of(state, "graduatefirst")).GetView();
}
