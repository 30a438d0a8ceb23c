using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Grains.Convenings;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Tests.Grains;

/// <summary>
/// The owner's list of convenings (<see cref="IConveningIndexGrain"/>) as convenings are planned, go live and end; what a
/// crash between a convening's write and its index's leaves, and how the list repairs it; and the summary afterwards.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ConveningListingTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task A_convening_is_listed_by_its_team_as_planned_then_live_then_ended_with_its_start_and_by_status()
    {
        var (state, team) = await NewTeam();
        TenantScope.Enter(state);
        var startsAt = ClusterFixture.Clock.GetUtcNow().AddDays(14);
        var convening = await Plan(state, team, "december-day", startsAt);
        await Plan(state, team, "january-day", startsAt.AddDays(30));
        var index = Index(state, team.Id);

        var planned = await index.List(null);
        Assert.Equal(["december-day", "january-day"], planned.Select(l => l.Id));
        Assert.Equal((ConveningStatus.Planned, startsAt, ConveningOwnerKind.Team, team.Id), (planned[0].Status, planned[0].StartsAt, planned[0].OwnerKind, planned[0].OwnerId));
        Assert.Equal(startsAt, (await convening.TryGet())!.StartsAt);

        var facilitator = await Join(convening, team);
        await convening.StartActivity(Act(facilitator), "item-1");
        var live = await index.List(ConveningStatus.Live);
        Assert.Equal("december-day", Assert.Single(live).Id);
        Assert.Equal("january-day", Assert.Single(await index.List(ConveningStatus.Planned)).Id);

        await convening.CloseConvening(Act(facilitator));
        Assert.Empty(await index.List(ConveningStatus.Live));
        Assert.Equal("december-day", Assert.Single(await index.List(ConveningStatus.Ended)).Id);
        Assert.Equal(["january-day", "december-day"], (await index.List(null)).Select(l => l.Id));
    }

    [Fact]
    public async Task A_crash_after_the_convenings_write_leaves_an_unsettled_entry_that_the_list_settles_from_the_convening()
    {
        var (state, team) = await NewTeam();
        TenantScope.Enter(state);
        var convening = await Plan(state, team, "crash-after", startsAt: null);
        var facilitator = await Join(convening, team);
        await convening.StartActivity(Act(facilitator), "item-1");
        var index = Index(state, team.Id);
        // As the index was left when the convening stored "live" and its host died before the settled message.
        var stale = Assert.Single(await index.List(null)) with { Status = ConveningStatus.Planned };
        await index.Record(stale, settled: false);

        var listed = Assert.Single(await index.List(null));

        Assert.Equal(ConveningStatus.Live, listed.Status);
        var stored = await StoredIndex(state, team.Id);
        Assert.True(stored.Entries["crash-after"].Settled);
        Assert.Equal(ConveningStatus.Live, stored.Entries["crash-after"].Listing.Status);
    }

    [Fact]
    public async Task A_crash_before_the_convenings_write_leaves_an_entry_naming_nothing_which_the_list_drops()
    {
        var (state, team) = await NewTeam();
        TenantScope.Enter(state);
        var index = Index(state, team.Id);
        var now = ClusterFixture.Clock.GetUtcNow();
        // As the index was left when a creation announced itself and its host died before the convening was stored.
        await index.Record(new ConveningListing { Id = "never-stored", Title = "Lost", OwnerKind = ConveningOwnerKind.Team, OwnerId = team.Id, Status = ConveningStatus.Planned, CreatedAt = now }, settled: false);

        Assert.Empty(await index.List(null));
        Assert.Empty((await StoredIndex(state, team.Id)).Entries);

        // The id names nothing, so a retry with it plans the convening.
        await Plan(state, team, "never-stored", startsAt: null);
        Assert.Equal("never-stored", Assert.Single(await index.List(null)).Id);
    }

    [Fact]
    public async Task A_convening_stored_before_owners_had_an_index_is_listed_once_it_is_activated()
    {
        var (state, team) = await NewTeam();
        TenantScope.Enter(state);
        var convening = await Plan(state, team, "before-the-index", startsAt: null);
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var storage = fixture.GrainStorage;
        var stored = new GrainState<ConveningState>();
        await storage.ReadStateAsync("convening", convening.GetGrainId(), stored);
        stored.State!.Listed = false;
        await storage.WriteStateAsync("convening", convening.GetGrainId(), stored);
        var storedIndex = new GrainState<ConveningIndexState>();
        await storage.ReadStateAsync("convening-index", Index(state, team.Id).GetGrainId(), storedIndex);
        await storage.ClearStateAsync("convening-index", Index(state, team.Id).GetGrainId(), storedIndex);

        TenantScope.Enter(state);
        Assert.Empty(await Index(state, team.Id).List(null));
        Assert.NotNull(await convening.TryGet());

        var listed = await Eventually(async () => await Index(state, team.Id).List(null), l => l.Count == 1);
        Assert.Equal(("before-the-index", ConveningStatus.Planned), (listed[0].Id, listed[0].Status));
    }

    [Theory]
    [InlineData(3 * 365)]
    [InlineData(-30 * 365)]
    public async Task A_start_more_than_two_years_out_or_before_2000_is_refused_naming_startsAt_and_nothing_is_stored(int days)
    {
        var (state, team) = await NewTeam();
        TenantScope.Enter(state);

        var refused = await Assert.ThrowsAsync<DomainValidationException>(() => Plan(state, team, "too-far", ClusterFixture.Clock.GetUtcNow().AddDays(days)));

        Assert.Equal(["startsAt"], refused.Errors.Keys);
        Assert.Equal(ErrorCodes.Invalid, refused.Code);
        Assert.Null(await _grains.GetGrain<IConveningGrain>(GrainKeys.Of(state, "too-far")).TryGet());
        Assert.Empty(await Index(state, team.Id).List(null));
    }

    [Fact]
    public async Task The_summary_counts_who_joined_by_role_with_family_voices_and_records_decisions_answers_and_times()
    {
        var (state, team) = await NewTeam();
        TenantScope.Enter(state);
        var convening = await Plan(state, team, "summary-day", startsAt: null);
        var roster = _grains.GetGrain<ITeamGrain>(GrainKeys.Of(state, team.Id));
        var facilitator = await Join(convening, team);
        var parent = (await convening.Join(new JoinRequest { MemberId = (await roster.AddMember(new MemberDraft { DisplayName = "Parent", StakeholderRole = StakeholderRole.FamilyMember })).Id })).Participant.Id;
        var mentor = (await convening.Join(new JoinRequest { MemberId = (await roster.AddMember(new MemberDraft { DisplayName = "Mentor", StakeholderRole = StakeholderRole.ParentMentor })).Id })).Participant.Id;
        var teacher = (await convening.Join(new JoinRequest { MemberId = (await roster.AddMember(new MemberDraft { DisplayName = "Teacher", StakeholderRole = StakeholderRole.Teacher })).Id })).Participant.Id;
        var planned = await convening.GetSummary();
        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var startedAt = ClusterFixture.Clock.GetUtcNow();
        await convening.StartActivity(Act(facilitator), "item-1");
        await convening.OpenConsensusRound(Act(facilitator), "Meet at 6 pm", AgreementScale.FistToFive, anonymous: false, hideResults: true);
        await convening.CastVote(Act(parent), 2);
        await convening.RaiseConcern(Act(parent), "Childcare.");
        await convening.CloseRound(Act(facilitator));
        await convening.OpenConsensusRound(Act(facilitator), "Meet at 6 pm with childcare", AgreementScale.FistToFive, anonymous: false, hideResults: true);
        await convening.CastVote(Act(parent), 5);
        await convening.CastVote(Act(mentor), 4);
        var whileHidden = await convening.GetSummary();
        await convening.CloseRound(Act(facilitator));
        await convening.RecordOutcome(Act(facilitator), ConsensusOutcome.ConsensusReached);
        await convening.StartActivity(Act(facilitator), "item-2");
        await convening.AnswerQuestion(Act(teacher), 2, "The bus drivers.");
        await convening.SaveAnswers(Act(facilitator));
        ClusterFixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var endedAt = ClusterFixture.Clock.GetUtcNow();
        await convening.CloseConvening(Act(facilitator));

        var summary = await convening.GetSummary();

        Assert.Equal((ConveningStatus.Planned, (DateTimeOffset?)null), (planned.Convening.Status, planned.StartedAt));
        Assert.Empty(whileHidden.Decision.Rounds[1].Tally);
        Assert.Equal((ConveningStatus.Ended, startedAt, endedAt), (summary.Convening.Status, summary.StartedAt!.Value, summary.EndedAt!.Value));
        Assert.Equal((4, 0, 2, 0), (summary.Attendance.Participants, summary.Attendance.Guests, summary.Attendance.FamilyVoices, summary.Attendance.YouthVoices));
        Assert.Equal(
            [(StakeholderRole.FamilyMember, 1), (StakeholderRole.ParentMentor, 1), (StakeholderRole.Teacher, 1), (StakeholderRole.DistrictAdministrator, 1)],
            summary.Attendance.ByRole.Select(r => (r.StakeholderRole, r.Count)));
        Assert.Equal(ConsensusOutcome.ConsensusReached, summary.Decision.Outcome);
        Assert.Equal([1, 2], summary.Decision.Rounds.Select(r => r.Number));
        Assert.Equal(["Childcare."], summary.Decision.Rounds[0].Concerns);
        Assert.Equal(2, summary.Decision.Rounds[1].VoteCount);
        Assert.Equal([0, 0, 0, 0, 1, 1], summary.Decision.Rounds[1].Tally);
        Assert.True(summary.FourQuestions!.Saved);
        Assert.Equal("The bus drivers.", Assert.Single(summary.FourQuestions.Answers).Text);
        Assert.Null(summary.DepthPoll);
        Assert.Null(summary.Harvest);
    }

    private async Task<(string State, Team Team)> NewTeam()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        var team = await _grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(state, "graduatefirst")).EnrolTeam(new TeamDraft { Id = "cafe", Name = "CAFÉ", DistrictId = "meriwether" });
        await _grains.GetGrain<ITeamGrain>(GrainKeys.Of(state, team.Id)).AddMember(new MemberDraft { DisplayName = "Facilitator", StakeholderRole = StakeholderRole.DistrictAdministrator, IsFacilitator = true });
        return (state, team);
    }

    private async Task<IConveningGrain> Plan(string state, Team team, string id, DateTimeOffset? startsAt)
    {
        TenantScope.Enter(state);
        var convening = _grains.GetGrain<IConveningGrain>(GrainKeys.Of(state, id));
        await convening.Create(new ConveningDraft
        {
            Id = id,
            Title = $"Convening {id}",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = team.Id,
            StartsAt = startsAt,
            Agenda =
            [
                new AgendaItemDraft { Kind = ActivityKind.ConsensusBuilding, Title = "Agree the meeting time" },
                new AgendaItemDraft { Kind = ActivityKind.FourSimpleQuestions, Title = "Four Simple Questions" },
            ],
        });
        return convening;
    }

    /// <summary>The team's facilitator joins; their participant id.</summary>
    private async Task<string> Join(IConveningGrain convening, Team team)
    {
        var roster = await _grains.GetGrain<ITeamGrain>(GrainKeys.Of(GrainKeys.TenantOf(convening.GetPrimaryKeyString()), team.Id)).ListMembers();
        return (await convening.Join(new JoinRequest { MemberId = roster.First(m => m.IsFacilitator).Id })).Participant.Id;
    }

    private IConveningIndexGrain Index(string state, string teamId) =>
        _grains.GetGrain<IConveningIndexGrain>(IConveningIndexGrain.KeyOf(state, ConveningOwnerKind.Team, teamId));

    private async Task<ConveningIndexState> StoredIndex(string state, string teamId)
    {
        var stored = new GrainState<ConveningIndexState>();
        await fixture.GrainStorage.ReadStateAsync("convening-index", Index(state, teamId).GetGrainId(), stored);
        return stored.State!;
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        for (var attempt = 0; ; attempt++)
        {
            var value = await read();
            if (done(value) || attempt == 50)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }

    private static ConveningAction Act(string participantId) => new() { ActionId = Guid.NewGuid().ToString("N"), ParticipantId = participantId };
}
