using LbcCommunity.Convenings;
using LbcCommunity.Rubrics;

namespace LbcCommunity.Reports;

/// <summary>Where a team's quarterly report stands.</summary>
public enum ReportStatus
{
    /// <summary>Being written (nothing stored yet, or answers saved).</summary>
    Draft = 1,

    /// <summary>Sent to the region's coordinator; its facts are frozen as they were at submission.</summary>
    Submitted = 2,

    /// <summary>The coordinator accepted it.</summary>
    Accepted = 3,

    /// <summary>The coordinator returned it with a comment; the team changes it and submits again.</summary>
    Returned = 4,
}

/// <summary>What the coordinator decided.</summary>
public enum ReviewDecision
{
    Accept = 1,
    Return = 2,
}

/// <summary>One answer: the question it answers (of the report's question version) and the text.</summary>
[GenerateSerializer, Immutable]
public sealed record ReportAnswer
{
    [Id(0)] public required string QuestionId { get; init; }

    [Id(1)] public required string Text { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record ReportAnswerDraft
{
    [Id(0)] public string? QuestionId { get; init; }

    [Id(1)] public string? Text { get; init; }
}

/// <summary>The facilitator's answers (all of them: an answer left out is no answer).</summary>
[GenerateSerializer, Immutable]
public sealed record ReportAnswersDraft
{
    [Id(0)] public IReadOnlyList<ReportAnswerDraft>? Answers { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record ReviewDraft
{
    [Id(0)] public ReviewDecision? Decision { get; init; }

    /// <summary>Required when returning: what the team should change.</summary>
    [Id(1)] public string? Comment { get; init; }
}

/// <summary>A step of the report's history: saved, submitted, accepted, returned.</summary>
[GenerateSerializer, Immutable]
public sealed record ReportEvent
{
    [Id(0)] public required ReportStatus Status { get; init; }

    [Id(1)] public required DateTimeOffset At { get; init; }

    /// <summary>Who (the person's subject).</summary>
    [Id(2)] public required string By { get; init; }

    [Id(3)] public string? Comment { get; init; }
}

/// <summary>
/// A team's report for one calendar quarter. Its facts are computed from the stored facts whenever it is read while a
/// draft or returned, and frozen as they were when it was submitted.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record QuarterlyReport
{
    [Id(0)] public required string TeamId { get; init; }

    [Id(1)] public required string TeamName { get; init; }

    [Id(2)] public required string RegionId { get; init; }

    [Id(3)] public required string InitiativeId { get; init; }

    /// <summary>The calendar quarter, <c>2026-Q4</c>.</summary>
    [Id(4)] public required string Quarter { get; init; }

    /// <summary>The state's fiscal quarter of it, <c>FY2027-Q2</c> (the tenant's fiscal year).</summary>
    [Id(5)] public required string FiscalQuarter { get; init; }

    [Id(6)] public required ReportStatus Status { get; init; }

    /// <summary>Whether anything is stored (false: a draft shown with its facts, never saved).</summary>
    [Id(7)] public required bool Stored { get; init; }

    /// <summary>The question version the answers answer (the tenant's newest when the report was started).</summary>
    [Id(8)] public required ReportQuestionSet Questions { get; init; }

    [Id(9)] public required IReadOnlyList<ReportAnswer> Answers { get; init; }

    [Id(10)] public required QuarterFacts Facts { get; init; }

    /// <summary>When it is due: the tenant's days after the quarter's end (UTC).</summary>
    [Id(11)] public required DateTimeOffset DueAt { get; init; }

    /// <summary>The first submission's time (a resubmission after a return keeps it: lateness is the first one's).</summary>
    [Id(12)] public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>Submitted after <see cref="DueAt"/>, or not submitted and <see cref="DueAt"/> passed.</summary>
    [Id(13)] public required bool Late { get; init; }

    /// <summary>The coordinator's latest comment (on a return, or with an acceptance).</summary>
    [Id(14)] public string? ReviewComment { get; init; }

    [Id(15)] public required IReadOnlyList<ReportEvent> History { get; init; }

    /// <summary>Bumped by every change; a saved draft's answers are those of the latest version.</summary>
    [Id(16)] public required int Version { get; init; }
}

/// <summary>The quarter's facts, computed from the stored convenings and consensus ratings (<see cref="ReportFacts.Of"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record QuarterFacts
{
    [Id(0)] public required DateTimeOffset ComputedAt { get; init; }

    /// <summary>The team's convenings that began within the quarter.</summary>
    [Id(1)] public required IReadOnlyList<ConveningFact> Convenings { get; init; }

    /// <summary>Attendance summed over those convenings (a person at two convenings counts twice).</summary>
    [Id(2)] public required Attendance Participants { get; init; }

    /// <summary>Consensus ratings taken within the quarter and the levels they moved.</summary>
    [Id(3)] public required RatingFacts Ratings { get; init; }

    /// <summary>The consensus decisions of those convenings and their outcomes.</summary>
    [Id(4)] public required IReadOnlyList<DecisionFact> Decisions { get; init; }

    /// <summary>
    /// Actions of the team's action plan done and overdue in the quarter (<see cref="ActionPlans.ActionPlanRules.Facts"/>);
    /// <c>null</c> in reports submitted before action plans existed.
    /// </summary>
    [Id(5)] public ActionFacts? Actions { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record ConveningFact
{
    [Id(0)] public required string ConveningId { get; init; }

    [Id(1)] public required string Title { get; init; }

    [Id(2)] public required DateTimeOffset StartedAt { get; init; }

    [Id(3)] public required int Participants { get; init; }

    [Id(4)] public required int FamilyVoices { get; init; }

    [Id(5)] public required IReadOnlyList<SppAprTopic> SppAprTopics { get; init; }

    [Id(6)] public ResultsShared? ResultsShared { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record RatingFacts
{
    [Id(0)] public required int ConsensusRatings { get; init; }

    /// <summary>Rows whose level rose in a rating of the quarter, against the team's previous rating of the row.</summary>
    [Id(1)] public required IReadOnlyList<LevelMove> MovedUp { get; init; }

    [Id(2)] public required IReadOnlyList<LevelMove> MovedDown { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record LevelMove
{
    [Id(0)] public required string RowId { get; init; }

    [Id(1)] public required Habit Habit { get; init; }

    /// <summary>Level reached before (0: none yet) and after, 1–4 Informing–Transforming.</summary>
    [Id(2)] public required int From { get; init; }

    [Id(3)] public required int To { get; init; }

    [Id(4)] public required DateTimeOffset RatedAt { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record DecisionFact
{
    [Id(0)] public required string ConveningId { get; init; }

    [Id(1)] public required string ConveningTitle { get; init; }

    /// <summary>The proposal of the last round (amending opens the next).</summary>
    [Id(2)] public required string Proposal { get; init; }

    [Id(3)] public required int Rounds { get; init; }

    /// <summary>What it came to; <c>null</c> when no outcome was recorded.</summary>
    [Id(4)] public ConsensusOutcome? Outcome { get; init; }
}

/// <summary>The action-plan counts a report will carry once action plans exist.</summary>
[GenerateSerializer, Immutable]
public sealed record ActionFacts
{
    /// <summary>Actions marked done within the quarter.</summary>
    [Id(0)] public required int Done { get; init; }

    /// <summary>Actions due within the quarter and not done by their due date (as of when the facts were computed).</summary>
    [Id(1)] public required int Overdue { get; init; }

    /// <summary>Actions (not dropped) due within the quarter: the base of the overdue count.</summary>
    [Id(2)] public int DueInPeriod { get; init; }
}

/// <summary>One team's line in the state's (or a region's) submission table.</summary>
[GenerateSerializer, Immutable]
public sealed record ReportStatusLine
{
    [Id(0)] public required string TeamId { get; init; }

    [Id(1)] public required string TeamName { get; init; }

    [Id(2)] public required string RegionId { get; init; }

    /// <summary>Draft for a report never started.</summary>
    [Id(3)] public required ReportStatus Status { get; init; }

    [Id(4)] public required bool Started { get; init; }

    [Id(5)] public DateTimeOffset? SubmittedAt { get; init; }

    [Id(6)] public required bool Late { get; init; }

    [Id(7)] public string? ReviewComment { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record ReportStatusTable
{
    [Id(0)] public required string InitiativeId { get; init; }

    [Id(1)] public string? RegionId { get; init; }

    [Id(2)] public required string Quarter { get; init; }

    [Id(3)] public required string FiscalQuarter { get; init; }

    [Id(4)] public required DateTimeOffset DueAt { get; init; }

    [Id(5)] public required IReadOnlyList<ReportStatusLine> Teams { get; init; }

    /// <summary>Counts by status, for the table's header: submitted (awaiting review), accepted, returned, not submitted, late.</summary>
    [Id(6)] public required int Submitted { get; init; }

    [Id(7)] public required int Accepted { get; init; }

    [Id(8)] public required int Returned { get; init; }

    [Id(9)] public required int NotSubmitted { get; init; }

    [Id(10)] public required int LateCount { get; init; }
}
