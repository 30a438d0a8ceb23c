using System.Data;
using LbcCommunity.Convenings;
using LbcCommunity.Organization;
using LbcCommunity.Reports;
using MiniExcelLibs;

namespace LbcCommunity.Host.Reports;

/// <summary>One table of the evidence: a CSV file, and a worksheet of the workbook, with the columns docs/reports.md documents.</summary>
internal sealed record EvidenceTable(string Section, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>The evidence as tables (the CSV sections and the workbook's sheets are the same tables).</summary>
internal static class EvidenceTables
{
    public static readonly IReadOnlyList<string> Sections = ["summary", "convenings", "participants", "topics", "depth", "sustained", "outcomes"];

    public static IReadOnlyList<EvidenceTable> Of(EvidenceReport e) =>
    [
        new("summary", ["measure", "value"],
        [
            ["initiative_id", e.InitiativeId],
            ["initiative_name", e.InitiativeName],
            ["from", e.From],
            ["to", e.To],
            ["period_start", e.PeriodStart],
            ["period_end", e.PeriodEnd],
            ["computed_at", e.ComputedAt],
            ["convenings_held", e.Convenings.Count],
            ["participants", e.Participants.Participants],
            ["guests", e.Participants.Guests],
            ["family_voices", e.Participants.FamilyVoices],
            ["youth_voices", e.Participants.YouthVoices],
            ["results_shared", e.ResultsSharedCount],
            ["sustained_numerator", e.Sustained.Numerator],
            ["sustained_denominator", e.Sustained.Denominator],
            ["sustained_percent", e.Sustained.Percent],
            ["story_outcomes", e.Outcomes.Count],
        ]),
        new("convenings",
            ["convening_id", "title", "owner_kind", "owner_id", "region_id", "started_at", "participants", "guests", "family_voices", "youth_voices",
             "targets", "data_analysis", "improvement_strategies", "evaluating_progress", "results_shared_at", "results_shared_how"],
            [.. e.Convenings.Select(c => new object?[]
            {
                c.ConveningId, c.Title, c.OwnerKind.ToString(), c.OwnerId, c.RegionId, c.StartedAt, c.Attendance.Participants, c.Attendance.Guests,
                c.Attendance.FamilyVoices, c.Attendance.YouthVoices,
                YesNo(c, SppAprTopic.Targets), YesNo(c, SppAprTopic.DataAnalysis), YesNo(c, SppAprTopic.ImprovementStrategies), YesNo(c, SppAprTopic.EvaluatingProgress),
                c.ResultsShared?.SharedAt, c.ResultsShared?.How,
            })]),
        new("participants", ["stakeholder_role", "family_voice", "participants"],
            [.. e.Participants.ByRole.Select(r => new object?[] { r.StakeholderRole.ToString(), r.StakeholderRole is StakeholderRole.FamilyMember or StakeholderRole.ParentMentor ? "yes" : "no", r.Count })]),
        new("topics", ["topic", "convenings"], [.. e.Topics.Select(t => new object?[] { t.Topic.ToString(), t.Convenings })]),
        new("depth", ["period", "habit", "teams_rated", "mean_depth_score", "teams_none_yet", "teams_informing", "teams_networking", "teams_collaborating", "teams_transforming"],
            [.. e.DepthSpread.Select(d => new object?[] { d.Period, d.Habit.ToString(), d.TeamsRated, d.MeanDepthScore, d.TeamsAtLevel[0], d.TeamsAtLevel[1], d.TeamsAtLevel[2], d.TeamsAtLevel[3], d.TeamsAtLevel[4] })]),
        new("sustained", ["criterion_level", "criterion_consecutive_ratings", "criterion_habit", "numerator", "denominator", "percent", "team_ids"],
        [
            [e.Sustained.Criterion.Level.ToString(), e.Sustained.Criterion.ConsecutiveRatings, e.Sustained.Criterion.Habit?.ToString(), e.Sustained.Numerator,
             e.Sustained.Denominator, e.Sustained.Percent, string.Join(';', e.Sustained.TeamIds)],
        ]),
        new("outcomes", ["story_id", "story_title", "team_id", "published_at", "measure", "baseline", "result", "unit", "period", "population", "source"],
            [.. e.Outcomes.Select(o => new object?[] { o.StoryId, o.StoryTitle, o.TeamId, o.PublishedAt, o.Measure, o.Baseline, o.Result, o.Unit, o.Period, o.Population, o.Source })]),
    ];

    public static IResult Csv(EvidenceReport evidence, string section)
    {
        var table = Of(evidence).Single(t => t.Section == section);
        var csv = new Api.Csv([.. table.Columns]);
        foreach (var row in table.Rows)
        {
            csv.Line(row);
        }

        return csv.ToResult($"{evidence.InitiativeId}-{evidence.From}-{evidence.To}-{section}.csv");
    }

    /// <summary>A workbook with one sheet per table, headers in the first row; numbers as numbers, times as UTC dates.</summary>
    public static byte[] Workbook(EvidenceReport evidence)
    {
        var sheets = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var table in Of(evidence))
        {
            sheets[table.Section] = Sheet(table);
        }

        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }

    private static string YesNo(EvidenceConvening c, SppAprTopic topic) => c.SppAprTopics.Contains(topic) ? "yes" : "no";

    private static DataTable Sheet(EvidenceTable table)
    {
        var sheet = new DataTable(table.Section) { Locale = System.Globalization.CultureInfo.InvariantCulture };
        for (var i = 0; i < table.Columns.Count; i++)
        {
            // A column of one kind keeps its type (a number stays a number); a mixed one, as the summary's values, is text.
            var kinds = table.Rows.Select(r => Cell(r[i])).Where(v => v is not null).Select(v => v!.GetType()).Distinct().ToList();
            sheet.Columns.Add(table.Columns[i], kinds.Count == 1 ? kinds[0] : typeof(string));
        }

        foreach (var row in table.Rows)
        {
            var cells = row.Select(Cell).ToArray();
            for (var i = 0; i < cells.Length; i++)
            {
                if (cells[i] is { } value && sheet.Columns[i].DataType == typeof(string) && value is not string)
                {
                    cells[i] = value is DateTime at
                        ? at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture)
                        : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            sheet.Rows.Add([.. cells.Select(c => c ?? DBNull.Value)]);
        }

        return sheet;
    }

    private static object? Cell(object? value) => value switch
    {
        DateTimeOffset at => at.UtcDateTime,
        int or long or decimal or string or null => value,
        _ => value.ToString(),
    };
}
