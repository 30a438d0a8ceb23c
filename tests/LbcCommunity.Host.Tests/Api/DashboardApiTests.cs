using System.Net;
using System.Net.Http.Json;
using LbcCommunity.Client;
using LbcCommunity.Convenings;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;
using LbcCommunity.RollUps;
using LbcCommunity.Rubrics;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>The API behind the state's and region's dashboards, through the real host.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class DashboardApiTests(ApiHostFixture fixture)
{
    private static readonly string[] East = ["east"];
    private static readonly string[] West = ["west"];
    private readonly LbcCommunityClient _api = fixture.Api;

    [Fact]
    public async Task Views_give_the_exact_score_sum_the_regions_rows_and_the_fiscal_quarter()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        await _api.CreateTeamAsync(state, "graduatefirst", new TeamDraft { Id = "troup", Name = "Troup", DistrictId = "meriwether" });
        await _api.CreateTeamAsync(state, "graduatefirst", new TeamDraft { Id = "harris", Name = "Harris", DistrictId = "meriwether" });
        await _api.RecordConsensusRatingAsync(state, "cafe", Ratings.Draft(("relevant-data", [100, 70, 30, 20])));
        await _api.RecordConsensusRatingAsync(state, "cafe", Ratings.Draft(("relevant-data", [100, 100, 60, 10])));
        await _api.RecordConsensusRatingAsync(state, "troup", Ratings.Draft(("relevant-data", [100, 40, 0, 0])));
        await _api.RecordConsensusRatingAsync(state, "harris", Ratings.Draft(("relevant-data", [90, 30, 0, 0])));

        var view = await _api.GetInitiativeRollUpAsync(state, "graduatefirst");
        var latest = new List<decimal>();
        foreach (var team in new[] { "cafe", "troup", "harris" })
        {
            latest.Add((await _api.ListRatingsAsync(state, team, LbcCommunity.Ratings.RatingKind.Consensus))[^1].Rows.Single().DepthScore);
        }

        var row = Assert.Single(view.Rows);
        Assert.Equal(latest.Sum(), row.ScoreSum);
        Assert.Equal(Math.Round(row.ScoreSum / row.TeamsRated, 2, MidpointRounding.AwayFromZero), row.MeanDepthScore);
        Assert.NotEqual(row.ScoreSum / row.TeamsRated, row.MeanDepthScore);
        var region = Assert.Single(view.Regions!);
        Assert.Equal((row.Key, row.ScoreSum, 3), (Assert.Single(region.Rows).Key, region.Rows[0].ScoreSum, region.Rows[0].TeamsRated));

        var now = DateTimeOffset.UtcNow;
        var quarter = Assert.Single(view.Quarters);
        Assert.Equal(FiscalCalendar.OfQuarter(quarter.Quarter, 7), (quarter.FiscalYear, quarter.FiscalQuarter));
        Assert.Equal(TallyKeys.Quarter(now), quarter.Quarter);

        // A fiscal year from January: the labels follow at the next read, the sums do not move.
        await _api.UpdateTenantAsync(state, new TenantDraft { Name = $"State agency {state}", StateCode = "GA", FiscalYearStartMonth = 1 });
        var january = Assert.Single((await _api.GetRegionRollUpAsync(state, "graduatefirst", "west")).Quarters);
        Assert.Equal(($"FY{quarter.Quarter[..4]}", $"FY{quarter.Quarter[..4]}-{quarter.Quarter[5..]}"), (january.FiscalYear, january.FiscalQuarter));
    }

    [Fact]
    public async Task A_fiscal_year_start_that_is_no_month_is_a_problem_naming_the_field_and_nothing_is_stored()
    {
        var state = await ApiWorld.NewTenant(_api);

        foreach (var month in new[] { 0, 13, -1 })
        {
            var error = await Assert.ThrowsAsync<LbcApiException>(() =>
                _api.UpdateTenantAsync(state, new TenantDraft { Name = "Renamed", StateCode = "GA", FiscalYearStartMonth = month }));
            Assert.Equal(HttpStatusCode.BadRequest, error.Status);
            Assert.Contains("fiscalYearStartMonth", error.Errors.Keys);
        }

        var tenant = await _api.GetTenantAsync(state);
        Assert.Equal((7, $"State agency {state}"), (tenant.FiscalYearStartMonth, tenant.Name));
        Assert.Equal(10, (await _api.UpdateTenantAsync(state, new TenantDraft { Name = tenant.Name, StateCode = "GA", FiscalYearStartMonth = 10 })).FiscalYearStartMonth);
    }

    [Fact]
    public async Task The_regions_teams_view_holds_each_teams_latest_rows_and_follows_a_rename()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        await _api.CreateTeamAsync(state, "graduatefirst", new TeamDraft { Id = "troup", Name = "Troup", DistrictId = "meriwether" });
        await _api.RecordConsensusRatingAsync(state, "cafe", Ratings.Draft(("relevant-data", [100, 70, 30, 20]), ("future-work", [100, 0, 0, 0])));
        await _api.RecordConsensusRatingAsync(state, "cafe", Ratings.Draft(("relevant-data", [100, 100, 60, 20])));
        await _api.UpdateTeamAsync(state, "troup", new TeamDraft { Id = "troup", Name = "Troup County", DistrictId = "meriwether" });

        var view = await _api.GetRegionTeamsAsync(state, "graduatefirst", "west");
        var csv = (await _api.GetCsvAsync($"api/tenants/{state}/initiatives/graduatefirst/regions/west/teams.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(("west", "graduatefirst"), (view.RegionId, view.InitiativeId));
        Assert.Equal(["cafe", "troup"], view.Teams.Select(t => t.TeamId));
        var cafe = view.Teams[0];
        Assert.Equal(("CAFÉ", "meriwether", 2), (cafe.TeamName, cafe.DistrictId, cafe.Ratings));
        Assert.NotNull(cafe.LastRatedAt);
        Assert.Equal([("future-work", 1.0m, 1), ("relevant-data", 2.8m, 3)], cafe.Rows.Select(r => (r.RowId, r.DepthScore, r.LevelReached)));
        var troup = view.Teams[1];
        Assert.Equal(("Troup County", 0, null), (troup.TeamName, troup.Ratings, troup.LastRatedAt));
        Assert.Empty(troup.Rows);
        Assert.Equal("initiative_id,region_id,team_id,team_name,district_id,last_rated_at,ratings,row_id,habit,depth_score,level_reached", csv[0]);
        Assert.Equal(4, csv.Length);
        Assert.EndsWith(",2,relevant-data,CoalescingAroundIssues,2.8,3", csv[2], StringComparison.Ordinal);
        Assert.Equal("graduatefirst,west,troup,Troup County,meriwether,,0,,,,", csv[3]);
    }

    [Fact]
    public async Task A_teams_series_gives_each_rows_latest_score_in_the_quarter_with_its_fiscal_quarter()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        await _api.RecordConsensusRatingAsync(state, "cafe", Ratings.Draft(("relevant-data", [100, 70, 30, 20]), ("future-work", [100, 0, 0, 0])));
        await _api.RecordConsensusRatingAsync(state, "cafe", Ratings.Draft(("relevant-data", [100, 100, 60, 20])));

        var series = await _api.GetTeamSeriesAsync(state, "cafe");
        var csv = (await _api.GetCsvAsync($"api/tenants/{state}/teams/cafe/series.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        var quarter = Assert.Single(series.Quarters);
        Assert.Equal("cafe", series.TeamId);
        Assert.Equal(FiscalCalendar.OfQuarter(quarter.Quarter, 7).FiscalQuarter, quarter.FiscalQuarter);
        Assert.Equal([("future-work", 1.0m), ("relevant-data", 2.8m)], quarter.Rows.Select(r => (r.RowId, r.DepthScore)));
        Assert.Equal("team_id,quarter,fiscal_year,fiscal_quarter,row_id,habit,depth_score,level_reached", csv[0]);
        Assert.Equal(3, csv.Length);
        Assert.Equal($"cafe,{quarter.Quarter},{quarter.FiscalYear},{quarter.FiscalQuarter},relevant-data,CoalescingAroundIssues,2.8,3", csv[2]);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<LbcApiException>(() => _api.GetTeamSeriesAsync(state, "nobody"))).Status);
    }

    [Fact]
    public async Task Each_action_list_holds_the_team_that_meets_it_and_not_the_others()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        await _api.CreateTeamAsync(state, "graduatefirst", new TeamDraft { Id = "rising", Name = "Rising", DistrictId = "meriwether" });
        await _api.CreateTeamAsync(state, "graduatefirst", new TeamDraft { Id = "steady", Name = "Steady", DistrictId = "meriwether" });
        await _api.RecordConsensusRatingAsync(state, "rising", Ratings.Draft(("relevant-data", [100, 0, 0, 0])));
        await _api.RecordConsensusRatingAsync(state, "rising", Ratings.Draft(("relevant-data", [100, 100, 0, 0])));
        for (var i = 0; i < 3; i++)
        {
            await _api.RecordConsensusRatingAsync(state, "steady", Ratings.Draft(("relevant-data", [100, 100, 100, 0])));
        }

        var lists = await _api.GetAttentionAsync(state, "graduatefirst");
        var west = await _api.GetAttentionAsync(state, "graduatefirst", "west", notRatedDays: 30);
        var csv = (await _api.GetCsvAsync($"api/tenants/{state}/initiatives/graduatefirst/attention.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal((3, TallyKeys.Quarter(DateTimeOffset.UtcNow), 90, SustainedDepthCriterion.Default), (lists.Teams, lists.Quarter, lists.NotRatedDays, lists.Criterion));
        Assert.Equal(["rising"], lists.MovedUp.Select(t => t.TeamId));
        Assert.Equal(["relevant-data"], lists.MovedUp[0].Rows);
        Assert.Equal(["steady"], lists.Stuck.Select(t => t.TeamId));
        Assert.Equal(["cafe"], lists.NotRated.Select(t => t.TeamId));
        Assert.Equal(("west", null), (lists.NotRated[0].RegionId, lists.NotRated[0].LastRatedAt));
        Assert.Equal(["steady"], lists.Sustained.Select(t => t.TeamId));
        Assert.Equal(("west", 30, 3), (west.RegionId, west.NotRatedDays, west.Teams));
        Assert.Equal("initiative_id,scope_region_id,quarter,not_rated_days,list,team_id,team_name,region_id,last_rated_at,rows", csv[0]);
        Assert.Equal(5, csv.Length);
        Assert.StartsWith($"graduatefirst,,{lists.Quarter},90,movedUp,rising,Rising,west,", csv[1], StringComparison.Ordinal);
        Assert.Equal($"graduatefirst,,{lists.Quarter},90,notRated,cafe,CAFÉ,west,,", csv[3]);

        // Deeper than the team sustains: no one.
        await _api.SetSustainedDepthAsync(state, "graduatefirst", new SustainedDepthDraft { Level = "Transforming", ConsecutiveRatings = 1 });
        Assert.Empty((await _api.GetAttentionAsync(state, "graduatefirst")).Sustained);
        var error = await Assert.ThrowsAsync<LbcApiException>(() => _api.GetAttentionAsync(state, "graduatefirst", "nowhere"));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("regionId", error.Errors.Keys);
        Assert.Contains("notRatedDays", (await Assert.ThrowsAsync<LbcApiException>(() => _api.GetAttentionAsync(state, "graduatefirst", notRatedDays: 0))).Errors.Keys);
    }

    [Fact]
    public async Task A_bad_criterion_is_a_problem_naming_each_field_and_the_criterion_is_unchanged()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        var set = await _api.SetSustainedDepthAsync(state, "graduatefirst", new SustainedDepthDraft { Level = "Networking", ConsecutiveRatings = 2, Habit = "DoingTheWorkTogether" });

        var bad = new[]
        {
            (new SustainedDepthDraft { Level = "Deep", ConsecutiveRatings = 2 }, "level"),
            (new SustainedDepthDraft { Level = "3", ConsecutiveRatings = 2 }, "level"),
            (new SustainedDepthDraft { Level = "Networking", ConsecutiveRatings = 0 }, "consecutiveRatings"),
            (new SustainedDepthDraft { Level = "Networking" }, "consecutiveRatings"),
            (new SustainedDepthDraft { Level = "Networking", ConsecutiveRatings = 2, Habit = "Listening" }, "habit"),
        };
        foreach (var (draft, field) in bad)
        {
            var error = await Assert.ThrowsAsync<LbcApiException>(() => _api.SetSustainedDepthAsync(state, "graduatefirst", draft));
            Assert.Equal(HttpStatusCode.BadRequest, error.Status);
            Assert.Contains(field, error.Errors.Keys);
        }

        Assert.Equal(new SustainedDepthCriterion { Level = DepthLevel.Networking, ConsecutiveRatings = 2, Habit = Habit.DoingTheWorkTogether }, set);
        Assert.Equal(set, await _api.GetSustainedDepthAsync(state, "graduatefirst"));
        Assert.Equal(set, (await _api.GetAttentionAsync(state, "graduatefirst")).Criterion);
    }

    [Fact]
    public async Task A_coordinator_reads_only_their_region_and_a_team_member_no_dashboard()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        await _api.CreateRegionAsync(state, new RegionDraft { Id = "east", Name = "East" });
        await _api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Parent", Email = "parent@dash.test", StakeholderRole = StakeholderRole.FamilyMember });
        using (var admin = fixture.Host.ClientWith(await fixture.Host.StateAdminToken(state)))
        {
            (await admin.PutAsJsonAsync($"/api/tenants/{state}/people/staff", new { email = "west@dash.test", coordinatesRegionIds = West })).EnsureSuccessStatusCode();
            (await admin.PutAsJsonAsync($"/api/tenants/{state}/people/staff", new { email = "east@dash.test", coordinatesRegionIds = East })).EnsureSuccessStatusCode();
        }

        var westCoordinator = fixture.Host.ApiAs(await fixture.Host.TokenFor(state, "west@dash.test"));
        var eastCoordinator = fixture.Host.ApiAs(await fixture.Host.TokenFor(state, "east@dash.test"));
        var member = fixture.Host.ApiAs(await fixture.Host.TokenFor(state, "parent@dash.test"));

        Assert.Single((await westCoordinator.GetRegionTeamsAsync(state, "graduatefirst", "west")).Teams);
        Assert.Equal(1, (await westCoordinator.GetAttentionAsync(state, "graduatefirst", "west")).Teams);
        Assert.Empty((await eastCoordinator.GetAttentionAsync(state, "graduatefirst", "east")).NotRated);
        Assert.Empty((await member.GetTeamSeriesAsync(state, "cafe")).Quarters);
        // The team's page shows its convenings to its region's coordinator too: the list and each one's plan.
        await _api.CreateConveningAsync(state, new ConveningDraft
        {
            Id = "west-day",
            Title = "West learning day",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = "cafe",
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.FourSimpleQuestions, Title = "Who should be at the table?" }],
        });
        Assert.Equal("west-day", Assert.Single(await westCoordinator.ListTeamConveningsAsync(state, "cafe")).Id);
        Assert.Equal("West learning day", (await westCoordinator.GetConveningAsync(state, "west-day")).Title);
        var refused = new Func<Task>[]
        {
            () => eastCoordinator.ListTeamConveningsAsync(state, "cafe"),
            () => eastCoordinator.GetConveningAsync(state, "west-day"),
            () => eastCoordinator.GetConveningSummaryAsync(state, "west-day"),
            () => eastCoordinator.GetRegionTeamsAsync(state, "graduatefirst", "west"),
            () => eastCoordinator.GetAttentionAsync(state, "graduatefirst", "west"),
            () => eastCoordinator.GetAttentionAsync(state, "graduatefirst"),
            () => eastCoordinator.GetTeamSeriesAsync(state, "cafe"),
            () => eastCoordinator.GetCsvAsync($"api/tenants/{state}/initiatives/graduatefirst/attention.csv?regionId=west"),
            () => westCoordinator.GetAttentionAsync(state, "graduatefirst"),
            () => westCoordinator.SetSustainedDepthAsync(state, "graduatefirst", new SustainedDepthDraft { Level = "Informing", ConsecutiveRatings = 1 }),
            () => member.GetRegionTeamsAsync(state, "graduatefirst", "west"),
            () => member.GetAttentionAsync(state, "graduatefirst", "west"),
            () => member.GetCsvAsync($"api/tenants/{state}/initiatives/graduatefirst/regions/west/teams.csv"),
        };
        foreach (var call in refused)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<LbcApiException>(call)).Status);
        }

        Assert.Equal(SustainedDepthCriterion.Default, await _api.GetSustainedDepthAsync(state, "graduatefirst"));
    }

    [Fact]
    public async Task Another_tenant_reads_none_of_the_dashboards()
    {
        var georgia = await ApiWorld.NewStateWithTeam(_api);
        var florida = await ApiWorld.NewStateWithTeam(_api);
        await _api.RecordConsensusRatingAsync(georgia, "cafe", Ratings.Draft(("relevant-data", [100, 0, 0, 0])));
        var floridian = fixture.Host.ApiAs(await fixture.Host.StateAdminToken(florida));

        var calls = new Func<Task>[]
        {
            () => floridian.GetRegionTeamsAsync(georgia, "graduatefirst", "west"),
            () => floridian.GetAttentionAsync(georgia, "graduatefirst"),
            () => floridian.GetTeamSeriesAsync(georgia, "cafe"),
            () => floridian.GetSustainedDepthAsync(georgia, "graduatefirst"),
        };
        foreach (var call in calls)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<LbcApiException>(call)).Status);
        }

        Assert.Empty((await floridian.GetTeamSeriesAsync(florida, "cafe")).Quarters);
    }
}
