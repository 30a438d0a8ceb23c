using LbcCommunity.Errors;
using LbcCommunity.Rubrics;
using LbcCommunity.Validation;

namespace LbcCommunity.Ratings;

/// <summary>The rules of a rating and the arithmetic of its rows.</summary>
public static class RatingRules
{
    /// <summary>
    /// How far back a rating's date may go. A team's paper ratings from before it was registered here are its history
    /// too, so the team's creation is no bound; two years is more than the dashboards' eight quarters, and catches a
    /// mistyped year.
    /// </summary>
    public static readonly TimeSpan RatedAtLongest = TimeSpan.FromDays(2 * 366);

    /// <summary>How far ahead of the server's clock a rating's date may be: a device's clock runs a little fast or slow.</summary>
    public static readonly TimeSpan RatedAtSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Checks the shape of a draft without knowing the rubric (at the edge); with <paramref name="now"/>, also its date
    /// (<see cref="RatingDraft.RatedAt"/>).
    /// </summary>
    public static void ValidateShape(RatingDraft draft, RatingKind kind, DateTimeOffset? now = null)
    {
        var v = new Validator();
        Shape(v, draft, kind);
        RatedAt(v, draft, now);
        v.ThrowIfInvalid();
    }

    /// <summary>
    /// Checks a draft against the rubric version it must use and turns it into rated rows.
    /// Throws a <see cref="DomainValidationException"/> naming every problem.
    /// </summary>
    public static IReadOnlyList<RowRating> ToRows(RatingDraft draft, RatingKind kind, RubricVersion rubric, int thresholdPercent, DateTimeOffset? now = null)
    {
        var v = new Validator();
        Shape(v, draft, kind);
        RatedAt(v, draft, now);
        if (draft.RubricVersion is { } version && version != rubric.Version)
        {
            v.Add("rubricVersion", $"The team's initiative rates against rubric version {rubric.Version}; version {version} is not current.");
        }

        var rowsById = rubric.Rows.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var rated = new List<RowRating>();
        for (var i = 0; i < (draft.Rows?.Count ?? 0); i++)
        {
            var row = draft.Rows![i];
            if (row?.RowId is null || !rowsById.TryGetValue(row.RowId, out var rubricRow))
            {
                if (row?.RowId is not null)
                {
                    v.Add($"rows[{i}].rowId", $"Row '{row.RowId}' is not in rubric version {rubric.Version}.");
                }

                continue;
            }

            if (row.Cells is { Count: 4 } cells && cells.All(c => c is not null && Enum.IsDefined(c.Level)) && cells.Select(c => c.Level).Distinct().Count() == 4)
            {
                var ordered = cells.OrderBy(c => c.Level).ToArray();
                rated.Add(new RowRating
                {
                    RowId = rubricRow.Id,
                    Habit = rubricRow.Habit,
                    Cells = ordered,
                    DepthScore = RubricRules.DepthScore(ordered.Select(c => c.AttainmentPercent)),
                    LevelReached = (int?)RubricRules.LevelReached(ordered.ToDictionary(c => c.Level, c => c.AttainmentPercent), thresholdPercent) ?? 0,
                });
            }
        }

        v.ThrowIfInvalid();
        return rated;
    }

    /// <summary>A rating's date is not in the future and not more than <see cref="RatedAtLongest"/> ago.</summary>
    private static void RatedAt(Validator v, RatingDraft draft, DateTimeOffset? now)
    {
        if (now is { } at && draft.RatedAt is { } ratedAt && (ratedAt > at + RatedAtSkew || ratedAt < at - RatedAtLongest))
        {
            v.Add("ratedAt", $"'ratedAt' must be from {at - RatedAtLongest:yyyy-MM-dd} to now (a rating's date is not in the future); it is {ratedAt:O}.");
        }
    }

    private static void Shape(Validator v, RatingDraft draft, RatingKind kind)
    {
        if (draft.RubricVersion is null)
        {
            v.Add("rubricVersion", "'rubricVersion' is required: the version the rating was made against.");
        }

        if (kind == RatingKind.Member)
        {
            v.Slug("memberId", draft.MemberId);
        }
        else
        {
            v.Slug("memberId", draft.MemberId, required: false);
        }

        v.Slug("conveningId", draft.ConveningId, required: false);
        v.OptionalText("idempotencyKey", draft.IdempotencyKey, 100);
        if (draft.Rows is not { Count: > 0 } rows)
        {
            v.Add("rows", "A rating needs at least one row.");
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row is null)
            {
                v.Add($"rows[{i}]", "A row is required.");
                continue;
            }

            v.Slug($"rows[{i}].rowId", row.RowId);
            if (row.RowId is not null && !seen.Add(row.RowId))
            {
                v.Add($"rows[{i}].rowId", $"Row '{row.RowId}' is rated more than once.");
            }

            if (row.Cells is null || row.Cells.Count != 4)
            {
                v.Add($"rows[{i}].cells", "A rated row needs exactly four cells, one per depth level.");
                continue;
            }

            var levels = new HashSet<DepthLevel>();
            for (var c = 0; c < row.Cells.Count; c++)
            {
                var cell = row.Cells[c];
                var path = $"rows[{i}].cells[{c}]";
                if (cell is null || !Enum.IsDefined(cell.Level))
                {
                    v.Add($"{path}.level", "'level' must be one of: Informing, Networking, Collaborating, Transforming.");
                    continue;
                }

                if (!levels.Add(cell.Level))
                {
                    v.Add($"{path}.level", $"Level {cell.Level} appears more than once in the row.");
                }

                if (cell.AttainmentPercent is < 0 or > 100 || cell.AttainmentPercent % 10 != 0)
                {
                    v.Add($"{path}.attainmentPercent", $"'attainmentPercent' must be 0–100 in steps of 10 (it is {cell.AttainmentPercent}).");
                }
            }
        }
    }
}
