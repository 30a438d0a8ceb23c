using LbcCommunity.ActionPlans;
using LbcCommunity.Errors;
using LbcCommunity.Validation;

namespace LbcCommunity.Tests.ActionPlans;

public sealed class ActionPlanRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static readonly DateTimeOffset Now = new(2026, 3, 10, 15, 0, 0, TimeSpan.Zero);

    internal static PlanAction Action(string id, ActionStatus status = ActionStatus.NotStarted, DateOnly? due = null, string? goal = "g", string? owner = "m-1", DateTimeOffset? doneAt = null) => new()
    {
        Id = id,
        GoalId = goal,
        Title = $"Action {id}",
        OwnerMemberId = owner,
        OwnerName = owner ?? "Abuela",
        OwnerIsGuest = owner is null,
        DueOn = due,
        Status = status,
        CreatedAt = Now,
        UpdatedAt = Now,
        DoneAt = status == ActionStatus.Done ? doneAt ?? Now : null,
    };

    [Fact]
    public void A_goals_progress_is_the_mean_weight_of_its_actions_rounded_down_with_dropped_ones_left_out()
    {
        var actions = new[]
        {
            Action("a", ActionStatus.Done), Action("b", ActionStatus.HalfDone), Action("c", ActionStatus.Started),
            Action("d", ActionStatus.Dropped), Action("e", ActionStatus.NotStarted), Action("other", ActionStatus.Done, goal: "h"),
        };

        var progress = ActionPlanRules.Progress("g", actions);
        var empty = ActionPlanRules.Progress("none", actions);

        // (100 + 50 + 25 + 0) / 4 = 43.75 → 43
        Assert.Equal((4, 1, 1, 43), (progress.Actions, progress.Done, progress.Dropped, progress.Percent));
        Assert.Equal((0, 0, 0, 0), (empty.Actions, empty.Done, empty.Dropped, empty.Percent));
        Assert.Equal(100, ActionPlanRules.Progress("h", actions).Percent);
    }

    [Fact]
    public void Overdue_is_open_and_due_before_today_and_due_this_week_runs_from_today_to_six_days_on()
    {
        var actions = new[]
        {
            Action("yesterday", due: Today.AddDays(-1)), Action("today", ActionStatus.Started, due: Today), Action("sixth", due: Today.AddDays(6)),
            Action("seventh", due: Today.AddDays(7)), Action("done-late", ActionStatus.Done, due: Today.AddDays(-3)),
            Action("dropped", ActionStatus.Dropped, due: Today.AddDays(-3)), Action("undated"), Action("long-ago", ActionStatus.HalfDone, due: Today.AddDays(-40)),
        };

        var attention = ActionPlanRules.Attention(actions, Today);

        Assert.Equal(["long-ago", "yesterday"], attention.Overdue.Select(a => a.Id));
        Assert.Equal(["today", "sixth"], attention.DueThisWeek.Select(a => a.Id));
    }

    [Fact]
    public void A_periods_facts_count_what_was_done_in_it_and_what_fell_overdue_in_it()
    {
        var from = new DateOnly(2026, 1, 1);
        var to = new DateOnly(2026, 4, 1);
        var actions = new[]
        {
            Action("done-in", ActionStatus.Done, due: new(2026, 2, 1), doneAt: new(2026, 1, 20, 9, 0, 0, TimeSpan.Zero)),
            Action("done-late", ActionStatus.Done, due: new(2026, 2, 1), doneAt: new(2026, 2, 5, 9, 0, 0, TimeSpan.Zero)),
            Action("done-before", ActionStatus.Done, due: new(2025, 12, 1), doneAt: new(2025, 11, 20, 9, 0, 0, TimeSpan.Zero)),
            Action("open-past", ActionStatus.Started, due: new(2026, 3, 1)),
            Action("open-not-yet", due: new(2026, 3, 20)),
            Action("dropped", ActionStatus.Dropped, due: new(2026, 2, 1)),
            Action("due-next-quarter", due: new(2026, 5, 1)),
        };

        var facts = ActionPlanRules.Facts(actions, from, to, Today);

        Assert.Equal(["done-in", "done-late"], facts.Done.Select(a => a.Id));
        Assert.Equal(["done-late", "open-past"], facts.Overdue.Select(a => a.Id).Order(StringComparer.Ordinal));
        Assert.Equal(4, facts.DueInPeriod);
        Assert.Equal("to", Assert.Single(Assert.Throws<DomainValidationException>(() => ActionPlanRules.Facts(actions, to, from, Today)).Errors).Key);
    }

    [Fact]
    public void Owners_are_reminded_once_when_an_action_is_due_this_week_and_once_when_it_is_overdue_and_again_for_a_new_date()
    {
        var soon = Action("soon", due: Today.AddDays(3));
        var late = Action("late", ActionStatus.Started, due: Today.AddDays(-1));
        var guest = Action("guest", due: Today.AddDays(1), owner: null);
        var later = Action("later", due: Today.AddDays(20));
        var sent = new HashSet<string>(StringComparer.Ordinal);

        var first = ActionPlanRules.NoticesOwed([soon, late, guest, later, Action("done", ActionStatus.Done, due: Today)], Today, sent);
        foreach (var (_, _, key) in first)
        {
            sent.Add(key);
        }

        var again = ActionPlanRules.NoticesOwed([soon, late], Today, sent);
        var afterDue = ActionPlanRules.NoticesOwed([soon], Today.AddDays(4), sent);
        var moved = ActionPlanRules.NoticesOwed([soon with { DueOn = Today.AddDays(5) }], Today, sent);

        Assert.Equal([("soon", ActionNoticeKind.DueSoon), ("late", ActionNoticeKind.Overdue)], first.Select(n => (n.Action.Id, n.Kind)));
        Assert.Empty(again);
        Assert.Equal(ActionNoticeKind.Overdue, Assert.Single(afterDue).Kind);
        Assert.Equal("soon/DueSoon/2026-03-15", Assert.Single(moved).Key);
        Assert.True(ActionPlanRules.NeedsReminder([soon]));
        Assert.False(ActionPlanRules.NeedsReminder([guest, later with { DueOn = null }, Action("d", ActionStatus.Done, due: Today)]));
    }

    [Fact]
    public void Marking_done_stamps_when_and_moving_back_clears_it()
    {
        var done = ActionPlanRules.WithStatus(Action("a"), ActionStatus.Done, Now);
        var back = ActionPlanRules.WithStatus(done, ActionStatus.HalfDone, Now.AddDays(1));

        Assert.Equal(Now, done.DoneAt);
        Assert.Null(back.DoneAt);
        Assert.Same(done, ActionPlanRules.WithStatus(done, ActionStatus.Done, Now.AddDays(2)));
    }

    [Fact]
    public void A_goal_names_only_rows_of_the_rubric_each_once_and_every_problem_by_field()
    {
        var error = Assert.Throws<DomainValidationException>(() => ActionPlanRules.Validate(
            new GoalDraft { Title = " ", RowIds = ["family-voice", "atlantis", "family-voice"] },
            new HashSet<string>(["family-voice"], StringComparer.Ordinal)));

        Assert.Equal(["rowIds[1]", "rowIds[2]", "title"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_action_names_a_goal_of_the_plan_and_an_owner_on_the_roster_in_json_fields_or_csv_columns()
    {
        var goals = new HashSet<string>(["g"], StringComparer.Ordinal);
        var members = new HashSet<string>(["m-1"], StringComparer.Ordinal);
        var json = new Validator();
        var csv = new Validator();
        var draft = new ActionDraft { GoalId = "nope", Title = "Call the parent mentors", OwnerMemberId = "m-9", DueOn = new DateOnly(1999, 1, 1) };

        ActionPlanRules.Check(json, draft, goals, members, ownerRequired: true);
        ActionPlanRules.Check(csv, draft with { OwnerMemberId = null }, goals, members, ownerRequired: true, "rows[4].", csvColumns: true);

        Assert.Equal(["dueOn", "goalId", "ownerMemberId"], json.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["rows[4].due_on", "rows[4].goal_id", "rows[4].owner_member_id"], csv.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_bulk_edit_names_each_action_once_with_a_status_and_only_actions_of_the_plan()
    {
        var ids = new HashSet<string>(["a", "b"], StringComparer.Ordinal);
        var error = Assert.Throws<DomainValidationException>(() => ActionPlanRules.Validate(new StatusChangesDraft
        {
            Changes = [new StatusChange { ActionId = "a", Status = ActionStatus.Done }, new StatusChange { ActionId = "a", Status = ActionStatus.Done }, new StatusChange { ActionId = "z", Status = (ActionStatus)9 }, null],
        }, ids));
        var empty = Assert.Throws<DomainValidationException>(() => ActionPlanRules.Validate(new StatusChangesDraft { Changes = [] }));

        Assert.Equal(["changes[1].actionId", "changes[2].actionId", "changes[2].status", "changes[3].actionId", "changes[3].status"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("changes", Assert.Single(empty.Errors).Key);
    }
}
