using System.Globalization;
using LbcCommunity.Validation;

namespace LbcCommunity.ActionPlans;

/// <summary>What an action's owner is reminded of: it is due within the week, or it is past its due date.</summary>
public enum ActionNoticeKind
{
    DueSoon = 1,
    Overdue = 2,
}

/// <summary>
/// The rules of action plans, pure: validation by field, a goal's progress, the facilitators' lists, a period's facts and
/// which reminders are owed. The grain, the endpoints and the tests all use them.
/// </summary>
public static class ActionPlanRules
{
    public const int TitleMaxLength = 300;

    public const int NotesMaxLength = 2000;

    /// <summary>Goals per plan, and actions per plan.</summary>
    public const int MaxGoals = 50;

    public const int MaxActions = 1000;

    /// <summary>Rows a goal may name.</summary>
    public const int MaxRowsPerGoal = 20;

    /// <summary>Changes in one bulk status edit (and rows in one import).</summary>
    public const int MaxChanges = 500;

    /// <summary>How many days from today "due this week" reaches (today and the six days after it).</summary>
    public const int WeekDays = 7;

    public static void Validate(GoalDraft draft, ISet<string> knownRowIds)
    {
        var v = new Validator().Slug("id", draft.Id, required: false).RequiredText("title", draft.Title, TitleMaxLength).OptionalText("description", draft.Description);
        var rows = draft.RowIds ?? [];
        if (rows.Count > MaxRowsPerGoal)
        {
            v.Add("rowIds", $"A goal names at most {MaxRowsPerGoal} rubric rows.");
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not { } row || !knownRowIds.Contains(row))
            {
                v.Add($"rowIds[{i}]", $"'{rows[i]}' is not a row of the rubric.");
            }
            else if (rows.Take(i).Contains(row, StringComparer.Ordinal))
            {
                v.Add($"rowIds[{i}]", $"Row '{row}' is named twice.");
            }
        }

