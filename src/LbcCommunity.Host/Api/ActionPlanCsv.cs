using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using LbcCommunity.ActionPlans;
using LbcCommunity.Errors;
using LbcCommunity.Validation;

namespace LbcCommunity.Host.Api;

/// <summary>
/// The action plan's one CSV format (docs/action-plans.md), written and read with CsvHelper: RFC 4180, UTF-8, a header
/// row, dates as <c>yyyy-MM-dd</c>, statuses by name. An exported file imports back unchanged; the read-only columns
/// (<see cref="ReadOnlyColumns"/>) are ignored on import.
/// </summary>
internal static class ActionPlanCsv
{
    /// <summary>The columns an import reads, in the export's order.</summary>
    public static readonly string[] ImportColumns = ["id", "goal_id", "title", "owner_member_id", "due_on", "status", "notes"];

    /// <summary>Columns the export adds for reading; an import ignores them.</summary>
    public static readonly string[] ReadOnlyColumns = ["owner_name", "owner_is_guest", "convening_id", "done_at", "updated_at"];

    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        NewLine = "\r\n",
        DetectColumnCountChanges = true,
        IgnoreBlankLines = true,
        TrimOptions = TrimOptions.None,
    };

    public static byte[] Write(ActionPlanView plan)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, Configuration))
        {
            foreach (var column in ImportColumns.Concat(ReadOnlyColumns))
            {
                csv.WriteField(column);
            }

            csv.NextRecord();
            foreach (var action in plan.Actions)
            {
                csv.WriteField(action.Id);
                csv.WriteField(action.GoalId ?? string.Empty);
                csv.WriteField(action.Title);
                csv.WriteField(action.OwnerMemberId ?? string.Empty);
                csv.WriteField(action.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty);
                csv.WriteField(action.Status.ToString());
                csv.WriteField(action.Notes ?? string.Empty);
                csv.WriteField(action.OwnerName);
                csv.WriteField(action.OwnerIsGuest ? "true" : "false");
                csv.WriteField(action.ConveningId ?? string.Empty);
                csv.WriteField(action.DoneAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? string.Empty);
                csv.WriteField(action.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                csv.NextRecord();
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>
    /// Reads every row, collecting every problem by row and column (<c>rows[3].due_on</c>: the file's line 3, the header
    /// being line 1; <c>header.title</c> for a column missing); throws them all at once, so nothing is imported from a
    /// file with any error. What needs the plan (goals, members) is checked by the grain, with the same names.
    /// </summary>
    public static IReadOnlyList<ImportRow> Read(string content)
    {
        var v = new Validator();
        var rows = new List<ImportRow>();
        using var reader = new StringReader(content);
        using var csv = new CsvReader(reader, Configuration);
        try
        {
            if (!csv.Read() || !csv.ReadHeader())
            {
                throw DomainValidationException.For("header", $"The file is empty: its first line is the header ({string.Join(",", ImportColumns)}).");
            }

            var header = csv.HeaderRecord ?? [];
            foreach (var column in ImportColumns.Where(c => !header.Contains(c, StringComparer.Ordinal)))
            {
                v.Add($"header.{column}", $"The header has no column '{column}'.");
            }

            foreach (var (column, i) in header.Select((c, i) => (c, i)))
            {
                if (!ImportColumns.Contains(column, StringComparer.Ordinal) && !ReadOnlyColumns.Contains(column, StringComparer.Ordinal))
                {
                    v.Add($"header[{i}]", $"'{column}' is not a column of the format ({string.Join(",", ImportColumns.Concat(ReadOnlyColumns))}).");
                }
                else if (header.Take(i).Contains(column, StringComparer.Ordinal))
                {
                    v.Add($"header[{i}]", $"Column '{column}' is named twice.");
                }
            }

            v.ThrowIfInvalid();
            while (csv.Read())
            {
                var row = csv.Parser.RawRow;
                if (rows.Count >= ActionPlanRules.MaxChanges)
                {
                    throw DomainValidationException.For("rows", $"An import holds at most {ActionPlanRules.MaxChanges} rows.");
                }

                rows.Add(new ImportRow { Row = row, Action = ReadAction(csv, row, v) });
            }
        }
        catch (CsvHelperException error)
        {
            v.Add($"rows[{error.Context?.Parser?.RawRow ?? 0}]", "The line is not well-formed CSV (a quote not closed, or fields not the header's count).");
        }

        if (rows.Count == 0 && v.IsValid)
        {
            v.Add("rows", "The file has a header and no rows.");
        }

        v.ThrowIfInvalid();
        return rows;
    }

    private static ActionDraft ReadAction(CsvReader csv, int row, Validator v)
    {
        string? Field(string column) => csv.GetField(column) is { Length: > 0 } value ? value : null;
        var due = Field("due_on");
        DateOnly? dueOn = null;
        if (due is not null)
        {
            if (DateOnly.TryParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                dueOn = day;
            }
            else
            {
                v.Add($"rows[{row}].due_on", $"'{due}' is not a date as yyyy-MM-dd (2026-03-31).");
            }
        }

        var status = Field("status");
        ActionStatus? parsed = null;
        if (status is not null)
        {
            if (Enum.GetNames<ActionStatus>().Contains(status, StringComparer.Ordinal))
            {
                parsed = Enum.Parse<ActionStatus>(status);
            }
            else
            {
                v.Add($"rows[{row}].status", $"'{status}' is not a status: {string.Join(", ", Enum.GetNames<ActionStatus>())}.");
            }
        }

        return new ActionDraft
        {
            Id = Field("id"),
            GoalId = Field("goal_id"),
            Title = Field("title"),
            OwnerMemberId = Field("owner_member_id"),
            DueOn = dueOn,
            Status = parsed,
            Notes = Field("notes"),
        };
    }
}
