using LbcCommunity.ActionPlans;
using LbcCommunity.Convenings;
using Orleans.Concurrency;

namespace LbcCommunity.Contracts;

/// <summary>
/// A team's or community's action plan: goals tied to rubric rows, actions with an owner, a due date and a status.
/// Key: <c>{tenant}/{team|community}/{ownerId}</c> (<see cref="ActionPlanKeys.Of"/>). Facilitators change goals and
/// actions; an action's owner says where their own action stands; a durable reminder tells owners of what is due.
/// </summary>
public interface IActionPlanGrain : IGrainWithStringKey
{
    /// <summary>The plan (an owner that exists has one, empty at first).</summary>
    [AlwaysInterleave]
    Task<ActionPlanView> GetPlan();

    /// <summary>Adds a goal (<paramref name="creating"/>: an id already taken is a conflict) or changes one (not found when it is not the plan's).</summary>
    Task<PlanGoal> SaveGoal(GoalDraft draft, bool creating);

    /// <summary>Adds an action or changes one, as <see cref="SaveGoal"/>: facilitators only (the endpoint checks).</summary>
    Task<PlanAction> SaveAction(ActionDraft draft, bool creating);

    /// <summary>The owner's (or a facilitator's) update of one action's status and notes.</summary>
    Task<PlanAction> UpdateProgress(string actionId, ActionProgressDraft draft, PlanActor actor);

    /// <summary>Sets the status of many actions at once: all or none.</summary>
    Task<IReadOnlyList<PlanAction>> SetStatuses(StatusChangesDraft draft);

    /// <summary>Adds and changes actions from a CSV import: every row is checked first; one bad row changes nothing.</summary>
    Task<ImportResult> Import(IReadOnlyList<ImportRow> rows);

    /// <summary>Open actions past due and due this week, by the domain clock's today.</summary>
    [AlwaysInterleave]
    Task<ActionAttention> Attention();

    /// <summary>Actions done and overdue in [<paramref name="from"/>, <paramref name="before"/>), for a period's report (a quarter: from its first day, before the next quarter's).</summary>
    [AlwaysInterleave]
    Task<ActionFacts> Facts(DateOnly from, DateOnly before);

    /// <summary>
    /// The personal actions a convening's participants wrote, handed over when its activity (or the convening) closed.
    /// Idempotent by action id: a hand-over retried after a crash adds nothing twice.
    /// </summary>
    Task ReceivePersonalActions(string conveningId, IReadOnlyList<PersonalAction> actions);

    /// <summary>Sends the reminders owed today (the plan's reminder calls it; so may a test).</summary>
    Task<int> SendReminders();
}

/// <summary>The keys of action plans.</summary>
public static class ActionPlanKeys
{
    public static string Of(string tenantId, ConveningOwnerKind kind, string ownerId) =>
        Tenancy.GrainKeys.Of(tenantId, kind == ConveningOwnerKind.Team ? "team" : "community", ownerId);
}
