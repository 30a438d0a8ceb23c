using LbcCommunity.Rubrics;
using LbcCommunity.Validation;

namespace LbcCommunity.Stories;

/// <summary>
/// The rules of a story, pure: what a draft may hold (<see cref="Validate(StoryDraft)"/>), who may read and act on it,
/// and its status machine (<see cref="Transition"/>). Checked at the edge and again in the story's grain.
/// </summary>
public static partial class StoryRules
{
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 600;
    public const int BodyMaxLength = 20_000;
    public const int TextMaxLength = 2_000;
    public const int ShortTextMaxLength = 200;
    public const int MaxOutcomes = 20;
    public const int MaxQuotes = 10;
    public const int MaxTags = 12;
    public const int TagMaxLength = 40;
    public const int MaxRows = 12;
    public const int MaxDepthChanges = 12;
    public const int MaxTools = 5;
    public const int MaxAttachments = 10;
    public const int MaxComments = 500;
    public const int CommentMaxLength = 2_000;
    public const int ReviewCommentMaxLength = 2_000;

    /// <summary>Every problem of a draft, by field (<c>outcomes[1].baseline</c>); throws them all at once.</summary>
    public static void Validate(StoryDraft draft)
    {
        var v = new Validator();
        v.Slug("id", draft.Id, required: false);
        v.RequiredText("title", draft.Title, TitleMaxLength);
        v.OptionalText("summary", draft.Summary, SummaryMaxLength);
        v.OptionalText("body", draft.Body, BodyMaxLength);
        if (draft.Visibility is { } visibility)
        {
            v.Defined("visibility", visibility);
        }

        v.Slug("teamId", draft.TeamId, required: false);
        if (draft.Challenge is { } challenge)
        {
            if (challenge.Kind is null)
            {
                v.Add("challenge.kind", "'challenge.kind' is required: Technical or Adaptive.");
            }
            else
            {
                v.Defined("challenge.kind", challenge.Kind.Value);
            }

            v.RequiredText("challenge.text", challenge.Text, TextMaxLength);
        }

        List(v, "habits", draft.Habits, 3, (field, habit) => v.Defined(field, habit));
        Distinct(v, "habits", draft.Habits);
        List(v, "rowIds", draft.RowIds, MaxRows, (field, row) => v.Slug(field, row));
        Distinct(v, "rowIds", draft.RowIds);
        List(v, "tools", draft.Tools, MaxTools, (field, tool) => v.Defined(field, tool));
        Distinct(v, "tools", draft.Tools);
        var other = draft.Tools?.Contains(StoryTool.Other) == true;
        if (other)
        {
            v.RequiredText("otherTool", draft.OtherTool, ShortTextMaxLength);
        }
        else if (draft.OtherTool is not null)
        {
            v.Add("otherTool", "'otherTool' names the tool of 'Other' in 'tools': add Other or leave it out.");
        }

        List(v, "outcomes", draft.Outcomes, MaxOutcomes, (field, outcome) => ValidateOutcome(v, field, outcome));
        List(v, "depthChanges", draft.DepthChanges, MaxDepthChanges, (field, change) =>
        {
            v.Slug($"{field}.rowId", change?.RowId);
            if (change?.From is { } from)
            {
                v.Defined($"{field}.from", from);
            }

            if (change?.To is { } to)
            {
                v.Defined($"{field}.to", to);
            }

            if (change is { From: { } f, To: { } t } && t <= f)
            {
                v.Add($"{field}.to", $"'{field}.to' must be deeper than '{field}.from'.");
            }
        });
        Distinct(v, "depthChanges", draft.DepthChanges?.Select(d => d?.RowId).ToList());
        if (draft.DepthChanges is { Count: > 0 } && draft.TeamId is null)
        {
            v.Add("depthChanges", "'depthChanges' are read from a team's consensus ratings: name the team ('teamId').");
        }

        List(v, "quotes", draft.Quotes, MaxQuotes, (field, quote) =>
        {
            v.RequiredText($"{field}.text", quote?.Text, TextMaxLength);
            v.OptionalText($"{field}.who", quote?.Who, ShortTextMaxLength);
            v.OptionalText($"{field}.role", quote?.Role, ShortTextMaxLength);
        });
        List(v, "tags", draft.Tags, MaxTags, (field, tag) =>
        {
            if (tag is null || tag.Length > TagMaxLength || !Validator.IsSlug(tag))
            {
                v.Add(field, $"'{field}' must be a lower-case slug of at most {TagMaxLength} characters (like 'family-engagement').");
            }
        });
        Distinct(v, "tags", draft.Tags);
        v.ThrowIfInvalid();
    }

    private static void ValidateOutcome(Validator v, string field, StoryOutcome? outcome)
    {
        v.RequiredText($"{field}.measure", outcome?.Measure, ShortTextMaxLength);
        if (outcome?.Baseline is null)
        {
            v.Add($"{field}.baseline", $"'{field}.baseline' is required: the number before.");
        }

        if (outcome?.Result is null)
        {
            v.Add($"{field}.result", $"'{field}.result' is required: the number after.");
        }

        foreach (var (name, value) in new[] { ("baseline", outcome?.Baseline), ("result", outcome?.Result) })
        {
            if (value is { } number && (number < -1_000_000_000m || number > 1_000_000_000m))
            {
                v.Add($"{field}.{name}", $"'{field}.{name}' must be between -1,000,000,000 and 1,000,000,000.");
            }
        }

        v.RequiredText($"{field}.unit", outcome?.Unit, 40);
        v.RequiredText($"{field}.period", outcome?.Period, ShortTextMaxLength);
        v.OptionalText($"{field}.population", outcome?.Population, ShortTextMaxLength);
        v.RequiredText($"{field}.source", outcome?.Source, ShortTextMaxLength);
        v.OptionalText($"{field}.verifiedBy", outcome?.VerifiedBy, ShortTextMaxLength);
    }

