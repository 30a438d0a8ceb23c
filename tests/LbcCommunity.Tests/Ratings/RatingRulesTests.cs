using LbcCommunity.Errors;
using LbcCommunity.Ratings;
using LbcCommunity.Rubrics;

namespace LbcCommunity.Tests.Ratings;

public sealed class RatingRulesTests
{
    private static readonly RubricVersion Default = DefaultRubric.Create(DateTimeOffset.UnixEpoch);

    [Fact]
    public void Rated_row_gets_its_depth_score_level_and_habit_from_the_rubric()
    {
        var rows = RatingRules.ToRows(Draft(("acknowledging-diversity", [100, 70, 30, 20])), RatingKind.Consensus, Default, 50);

        var row = Assert.Single(rows);
        Assert.Equal(2.2m, row.DepthScore);
        Assert.Equal(2, row.LevelReached);
        Assert.Equal(Habit.CoalescingAroundIssues, row.Habit);
        Assert.Equal([DepthLevel.Informing, DepthLevel.Networking, DepthLevel.Collaborating, DepthLevel.Transforming], row.Cells.Select(c => c.Level));
        Assert.Equal(100, row.Cells[0].AttainmentPercent);
    }

    [Theory]
    [InlineData(130)]
    [InlineData(-10)]
    [InlineData(55)]
    public void Attainment_outside_0_to_100_in_steps_of_10_is_named(int attainment)
    {
        var error = Assert.Throws<DomainValidationException>(() =>
            RatingRules.ToRows(Draft(("acknowledging-diversity", [attainment, 0, 0, 0])), RatingKind.Consensus, Default, 50));

        Assert.Contains(error.Errors.Keys, k => k.EndsWith(".attainmentPercent", StringComparison.Ordinal));
    }

    [Fact]
    public void Row_not_in_the_rubric_version_and_a_stale_version_are_named()
    {
        var draft = Draft(("no-such-row", [10, 0, 0, 0])) with { RubricVersion = 2 };

        var error = Assert.Throws<DomainValidationException>(() => RatingRules.ToRows(draft, RatingKind.Consensus, Default, 50));

        Assert.Contains("rows[0].rowId", error.Errors.Keys);
        Assert.Contains("rubricVersion", error.Errors.Keys);
    }

    [Fact]
    public void Member_rating_needs_the_member_and_rows_may_not_repeat()
    {
        var draft = Draft(("relevant-data", [10, 0, 0, 0]), ("relevant-data", [20, 0, 0, 0]));

        var error = Assert.Throws<DomainValidationException>(() => RatingRules.ValidateShape(draft, RatingKind.Member));

        Assert.Contains("memberId", error.Errors.Keys);
        Assert.Contains("rows[1].rowId", error.Errors.Keys);
    }

    /// <summary>A draft with attainment given Informing first; the cells are sent in reverse to show order does not matter.</summary>
    internal static RatingDraft Draft(params (string RowId, int[] Attainment)[] rows) => new()
    {
        RubricVersion = 1,
        Rows = [.. rows.Select(r => new RowRatingDraft
        {
            RowId = r.RowId,
            Cells = [.. Enum.GetValues<DepthLevel>().Reverse().Select(level => new CellAttainment { Level = level, AttainmentPercent = r.Attainment[(int)level - 1] })],
        })],
    };
}
