using LbcCommunity.ActionPlans;
using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Host.Demo;

/// <summary>
/// The CAFÉ team's action plan: two goals on rubric rows and actions owned by its members, dated from the day the demo
/// is loaded so the facilitator's lists have something in them (one done this quarter, one overdue, one due this week,
/// the rest later). A plan with goals is left as it is: loading twice changes nothing.
/// </summary>
public static partial class DemoData
{
    private static async Task<int> LoadActionPlanAsync(IGrainFactory grains, DateTimeOffset now)
    {
        var plan = grains.GetGrain<IActionPlanGrain>(ActionPlanKeys.Of(TenantId, ConveningOwnerKind.Team, CafeTeamId));
        if ((await plan.GetPlan()).Goals.Count > 0)
        {
            return 0;
        }

        var members = await grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, CafeTeamId)).ListMembers();
        string Owner(string displayName) => members.Single(m => m.DisplayName == displayName).Id;
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        await plan.SaveGoal(new GoalDraft
        {
            Id = "families-as-partners",
            Title = "Families plan with us, not only hear from us",
            Description = "Every decision about the ninth-grade transition is made with families at the table.",
            RowIds = ["participants-to-partners", "consensus-decisions"],
        }, creating: true);
        await plan.SaveGoal(new GoalDraft
        {
            Id = "fathers-being-involved",
            Title = "Fathers Being Involved (FBI) meets every month",
            RowIds = ["right-stakeholders", "action-plan"],
        }, creating: true);

        (string Id, string Goal, string Title, string Owner, int DueInDays, ActionStatus Status, string? Notes)[] actions =
        [
            ("survey-families", "families-as-partners", "Survey families on evening meeting times, in English and Spanish", "Parent mentor", -3, ActionStatus.Done, "112 answers; Tuesday evenings won."),
            ("translate-plan", "families-as-partners", "Translate the family-engagement plan into Spanish", "Special education teacher", -10, ActionStatus.Started, null),
            ("invite-mentors", "families-as-partners", "Invite two parent mentors to the next consensus meeting", "Team facilitator (district)", 3, ActionStatus.NotStarted, null),
            ("fbi-breakfast", "fathers-being-involved", "Host the FBI breakfast before the homecoming game", "Community partner (faith community)", 20, ActionStatus.HalfDone, "Church hall booked."),
            ("homeroom-monitors", "fathers-being-involved", "Recruit homeroom monitors among the fathers", "High school principal", 45, ActionStatus.NotStarted, null),
        ];
        foreach (var (id, goal, title, owner, dueInDays, status, notes) in actions)
        {
            await plan.SaveAction(new ActionDraft
            {
                Id = id,
                GoalId = goal,
                Title = title,
                OwnerMemberId = Owner(owner),
                DueOn = today.AddDays(dueInDays),
                Status = status,
                Notes = notes,
            }, creating: true);
        }

        return 2 + actions.Length;
    }
}