        v.ThrowIfInvalid();
    }

    /// <summary>
    /// Checks an action against the plan and roster: <paramref name="prefix"/> goes before each field (<c>""</c> for a
    /// single action, <c>rows[3].</c> for an import). Adds to <paramref name="v"/>.
    /// </summary>
    public static void Check(Validator v, ActionDraft draft, ISet<string> goalIds, ISet<string> memberIds, bool ownerRequired, string prefix = "", bool csvColumns = false)
    {
        string F(string field) => prefix + (csvColumns ? CsvColumnOf(field) : field);
        v.Slug(F("id"), draft.Id, required: false)
            .RequiredText(F("title"), draft.Title, TitleMaxLength)
            .OptionalText(F("notes"), draft.Notes, NotesMaxLength);
        if (draft.GoalId is { } goalId && !goalIds.Contains(goalId))
        {
            v.Add(F("goalId"), $"The plan has no goal '{goalId}'.");
        }

        if (draft.OwnerMemberId is { } owner)
        {
            if (!memberIds.Contains(owner))
            {
                v.Add(F("ownerMemberId"), $"'{owner}' is not a member of the roster.");
            }
        }
        else if (ownerRequired)
        {
            v.Add(F("ownerMemberId"), "The owner is required: an action has an owner on the roster.");
        }

        if (draft.Status is { } status && !Enum.IsDefined(status))
        {
            v.Add(F("status"), StatusMessage("status"));
        }

        if (draft.DueOn is { } due && (due.Year < 2000 || due.Year > 2100))
        {
            v.Add(F("dueOn"), "The due date is a day from 2000-01-01 to 2100-12-31.");
        }
    }

    /// <summary>The CSV column of an action's field (<c>ownerMemberId</c> → <c>owner_member_id</c>).</summary>
    public static string CsvColumnOf(string field) =>
        string.Concat(field.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));

    public static void Validate(ActionProgressDraft draft)
    {
        var v = new Validator().OptionalText("notes", draft.Notes, NotesMaxLength);
        if (draft.Status is not { } status || !Enum.IsDefined(status))
        {
            v.Add("status", StatusMessage("status"));
        }

        v.ThrowIfInvalid();
    }

    /// <summary>Checks a bulk edit's shape (every change names an action and a status; each action once).</summary>
    public static void Validate(StatusChangesDraft draft, ISet<string>? actionIds = null)
    {
        var v = new Validator();
        var changes = draft.Changes;
        if (changes is null || changes.Count == 0)
        {
            v.Add("changes", "'changes' names at least one action and its status.");
        }
        else if (changes.Count > MaxChanges)
        {
            v.Add("changes", $"At most {MaxChanges} changes at once.");
        }
        else
        {
            for (var i = 0; i < changes.Count; i++)
            {
                var change = changes[i];
                if (change?.ActionId is not { } id || !Validator.IsSlug(id))
                {
                    v.Add($"changes[{i}].actionId", "'actionId' is required: the id of an action of the plan.");
                }
                else if (actionIds is not null && !actionIds.Contains(id))
                {
                    v.Add($"changes[{i}].actionId", $"The plan has no action '{id}'.");
                }
                else if (changes.Take(i).Any(c => c?.ActionId == id))
                {
                    v.Add($"changes[{i}].actionId", $"Action '{id}' is named twice.");
                }

                if (change?.Status is not { } status || !Enum.IsDefined(status))
                {
                    v.Add($"changes[{i}].status", StatusMessage("status"));
                }
            }
        }

        v.ThrowIfInvalid();
    }

    /// <summary>The weight of a status in a goal's percent.</summary>
    public static int Weight(ActionStatus status) => status switch
    {
        ActionStatus.Started => 25,
        ActionStatus.HalfDone => 50,
        ActionStatus.Done => 100,
        _ => 0,
    };

    /// <summary>A goal's progress from its actions: dropped ones are left out; the percent is the mean weight, rounded down.</summary>
    public static GoalProgress Progress(string goalId, IEnumerable<PlanAction> actions)
    {
        var mine = actions.Where(a => a.GoalId == goalId).ToList();
        var counted = mine.Where(a => a.Status != ActionStatus.Dropped).ToList();
        return new GoalProgress
        {
            GoalId = goalId,
            Actions = counted.Count,
            Done = counted.Count(a => a.Status == ActionStatus.Done),
            Dropped = mine.Count - counted.Count,
            Percent = counted.Count == 0 ? 0 : counted.Sum(a => Weight(a.Status)) / counted.Count,
        };
    }

    /// <summary>Open: neither done nor dropped.</summary>
    public static bool IsOpen(PlanAction action) => action.Status is not (ActionStatus.Done or ActionStatus.Dropped);

    /// <summary>Open and due before <paramref name="today"/>.</summary>
    public static bool IsOverdue(PlanAction action, DateOnly today) => IsOpen(action) && action.DueOn < today;

    /// <summary>Open and due from <paramref name="today"/> to six days after it.</summary>
    public static bool IsDueThisWeek(PlanAction action, DateOnly today) =>
        IsOpen(action) && action.DueOn is { } due && due >= today && due < today.AddDays(WeekDays);

    /// <summary>The facilitators' lists, each soonest due first.</summary>
    public static ActionAttention Attention(IEnumerable<PlanAction> actions, DateOnly today)
    {
        var list = actions.ToList();
        return new ActionAttention
        {
            Today = today,
            Overdue = [.. list.Where(a => IsOverdue(a, today)).OrderBy(a => a.DueOn).ThenBy(a => a.Id, StringComparer.Ordinal)],
            DueThisWeek = [.. list.Where(a => IsDueThisWeek(a, today)).OrderBy(a => a.DueOn).ThenBy(a => a.Id, StringComparer.Ordinal)],
        };
    }

    /// <summary>The day of <paramref name="at"/> in UTC (the plan's dates are calendar days; the service counts them in UTC).</summary>
    public static DateOnly Today(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    /// <summary>
    /// The facts of [<paramref name="from"/>, <paramref name="to"/>): done in it (marked done on a day in the period),
    /// and overdue in it: not dropped, due on a day in the period before <paramref name="today"/>, and not done by the
    /// end of its due date (still open, or done later).
    /// </summary>
    public static ActionFacts Facts(IEnumerable<PlanAction> actions, DateOnly from, DateOnly to, DateOnly today)
    {
        if (to <= from)
        {
            throw Errors.DomainValidationException.For("to", "'to' must be after 'from'.");
        }

        var list = actions.ToList();
        var due = list.Where(a => a.Status != ActionStatus.Dropped && a.DueOn is { } d && d >= from && d < to).ToList();
        return new ActionFacts
        {
            From = from,
            To = to,
            Done = [.. list.Where(a => a.Status == ActionStatus.Done && a.DoneAt is { } at && Today(at) >= from && Today(at) < to).OrderBy(a => a.DoneAt)],
            Overdue = [.. due.Where(a => a.DueOn < today && (IsOpen(a) || (a.Status == ActionStatus.Done && a.DoneAt is { } at && Today(at) > a.DueOn))).OrderBy(a => a.DueOn)],
            DueInPeriod = due.Count,
        };
    }

    /// <summary>The key of a reminder notice: each is sent once per action, kind and due date (a new date is reminded again).</summary>
    public static string NoticeKey(string actionId, ActionNoticeKind kind, DateOnly dueOn) =>
        string.Create(CultureInfo.InvariantCulture, $"{actionId}/{kind}/{dueOn:yyyy-MM-dd}");

    /// <summary>
    /// The notices owed today: an open action of a member with a due date gets <see cref="ActionNoticeKind.DueSoon"/>
    /// once it is due this week and <see cref="ActionNoticeKind.Overdue"/> the day after its due date, each once
    /// (<paramref name="sent"/> holds the keys already sent). An overdue action gets no "due soon" after the fact.
    /// </summary>
    public static IReadOnlyList<(PlanAction Action, ActionNoticeKind Kind, string Key)> NoticesOwed(IEnumerable<PlanAction> actions, DateOnly today, ISet<string> sent)
    {
        var owed = new List<(PlanAction, ActionNoticeKind, string)>();
        foreach (var action in actions)
        {
            if (action.OwnerMemberId is null || action.DueOn is not { } due || !IsOpen(action))
            {
                continue;
            }

            var kind = IsOverdue(action, today) ? ActionNoticeKind.Overdue : IsDueThisWeek(action, today) ? ActionNoticeKind.DueSoon : (ActionNoticeKind?)null;
            if (kind is { } k && !sent.Contains(NoticeKey(action.Id, k, due)))
            {
                owed.Add((action, k, NoticeKey(action.Id, k, due)));
            }
        }

        return owed;
    }

    /// <summary>Whether any open action of a member has a due date: the plan's reminder is needed while one has.</summary>
    public static bool NeedsReminder(IEnumerable<PlanAction> actions) =>
        actions.Any(a => a.OwnerMemberId is not null && a.DueOn is not null && IsOpen(a));

    /// <summary>The action after a status change (done stamps <see cref="PlanAction.DoneAt"/>, anything else clears it).</summary>
    public static PlanAction WithStatus(PlanAction action, ActionStatus status, DateTimeOffset now) =>
        action.Status == status ? action : action with
        {
            Status = status,
            DoneAt = status == ActionStatus.Done ? now : null,
            UpdatedAt = now,
        };

    private static string StatusMessage(string field) => $"'{field}' must be one of: {string.Join(", ", Enum.GetNames<ActionStatus>())}.";
}
