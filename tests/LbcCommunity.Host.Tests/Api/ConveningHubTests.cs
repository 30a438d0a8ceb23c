using LbcCommunity.Client;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>The ConveningHub through the real SignalR client, each connection signed in as the person it joins as.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class ConveningHubTests(ApiHostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly LbcCommunityClient _api = fixture.Api;

    [Fact]
    public async Task Participants_get_a_snapshot_then_every_event_in_order_and_hidden_results_stay_hidden()
    {
        var session = await ConveningWorld.Plan(fixture.Host, _api);
        await using var facilitator = await fixture.Host.Convening(session.FacilitatorToken);
        await using var guest = await fixture.Host.Convening(await ConveningWorld.GuestToken(fixture.Host, session, "Ms. Johnson (grandmother)"));
        var facilitatorEvents = new ReceivedEvents(facilitator);
        var guestEvents = new ReceivedEvents(guest);
        var asFacilitator = await facilitator.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        var asGuest = await guest.JoinAsync(session.State, session.ConveningId, new JoinRequest());

        await facilitator.StartActivityAsync(session.State, session.ConveningId, "item-1");
        await facilitator.OpenConsensusRoundAsync(session.State, session.ConveningId, "Adopt the plan", AgreementScale.FistToFive, anonymous: false, hideResults: true);
        var lastVote = await guest.CastVoteAsync(session.State, session.ConveningId, 4);

        var seenByGuest = await guestEvents.UpTo(lastVote.Sequence).WaitAsync(Patience);
        var seenByFacilitator = await facilitatorEvents.UpTo(lastVote.Sequence).WaitAsync(Patience);
        Assert.Equal((session.FacilitatorId, true), (asFacilitator.Participant.Id, asFacilitator.Participant.IsFacilitator));
        Assert.Equal((true, "Ms. Johnson (grandmother)"), (asGuest.Participant.IsGuest, asGuest.Participant.DisplayName));
        // A client applies events after its snapshot in sequence order, skipping any it has applied already.
        var appliedByGuest = asGuest.Events!.Concat(seenByGuest).Where(e => e.Sequence > asGuest.Snapshot.Sequence).DistinctBy(e => e.Sequence).OrderBy(e => e.Sequence).ToList();
        Assert.Equal(Enumerable.Range((int)asGuest.Snapshot.Sequence + 1, (int)(lastVote.Sequence - asGuest.Snapshot.Sequence)).Select(i => (long)i), appliedByGuest.Select(e => e.Sequence));
        Assert.Equal(seenByGuest.Select(e => e.Sequence).Order(), seenByGuest.Select(e => e.Sequence));
        Assert.Equal(seenByFacilitator.Where(e => e.Sequence > asGuest.Snapshot.Sequence).Select(e => (e.Sequence, e.Type)), appliedByGuest.Select(e => (e.Sequence, e.Type)));
        var voteSeenByGuest = appliedByGuest[^1];
        var voteSeenByFacilitator = seenByFacilitator.Single(e => e.Sequence == lastVote.Sequence);
        Assert.Equal((ConveningEventTypes.VoteCast, 1, true), (voteSeenByGuest.Type, voteSeenByGuest.VoteCount, voteSeenByGuest.ResultsHidden));
        Assert.Null(voteSeenByGuest.Tally);
        Assert.Null(voteSeenByGuest.Vote);
        Assert.Equal(1, voteSeenByFacilitator.Tally![4]);
        Assert.Equal((asGuest.Participant.Id, 4), (voteSeenByFacilitator.Vote!.ParticipantId, voteSeenByFacilitator.Vote.Level));
    }

    [Fact]
    public async Task A_participant_who_drops_resumes_with_exactly_the_events_missed()
    {
        var session = await ConveningWorld.Plan(fixture.Host, _api);
        await using var facilitator = await fixture.Host.Convening(session.FacilitatorToken);
        var parentLeft = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        facilitator.EventReceived += e =>
        {
            if (e is { Type: ConveningEventTypes.PresenceChanged, Present: false } && e.ActorId == session.ParentId)
            {
                parentLeft.TrySetResult();
            }
        };
        await facilitator.JoinAsync(session.State, session.ConveningId, new JoinRequest { MemberId = session.FacilitatorId });
        var parent = await fixture.Host.Convening(session.ParentToken);
        var joined = await parent.JoinAsync(session.State, session.ConveningId, new JoinRequest { MemberId = session.ParentId });
        await parent.DisposeAsync();
        // The server notices the drop on its own time: the session goes on once everyone has seen the parent go.
        await parentLeft.Task.WaitAsync(Patience);

        await facilitator.StartActivityAsync(session.State, session.ConveningId, "item-1");
        var opened = await facilitator.OpenConsensusRoundAsync(session.State, session.ConveningId, "Adopt the plan", AgreementScale.GradientsOfAgreement, anonymous: true, hideResults: false);
        await using var back = await fixture.Host.Convening(session.ParentToken);
        var resumed = await back.ResumeAsync(session.State, session.ConveningId, session.ParentId, joined.Snapshot.Sequence);
        var vote = await back.CastVoteAsync(session.State, session.ConveningId, 2);

        var missed = resumed.Events!;
        // A participant gets presence as summaries (here each of one sequence); the facilitator gets the events whole.
        Assert.Equal([ConveningEventTypes.PresenceSummary, ConveningEventTypes.ActivityStarted, ConveningEventTypes.RoundOpened, ConveningEventTypes.PresenceSummary], missed.Select(e => e.Type));
        Assert.Equal(Enumerable.Range((int)joined.Snapshot.Sequence + 1, missed.Count).Select(i => (long)i), missed.Select(e => e.Sequence));
        Assert.All(missed, e => Assert.Equal(e.Sequence, e.FirstSequence ?? e.Sequence));
        Assert.True(opened.Sequence < vote.Sequence);
        Assert.Equal(2, missed[^1].Presence!.PresentCount);
        var whole = (await facilitator.ResumeAsync(session.State, session.ConveningId, session.FacilitatorId, joined.Snapshot.Sequence)).Events!;
        Assert.Equal((ConveningEventTypes.PresenceChanged, session.ParentId, true), (whole[3].Type, whole[3].ActorId, whole[3].Present));
    }

    [Fact]
    public async Task Bad_calls_get_a_hub_error_naming_the_problem_and_change_nothing()
    {
        var session = await ConveningWorld.Plan(fixture.Host, _api);
        await using var facilitator = await fixture.Host.Convening(session.FacilitatorToken);
        await using var parent = await fixture.Host.Convening(session.ParentToken);
        // The tenant's state admin is signed in, and may plan and read the convening, but is not on the team's roster.
        await using var stranger = await fixture.Host.Convening(await fixture.Host.StateAdminToken(session.State));
        await facilitator.JoinAsync(session.State, session.ConveningId, new JoinRequest { MemberId = session.FacilitatorId });
        var joined = await parent.JoinAsync(session.State, session.ConveningId, new JoinRequest { MemberId = session.ParentId });
        await facilitator.StartActivityAsync(session.State, session.ConveningId, "item-1");
        await facilitator.OpenConsensusRoundAsync(session.State, session.ConveningId, "Adopt the plan", AgreementScale.FistToFive, false, false);
        var before = (await parent.ResumeAsync(session.State, session.ConveningId, session.ParentId, 0)).Events![^1].Sequence;

        var notJoined = await Assert.ThrowsAsync<HubException>(() => stranger.CastVoteAsync(session.State, session.ConveningId, 3));
        var outOfRange = await Assert.ThrowsAsync<HubException>(() => parent.CastVoteAsync(session.State, session.ConveningId, 9));
        var notFacilitator = await Assert.ThrowsAsync<HubException>(() => parent.CloseRoundAsync(session.State, session.ConveningId));
        var notOnRoster = await Assert.ThrowsAsync<HubException>(() => stranger.JoinAsync(session.State, session.ConveningId, new JoinRequest()));
        var strangerAsMember = await Assert.ThrowsAsync<HubException>(() => stranger.JoinAsync(session.State, session.ConveningId, new JoinRequest { MemberId = session.ParentId }));
        var notTheirMemberId = await Assert.ThrowsAsync<HubException>(() => parent.JoinAsync(session.State, session.ConveningId, new JoinRequest { MemberId = session.FacilitatorId }));
        var unknownMember = await Assert.ThrowsAsync<HubException>(() => parent.JoinAsync(session.State, session.ConveningId, new JoinRequest { MemberId = "nobody" }));
        var notTheirResume = await Assert.ThrowsAsync<HubException>(() => parent.ResumeAsync(session.State, session.ConveningId, session.FacilitatorId, 0));
        var unknownMethod = await Assert.ThrowsAsync<HubException>(() => parent.Connection.InvokeAsync("DeleteEverything", session.State));
        var malformed = await Assert.ThrowsAsync<HubException>(() => parent.Connection.InvokeAsync<ActionAck>("CastVote", session.State, session.ConveningId, "a1", "five"));
        var otherState = await ApiWorld.NewTenant(_api);
        var foreign = await Assert.ThrowsAsync<HubException>(() => parent.JoinAsync(otherState, session.ConveningId, new JoinRequest()));
        var foreignVote = await Assert.ThrowsAsync<HubException>(() => parent.CastVoteAsync(otherState, session.ConveningId, 3));
        var nowhere = await Assert.ThrowsAsync<HubException>(() => parent.JoinAsync("no-such-state", session.ConveningId, new JoinRequest()));

        Assert.Contains("Join", notJoined.Message, StringComparison.Ordinal);
        Assert.Contains("level", outOfRange.Message, StringComparison.Ordinal);
        Assert.Contains("facilitator", notFacilitator.Message, StringComparison.Ordinal);
        Assert.Contains("Only the members of Team 'cafe'", notOnRoster.Message, StringComparison.Ordinal);
        Assert.Equal(notOnRoster.Message, strangerAsMember.Message);
        Assert.Contains("memberId", notTheirMemberId.Message, StringComparison.Ordinal);
        Assert.Contains("memberId", unknownMember.Message, StringComparison.Ordinal);
        Assert.Contains("participantId", notTheirResume.Message, StringComparison.Ordinal);
        Assert.Contains("DeleteEverything", unknownMethod.Message, StringComparison.Ordinal);
        Assert.Contains("CastVote", malformed.Message, StringComparison.Ordinal);
        // Another tenant's state is answered like one that does not exist: nothing about it leaks.
        Assert.EndsWith($"HubException: not-found: Tenant '{otherState}' was not found.", foreign.Message, StringComparison.Ordinal);
        Assert.EndsWith($"HubException: not-found: Tenant '{otherState}' was not found.", foreignVote.Message, StringComparison.Ordinal);
        // Each refusal carries the code a client acts on (docs/errors.md).
        Assert.Equal(
            [ErrorCodes.NotJoined, ErrorCodes.Invalid, ErrorCodes.Forbidden, ErrorCodes.Forbidden, ErrorCodes.Forbidden, ErrorCodes.NotFound, ErrorCodes.NotFound],
            new[] { notJoined, outOfRange, notOnRoster, notTheirMemberId, notTheirResume, foreign, nowhere }.Select(HubErrorCodes.Of));
        Assert.Equal(nowhere.Message.Replace("no-such-state", otherState, StringComparison.Ordinal), foreign.Message);
        var after = await parent.ResumeAsync(session.State, session.ConveningId, session.ParentId, before);
        Assert.Empty(after.Events!);
        Assert.Equal(session.ParentId, joined.Participant.Id);
        var snapshot = (await facilitator.ResumeAsync(session.State, session.ConveningId, session.FacilitatorId, 0)).Events!;
        Assert.DoesNotContain(snapshot, e => e.Type == ConveningEventTypes.ParticipantJoined && e.ActorId != session.FacilitatorId && e.ActorId != session.ParentId);
        Assert.Equal(0, snapshot.Last(e => e.Consensus is not null).Consensus!.Rounds[0].VoteCount);
    }

    [Fact]
    public async Task Oversized_message_closes_only_that_connection_and_a_flood_is_cut_off()
    {
        var session = await ConveningWorld.Plan(fixture.Host, _api);
        await using var facilitator = await fixture.Host.Convening(session.FacilitatorToken);
        await using var flooder = await fixture.Host.Convening(session.ParentToken);
        await facilitator.JoinAsync(session.State, session.ConveningId, new JoinRequest { MemberId = session.FacilitatorId });
        await flooder.JoinAsync(session.State, session.ConveningId, new JoinRequest { MemberId = session.ParentId });
        await facilitator.StartActivityAsync(session.State, session.ConveningId, "item-1");
        await facilitator.OpenConsensusRoundAsync(session.State, session.ConveningId, "Adopt the plan", AgreementScale.FistToFive, false, false);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 80).Select(async _ =>
        {
            try
            {
                await flooder.CastVoteAsync(session.State, session.ConveningId, 5);
                return "ok";
            }
            catch (HubException e) when (HubErrorCodes.Of(e) == ErrorCodes.RateLimited)
            {
                return "limited";
            }
        }));
        await using var oversized = await fixture.Host.Convening(await ConveningWorld.GuestToken(fixture.Host, session, "Guest"));
        await oversized.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        var tooBig = await Record.ExceptionAsync(() => oversized.RaiseConcernAsync(session.State, session.ConveningId, new string('x', 40_000)));

        Assert.Contains("limited", outcomes);
        Assert.Contains("ok", outcomes);
        Assert.NotNull(tooBig);
        Assert.Equal(HubConnectionState.Connected, facilitator.Connection.State);
        var ack = await facilitator.CloseRoundAsync(session.State, session.ConveningId);
        var resumed = await facilitator.ResumeAsync(session.State, session.ConveningId, session.FacilitatorId, ack.Sequence - 1);
        var round = resumed.Events!.Last(e => e.Consensus is not null).Consensus!.Rounds[0];
        Assert.Equal((1, 0), (round.VoteCount, round.Concerns.Count));
    }

    [Fact]
    public async Task A_consensus_reached_over_the_hub_is_evidence_on_the_teams_record_over_rest()
    {
        var session = await ConveningWorld.Plan(fixture.Host, _api);
        await using var facilitator = await fixture.Host.Convening(session.FacilitatorToken);
        await using var parent = await fixture.Host.Convening(session.ParentToken);
        await facilitator.JoinAsync(session.State, session.ConveningId, new JoinRequest { MemberId = session.FacilitatorId });
        await parent.JoinAsync(session.State, session.ConveningId, new JoinRequest());

        await facilitator.StartActivityAsync(session.State, session.ConveningId, "item-1");
        await facilitator.OpenConsensusRoundAsync(session.State, session.ConveningId, "Meet in the evenings", AgreementScale.GradientsOfAgreement, anonymous: false, hideResults: false);
        await parent.CastVoteAsync(session.State, session.ConveningId, 1);
        await parent.RaiseConcernAsync(session.State, session.ConveningId, "Childcare during meetings");
        await facilitator.CloseRoundAsync(session.State, session.ConveningId);
        await facilitator.RecordOutcomeAsync(session.State, session.ConveningId, ConsensusOutcome.ConsensusReached);

        var planned = await _api.GetConveningAsync(session.State, session.ConveningId);
        var evidence = Assert.Single(await _api.ListEvidenceAsync(session.State, "cafe"));
        Assert.Equal(("November learning day", ActivityKind.ConsensusBuilding), (planned.Title, planned.Agenda[0].Kind));
        Assert.Equal(("consensus-decisions", session.ConveningId), (evidence.RowId, evidence.ConveningId));
        Assert.Contains("1 votes", evidence.Text, StringComparison.Ordinal);
        Assert.Contains("1 concerns", evidence.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_world_cafe_run_over_the_hub_keeps_its_harvest_on_the_teams_record()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        var facilitatorMember = await _api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Facilitator", Email = "facilitator@cafe.test", StakeholderRole = StakeholderRole.DistrictAdministrator, IsFacilitator = true });
        var host = await _api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Table host", Email = "host@cafe.test", StakeholderRole = StakeholderRole.Teacher });
        var planned = await ConveningWorld.PlanCafe(_api, state);
        var facilitatorToken = await fixture.Host.TokenFor(state, "facilitator@cafe.test");
        var code = await ConveningWorld.IssueJoinCode(fixture.Host, facilitatorToken, state, planned.Id, "Families of 9th graders");
        await using var facilitator = await fixture.Host.Convening(facilitatorToken);
        await using var tableHost = await fixture.Host.Convening(await fixture.Host.TokenFor(state, "host@cafe.test"));
        await using var guest = await fixture.Host.Convening(await fixture.Host.GuestToken(code.Code, "A grandmother"));
        await facilitator.JoinAsync(state, planned.Id, new JoinRequest { MemberId = facilitatorMember.Id });
        await tableHost.JoinAsync(state, planned.Id, new JoinRequest { MemberId = host.Id });
        var family = await guest.JoinAsync(state, planned.Id, new JoinRequest { GuestRole = StakeholderRole.CommunityPartner });

        await facilitator.StartActivityAsync(state, planned.Id, "item-1");
        await facilitator.SetUpCafeAsync(state, planned.Id,
        [
            new CafeTableDraft { HostId = host.Id, Question = "Who should be at the table?" },
            new CafeTableDraft { HostId = family.Participant.Id, Question = "What brings us together?" },
        ]);
        await facilitator.StartCafeRoundAsync(state, planned.Id, 15);
        await tableHost.AddTableNoteAsync(state, planned.Id, "table-1", "Invite the faith community.");
        await facilitator.SaveHarvestAsync(state, planned.Id, "Widen the circle: faith community, grandparents.");

        var harvest = Assert.Single(await _api.ListHarvestsAsync(state, "cafe"));
        Assert.Equal(("A grandmother", StakeholderRole.CommunityPartner), (family.Participant.DisplayName, family.Participant.StakeholderRole));
        Assert.Equal(planned.Id, harvest.ConveningId);
        Assert.Contains("Who should be at the table?: Invite the faith community.", harvest.Tables);
    }

    [Fact]
    public async Task Cafe_warnings_reach_the_facilitator_in_events_and_snapshots_and_never_a_participant_and_a_round_ends_now()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        var facilitatorMember = await _api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Facilitator", Email = "facilitator@cafe.test", StakeholderRole = StakeholderRole.DistrictAdministrator, IsFacilitator = true });
        var teacher = await _api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Teacher", Email = "teacher@cafe.test", StakeholderRole = StakeholderRole.Teacher });
        var principal = await _api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Principal", Email = "principal@cafe.test", StakeholderRole = StakeholderRole.Principal });
        var planned = await ConveningWorld.PlanCafe(_api, state);
        var facilitatorToken = await fixture.Host.TokenFor(state, "facilitator@cafe.test");
        var code = await ConveningWorld.IssueJoinCode(fixture.Host, facilitatorToken, state, planned.Id, "Partners");
        var guestToken = await fixture.Host.GuestToken(code.Code, "A partner");
        await using var facilitator = await fixture.Host.Convening(facilitatorToken);
        await using var host = await fixture.Host.Convening(await fixture.Host.TokenFor(state, "teacher@cafe.test"));
        await using var otherHost = await fixture.Host.Convening(await fixture.Host.TokenFor(state, "principal@cafe.test"));
        await using var guest = await fixture.Host.Convening(guestToken);
        var facilitatorEvents = new ReceivedEvents(facilitator);
        var guestEvents = new ReceivedEvents(guest);
        await facilitator.JoinAsync(state, planned.Id, new JoinRequest { MemberId = facilitatorMember.Id });
        await host.JoinAsync(state, planned.Id, new JoinRequest { MemberId = teacher.Id });
        await otherHost.JoinAsync(state, planned.Id, new JoinRequest { MemberId = principal.Id });
        await guest.JoinAsync(state, planned.Id, new JoinRequest { GuestRole = StakeholderRole.CommunityPartner });

        // No family voice and no student in the room: both tables are warned about, to the facilitator.
        await facilitator.StartActivityAsync(state, planned.Id, "item-1");
        await facilitator.SetUpCafeAsync(state, planned.Id,
        [
            new CafeTableDraft { HostId = teacher.Id, Question = "Who should be at the table?" },
            new CafeTableDraft { HostId = principal.Id, Question = "What brings us together?" },
        ]);
        var started = await facilitator.StartCafeRoundAsync(state, planned.Id, 0.5);
        var ended = await facilitator.EndCafeRoundAsync(state, planned.Id);
        var seenByGuest = await guestEvents.UpTo(ended.Sequence).WaitAsync(Patience);
        var seenByFacilitator = await facilitatorEvents.UpTo(ended.Sequence).WaitAsync(Patience);
        await using var guestAgain = await fixture.Host.Convening(guestToken);
        await using var facilitatorAgain = await fixture.Host.Convening(facilitatorToken);
        var guestSnapshot = (await guestAgain.JoinAsync(state, planned.Id, new JoinRequest { GuestRole = StakeholderRole.CommunityPartner })).Snapshot;
        var facilitatorSnapshot = (await facilitatorAgain.JoinAsync(state, planned.Id, new JoinRequest { MemberId = facilitatorMember.Id })).Snapshot;

        var startedForGuest = seenByGuest.Single(e => e.Sequence == started.Sequence);
        var startedForFacilitator = seenByFacilitator.Single(e => e.Sequence == started.Sequence);
        var endedForGuest = seenByGuest.Single(e => e.Sequence == ended.Sequence);
        var endedForFacilitator = seenByFacilitator.Single(e => e.Sequence == ended.Sequence);
        Assert.Equal(ConveningEventTypes.CafeRoundStarted, startedForGuest.Type);
        Assert.Equal(2, startedForFacilitator.WorldCafe!.Rounds[0].Warnings.Count);
        Assert.Equal(startedForFacilitator.WorldCafe.Rounds[0].Seating.SelectMany(s => s.ParticipantIds), startedForGuest.WorldCafe!.Rounds[0].Seating.SelectMany(s => s.ParticipantIds));
        Assert.Empty(startedForGuest.WorldCafe.Rounds[0].Warnings);
        Assert.Equal((ConveningEventTypes.CafeRoundEnded, ConveningEventTypes.CafeRoundEnded), (endedForGuest.Type, endedForFacilitator.Type));
        Assert.InRange(endedForGuest.WorldCafe!.Rounds[0].EndsAt, startedForGuest.At, endedForGuest.At);
        Assert.True(endedForGuest.WorldCafe.Rounds[0].EndsAt < startedForGuest.WorldCafe.Rounds[0].EndsAt);
        Assert.Empty(endedForGuest.WorldCafe.Rounds[0].Warnings);
        Assert.Equal(2, endedForFacilitator.WorldCafe!.Rounds[0].Warnings.Count);
        Assert.Empty(guestSnapshot.WorldCafe!.Rounds[0].Warnings);
        Assert.Equal(2, facilitatorSnapshot.WorldCafe!.Rounds[0].Warnings.Count);
    }
}
