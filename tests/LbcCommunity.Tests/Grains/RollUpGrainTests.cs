using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Contracts;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.RollUps;
using LbcCommunity.Rubrics;
using LbcCommunity.Tenancy;
using LbcCommunity.Tests.Ratings;

namespace LbcCommunity.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class RollUpGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Consensus_rating_reaches_the_region_and_state_views()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        await Enrol(state, "cafe", "meriwether");

        await Team(state, "cafe").RecordConsensusRating(RatingRulesTests.Draft(("acknowledging-diversity", [100, 70, 30, 20])));

        var region = await _grains.GetGrain<IRegionRollUpGrain>(GrainKeys.Of(state, "graduatefirst", "west")).GetView();
        var initiative = await InitiativeView(state);
        foreach (var view in new[] { region, initiative })
        {
            var row = Assert.Single(view.Rows);
            Assert.Equal(("acknowledging-diversity", 1, 2.2m), (row.Key, row.TeamsRated, row.MeanDepthScore));
            Assert.Equal([0, 0, 1, 0, 0], row.TeamsAtLevel);
            Assert.Equal((1L, 1, 1), (view.Version, view.Teams, view.TeamsRated));
        }

        Assert.Equal("west", Assert.Single(initiative.Regions!).RegionId);
    }

    [Fact]
    public async Task Bad_ratings_are_refused_and_change_neither_the_team_nor_the_roll_ups()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        await Enrol(state, "cafe", "meriwether");
        await Enrol(state, "other", "meriwether");
        var outsider = await Team(state, "other").AddMember(new MemberDraft { DisplayName = "Outsider", StakeholderRole = StakeholderRole.Teacher });
        var good = RatingRulesTests.Draft(("relevant-data", [100, 50, 0, 0]));

        await Assert.ThrowsAsync<DomainValidationException>(() => Team(state, "cafe").RecordConsensusRating(RatingRulesTests.Draft(("relevant-data", [130, 0, 0, 0]))));
        await Assert.ThrowsAsync<DomainValidationException>(() => Team(state, "cafe").RecordConsensusRating(RatingRulesTests.Draft(("not-a-row", [10, 0, 0, 0]))));
        await Assert.ThrowsAsync<DomainValidationException>(() => Team(state, "cafe").RecordConsensusRating(good with { RubricVersion = 2 }));
        await Assert.ThrowsAsync<DomainValidationException>(() => Team(state, "cafe").RecordMemberRating(good with { MemberId = outsider.Id }));

        Assert.Empty(await Team(state, "cafe").ListRatings(null));
        Assert.Equal(0, (await Team(state, "cafe").GetContribution()).Sequence);
        Assert.Equal(0, (await InitiativeView(state)).Version);
    }

    [Fact]
    public async Task Retried_rating_with_the_same_idempotency_key_is_stored_and_counted_once()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        await Enrol(state, "cafe", "meriwether");
        var draft = RatingRulesTests.Draft(("future-work", [100, 100, 50, 0])) with { IdempotencyKey = "tablet-7/round-2" };

        var first = await Team(state, "cafe").RecordConsensusRating(draft);
        var again = await Team(state, "cafe").RecordConsensusRating(draft);

        Assert.Equal(first.Id, again.Id);
        Assert.Single(await Team(state, "cafe").ListRatings(RatingKind.Consensus));
        Assert.Equal(1, (await InitiativeView(state)).Version);
    }

    [Fact]
    public async Task Member_ratings_are_kept_beside_the_consensus_but_not_rolled_up()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        await Enrol(state, "cafe", "meriwether");
        var parent = await Team(state, "cafe").AddMember(new MemberDraft { DisplayName = "Parent", StakeholderRole = StakeholderRole.FamilyMember });

        await _grains.GetGrain<IConveningGrain>(GrainKeys.Of(state, "november-convening")).Create(new ConveningDraft { Title = "November", OwnerKind = ConveningOwnerKind.Team, OwnerId = "cafe", Agenda = [new AgendaItemDraft { Kind = ActivityKind.DepthPoll, Title = "How deep?" }] });
        var own = await Team(state, "cafe").RecordMemberRating(RatingRulesTests.Draft(("consensus-decisions", [100, 90, 10, 0])) with { MemberId = parent.Id, ConveningId = "november-convening" });

        Assert.Equal((RatingKind.Member, parent.Id, "november-convening", 0L), (own.Kind, own.MemberId, own.ConveningId, own.Sequence));
        Assert.Equal(own.Id, Assert.Single(await Team(state, "cafe").ListRatings(RatingKind.Member)).Id);
        Assert.Equal(0, (await InitiativeView(state)).TeamsRated);
    }

    [Fact]
    public async Task Rolled_up_numbers_equal_a_recompute_from_scratch_after_random_ratings_re_ratings_and_restarts()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        var tenant = _grains.GetGrain<ITenantGrain>(state);
        await tenant.AddRegion(new RegionDraft { Id = "metro", Name = "Metro RESA" });
        await tenant.AddDistrict(new DistrictDraft { Id = "clayton", Name = "Clayton County", RegionId = "metro" });
        var teamIds = Enumerable.Range(0, 12).Select(i => $"team-{i}").ToArray();
        for (var i = 0; i < teamIds.Length; i++)
        {
            await Enrol(state, teamIds[i], i % 3 == 0 ? "clayton" : "meriwether");
        }

        var random = new Random(20261123);
        var rows = DefaultRubric.Rows.Select(r => r.Id).ToArray();
        var acknowledged = 0;
        for (var step = 0; step < 120; step++)
        {
            if (step is 30 or 70)
            {
                // Every grain that is idle is deactivated: roll-ups start again from the teams' stored state.
                await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
                TenantScope.Enter(state);
            }

            var team = teamIds[random.Next(teamIds.Length)];
            var rated = rows.OrderBy(_ => random.Next()).Take(random.Next(1, 4))
                .Select(row => (row, Enumerable.Range(0, 4).Select(_ => random.Next(0, 11) * 10).ToArray()))
                .ToArray();
            await Team(state, team).RecordConsensusRating(RatingRulesTests.Draft(rated));
            acknowledged++;
        }

        var expected = RollUpMath.Sum(await Task.WhenAll(teamIds.Select(async id =>
            RollUpMath.ContributionOf(id, await Team(state, id).ListRatings(RatingKind.Consensus)).Tallies)));
        var view = await InitiativeView(state);

        Assert.Equal(acknowledged, view.Version);
        Assert.Equal(teamIds.Length, view.Teams);
        Assert.Equal(RollUpViews.Rows(expected, TallyKeys.Now), view.Rows, new SummaryComparer());
        Assert.Equal(RollUpViews.Habits(expected, TallyKeys.Now), view.Habits, new SummaryComparer());
        Assert.Equal(RollUpViews.Quarters(expected).SelectMany(q => q.Rows), view.Quarters.SelectMany(q => q.Rows), new SummaryComparer());
        Assert.Equal(RollUpViews.TeamsRated(expected), view.TeamsRated);
        Assert.Equal(view.Teams, view.Regions!.Sum(r => r.Teams));
    }

    private Task<Team> Enrol(string state, string teamId, string districtId) =>
        _grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(state, "graduatefirst")).EnrolTeam(new TeamDraft { Id = teamId, Name = teamId, DistrictId = districtId });

    private ITeamGrain Team(string state, string teamId) => _grains.GetGrain<ITeamGrain>(GrainKeys.Of(state, teamId));

    private Task<RollUpView> InitiativeView(string state) => _grains.GetGrain<IInitiativeRollUpGrain>(GrainKeys.Of(state, "graduatefirst")).GetView();

    private sealed class SummaryComparer : IEqualityComparer<DimensionSummary>
    {
        public bool Equals(DimensionSummary? x, DimensionSummary? y) =>
            x is not null && y is not null && x.Key == y.Key && x.Habit == y.Habit && x.TeamsRated == y.TeamsRated
            && x.MeanDepthScore == y.MeanDepthScore && x.TeamsAtLevel.SequenceEqual(y.TeamsAtLevel) && x.MovedUp == y.MovedUp && x.NoProgress == y.NoProgress;

        public int GetHashCode(DimensionSummary obj) => obj.Key.GetHashCode(StringComparison.Ordinal);
    }
}
