using LbcCommunity.Errors;
using LbcCommunity.Rubrics;

namespace LbcCommunity.Tests.Rubrics;

public sealed class RubricRulesTests
{
    [Fact]
    public void Default_rubric_has_four_rows_per_habit_each_with_one_cell_per_level()
    {
        var rows = DefaultRubric.Rows;

        Assert.Equal(12, rows.Count);
        Assert.All(Enum.GetValues<Habit>(), habit => Assert.Equal(4, rows.Count(r => r.Habit == habit)));
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct().Count());
        Assert.All(rows, row => Assert.Equal(Enum.GetValues<DepthLevel>(), row.Cells.Select(c => c.Level)));
        Assert.All(rows, row => Assert.False(string.IsNullOrWhiteSpace(row.Title["es"])));
    }

    [Fact]
    public void Default_rubric_keeps_the_seeds_wording_for_decision_making_through_consensus()
    {
        var row = Assert.Single(DefaultRubric.Rows, r => r.Title["en"] == "Decision making through consensus");

        Assert.Equal(Habit.CoalescingAroundIssues, row.Habit);
        Assert.Equal("Core group identifies an issue of importance.", row.Cells[0].Text["en"]);
        Assert.StartsWith("Through consensus, stakeholders determine the specific aspects", row.Cells[3].Text["en"], StringComparison.Ordinal);
    }

    [Fact]
    public void Draft_made_from_the_default_rubric_is_valid_and_cells_come_back_in_level_order()
    {
        var draft = DraftOf(DefaultRubric.Rows, reverseCells: true);

        var rows = RubricRules.ToRows(draft);

        Assert.Equal(DefaultRubric.Rows.Select(r => r.Id), rows.Select(r => r.Id));
        Assert.All(rows, row => Assert.Equal(Enum.GetValues<DepthLevel>(), row.Cells.Select(c => c.Level)));
    }

    [Fact]
    public void Rubric_with_duplicate_row_ids_or_titles_is_rejected_naming_the_rows()
    {
        var first = DefaultRubric.Rows[0];
        var draft = DraftOf([first, first with { Id = "another-id" }, first]);

        var error = Assert.Throws<DomainValidationException>(() => RubricRules.ToRows(draft));

        Assert.Contains("rows[2].id", error.Errors.Keys);
        Assert.Contains("rows[1].title", error.Errors.Keys);
    }

    [Fact]
    public void Row_without_every_level_or_with_a_level_twice_is_rejected()
    {
        var row = DefaultRubric.Rows[0];
        var missing = new RubricRowDraft { Id = "a", Habit = row.Habit, Title = row.Title, Cells = [.. CellsOf(row).Take(3)] };
        var twice = new RubricRowDraft { Id = "b", Habit = row.Habit, Title = new Dictionary<string, string> { ["en"] = "Other" }, Cells = [.. CellsOf(row).Take(3), CellsOf(row)[0]] };

        var error = Assert.Throws<DomainValidationException>(() => RubricRules.ToRows(new RubricDraft { Name = "x", Rows = [missing, twice] }));

        Assert.Contains("rows[0].cells", error.Errors.Keys);
        Assert.Contains("rows[1].cells[3].level", error.Errors.Keys);
    }

    [Fact]
    public void Texts_need_english_and_real_language_tags()
    {
        var row = DefaultRubric.Rows[0];
        var noEnglish = new RubricRowDraft { Id = "a", Habit = row.Habit, Title = new Dictionary<string, string> { ["es"] = "Sólo español" }, Cells = CellsOf(row) };
        var badTag = new RubricRowDraft { Id = "b", Habit = row.Habit, Title = new Dictionary<string, string> { ["en"] = "Title", ["not a tag"] = "x" }, Cells = CellsOf(row) };

        var error = Assert.Throws<DomainValidationException>(() => RubricRules.ToRows(new RubricDraft { Name = "x", Rows = [noEnglish, badTag] }));

        Assert.Contains("rows[0].title", error.Errors.Keys);
        Assert.Contains("rows[1].title", error.Errors.Keys);
    }

    [Fact]
    public void Rubric_without_a_name_or_rows_is_rejected()
    {
        var error = Assert.Throws<DomainValidationException>(() => RubricRules.ToRows(new RubricDraft { Rows = [] }));

        Assert.Contains("name", error.Errors.Keys);
        Assert.Contains("rows", error.Errors.Keys);
    }

    [Fact]
    public void Depth_score_is_the_sum_of_attainment_as_in_the_seed_example()
    {
        Assert.Equal(2.2m, RubricRules.DepthScore([100, 70, 30, 20]));
        Assert.Equal(0m, RubricRules.DepthScore([0, 0, 0, 0]));
        Assert.Equal(4m, RubricRules.DepthScore([100, 100, 100, 100]));
    }

    [Fact]
    public void Level_reached_is_the_deepest_level_at_or_over_the_threshold()
    {
        var seedExample = new Dictionary<DepthLevel, int>
        {
            [DepthLevel.Informing] = 100,
            [DepthLevel.Networking] = 70,
            [DepthLevel.Collaborating] = 30,
            [DepthLevel.Transforming] = 20,
        };

        Assert.Equal(DepthLevel.Networking, RubricRules.LevelReached(seedExample, 50));
        Assert.Equal(DepthLevel.Collaborating, RubricRules.LevelReached(seedExample, 30));
        Assert.Null(RubricRules.LevelReached(seedExample.ToDictionary(c => c.Key, _ => 40), 50));
    }

    private static RubricDraft DraftOf(IEnumerable<RubricRow> rows, bool reverseCells = false) => new()
    {
        Name = "Test rubric",
        Rows = [.. rows.Select(r => new RubricRowDraft
        {
            Id = r.Id,
            Habit = r.Habit,
            Title = r.Title,
            Cells = reverseCells ? [.. CellsOf(r).Reverse()] : CellsOf(r),
        })],
    };

    private static RubricCellDraft[] CellsOf(RubricRow row) => [.. row.Cells.Select(c => new RubricCellDraft { Level = c.Level, Text = c.Text })];
}
