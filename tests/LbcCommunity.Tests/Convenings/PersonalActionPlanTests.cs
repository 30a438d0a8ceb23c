using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Organization;

namespace LbcCommunity.Tests.Convenings;

public sealed class PersonalActionPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 15, 0, 0, TimeSpan.Zero);

    private static readonly Participant Guest = new() { Id = "guest-1", DisplayName = "Abuela Rosa", StakeholderRole = StakeholderRole.FamilyMember, IsFacilitator = false, IsGuest = true };

    private static readonly Participant Teacher = new() { Id = "m-2", DisplayName = "Ms. Lee", StakeholderRole = StakeholderRole.Teacher, IsFacilitator = false, IsGuest = false };

    private static PersonalActionsActivity With(params PersonalAction[] actions) => new() { Actions = actions, Closed = false };

    [Fact]
    public void A_participant_writes_up_to_three_actions_of_their_own_with_a_due_date_from_today()
    {
        var activity = With();
        var written = new List<PersonalAction>();
        for (var i = 0; i < 3; i++)
        {
            written.Add(PersonalActionPlan.Write(activity with { Actions = written }, Guest, null, $"pa-{i}", $"  Call the school {i} ", i == 0 ? "2026-03-10" : null, Now));
        }

        var fourth = Assert.Throws<DomainValidationException>(() => PersonalActionPlan.Write(activity with { Actions = written }, Guest, null, "pa-3", "More", null, Now));
        var teachers = PersonalActionPlan.Write(activity with { Actions = written }, Teacher, "m-2", "pa-4", "Share the survey", "2026-04-01", Now);

        Assert.Equal(("Call the school 0", new DateOnly(2026, 3, 10), true, "Abuela Rosa"), (written[0].Text, written[0].DueOn, written[0].IsGuest, written[0].OwnerName));
        Assert.Equal("text", Assert.Single(fourth.Errors).Key);
        Assert.Equal(("m-2", false), (teachers.MemberId, teachers.IsGuest));
    }

    [Theory]
    [InlineData("2026-03-09")]
    [InlineData("2028-03-10")]
    [InlineData("10/03/2026")]
    [InlineData("2026-02-30")]
    public void A_due_date_in_the_past_more_than_two_years_on_or_not_a_date_is_refused_naming_dueOn(string dueOn)
    {
        var error = Assert.Throws<DomainValidationException>(() => PersonalActionPlan.Write(With(), Guest, null, "pa", "Call", dueOn, Now));

        Assert.Equal("dueOn", Assert.Single(error.Errors).Key);
    }

    [Fact]
    public void Only_ones_own_action_is_removed_and_a_closed_plan_takes_nothing()
    {
        var mine = PersonalActionPlan.Write(With(), Guest, null, "pa-1", "Call", null, Now);
        var activity = With(mine);

        var notMine = Assert.Throws<DomainValidationException>(() => PersonalActionPlan.Remove(activity, Teacher.Id, "pa-1"));
        var closed = PersonalActionPlan.Close(activity);
        var write = Assert.Throws<DomainValidationException>(() => PersonalActionPlan.Write(closed, Teacher, "m-2", "pa-2", "Share", null, Now));
        var remove = Assert.Throws<DomainValidationException>(() => PersonalActionPlan.Remove(closed, Guest.Id, "pa-1"));

        Assert.Same(mine, PersonalActionPlan.Remove(activity, Guest.Id, "pa-1"));
        Assert.Equal("personalActionId", Assert.Single(notMine.Errors).Key);
        Assert.Equal((ErrorCodes.PersonalActionsClosed, ErrorCodes.PersonalActionsClosed), (write.Code, remove.Code));
        Assert.Throws<DomainValidationException>(() => PersonalActionPlan.Close(closed));
    }
}
