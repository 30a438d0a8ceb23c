using System.Globalization;
using LbcCommunity.Validation;

namespace LbcCommunity.Rubrics;

/// <summary>The rules a rubric version must meet, and the arithmetic of a row's depth.</summary>
public static class RubricRules
{
    /// <summary>The language every text must have.</summary>
    public const string BaseLanguage = "en";

    public const int MaxRows = 60;
    public const int TitleMaxLength = 300;
    public const int CellTextMaxLength = 1500;

    /// <summary>
    /// Checks a draft and turns it into the rows of a version: cells ordered Informing to Transforming.
    /// Throws a <see cref="Errors.DomainValidationException"/> naming every problem (duplicate rows among them).
    /// </summary>
    public static IReadOnlyList<RubricRow> ToRows(RubricDraft draft)
    {
        var v = new Validator();
        v.RequiredText("name", draft.Name);
        v.OptionalText("description", draft.Description);
        var rows = new List<RubricRow>();
        if (draft.Rows is not { Count: > 0 } drafts)
        {
            v.Add("rows", "A rubric needs at least one row.");
            v.ThrowIfInvalid();
            return rows;
        }

        if (drafts.Count > MaxRows)
        {
            v.Add("rows", $"A rubric has at most {MaxRows} rows.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var titles = new HashSet<(Habit, string)>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var path = $"rows[{i}]";
            var row = drafts[i];
            if (row is null)
            {
                v.Add(path, "A row is required.");
                continue;
            }

            v.Slug($"{path}.id", row.Id);
            if (row.Id is not null && !ids.Add(row.Id))
            {
                v.Add($"{path}.id", $"Row id '{row.Id}' appears more than once.");
            }

            if (row.Habit is not { } habit)
            {
                v.Add($"{path}.habit", "'habit' is required.");
                habit = default;
            }
            else
            {
                v.Defined($"{path}.habit", habit);
            }

            CheckText(v, $"{path}.title", row.Title, TitleMaxLength);
            if (row.Title is not null && row.Title.TryGetValue(BaseLanguage, out var title) && !string.IsNullOrWhiteSpace(title)
                && !titles.Add((habit, title.Trim().ToUpperInvariant())))
            {
                v.Add($"{path}.title", $"The habit already has a row titled '{title}'.");
            }

            var cells = CheckCells(v, path, row.Cells);
            if (row.Id is not null && row.Title is not null && cells is not null)
            {
                rows.Add(new RubricRow { Id = row.Id, Habit = habit, Title = Copy(row.Title), Cells = cells });
            }
        }

        v.ThrowIfInvalid();
        return rows;
    }

    private static List<RubricCell>? CheckCells(Validator v, string path, IReadOnlyList<RubricCellDraft>? cells)
    {
        var levels = Enum.GetValues<DepthLevel>();
        if (cells is null || cells.Count != levels.Length)
        {
            v.Add($"{path}.cells", $"A row needs exactly {levels.Length} cells, one per depth level (Informing, Networking, Collaborating, Transforming).");
            return null;
        }

        var byLevel = new Dictionary<DepthLevel, RubricCell>();
        for (var c = 0; c < cells.Count; c++)
        {
            var cellPath = $"{path}.cells[{c}]";
            var cell = cells[c];
            if (cell?.Level is not { } level || !Enum.IsDefined(level))
            {
                v.Add($"{cellPath}.level", "'level' must be one of: Informing, Networking, Collaborating, Transforming.");
                continue;
            }

            CheckText(v, $"{cellPath}.text", cell.Text, CellTextMaxLength);
            if (byLevel.ContainsKey(level))
            {
                v.Add($"{cellPath}.level", $"Level {level} appears more than once in the row.");
                continue;
            }

            if (cell.Text is not null)
            {
                byLevel[level] = new RubricCell { Level = level, Text = Copy(cell.Text) };
            }
        }

        return byLevel.Count == levels.Length ? [.. levels.Select(l => byLevel[l])] : null;
    }

    private static void CheckText(Validator v, string field, IReadOnlyDictionary<string, string>? text, int maxLength)
    {
        if (text is null || !text.TryGetValue(BaseLanguage, out var baseText) || string.IsNullOrWhiteSpace(baseText))
        {
            v.Add(field, $"'{field}' needs an English text under '{BaseLanguage}'.");
            return;
        }

        foreach (var (language, value) in text)
        {
            if (!IsLanguageTag(language))
            {
                v.Add(field, $"'{language}' is not a language tag (like 'en' or 'es').");
            }
            else if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength)
            {
                v.Add(field, $"The '{language}' text must have 1–{maxLength} characters.");
            }
        }
    }

    private static bool IsLanguageTag(string tag)
    {
        if (tag.Length is < 2 or > 12)
        {
            return false;
        }

        try
        {
            return !CultureInfo.GetCultureInfo(tag, predefinedOnly: true).Equals(CultureInfo.InvariantCulture);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    private static Dictionary<string, string> Copy(IReadOnlyDictionary<string, string> text) =>
        text.ToDictionary(t => t.Key, t => t.Value.Trim(), StringComparer.Ordinal);

    /// <summary>A row's depth score: the sum of its cells' attainment, 0.0–4.0.</summary>
    public static decimal DepthScore(IEnumerable<int> attainmentPercents) => attainmentPercents.Sum() / 100m;

    /// <summary>
    /// The deepest level whose attainment reaches <paramref name="thresholdPercent"/>; <c>null</c> when none does.
    /// </summary>
    public static DepthLevel? LevelReached(IReadOnlyDictionary<DepthLevel, int> attainmentPercentByLevel, int thresholdPercent)
    {
        DepthLevel? reached = null;
        foreach (var (level, percent) in attainmentPercentByLevel)
        {
            if (percent >= thresholdPercent && (reached is null || level > reached))
            {
                reached = level;
            }
        }

        return reached;
    }
}
