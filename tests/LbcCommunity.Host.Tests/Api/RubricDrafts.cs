using LbcCommunity.Rubrics;

namespace LbcCommunity.Host.Tests.Api;

internal static class RubricDrafts
{
    /// <summary>A draft with the rows of a published version, optionally with made-up Spanish titles.</summary>
    public static RubricDraft From(RubricVersion version, string name, bool spanishTitles = false) => new()
    {
        Name = name,
        Rows = [.. version.Rows.Select(row => new RubricRowDraft
        {
            Id = row.Id,
            Habit = row.Habit,
            Title = spanishTitles ? new Dictionary<string, string> { ["en"] = row.Title["en"], ["es"] = "ES: " + row.Title["en"] } : row.Title,
            Cells = [.. row.Cells.Select(c => new RubricCellDraft { Level = c.Level, Text = c.Text })],
        })],
    };
}
