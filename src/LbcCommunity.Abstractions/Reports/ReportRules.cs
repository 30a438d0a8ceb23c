using System.Globalization;
using System.Text.RegularExpressions;
using LbcCommunity.Errors;
using LbcCommunity.Rubrics;
using LbcCommunity.Validation;

namespace LbcCommunity.Reports;

/// <summary>The rules of quarterly reports: quarters, due dates, answers, questions and the report's status steps.</summary>
public static partial class ReportRules
{
    public const int AnswerMaxLength = 8000;

    public const int CommentMaxLength = 4000;

    public const int QuestionMaxLength = 1000;

    public const int MaxQuestions = 40;

    /// <summary>A report can be due at most this long after its quarter: a year.</summary>
    public const int MaxDueDays = 365;

    /// <summary>The first and last instant (exclusive) of a calendar quarter key such as <c>2026-Q4</c> (UTC), or a problem naming <paramref name="field"/>.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Quarter(string? quarter, string field = "quarter")
    {
        if (quarter is null || !QuarterPattern().IsMatch(quarter))
        {
            throw DomainValidationException.For(field, $"'{field}' is a calendar quarter such as 2026-Q4 (years 2000–2099).");
        }

        var year = int.Parse(quarter.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var start = new DateTimeOffset(year, ((quarter[^1] - '1') * 3) + 1, 1, 0, 0, 0, TimeSpan.Zero);
        return (start, start.AddMonths(3));
    }

    /// <summary>A quarter a team can report on: begun by <paramref name="now"/> (a report on a quarter to come has no facts).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) ReportableQuarter(string? quarter, DateTimeOffset now)
    {
        var span = Quarter(quarter);
        if (span.Start > now)
        {
            throw DomainValidationException.For("quarter", $"Quarter '{quarter}' has not begun.");
        }

        return span;
    }

    /// <summary>When a quarter's report is due: <paramref name="dueDays"/> days after its last day (the end of that day, UTC).</summary>
    public static DateTimeOffset DueAt(DateTimeOffset quarterEnd, int dueDays) => quarterEnd.AddDays(dueDays);

    /// <summary>Late: submitted after it was due, or never submitted and due already.</summary>
    public static bool IsLate(DateTimeOffset? submittedAt, DateTimeOffset dueAt, DateTimeOffset now) =>
        submittedAt is { } at ? at > dueAt : now > dueAt;

    public static ReportSettings Validate(ReportSettingsDraft draft)
    {
        if (draft.DueDaysAfterQuarterEnd is not (>= 0 and <= MaxDueDays))
        {
            new Validator().Add("dueDaysAfterQuarterEnd", $"'dueDaysAfterQuarterEnd' is required: 0–{MaxDueDays}.").ThrowIfInvalid();
        }

        return new ReportSettings { DueDaysAfterQuarterEnd = draft.DueDaysAfterQuarterEnd!.Value };
    }

    /// <summary>The answers as kept: each names a question of <paramref name="questions"/> at most once; blank answers are dropped.</summary>
    public static IReadOnlyList<ReportAnswer> Answers(ReportAnswersDraft draft, ReportQuestionSet questions)
    {
        var v = new Validator();
        var known = questions.Questions.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var answers = draft.Answers ?? [];
        for (var i = 0; i < answers.Count; i++)
        {
            var answer = answers[i];
            if (answer?.QuestionId is not { } id || !known.Contains(id))
            {
                v.Add($"answers[{i}].questionId", $"'questionId' must be one of the version's questions: {string.Join(", ", known)}.");
            }
            else if (!seen.Add(id))
            {
                v.Add($"answers[{i}].questionId", $"'{id}' is answered twice.");
            }

            v.OptionalText($"answers[{i}].text", answer?.Text, AnswerMaxLength);
        }

        v.ThrowIfInvalid();
        var order = questions.Questions.Select((q, i) => (q.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        return [.. answers.Where(a => !string.IsNullOrWhiteSpace(a.Text))
            .Select(a => new ReportAnswer { QuestionId = a.QuestionId!, Text = a.Text!.Trim() })
            .OrderBy(a => order[a.QuestionId])];
    }

    /// <summary>A report is submitted with every question answered.</summary>
    public static void RequireComplete(IReadOnlyList<ReportAnswer> answers, ReportQuestionSet questions)
    {
        var missing = questions.Questions.Where(q => answers.All(a => a.QuestionId != q.Id)).Select(q => q.Id).ToList();
        if (missing.Count > 0)
        {
            throw DomainValidationException.For("answers", $"Every question needs an answer before the report is submitted; missing: {string.Join(", ", missing)}.");
        }
    }

    public static ReviewDecision Validate(ReviewDraft draft)
    {
        var v = new Validator().OptionalText("comment", draft.Comment, CommentMaxLength);
        if (draft.Decision is not { } decision || !Enum.IsDefined(decision))
        {
            v.Add("decision", "'decision' must be Accept or Return.");
        }
        else if (decision == ReviewDecision.Return && string.IsNullOrWhiteSpace(draft.Comment))
        {
            v.Add("comment", "A returned report needs a comment: what the team should change.");
        }

        v.ThrowIfInvalid();
        return draft.Decision!.Value;
    }

    /// <summary>The team changes its answers and submits only while the report is a draft or returned.</summary>
    public static void RequireEditable(ReportStatus status)
    {
        if (status is not (ReportStatus.Draft or ReportStatus.Returned))
        {
            throw new EntityConflictException("status", $"The report is {status}: only a draft or a returned report is changed or submitted.", ErrorCodes.ReportStatus);
        }
    }

    /// <summary>The coordinator reviews only a submitted report.</summary>
    public static void RequireSubmitted(ReportStatus status)
    {
        if (status != ReportStatus.Submitted)
        {
            throw new EntityConflictException("status", $"The report is {status}: only a submitted report is reviewed.", ErrorCodes.ReportStatus);
        }
    }

    /// <summary>A new version of the questions: a name, 1–40 questions with unique ids, a level each and English text.</summary>
    public static IReadOnlyList<ReportQuestion> ToQuestions(ReportQuestionSetDraft draft)
    {
        var v = new Validator().RequiredText("name", draft.Name);
        var questions = draft.Questions ?? [];
        if (questions.Count is 0 or > MaxQuestions)
        {
            v.Add("questions", $"'questions' needs 1–{MaxQuestions} questions.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < questions.Count; i++)
        {
            var q = questions[i];
            v.Slug($"questions[{i}].id", q?.Id);
            if (q?.Id is { } id && !seen.Add(id))
            {
                v.Add($"questions[{i}].id", $"'{id}' is used twice.");
            }

            if (q?.Level is not { } level || !Enum.IsDefined(level))
            {
                v.Add($"questions[{i}].level", $"'level' must be one of: {string.Join(", ", Enum.GetNames<DepthLevel>())}.");
            }

            if (q?.Text is not { } text || !text.TryGetValue("en", out var en) || string.IsNullOrWhiteSpace(en))
            {
                v.Add($"questions[{i}].text.en", "Every question needs its English text.");
            }
            else
            {
                foreach (var (language, value) in text)
                {
                    if (language is not ("en" or "es"))
                    {
                        v.Add($"questions[{i}].text.{language}", "A question's languages are en and es.");
                    }

                    v.RequiredText($"questions[{i}].text.{language}", value, QuestionMaxLength);
                }
            }
        }

        v.ThrowIfInvalid();
        return [.. questions.Select(q => new ReportQuestion
        {
            Id = q.Id!,
            Level = q.Level!.Value,
            Text = q.Text!.ToDictionary(t => t.Key, t => t.Value.Trim(), StringComparer.Ordinal),
        })];
    }

    [GeneratedRegex("^20[0-9]{2}-Q[1-4]$")]
    private static partial Regex QuarterPattern();
}
