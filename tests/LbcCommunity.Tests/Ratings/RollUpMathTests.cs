using LbcCommunity.Ratings;
using LbcCommunity.RollUps;
using LbcCommunity.Rubrics;

namespace LbcCommunity.Tests.Ratings;

public sealed class RollUpMathTests
{
    private static readonly DateTimeOffset October = new(2026, 10, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset January = new(2027, 1, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Team_that_rises_a_level_counts_as_moved_up_and_its_latest_rating_counts()
    {
        var contribution = RollUpMath.ContributionOf("cafe", [Rating(1, October, ("consensus-decisions", 1.0m, 1)), Rating(2, October, ("consensus-decisions", 1.8m, 2))]);

        var now = contribution.Tallies[TallyKeys.Row(TallyKeys.Now, Habit.CoalescingAroundIssues, "consensus-decisions")];
        Assert.Equal((1, 1.8m, 1, 1, 0), (now.TeamsRated, now.ScoreSum, now.Networking, now.MovedUp, now.NoProgress));
        Assert.Equal(2, contribution.Sequence);
        Assert.Equal(1, contribution.Tallies[TallyKeys.TeamsRated].TeamsRated);
    }

    [Fact]
    public void No_progress_across_the_last_three_ratings_is_flagged()
    {
        var contribution = RollUpMath.ContributionOf("cafe",
        [
            Rating(1, October, ("future-work", 2.0m, 2)),
            Rating(2, October, ("future-work", 2.4m, 2)),
            Rating(3, October, ("future-work", 2.0m, 2)),
        ]);

        var now = contribution.Tallies[TallyKeys.Row(TallyKeys.Now, Habit.CoalescingAroundIssues, "future-work")];
        Assert.Equal((1, 0), (now.NoProgress, now.MovedUp));
    }

    [Fact]
    public void Quarters_keep_each_teams_latest_rating_in_the_quarter()
    {
        var contribution = RollUpMath.ContributionOf("cafe", [Rating(1, October, ("relevant-data", 1.0m, 1)), Rating(2, January, ("relevant-data", 3.0m, 3))]);

        Assert.Equal(1.0m, contribution.Tallies[TallyKeys.Row("2026-Q4", Habit.CoalescingAroundIssues, "relevant-data")].ScoreSum);
        Assert.Equal(3.0m, contribution.Tallies[TallyKeys.Row("2027-Q1", Habit.CoalescingAroundIssues, "relevant-data")].ScoreSum);
        Assert.Equal(3.0m, contribution.Tallies[TallyKeys.Row(TallyKeys.Now, Habit.CoalescingAroundIssues, "relevant-data")].ScoreSum);
    }

    [Fact]
    public void Habit_score_is_the_mean_of_the_latest_rows_and_its_level_the_lowest()
    {
        var contribution = RollUpMath.ContributionOf("cafe",
        [
            Rating(1, October, ("acknowledging-diversity", 3.0m, 3)),
            Rating(2, October, ("relevant-data", 1.0m, 1), ("consensus-decisions", 2.0m, 2)),
        ]);

        var habit = contribution.Tallies[TallyKeys.HabitOf(TallyKeys.Now, Habit.CoalescingAroundIssues)];
        Assert.Equal((2.0m, 1), (habit.ScoreSum, habit.Informing));
    }

    [Fact]
    public void Adding_then_subtracting_a_contribution_leaves_nothing()
    {
        var totals = new Dictionary<string, Tally>();
        var a = RollUpMath.ContributionOf("a", [Rating(1, October, ("acknowledging-diversity", 2.3m, 2), ("relevant-data", 1.7m, 1))]);
        var b = RollUpMath.ContributionOf("b", [Rating(1, January, ("acknowledging-diversity", 0.9m, 0))]);

        RollUpMath.Add(totals, a.Tallies);
        RollUpMath.Add(totals, b.Tallies);
        RollUpMath.Add(totals, a.Tallies, sign: -1);

        Assert.Equal(RollUpMath.Sum([b.Tallies]), totals);
        RollUpMath.Add(totals, b.Tallies, sign: -1);
        Assert.Empty(totals);
    }

    private static Rating Rating(long sequence, DateTimeOffset at, params (string RowId, decimal Score, int Level)[] rows) =>
        TestRatings.Consensus(sequence, at, rows);
}
