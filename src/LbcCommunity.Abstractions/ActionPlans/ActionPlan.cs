using LbcCommunity.Convenings;

namespace LbcCommunity.ActionPlans;

/// <summary>Where an action stands. Progress counts them (<see cref="ActionPlanRules.Progress"/>).</summary>
public enum ActionStatus
{
    NotStarted = 1,
    Started = 2,
    HalfDone = 3,
    Done = 4,

    /// <summary>No longer pursued: left out of a goal's progress, never overdue.</summary>
    Dropped = 5,
}

/// <summary>A goal of a team's or community's action plan, tied to the rubric rows it works on.</summary>
[GenerateSerializer, Immutable]
public sealed record PlanGoal
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string Title { get; init; }

    [Id(2)] public string? Description { get; init; }

    /// <summary>Rubric row ids (of the tenant's latest rubric when the goal was saved), each once.</summary>
    [Id(3)] public required IReadOnlyList<string> RowIds { get; init; }

    [Id(4)] public required DateTimeOffset CreatedAt { get; init; }

    [Id(5)] public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>
/// One action of a plan: what, who (a member of the owner's roster, or a guest who wrote it in a convening), by when,
/// where it stands. Actions from a convening's personal action plan keep the convening's id.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PlanAction
{
    [Id(0)] public required string Id { get; init; }

    /// <summary>The goal it serves; <c>null</c> for an action not (yet) tied to a goal (personal actions arrive so).</summary>
    [Id(1)] public string? GoalId { get; init; }

    [Id(2)] public required string Title { get; init; }

    /// <summary>The owner's member id on the roster; <c>null</c> for a guest's action.</summary>
    [Id(3)] public string? OwnerMemberId { get; init; }

    /// <summary>The owner's name as shown: the member's name when saved, or the guest's display name.</summary>
    [Id(4)] public required string OwnerName { get; init; }

    /// <summary>True for an action a guest wrote in a convening (no account; not reminded).</summary>
    [Id(5)] public required bool OwnerIsGuest { get; init; }

    [Id(6)] public DateOnly? DueOn { get; init; }

    [Id(7)] public required ActionStatus Status { get; init; }

    [Id(8)] public string? Notes { get; init; }

    /// <summary>The convening whose personal action plan it came from.</summary>
    [Id(9)] public string? ConveningId { get; init; }

    [Id(10)] public required DateTimeOffset CreatedAt { get; init; }

    [Id(11)] public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When it was last marked done; cleared when it is moved back.</summary>
    [Id(12)] public DateTimeOffset? DoneAt { get; init; }
}

/// <summary>A goal's progress: its actions by status and a weighted percent (dropped actions left out).</summary>
[GenerateSerializer, Immutable]
public sealed record GoalProgress
{
    [Id(0)] public required string GoalId { get; init; }

    /// <summary>Actions counted (all but dropped ones).</summary>
    [Id(1)] public required int Actions { get; init; }

    [Id(2)] public required int Done { get; init; }

    [Id(3)] public required int Dropped { get; init; }

    /// <summary>0–100: not started 0, started 25, half done 50, done 100, averaged; 0 with no actions.</summary>
    [Id(4)] public required int Percent { get; init; }
}

/// <summary>A plan as read: goals with their progress, and the actions.</summary>
[GenerateSerializer, Immutable]
public sealed record ActionPlanView
{
    [Id(0)] public required ConveningOwnerKind OwnerKind { get; init; }

    [Id(1)] public required string OwnerId { get; init; }

    [Id(2)] public required IReadOnlyList<PlanGoal> Goals { get; init; }

    [Id(3)] public required IReadOnlyList<GoalProgress> Progress { get; init; }

    [Id(4)] public required IReadOnlyList<PlanAction> Actions { get; init; }

    /// <summary>Goes up with every change.</summary>
    [Id(5)] public required long Version { get; init; }
}

/// <summary>What a facilitator sends to add or change a goal.</summary>
[GenerateSerializer, Immutable]
public sealed record GoalDraft
{
    [Id(0)] public string? Id { get; init; }

    [Id(1)] public string? Title { get; init; }

    [Id(2)] public string? Description { get; init; }

    [Id(3)] public IReadOnlyList<string>? RowIds { get; init; }
}

/// <summary>What a facilitator sends to add or change an action.</summary>
[GenerateSerializer, Immutable]
public sealed record ActionDraft
{
    [Id(0)] public string? Id { get; init; }

    [Id(1)] public string? GoalId { get; init; }

    [Id(2)] public string? Title { get; init; }

    [Id(3)] public string? OwnerMemberId { get; init; }

    [Id(4)] public DateOnly? DueOn { get; init; }

    /// <summary>Not started when left out.</summary>
    [Id(5)] public ActionStatus? Status { get; init; }

    [Id(6)] public string? Notes { get; init; }
}

/// <summary>What an action's owner (or a facilitator) sends to say where it stands.</summary>
[GenerateSerializer, Immutable]
public sealed record ActionProgressDraft
{
    [Id(0)] public ActionStatus? Status { get; init; }

    [Id(1)] public string? Notes { get; init; }
}

/// <summary>One change of a bulk status edit.</summary>
[GenerateSerializer, Immutable]
public sealed record StatusChange
{
    [Id(0)] public string? ActionId { get; init; }

    [Id(1)] public ActionStatus? Status { get; init; }
}

/// <summary>A bulk status edit: all its changes are made, or none.</summary>
[GenerateSerializer, Immutable]
public sealed record StatusChangesDraft
{
    [Id(0)] public IReadOnlyList<StatusChange?>? Changes { get; init; }
}

/// <summary>Who acts on a plan: a facilitator (may change anything) or the member whose own action it is.</summary>
[GenerateSerializer, Immutable]
public sealed record PlanActor
{
    [Id(0)] public required bool IsFacilitator { get; init; }

    /// <summary>The caller's member id on the owner's roster, if they are on it.</summary>
    [Id(1)] public string? MemberId { get; init; }
}

/// <summary>The facilitators' lists: open actions past their due date, and due from today to six days on.</summary>
[GenerateSerializer, Immutable]
public sealed record ActionAttention
{
    [Id(0)] public required DateOnly Today { get; init; }

    [Id(1)] public required IReadOnlyList<PlanAction> Overdue { get; init; }

    [Id(2)] public required IReadOnlyList<PlanAction> DueThisWeek { get; init; }
}

/// <summary>
/// A plan's facts for a period [<see cref="From"/>, <see cref="To"/>) (a quarter's report reads them): actions done in
/// it, and actions that fell overdue in it (due in the period and not done by their due date).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ActionFacts
{
    [Id(0)] public required DateOnly From { get; init; }

    /// <summary>The first day after the period.</summary>
    [Id(1)] public required DateOnly To { get; init; }

    [Id(2)] public required IReadOnlyList<PlanAction> Done { get; init; }

    [Id(3)] public required IReadOnlyList<PlanAction> Overdue { get; init; }

    /// <summary>Actions of the plan, not dropped, due in the period (the base of the two lists above).</summary>
    [Id(4)] public required int DueInPeriod { get; init; }
}

/// <summary>One row of a CSV import, numbered as in the file (the header is row 1).</summary>
[GenerateSerializer, Immutable]
public sealed record ImportRow
{
    [Id(0)] public required int Row { get; init; }

    [Id(1)] public required ActionDraft Action { get; init; }
}

/// <summary>What an import did.</summary>
[GenerateSerializer, Immutable]
public sealed record ImportResult
{
    [Id(0)] public required int Added { get; init; }

    [Id(1)] public required int Updated { get; init; }
}
