using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.RollUps;
using LbcCommunity.Rubrics;

namespace LbcCommunity.Tests.Ratings;

public sealed class DashboardRulesTests
{
    private static readonly DateTimeOffset May = new(2026, 5, 12, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset August = new(2026, 8, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset October = new(2026, 10, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset November = new(2026, 11, 9, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(2026, 7, 7, "FY2027", "FY2027-Q1")]
    [InlineData(2027, 6, 7, "FY2027", "FY2027-Q4")]
    [InlineData(2026, 4, 7, "FY2026", "FY2026-Q4")]
    [InlineData(2026, 10, 10, "FY2027", "FY2027-Q1")]
    [InlineData(2026, 1, 1, "FY2026", "FY2026-Q1")]
    [InlineData(2026, 12, 1, "FY2026", "FY2026-Q4")]
    public void Fiscal_years_are_named_by_the_calendar_year_they_end_in(int year, int month, int startMonth, string fiscalYear, string fiscalQuarter)
    {
        Assert.Equal(fiscalYear, FiscalCalendar.YearOf(year, month, startMonth));
        Assert.Equal(fiscalQuarter, FiscalCalendar.QuarterOf(year, month, startMonth));
    }

    [Fact]
    public void A_calendar_quarter_is_labelled_with_the_fiscal_quarter_it_starts_in()
    {
        Assert.Equal(("FY2027", "FY2027-Q1"), FiscalCalendar.OfQuarter("2026-Q3", 7));
        Assert.Equal(("FY2027", "FY2027-Q2"), FiscalCalendar.OfQuarter("2026-Q4", 7));
        Assert.Equal(("FY2026", "FY2026-Q3"), FiscalCalendar.OfQuarter("2026-Q1", 7));
        // A fiscal year from February: January belongs to the year that ends with it.
        Assert.Equal(("FY2026", "FY2026-Q4"), FiscalCalendar.OfQuarter("2026-Q1", 2));
        Assert.Equal(("FY2027", "FY2027-Q1"), FiscalCalendar.OfQuarter("2026-Q2", 2));
    }

    [Fact]
    public void Roll_up_quarters_carry_the_fiscal_labels_and_the_exact_score_sum()
    {
        var a = RollUpMath.ContributionOf("a", [Rating(1, August, ("relevant-data", 2.35m, 2))]);
        var b = RollUpMath.ContributionOf("b", [Rating(1, October, ("relevant-data", 1.1m, 1)), Rating(2, October, ("relevant-data", 1.2m, 1))]);
        var totals = RollUpMath.Sum([a.Tallies, b.Tallies]);

        var quarters = RollUpViews.Quarters(totals, 7);
        var now = Assert.Single(RollUpViews.Rows(totals, TallyKeys.Now));

        Assert.Equal([("2026-Q3", "FY2027", "FY2027-Q1"), ("2026-Q4", "FY2027", "FY2027-Q2")], quarters.Select(q => (q.Quarter, q.FiscalYear, q.FiscalQuarter)));
        Assert.Equal((3.55m, 2, 1.78m), (now.ScoreSum, now.TeamsRated, now.MeanDepthScore));
    }

    [Fact]
    public void A_team_whose_level_rose_this_quarter_moved_up_and_one_that_rose_last_quarter_did_not()
    {
        var risen = Standing("risen", Rating(1, August, ("relevant-data", 1.0m, 1)), Rating(2, November, ("relevant-data", 2.0m, 2), ("future-work", 1.0m, 1)));
        var earlier = Standing("earlier", Rating(1, May, ("relevant-data", 1.0m, 1)), Rating(2, August, ("relevant-data", 2.0m, 2)), Rating(3, November, ("relevant-data", 2.5m, 2)));

        var lists = Attention(risen, earlier);

        var line = Assert.Single(lists.MovedUp);
        Assert.Equal(("risen", "2026-Q4"), (line.TeamId, lists.Quarter));
        Assert.Equal(["relevant-data"], line.Rows);
    }

    [Fact]
    public void A_team_no_higher_on_any_row_than_two_ratings_before_is_stuck_and_one_that_rose_on_a_row_is_not()
    {
        var stuck = Standing("stuck", Rating(1, May, ("relevant-data", 2.0m, 2)), Rating(2, August, ("relevant-data", 2.4m, 2)), Rating(3, November, ("relevant-data", 2.0m, 2)));
        var rising = Standing("rising", Rating(1, May, ("relevant-data", 2.0m, 2)), Rating(2, August, ("relevant-data", 2.0m, 2)), Rating(3, November, ("relevant-data", 2.1m, 2)));
        var young = Standing("young", Rating(1, August, ("relevant-data", 2.0m, 2)), Rating(2, November, ("relevant-data", 1.0m, 1)));

        var lists = Attention(stuck, rising, young);

        var line = Assert.Single(lists.Stuck);
        Assert.Equal("stuck", line.TeamId);
        Assert.Equal(["relevant-data"], line.Rows);
    }

    [Fact]
    public void A_team_not_rated_for_the_days_asked_or_never_is_listed_and_one_rated_since_is_not()
    {
        var never = Standing("never");
        var longAgo = Standing("long-ago", Rating(1, August, ("relevant-data", 2.0m, 2)));
        var lately = Standing("lately", Rating(1, November, ("relevant-data", 2.0m, 2)));

        var lists = Attention(never, longAgo, lately);

        Assert.Equal(["long-ago", "never"], lists.NotRated.Select(t => t.TeamId));
        Assert.Equal(3, lists.Teams);
        Assert.Null(lists.NotRated.Single(t => t.TeamId == "never").LastRatedAt);
    }

    [Fact]
    public void Sustained_depth_is_the_level_on_every_rated_row_of_a_habit_on_the_last_ratings_in_a_row()
    {
        var sustained = Standing("sustained",
            Rating(1, May, ("relevant-data", 3.0m, 3), ("future-work", 3.2m, 3)),
            Rating(2, August, ("relevant-data", 3.1m, 3), ("future-work", 3.5m, 4)),
            Rating(3, November, ("relevant-data", 3.3m, 3), ("future-work", 3.4m, 3)));
        // Three at Collaborating, but the middle rating had a row below it: the run is one.
        var broken = Standing("broken",
            Rating(1, May, ("relevant-data", 3.0m, 3)),
            Rating(2, August, ("relevant-data", 3.1m, 3), ("future-work", 2.0m, 2)),
            Rating(3, November, ("relevant-data", 3.3m, 3), ("future-work", 3.4m, 3)));

        var lists = Attention(sustained, broken);
        var deeper = DashboardRules.SustainedRows(sustained.Standing!, new SustainedDepthCriterion { Level = DepthLevel.Transforming, ConsecutiveRatings = 1 });
        var otherHabit = DashboardRules.SustainedRows(sustained.Standing!, SustainedDepthCriterion.Default with { Habit = Habit.DoingTheWorkTogether });

        var line = Assert.Single(lists.Sustained);
        Assert.Equal("sustained", line.TeamId);
        Assert.Equal(["future-work", "relevant-data"], line.Rows);
        Assert.Null(deeper);
        Assert.Null(otherHabit);
    }

    [Fact]
    public void A_criterion_with_bad_fields_is_a_problem_naming_each()
    {
        var error = Assert.Throws<DomainValidationException>(() => DashboardRules.Validate(new SustainedDepthDraft { Level = "Deep", ConsecutiveRatings = 0, Habit = "2" }));
        var missing = Assert.Throws<DomainValidationException>(() => DashboardRules.Validate(new SustainedDepthDraft()));

        Assert.Equal(["consecutiveRatings", "habit", "level"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["consecutiveRatings", "level"], missing.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            new SustainedDepthCriterion { Level = DepthLevel.Networking, ConsecutiveRatings = 2, Habit = Habit.DoingTheWorkTogether },
            DashboardRules.Validate(new SustainedDepthDraft { Level = "Networking", ConsecutiveRatings = 2, Habit = "DoingTheWorkTogether" }));
        Assert.Contains("notRatedDays", Assert.Throws<DomainValidationException>(() => DashboardRules.ValidateNotRatedDays(0)).Errors.Keys);
    }

    [Fact]
    public void A_teams_series_holds_each_rows_latest_score_per_quarter()
    {
        var series = DashboardRules.Series("cafe", [
            Rating(1, August, ("relevant-data", 1.0m, 1), ("future-work", 0.5m, 0)),
            Rating(2, October, ("relevant-data", 1.5m, 1)),
            Rating(3, November, ("relevant-data", 2.2m, 2)),
        ], 7);

        Assert.Equal(["2026-Q3", "2026-Q4"], series.Quarters.Select(q => q.Quarter));
        Assert.Equal(["FY2027-Q1", "FY2027-Q2"], series.Quarters.Select(q => q.FiscalQuarter));
        Assert.Equal([("future-work", 0.5m), ("relevant-data", 1.0m)], series.Quarters[0].Rows.Select(r => (r.RowId, r.DepthScore)));
        Assert.Equal([("relevant-data", 2.2m, 2)], series.Quarters[1].Rows.Select(r => (r.RowId, r.DepthScore, r.LevelReached)));
    }

    private static AttentionLists Attention(params TeamContribution[] teams) =>
        DashboardRules.Attention("graduatefirst", null, teams.Select(t => t.Standing!), SustainedDepthCriterion.Default, Now, 90);

    private static TeamContribution Standing(string teamId, params Rating[] ratings)
    {
        var team = new Team
        {
            Id = teamId,
            InitiativeId = "graduatefirst",
            DistrictId = "meriwether",
            RegionId = "west",
            Name = teamId,
            MemberCount = 0,
            CreatedAt = May,
            UpdatedAt = May,
        };
        return RollUpMath.ContributionOf(teamId, ratings) with { Standing = TeamStandings.Of(team, ratings) };
    }

    private static Rating Rating(long sequence, DateTimeOffset at, params (string RowId, decimal Score, int Level)[] rows) =>
        TestRatings.Consensus(sequence, at, rows);
}