    private static void List<T>(Validator v, string field, IReadOnlyList<T>? items, int max, Action<string, T> each)
    {
        if (items is null)
        {
            return;
        }

        if (items.Count > max)
        {
            v.Add(field, $"'{field}' holds at most {max} (it has {items.Count}).");
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            each($"{field}[{i}]", items[i]);
        }
    }

    private static void Distinct<T>(Validator v, string field, IReadOnlyList<T>? items)
    {
        if (items is not null && items.Count != items.Distinct().Count())
        {
            v.Add(field, $"'{field}' names the same value twice.");
        }
    }

    /// <summary>Row ids of the draft that the tenant's rubric does not know, as field problems.</summary>
    public static void RequireKnownRows(StoryDraft draft, IReadOnlySet<string> knownRowIds)
    {
        var v = new Validator();
        foreach (var (rowId, i) in (draft.RowIds ?? []).Select((r, i) => (r, i)))
        {
            if (!knownRowIds.Contains(rowId))
            {
                v.Add($"rowIds[{i}]", $"'rowIds[{i}]': the rubric has no row '{rowId}'.");
            }
        }

        v.ThrowIfInvalid();
    }

    /// <summary>
    /// Reads the draft's depth changes from the team's consensus ratings (oldest first). A row with no levels asked for
    /// goes from its level in the first consensus rating that rated it to its level in the latest; with levels, an
    /// earlier rating must show <c>from</c> and a later one <c>to</c>. A change the ratings do not show is refused
    /// (<c>depthChanges[i]</c>): the author cannot type one.
    /// </summary>
    public static IReadOnlyList<DepthChange> ReadDepthChanges(IReadOnlyList<DepthChangeDraft> drafts, IReadOnlyList<Ratings.Rating> consensusRatings, int fiscalYearStartMonth)
    {
        var v = new Validator();
        var changes = new List<DepthChange>();
        var ordered = consensusRatings.OrderBy(r => r.RatedAt).ThenBy(r => r.Sequence).ToList();
        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            var field = $"depthChanges[{i}]";
            var points = ordered
                .Select(r => (Rating: r, Row: r.Rows.FirstOrDefault(row => row.RowId == draft.RowId)))
                .Where(p => p.Row is not null && p.Row.LevelReached > 0)
                .ToList();
            if (points.Count < 2)
            {
                v.Add(field, $"'{field}': the team's consensus ratings do not show a change on row '{draft.RowId}' (it needs two ratings of the row).");
                continue;
            }

            var start = draft.From is { } from ? points.FindIndex(p => p.Row!.LevelReached == (int)from) : 0;
            var end = start < 0 ? -1 : draft.To is { } to ? points.FindLastIndex(p => p.Row!.LevelReached == (int)to) : points.Count - 1;
            if (start < 0 || end <= start || points[end].Row!.LevelReached <= points[start].Row!.LevelReached)
            {
                var asked = draft.From is null && draft.To is null ? "a deeper level" : $"{draft.From?.ToString() ?? "its first level"} → {draft.To?.ToString() ?? "its latest level"}";
                v.Add(field, $"'{field}': the team's consensus ratings of row '{draft.RowId}' do not show {asked}.");
                continue;
            }

            var (first, last) = (points[start], points[end]);
            changes.Add(new DepthChange
            {
                RowId = draft.RowId!,
                Habit = first.Row!.Habit,
                From = (DepthLevel)first.Row.LevelReached,
                To = (DepthLevel)last.Row!.LevelReached,
                Period = PeriodOf(first.Rating.RatedAt, last.Rating.RatedAt, fiscalYearStartMonth),
                FromRatingId = first.Rating.Id,
                ToRatingId = last.Rating.Id,
            });
        }

        v.ThrowIfInvalid();
        return changes;
    }

    /// <summary>The fiscal years two dates fall in: <c>FY2026</c>, or <c>FY2025–FY2026</c>.</summary>
    public static string PeriodOf(DateTimeOffset from, DateTimeOffset to, int fiscalYearStartMonth)
    {
        var a = RollUps.FiscalCalendar.YearOf(from.Year, from.Month, fiscalYearStartMonth);
        var b = RollUps.FiscalCalendar.YearOf(to.Year, to.Month, fiscalYearStartMonth);
        return a == b ? a : $"{a}–{b}";
    }

    /// <summary>The level a team stands at on each row, by its latest consensus rating of the row (rows never reached left out).</summary>
    public static IReadOnlyDictionary<string, DepthLevel> CurrentLevels(IReadOnlyList<Ratings.Rating> consensusRatings)
    {
        var levels = new Dictionary<string, DepthLevel>(StringComparer.Ordinal);
        foreach (var rating in consensusRatings.OrderBy(r => r.RatedAt).ThenBy(r => r.Sequence))
        {
            foreach (var row in rating.Rows.Where(r => r.LevelReached is >= 1 and <= 4))
            {
                levels[row.RowId] = (DepthLevel)row.LevelReached;
            }
        }

        return levels;
    }
}
