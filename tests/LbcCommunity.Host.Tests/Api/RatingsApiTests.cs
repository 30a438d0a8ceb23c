using System.Net;
using System.Net.Http.Json;
using LbcCommunity.Client;
using LbcCommunity.Convenings;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.RollUps;
using LbcCommunity.Rubrics;

namespace LbcCommunity.Host.Tests.Api;

[Collection(ApiHostCollection.Name)]
public sealed class RatingsApiTests(ApiHostFixture fixture)
{
    private readonly LbcCommunityClient _api = fixture.Api;

    [Fact]
    public async Task Consensus_ratings_build_the_teams_history_and_the_state_and_region_views()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);

        // A rating made in a convening names one of the team's own (checked: RatingsConveningTests).
        await _api.CreateConveningAsync(state, new ConveningDraft { Id = "september-day", Title = "September day", OwnerKind = ConveningOwnerKind.Team, OwnerId = "cafe", Agenda = [new AgendaItemDraft { Kind = ActivityKind.DepthPoll, Title = "How deep?" }] });
        var first = await _api.RecordConsensusRatingAsync(state, "cafe", Ratings.Draft(("acknowledging-diversity", [100, 70, 30, 20])) with { ConveningId = "september-day" });
        await _api.RecordConsensusRatingAsync(state, "cafe", Ratings.Draft(("acknowledging-diversity", [100, 100, 60, 20])));

        var history = await _api.ListRatingsAsync(state, "cafe", RatingKind.Consensus);
        var stateView = await _api.GetInitiativeRollUpAsync(state, "graduatefirst");
        var regionView = await _api.GetRegionRollUpAsync(state, "graduatefirst", "west");
        Assert.Equal([1L, 2L], history.Select(r => r.Sequence));
        Assert.Equal("september-day", history[0].ConveningId);
        Assert.Equal([2.2m, 2.8m], history.Select(r => r.Rows[0].DepthScore));
        Assert.Equal(first.Id, (await _api.Http.GetFromJsonAsync<Rating>($"api/tenants/{state}/teams/cafe/ratings/{first.Id}", LbcCommunityClient.JsonOptions))!.Id);
        foreach (var view in new[] { stateView, regionView })
        {
            var row = Assert.Single(view.Rows);
            Assert.Equal((2.8m, 1, 1), (row.MeanDepthScore, row.MovedUp, row.TeamsAtLevel[3]));
            Assert.Equal(2, view.Version);
        }
    }

    [Fact]
    public async Task Bad_rating_is_a_problem_naming_the_field_and_nothing_is_stored()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        await _api.CreateDistrictAsync(state, new DistrictDraft { Id = "troup", Name = "Troup County", RegionId = "west" });
        await _api.CreateTeamAsync(state, "graduatefirst", new TeamDraft { Id = "troup-team", Name = "Troup", DistrictId = "troup" });
        var stranger = await _api.AddMemberAsync(state, Roster.OfTeam("troup-team"), new MemberDraft { DisplayName = "Stranger", StakeholderRole = StakeholderRole.Teacher });

        var problems = new[]
        {
            (Ratings.Draft(("acknowledging-diversity", [130, 0, 0, 0])), RatingKind.Consensus, "rows[0].cells[0].attainmentPercent"),
            (Ratings.Draft(("made-up-row", [10, 0, 0, 0])), RatingKind.Consensus, "rows[0].rowId"),
            (Ratings.Draft(("acknowledging-diversity", [10, 0, 0, 0])) with { RubricVersion = 3 }, RatingKind.Consensus, "rubricVersion"),
            (Ratings.Draft(("acknowledging-diversity", [10, 0, 0, 0])) with { MemberId = stranger.Id }, RatingKind.Member, "memberId"),
        };
        foreach (var (draft, kind, field) in problems)
        {
            var error = await Assert.ThrowsAsync<LbcApiException>(() => kind == RatingKind.Consensus
                ? _api.RecordConsensusRatingAsync(state, "cafe", draft)
                : _api.RecordMemberRatingAsync(state, "cafe", draft));
            Assert.Equal(HttpStatusCode.BadRequest, error.Status);
            Assert.Contains(field, error.Errors.Keys);
        }

        Assert.Empty(await _api.ListRatingsAsync(state, "cafe"));
        Assert.Equal(0, (await _api.GetInitiativeRollUpAsync(state, "graduatefirst")).Version);
    }

    [Fact]
    public async Task A_rating_naming_a_convening_that_is_not_the_teams_own_is_refused_and_the_roll_ups_do_not_move()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        var otherState = await ApiWorld.NewStateWithTeam(_api);
        await _api.CreateTeamAsync(state, "graduatefirst", new TeamDraft { Id = "troup-team", Name = "Troup", DistrictId = "meriwether" });
        var member = await _api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Parent", StakeholderRole = StakeholderRole.FamilyMember });
        await _api.CreateConveningAsync(state, Convening("cafe-day", "cafe"));
        await _api.CreateConveningAsync(state, Convening("troup-day", "troup-team"));
        // The other tenant's convening has an id this tenant never used, and one this tenant's team uses too.
        await _api.CreateConveningAsync(otherState, Convening("florida-day", "cafe"));
        var before = await _api.GetInitiativeRollUpAsync(state, "graduatefirst");

        foreach (var conveningId in new[] { "nowhere", "florida-day", "troup-day" })
        {
            var consensus = await Assert.ThrowsAsync<LbcApiException>(() => _api.RecordConsensusRatingAsync(state, "cafe", Ratings.Draft(("acknowledging-diversity", [100, 70, 30, 20])) with { ConveningId = conveningId }));
            var own = await Assert.ThrowsAsync<LbcApiException>(() => _api.RecordMemberRatingAsync(state, "cafe", Ratings.Draft(("acknowledging-diversity", [100, 70, 30, 20])) with { MemberId = member.Id, ConveningId = conveningId }));
            Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (consensus.Status, own.Status));
            Assert.Contains("conveningId", consensus.Errors.Keys);
            Assert.Contains("conveningId", own.Errors.Keys);
        }

        Assert.Empty(await _api.ListRatingsAsync(state, "cafe"));
        var after = await _api.GetInitiativeRollUpAsync(state, "graduatefirst");
        Assert.Equal((before.Version, before.TeamsRated), (after.Version, after.TeamsRated));
        Assert.Equal(0, (await _api.GetRegionRollUpAsync(state, "graduatefirst", "west")).TeamsRated);
        // The team's own convening is taken, and moves the roll-up.
        var rated = await _api.RecordConsensusRatingAsync(state, "cafe", Ratings.Draft(("acknowledging-diversity", [100, 70, 30, 20])) with { ConveningId = "cafe-day" });
        Assert.Equal("cafe-day", rated.ConveningId);
        Assert.Equal(1, (await _api.GetInitiativeRollUpAsync(state, "graduatefirst")).TeamsRated);
    }

    private static ConveningDraft Convening(string id, string teamId) => new()
    {
        Id = id,
        Title = "Learning day",
        OwnerKind = ConveningOwnerKind.Team,
        OwnerId = teamId,
        Agenda = [new AgendaItemDraft { Kind = ActivityKind.DepthPoll, Title = "How deep are we?" }],
    };

    [Fact]
    public async Task Csv_exports_have_the_documented_columns_and_a_line_per_rated_row()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        await _api.RecordConsensusRatingAsync(state, "cafe", Ratings.Draft(("acknowledging-diversity", [100, 70, 30, 20]), ("relevant-data", [100, 40, 0, 0])));

        var ratings = (await _api.GetCsvAsync($"api/tenants/{state}/teams/cafe/ratings.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var rollUp = (await _api.GetCsvAsync($"api/tenants/{state}/initiatives/graduatefirst/rollup.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("rating_id,kind,team_id,member_id,convening_id,rubric_version,recorded_at,sequence,row_id,habit,informing_pct,networking_pct,collaborating_pct,transforming_pct,depth_score,level_reached,rated_at", ratings[0]);
        Assert.Equal(3, ratings.Length);
        var taken = ratings[1].Split(',')[^1];
        Assert.Contains(",1,acknowledging-diversity,CoalescingAroundIssues,100,70,30,20,2.2,2," + taken, ratings[1], StringComparison.Ordinal);
        // Entered now, so taken when recorded: both columns hold the same instant.
        Assert.Equal(ratings[1].Split(',')[6], taken);
        Assert.Equal("initiative_id,region_id,period,dimension,habit,row_id,teams_rated,mean_depth_score,teams_none_yet,teams_informing,teams_networking,teams_collaborating,teams_transforming,moved_up,no_progress,score_sum", rollUp[0]);
        Assert.Contains("graduatefirst,,now,habit,CoalescingAroundIssues,,1,1.8,0,1,0,0,0,0,0,1.8", rollUp);
        Assert.Contains("graduatefirst,,now,row,CoalescingAroundIssues,relevant-data,1,1.4,0,1,0,0,0,0,0,1.4", rollUp);
    }

    [Fact]
    public async Task A_rating_entered_from_paper_counts_in_the_quarter_it_was_taken_and_a_future_date_is_a_problem_naming_ratedAt()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        var lastQuarter = DateTimeOffset.UtcNow.AddMonths(-3);

        var refused = await Assert.ThrowsAsync<LbcApiException>(() => _api.RecordConsensusRatingAsync(state, "cafe", Ratings.Draft(("relevant-data", [100, 40, 0, 0])) with { RatedAt = DateTimeOffset.UtcNow.AddDays(2) }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("ratedAt", refused.Errors.Keys);
        Assert.Empty(await _api.ListRatingsAsync(state, "cafe"));

        await _api.RecordConsensusRatingAsync(state, "cafe", Ratings.Draft(("relevant-data", [100, 40, 0, 0])));
        var fromPaper = await _api.RecordConsensusRatingAsync(state, "cafe", Ratings.Draft(("relevant-data", [100, 100, 100, 0])) with { RatedAt = lastQuarter });

        var view = await _api.GetInitiativeRollUpAsync(state, "graduatefirst");
        var quarter = Assert.Single(view.Quarters, q => q.Quarter == TallyKeys.Quarter(lastQuarter));
        Assert.Equal(lastQuarter, fromPaper.RatedAt);
        Assert.Equal((2, 1.4m), (view.Version, Assert.Single(view.Rows).MeanDepthScore));
        Assert.Equal(3.0m, Assert.Single(quarter.Rows).MeanDepthScore);
        Assert.Equal([2L, 1L], (await _api.ListRatingsAsync(state, "cafe", RatingKind.Consensus)).Select(r => r.Sequence));
    }

    [Fact]
    public async Task Another_tenant_cannot_rate_or_read_a_teams_ratings_or_roll_ups()
    {
        var georgia = await ApiWorld.NewStateWithTeam(_api);
        var florida = await ApiWorld.NewTenant(_api);
        await _api.RecordConsensusRatingAsync(georgia, "cafe", Ratings.Draft(("acknowledging-diversity", [100, 0, 0, 0])));

        var rate = await Assert.ThrowsAsync<LbcApiException>(() => _api.RecordConsensusRatingAsync(florida, "cafe", Ratings.Draft(("acknowledging-diversity", [100, 0, 0, 0]))));
        var read = await Assert.ThrowsAsync<LbcApiException>(() => _api.ListRatingsAsync(florida, "cafe"));
        var rollUp = await Assert.ThrowsAsync<LbcApiException>(() => _api.GetInitiativeRollUpAsync(florida, "graduatefirst"));

        Assert.All([rate, read, rollUp], e => Assert.Equal(HttpStatusCode.NotFound, e.Status));
        Assert.Single(await _api.ListRatingsAsync(georgia, "cafe"));
    }
}

/// <summary>Rating drafts for tests: attainment given Informing first.</summary>
internal static class Ratings
{
    public static RatingDraft Draft(params (string RowId, int[] Attainment)[] rows) => new()
    {
        RubricVersion = 1,
        Rows = [.. rows.Select(r => new RowRatingDraft
        {
            RowId = r.RowId,
            Cells = [.. Enum.GetValues<DepthLevel>().Select(level => new CellAttainment { Level = level, AttainmentPercent = r.Attainment[(int)level - 1] })],
        })],
    };
}
