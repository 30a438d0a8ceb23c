using LbcCommunity.ActionPlans;
using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Grains.Convenings;
using LbcCommunity.Notifications;
using LbcCommunity.Organization;
using LbcCommunity.Stories;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Tests.Grains;

/// <summary>
/// The action plan grain and the personal action plan's hand-over on the two-silo cluster. Reminders tick every second
/// of real time here; what is due is the fake domain clock's to say (<see cref="ClusterFixture.Clock"/>).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ActionPlanGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task A_members_and_a_guests_personal_actions_land_on_the_teams_plan_when_the_facilitator_closes_the_activity()
    {
        var team = await Team();
        TenantScope.Enter(team.TenantId);
        var (convening, facilitator, parent, guest) = await PersonalActionSession(team);
        TenantScope.Enter(team.TenantId);
        var due = Today().AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await convening.WritePersonalAction(Act(parent), "Ask two parents to join the team", due);
        await convening.WritePersonalAction(Act(guest), "Share the survey at church", null);
        var removed = await convening.WritePersonalAction(Act(guest), "Something I will not do", null);
        var written = await convening.GetPersonalActions(guest);
        await convening.RemovePersonalAction(Act(guest), written.Single(a => a.Text.StartsWith("Something", StringComparison.Ordinal)).Id);

        var before = await team.Plan.GetPlan();
        var notFacilitator = await CodeOf(() => convening.ClosePersonalActions(Act(parent)));
        await convening.ClosePersonalActions(Act(facilitator));
        var plan = await team.Plan.GetPlan();
        var late = await CodeOf(() => convening.WritePersonalAction(Act(parent), "Too late", null));

        Assert.True(removed.Sequence > 0);
        Assert.Empty(before.Actions);
        Assert.Equal(ErrorCodes.Forbidden, notFacilitator);
        Assert.Equal(ErrorCodes.PersonalActionsClosed, late);
        Assert.False(await convening.PersonalActionsOwed());
        var byParent = Assert.Single(plan.Actions, a => !a.OwnerIsGuest);
        var byGuest = Assert.Single(plan.Actions, a => a.OwnerIsGuest);
        Assert.Equal((parent, "Parent", Today().AddDays(10), ActionStatus.NotStarted, "pa-convening"), (byParent.OwnerMemberId, byParent.OwnerName, byParent.DueOn!.Value, byParent.Status, byParent.ConveningId));
        Assert.Equal(((string?)null, "Abuela Rosa", "Share the survey at church"), (byGuest.OwnerMemberId, byGuest.OwnerName, byGuest.Title));
        Assert.Equal(2, plan.Actions.Count);
    }

    [Fact]
    public async Task Closing_the_convening_with_the_activity_open_hands_the_actions_over_and_handing_them_again_adds_nothing()
    {
        var team = await Team();
        TenantScope.Enter(team.TenantId);
        var (convening, facilitator, parent, _) = await PersonalActionSession(team);
        TenantScope.Enter(team.TenantId);
        await convening.WritePersonalAction(Act(parent), "Call the district office", null);

        await convening.CloseConvening(Act(facilitator));
        var plan = await team.Plan.GetPlan();
        await team.Plan.ReceivePersonalActions("pa-convening", await convening.GetPersonalActions(null));
        await ClusterFixture.Deactivate(team.Plan);
        var again = await team.Plan.GetPlan();

        Assert.Equal("Call the district office", Assert.Single(plan.Actions).Title);
        Assert.Equal(plan.Actions, again.Actions);
        Assert.Equal(plan.Version, again.Version);
    }

    [Fact]
    public async Task A_hand_over_still_owed_when_the_convening_was_stored_is_paid_on_its_next_activation()
    {
        var team = await Team();
        TenantScope.Enter(team.TenantId);
        var (convening, facilitator, parent, _) = await PersonalActionSession(team);
        TenantScope.Enter(team.TenantId);
        await convening.WritePersonalAction(Act(parent), "Bring the data to the next meeting", null);
        await convening.ClosePersonalActions(Act(facilitator));
        await ClusterFixture.Deactivate(convening);
        await ClusterFixture.Deactivate(team.Plan);
        // As if the silo died between the close's write and the plan's: the debt is stored, the plan never got it.
        var storage = fixture.GrainStorage;
        var stored = new GrainState<ConveningState>();
        await storage.ReadStateAsync("convening", convening.GetGrainId(), stored);
        stored.State!.PlanHandOverOwed = true;
        await storage.WriteStateAsync("convening", convening.GetGrainId(), stored);
        var plan = new GrainState<LbcCommunity.Grains.ActionPlans.ActionPlanState>();
        await storage.ReadStateAsync("action-plan", team.Plan.GetGrainId(), plan);
        await storage.ClearStateAsync("action-plan", team.Plan.GetGrainId(), plan);

        TenantScope.Enter(team.TenantId);
        var emptied = await team.Plan.GetPlan();
        var owedAtStart = await convening.PersonalActionsOwed();
        var after = await team.Plan.GetPlan();

        Assert.Empty(emptied.Actions);
        Assert.False(owedAtStart);
        Assert.Equal("Bring the data to the next meeting", Assert.Single(after.Actions).Title);
    }

    [Fact]
    public async Task A_bulk_edit_or_an_import_with_one_bad_entry_changes_nothing()
    {
        var team = await Team();
        TenantScope.Enter(team.TenantId);
        var goal = await team.Plan.SaveGoal(new GoalDraft { Title = "Every family hears from us", RowIds = ["action-plan"] }, creating: true);
        var a = await team.Plan.SaveAction(new ActionDraft { GoalId = goal.Id, Title = "Send the newsletter", OwnerMemberId = team.Parent }, creating: true);
        var b = await team.Plan.SaveAction(new ActionDraft { GoalId = goal.Id, Title = "Hold a parent night", OwnerMemberId = team.Facilitator, Status = ActionStatus.Started }, creating: true);
        var before = await team.Plan.GetPlan();

        var bulk = await Assert.ThrowsAsync<DomainValidationException>(() => team.Plan.SetStatuses(new StatusChangesDraft
        {
            Changes = [new StatusChange { ActionId = a.Id, Status = ActionStatus.Done }, new StatusChange { ActionId = "nope", Status = ActionStatus.Done }],
        }));
        var import = await Assert.ThrowsAsync<DomainValidationException>(() => team.Plan.Import(
        [
            new ImportRow { Row = 2, Action = new ActionDraft { Id = a.Id, Title = "Send the newsletter monthly", OwnerMemberId = team.Parent, Status = ActionStatus.Done } },
            new ImportRow { Row = 3, Action = new ActionDraft { Title = "New action", OwnerMemberId = "not-on-roster", GoalId = "no-goal" } },
        ]));
        var unchanged = await team.Plan.GetPlan();
        var done = await team.Plan.SetStatuses(new StatusChangesDraft { Changes = [new StatusChange { ActionId = a.Id, Status = ActionStatus.Done }, new StatusChange { ActionId = b.Id, Status = ActionStatus.HalfDone }] });
        var after = await team.Plan.GetPlan();

        Assert.Equal("changes[1].actionId", Assert.Single(bulk.Errors).Key);
        Assert.Equal(["rows[3].goal_id", "rows[3].owner_member_id"], import.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before.Actions, unchanged.Actions);
        Assert.Equal(before.Version, unchanged.Version);
        Assert.Equal([ActionStatus.Done, ActionStatus.HalfDone], done.Select(x => x.Status));
        Assert.Equal(75, Assert.Single(after.Progress).Percent);
        Assert.Equal("rowIds[0]", Assert.Single((await Assert.ThrowsAsync<DomainValidationException>(() => team.Plan.SaveGoal(new GoalDraft { Title = "x", RowIds = ["atlantis"] }, creating: true))).Errors).Key);
        await Assert.ThrowsAsync<EntityConflictException>(() => team.Plan.SaveGoal(new GoalDraft { Id = goal.Id, Title = "Again" }, creating: true));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => team.Plan.SaveAction(new ActionDraft { Id = "no-such-action", Title = "x", OwnerMemberId = team.Parent }, creating: false));
    }

    [Fact]
    public async Task Only_the_actions_owner_or_a_facilitator_says_where_it_stands()
    {
        var team = await Team();
        TenantScope.Enter(team.TenantId);
        var action = await team.Plan.SaveAction(new ActionDraft { Title = "Translate the flyer", OwnerMemberId = team.Parent }, creating: true);

        await Assert.ThrowsAsync<AccessDeniedException>(() => team.Plan.UpdateProgress(action.Id, new ActionProgressDraft { Status = ActionStatus.Done }, new PlanActor { IsFacilitator = false, MemberId = team.Facilitator }));
        var own = await team.Plan.UpdateProgress(action.Id, new ActionProgressDraft { Status = ActionStatus.HalfDone, Notes = "Spanish done, Vietnamese next" }, new PlanActor { IsFacilitator = false, MemberId = team.Parent });
        var facilitator = await team.Plan.UpdateProgress(action.Id, new ActionProgressDraft { Status = ActionStatus.Done, Notes = own.Notes }, new PlanActor { IsFacilitator = true });

        Assert.Equal((ActionStatus.HalfDone, "Spanish done, Vietnamese next"), (own.Status, own.Notes));
        Assert.Equal(ActionStatus.Done, facilitator.Status);
        Assert.NotNull(facilitator.DoneAt);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => team.Plan.UpdateProgress("nope", new ActionProgressDraft { Status = ActionStatus.Done }, new PlanActor { IsFacilitator = true }));
    }

    [Fact]
    public async Task The_plans_reminder_tells_the_owner_once_when_an_action_is_due_this_week_and_once_when_it_is_overdue_and_the_digest_mails_it()
    {
        var team = await Team();
        TenantScope.Enter(team.TenantId);
        var inbox = _grains.GetGrain<IPersonNotificationsGrain>(NotificationKeys.Person(team.TenantId, team.ParentPersonId));
        var due = Today().AddDays(3);
        var action = await team.Plan.SaveAction(new ActionDraft { Title = "Visit the family resource center", OwnerMemberId = team.Parent, DueOn = due }, creating: true);
        await team.Plan.SaveAction(new ActionDraft { Title = "Later", OwnerMemberId = team.Parent, DueOn = Today().AddDays(30) }, creating: true);

        var soon = await Until(() => inbox.GetNotifications(20, null), page => page.Items.Any(n => n.Kind == StoryActivityKind.ActionDueSoon));
        ClusterFixture.Clock.Advance(TimeSpan.FromDays(4));
        var overdue = await Until(() => inbox.GetNotifications(20, null), page => page.Items.Any(n => n.Kind == StoryActivityKind.ActionOverdue));
        var extra = await team.Plan.SendReminders();
        var attention = await team.Plan.Attention();
        ClusterFixture.Clock.Advance(TimeSpan.FromDays(1));
        var email = $"parent@{team.TenantId}.test";
        var digest = await Until(() => Task.FromResult(RecordingMailer.Instance.SentTo(email)), sent => sent.Count > 0);

        var dueSoon = Assert.Single(soon.Items, n => n.Kind == StoryActivityKind.ActionDueSoon);
        Assert.Equal((action.Id, "CAFÉ", due), (dueSoon.Action!.ActionId, dueSoon.CommunityName, dueSoon.Action.DueOn));
        Assert.Single(overdue.Items, n => n.Kind == StoryActivityKind.ActionOverdue);
        Assert.Equal(2, overdue.Items.Count);
        Assert.Equal(0, extra);
        Assert.Equal(action.Id, Assert.Single(attention.Overdue).Id);
        Assert.Contains(Assert.Single(digest).Items, n => n.Kind == StoryActivityKind.ActionOverdue && n.Action!.ActionId == action.Id);
    }

    private static DateOnly Today() => ActionPlanRules.Today(ClusterFixture.Clock.GetUtcNow());

    private async Task<TeamWorld> Team()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        await _grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(state, "graduatefirst")).EnrolTeam(new TeamDraft { Id = "cafe", Name = "CAFÉ", DistrictId = "meriwether" });
        var roster = _grains.GetGrain<ITeamGrain>(GrainKeys.Of(state, "cafe"));
        var facilitator = await roster.AddMember(new MemberDraft { DisplayName = "Facilitator", Email = $"facilitator@{state}.test", StakeholderRole = StakeholderRole.DistrictAdministrator, IsFacilitator = true });
        var parent = await roster.AddMember(new MemberDraft { DisplayName = "Parent", Email = $"parent@{state}.test", StakeholderRole = StakeholderRole.FamilyMember });
        var personId = (await _grains.GetGrain<ITenantAccessGrain>(state).ListPeople()).Single(p => p.Email == $"parent@{state}.test").Id;
        return new TeamWorld(state, _grains.GetGrain<IActionPlanGrain>(ActionPlanKeys.Of(state, ConveningOwnerKind.Team, "cafe")), facilitator.Id, parent.Id, personId);
    }

    private async Task<(IConveningGrain Convening, string Facilitator, string Parent, string Guest)> PersonalActionSession(TeamWorld team)
    {
        TenantScope.Enter(team.TenantId);
        var convening = _grains.GetGrain<IConveningGrain>(GrainKeys.Of(team.TenantId, "pa-convening"));
        await convening.Create(new ConveningDraft
        {
            Id = "pa-convening",
            Title = "September learning day",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = "cafe",
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.PersonalActionPlan, Title = "My next steps" }],
        });
        var now = ClusterFixture.Clock.GetUtcNow();
        await convening.AddJoinCode(new JoinCode { Id = "jc-families", IssuedAt = now, ExpiresAt = now.AddDays(1), IssuedBy = "p-facilitator" });
        await convening.Join(new JoinRequest { MemberId = team.Facilitator });
        await convening.Join(new JoinRequest { MemberId = team.Parent });
        var guest = await convening.Join(new JoinRequest { GuestName = "Abuela Rosa", GuestRole = StakeholderRole.FamilyMember, GuestId = "guest-rosa", JoinCodeId = "jc-families" });
        await convening.StartActivity(Act(team.Facilitator), "item-1");
        return (convening, team.Facilitator, team.Parent, guest.Participant.Id);
    }

    private static ConveningAction Act(string participantId) => new() { ActionId = Guid.NewGuid().ToString("N"), ParticipantId = participantId };

    private static async Task<string?> CodeOf(Func<Task> act)
    {
        try
        {
            await act();
            return null;
        }
        catch (DomainValidationException e)
        {
            return e.Code;
        }
    }

    private static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }

    private sealed record TeamWorld(string TenantId, IActionPlanGrain Plan, string Facilitator, string Parent, string ParentPersonId);
}
