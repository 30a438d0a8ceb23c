using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Contracts;
using LbcCommunity.Grains.Convenings;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.Tenancy;
using LbcCommunity.Tests.Ratings;

namespace LbcCommunity.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class ConveningGrainTests(ClusterFixture fixture)
{
    /// <summary>The join code every session's guests come in with.</summary>
    private const string JoinCodeId = "jc-1";

    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Hidden_consensus_round_shows_the_tally_to_the_facilitator_only_until_revealed_and_the_outcome_becomes_evidence()
    {
        var (state, session) = await NewSession();
        TenantScope.Enter(state);
        var convening = Convening(state);
        await convening.StartActivity(Act(session.Facilitator), "item-1");
        await convening.OpenConsensusRound(Act(session.Facilitator), "Adopt the family-engagement plan", AgreementScale.FistToFive, anonymous: false, hideResults: true);
        await convening.CastVote(Act(session.Parent), 4);
        await convening.CastVote(Act(session.Parent), 5);
        await convening.CastVote(Act(session.Guest), 3);
        await convening.RaiseConcern(Act(session.Guest), "Meetings at 3 pm exclude working parents.");

        var seenByParent = (await convening.GetSnapshot(session.Parent)).Consensus!.Rounds[0];
        var seenByFacilitator = (await convening.GetSnapshot(session.Facilitator)).Consensus!.Rounds[0];
        await convening.RevealResults(Act(session.Facilitator));
        await convening.CloseRound(Act(session.Facilitator));
        await convening.RecordOutcome(Act(session.Facilitator), ConsensusOutcome.ConsensusReached);

        Assert.Equal((2, 0), (seenByParent.VoteCount, seenByParent.Tally.Count));
        Assert.Empty(seenByParent.Votes);
        Assert.Equal([0, 0, 0, 1, 0, 1], seenByFacilitator.Tally);
        Assert.Equal([0, 0, 0, 1, 0, 1], (await convening.GetSnapshot(session.Parent)).Consensus!.Rounds[0].Tally);
        var evidence = Assert.Single(await _grains.GetGrain<ITeamGrain>(GrainKeys.Of(state, "cafe")).ListEvidence());
        Assert.Equal(("consensus-decisions", session.ConveningId), (evidence.RowId, evidence.ConveningId));
        Assert.Contains("ConsensusReached after 1 round", evidence.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Actions_out_of_turn_or_by_the_wrong_person_are_refused_and_change_nothing()
    {
        var (state, session) = await NewSession();
        TenantScope.Enter(state);
        var convening = Convening(state);
        await convening.StartActivity(Act(session.Facilitator), "item-1");
        await convening.OpenConsensusRound(Act(session.Facilitator), "Proposal", AgreementScale.GradientsOfAgreement, anonymous: true, hideResults: false);
        await convening.CastVote(Act(session.Parent), 2);
        await convening.CloseRound(Act(session.Facilitator));
        var before = await convening.GetSnapshot(session.Facilitator);

        await Assert.ThrowsAsync<DomainValidationException>(() => convening.CastVote(Act(session.Guest), 1));
        await Assert.ThrowsAsync<DomainValidationException>(() => convening.OpenConsensusRound(Act(session.Parent), "Mine", AgreementScale.FistToFive, false, false));
        await Assert.ThrowsAsync<DomainValidationException>(() => convening.CastVote(Act("guest-impostor"), 1));
        await Assert.ThrowsAsync<DomainValidationException>(() => convening.AnswerQuestion(Act(session.Parent), 1, "Not now"));

        var after = await convening.GetSnapshot(session.Facilitator);
        Assert.Equal(before.Sequence, after.Sequence);
        Assert.Equal(1, after.Consensus!.Rounds[0].VoteCount);
        Assert.Null(Assert.Single(after.Consensus.Rounds[0].Votes).ParticipantId);
    }

    [Fact]
    public async Task A_retried_action_is_acknowledged_again_and_applied_once()
    {
        var (state, session) = await NewSession();
        TenantScope.Enter(state);
        var convening = Convening(state);
        await convening.StartActivity(Act(session.Facilitator), "item-1");
        await convening.OpenConsensusRound(Act(session.Facilitator), "Proposal", AgreementScale.FistToFive, false, false);
        var vote = Act(session.Parent);

        var first = await convening.CastVote(vote, 5);
        var retry = await convening.CastVote(vote, 5);

        Assert.Equal(first.Sequence, retry.Sequence);
        Assert.Equal(first.Sequence, (await convening.GetSnapshot(session.Parent)).Sequence);
        Assert.Equal(1, (await convening.GetSnapshot(session.Parent)).Consensus!.Rounds[0].VoteCount);
    }

    [Fact]
    public async Task Live_depth_poll_shows_the_spread_and_the_recorded_consensus_feeds_the_roll_ups()
    {
        var (state, session) = await NewSession();
        TenantScope.Enter(state);
        var convening = Convening(state);
        await convening.StartActivity(Act(session.Facilitator), "item-2");
        await convening.OpenDepthPoll(Act(session.Facilitator), ["acknowledging-diversity"]);
        await convening.SubmitPollRating(Act(session.Parent), Poll(100, 70, 30, 20));
        await convening.SubmitPollRating(Act(session.Guest), Poll(100, 100, 80, 40));
        var refused = await Assert.ThrowsAsync<DomainValidationException>(() => convening.SubmitPollRating(Act(session.Parent), Poll(130, 0, 0, 0)));

        await convening.RecordPollConsensus(Act(session.Facilitator), RatingRulesTests.Draft(("acknowledging-diversity", [100, 90, 50, 10])));

        var poll = (await convening.GetSnapshot(session.Parent)).DepthPoll!;
        var spread = Assert.Single(poll.Spread);
        Assert.Equal((2, 2.2m, 3.2m, 2.7m), (spread.Ratings, spread.MinDepthScore, spread.MaxDepthScore, spread.MeanDepthScore));
        Assert.Contains(refused.Errors.Keys, k => k.EndsWith("attainmentPercent", StringComparison.Ordinal));
        var team = _grains.GetGrain<ITeamGrain>(GrainKeys.Of(state, "cafe"));
        var memberRating = Assert.Single(await team.ListRatings(RatingKind.Member));
        Assert.Equal((session.Parent, session.ConveningId), (memberRating.MemberId, memberRating.ConveningId));
        var consensus = Assert.Single(await team.ListRatings(RatingKind.Consensus));
        Assert.Equal((poll.ConsensusRatingId, session.ConveningId, session.Facilitator), (consensus.Id, consensus.ConveningId, consensus.MemberId));
        Assert.Equal(1, (await _grains.GetGrain<IInitiativeRollUpGrain>(GrainKeys.Of(state, "graduatefirst")).GetView()).Version);
    }

    [Fact]
    public async Task Starting_the_four_questions_carries_them_so_a_client_that_joined_before_any_answer_can_add_answers()
    {
        var (state, session) = await NewSession();
        TenantScope.Enter(state);
        var convening = Convening(state);
        var before = await convening.GetSnapshot(session.Parent);
        await convening.StartActivity(Act(session.Facilitator), "item-3");

        var started = Assert.Single((await convening.EventsAfter(session.Parent, before.Sequence))!, e => e.Type == ConveningEventTypes.ActivityStarted);
        Assert.Null(before.FourQuestions);
        Assert.Equal((0, false), (started.FourQuestions!.Answers.Count, started.FourQuestions.Saved));
    }

    [Fact]
    public async Task Four_simple_questions_collect_answers_and_one_upvote_each_until_saved()
    {
        var (state, session) = await NewSession();
        TenantScope.Enter(state);
        var convening = Convening(state);
        await convening.StartActivity(Act(session.Facilitator), "item-3");
        await convening.AnswerQuestion(Act(session.Guest), 2, "Grandparents raising grandchildren");
        var answer = (await convening.GetSnapshot(session.Parent)).FourQuestions!.Answers[0];
        await convening.Upvote(Act(session.Parent), answer.Id);
        await Assert.ThrowsAsync<DomainValidationException>(() => convening.Upvote(Act(session.Parent), answer.Id));
        await Assert.ThrowsAsync<DomainValidationException>(() => convening.AnswerQuestion(Act(session.Parent), 5, "No fifth question"));
        await convening.SaveAnswers(Act(session.Facilitator));

        await Assert.ThrowsAsync<DomainValidationException>(() => convening.AnswerQuestion(Act(session.Parent), 1, "Too late"));
        var questions = (await convening.GetSnapshot(session.Parent)).FourQuestions!;
        Assert.True(questions.Saved);
        Assert.Equal([session.Parent], Assert.Single(questions.Answers).UpvotedBy);
    }

    [Fact]
    public async Task Acknowledged_actions_and_their_order_survive_a_restart_and_missed_events_can_be_replayed()
    {
        var (state, session) = await NewSession();
        TenantScope.Enter(state);
        var convening = Convening(state);
        var mark = (await convening.GetSnapshot(session.Parent)).Sequence;
        await convening.StartActivity(Act(session.Facilitator), "item-1");
        await convening.OpenConsensusRound(Act(session.Facilitator), "Proposal", AgreementScale.FistToFive, false, true);
        var vote = Act(session.Parent);
        var acknowledged = await convening.CastVote(vote, 3);
        await convening.SetPresence(session.Guest, present: false);
        var people = await convening.GetSnapshot(session.Facilitator);

        await ClusterFixture.Deactivate(convening);
        TenantScope.Enter(state);
        var restarted = await convening.GetSnapshot(session.Facilitator);
        Assert.Equal(people.Participants, restarted.Participants);
        Assert.Equal([session.Facilitator, session.Parent], restarted.Present);

        var missed = (await convening.EventsAfter(session.Parent, mark))!;
        // A participant gets presence as a summary of its sequences; the facilitator gets the event itself.
        Assert.Equal([ConveningEventTypes.ActivityStarted, ConveningEventTypes.RoundOpened, ConveningEventTypes.VoteCast, ConveningEventTypes.PresenceSummary], missed.Select(e => e.Type));
        Assert.Equal(ConveningEventTypes.PresenceChanged, (await convening.EventsAfter(session.Facilitator, mark))![^1].Type);
        Assert.Equal([mark + 1, mark + 2, mark + 3, mark + 4], missed.Select(e => e.Sequence));
        Assert.All(missed, e => Assert.Empty(e.Consensus?.Rounds.SelectMany(r => r.Tally) ?? []));
        Assert.Equal(acknowledged.Sequence, (await convening.CastVote(vote, 3)).Sequence);
        Assert.Equal(1, (await convening.GetSnapshot(session.Facilitator)).Consensus!.Rounds[0].Tally[3]);
    }

    [Fact]
    public async Task World_cafe_rounds_are_timed_seated_by_rotation_take_notes_at_ones_table_and_the_harvest_is_kept()
    {
        var (state, session) = await NewSession();
        TenantScope.Enter(state);
        var convening = Convening(state);
        await convening.StartActivity(Act(session.Facilitator), "item-4");
        var guests = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            guests.Add((await convening.Join(Guest($"Guest {i}", $"guest-cafe-{i}") with { GuestRole = StakeholderRole.Teacher })).Participant.Id);
        }

        var badTables = await Assert.ThrowsAsync<DomainValidationException>(() => convening.SetUpCafe(Act(session.Facilitator), [new CafeTableDraft { HostId = "nobody", Question = "?" }, new CafeTableDraft { HostId = session.Guest, Question = "?" }]));
        await convening.SetUpCafe(Act(session.Facilitator),
        [
            new CafeTableDraft { HostId = session.Parent, Question = "What shared concerns bring us together?" },
            new CafeTableDraft { HostId = session.Guest, Question = "Who else should be at the table?" },
        ]);
        await convening.StartCafeRound(Act(session.Facilitator), 20);
        var round = (await convening.GetSnapshot(session.Facilitator)).WorldCafe!.Rounds[0];
        var atTableTwo = round.Seating[1].ParticipantIds[1];
        await convening.AddTableNote(Act(atTableTwo), "table-2", "Grandparents raising grandchildren.");
        var wrongTable = await Assert.ThrowsAsync<DomainValidationException>(() => convening.AddTableNote(Act(atTableTwo), "table-1", "Visiting"));
        await convening.ExtendCafeRound(Act(session.Facilitator), 5);
        await Assert.ThrowsAsync<DomainValidationException>(() => convening.StartCafeRound(Act(session.Facilitator), 20));
        await convening.SaveHarvest(Act(session.Facilitator), "Families want evening meetings and a say in the agenda.");

        var cafe = (await convening.GetSnapshot(session.Parent)).WorldCafe!;
        Assert.Contains("tables[0].hostId", badTables.Errors.Keys);
        Assert.Contains("tableId", wrongTable.Errors.Keys);
        Assert.Equal([session.Parent, session.Guest], round.Seating.Select(s => s.ParticipantIds[0]));
        Assert.Equal(guests.Order().Append(session.Parent).Append(session.Guest).Order(), round.Seating.SelectMany(s => s.ParticipantIds).Order());
        Assert.Equal(round.EndsAt.AddMinutes(5), cafe.Rounds[0].EndsAt);
        Assert.Equal("Grandparents raising grandchildren.", Assert.Single(cafe.Tables[1].Notes).Text);
        var harvest = Assert.Single(await _grains.GetGrain<ITeamGrain>(GrainKeys.Of(state, "cafe")).ListHarvests());
        Assert.Equal(session.ConveningId, harvest.ConveningId);
        Assert.Contains(harvest.Tables, t => t.Contains("Grandparents", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_burst_of_concurrent_votes_is_acknowledged_in_order_and_every_acknowledged_vote_survives_a_restart()
    {
        var (state, session) = await NewSession();
        TenantScope.Enter(state);
        var convening = Convening(state);
        await convening.StartActivity(Act(session.Facilitator), "item-1");
        await convening.OpenConsensusRound(Act(session.Facilitator), "Proposal", AgreementScale.FistToFive, false, true);
        var voters = new List<string>();
        for (var i = 0; i < 150; i++)
        {
            voters.Add((await convening.Join(Guest($"Voter {i}", $"guest-voter-{i}"))).Participant.Id);
        }

        var acks = await Task.WhenAll(voters.Select((voter, i) => convening.CastVote(Act(voter), i % 6)));
        await ClusterFixture.Deactivate(convening);
        TenantScope.Enter(state);

        var round = (await convening.GetSnapshot(session.Facilitator)).Consensus!.Rounds[0];
        Assert.Equal(150, acks.Select(a => a.Sequence).Distinct().Count());
        Assert.Equal(150, round.VoteCount);
        Assert.Equal([25, 25, 25, 25, 25, 25], round.Tally);
        Assert.True((await convening.GetSnapshot(session.Facilitator)).Sequence >= acks.Max(a => a.Sequence));
    }

    [Fact]
    public async Task A_guest_cannot_join_without_an_active_join_code_of_this_convening()
    {
        var (state, session) = await NewSession();
        TenantScope.Enter(state);
        var convening = Convening(state);
        var before = await convening.GetSnapshot(session.Facilitator);

        var noCode = await Assert.ThrowsAsync<DomainValidationException>(() => convening.Join(new JoinRequest { GuestName = "Uninvited", GuestId = "guest-uninvited" }));
        var unknownCode = await Assert.ThrowsAsync<DomainValidationException>(() => convening.Join(Guest("Uninvited", "guest-uninvited", joinCodeId: "jc-unknown")));

        var after = await convening.GetSnapshot(session.Facilitator);
        Assert.Contains("joinCode", noCode.Errors.Keys);
        Assert.Contains("joinCode", unknownCode.Errors.Keys);
        Assert.Equal(before.Sequence, after.Sequence);
        Assert.Equal(before.Participants.Select(p => p.Id), after.Participants.Select(p => p.Id));
        Assert.Equal(before.Present, after.Present);
        Assert.False(await convening.IsJoinCodeActive("jc-unknown"));
        Assert.True(await convening.IsJoinCodeActive(JoinCodeId));
    }

    [Fact]
    public async Task An_expired_join_code_lets_no_one_in()
    {
        var (state, session) = await NewSession();
        TenantScope.Enter(state);
        var convening = Convening(state);
        var now = ClusterFixture.Clock.GetUtcNow();
        await convening.AddJoinCode(new JoinCode { Id = "jc-old", IssuedAt = now.AddDays(-2), ExpiresAt = now.AddMinutes(-1), IssuedBy = session.Facilitator });
        var before = await convening.GetSnapshot(session.Facilitator);

        var expired = await Assert.ThrowsAsync<DomainValidationException>(() => convening.Join(Guest("Late guest", "guest-late", joinCodeId: "jc-old")));

        var after = await convening.GetSnapshot(session.Facilitator);
        Assert.Contains("joinCode", expired.Errors.Keys);
        Assert.False(await convening.IsJoinCodeActive("jc-old"));
        Assert.Contains(await convening.ListJoinCodes(), c => c.Id == "jc-old" && c.RevokedAt is null);
        Assert.Equal(before.Sequence, after.Sequence);
        Assert.DoesNotContain(after.Participants, p => p.Id == "guest-late");
    }

    [Fact]
    public async Task A_revoked_join_code_takes_its_guests_out_of_the_room_and_changes_nothing_else()
    {
        var (state, session) = await NewSession();
        TenantScope.Enter(state);
        var convening = Convening(state);
        var now = ClusterFixture.Clock.GetUtcNow();
        await convening.AddJoinCode(new JoinCode { Id = "jc-2", IssuedAt = now, ExpiresAt = now.AddDays(1), IssuedBy = session.Facilitator });
        var partner = (await convening.Join(Guest("Community partner", "guest-partner", joinCodeId: "jc-2"))).Participant.Id;
        await convening.StartActivity(Act(session.Facilitator), "item-1");
        await convening.OpenConsensusRound(Act(session.Facilitator), "Proposal", AgreementScale.FistToFive, anonymous: false, hideResults: false);
        await convening.CastVote(Act(session.Guest), 3);
        var before = await convening.GetSnapshot(session.Facilitator);

        var revoked = await convening.RevokeJoinCode(JoinCodeId);

        var events = (await convening.EventsAfter(session.Facilitator, before.Sequence))!;
        Assert.Equal(2, events.Count);
        Assert.Equal((ConveningEventTypes.JoinCodeRevoked, JoinCodeId), (events[0].Type, events[0].JoinCodeId));
        var left = events[1];
        Assert.Equal((ConveningEventTypes.PresenceChanged, session.Guest, false), (left.Type, left.ActorId, left.Present));
        Assert.NotNull(revoked.RevokedAt);
        var vote = await Assert.ThrowsAsync<DomainValidationException>(() => convening.CastVote(Act(session.Guest), 5));
        var concern = await Assert.ThrowsAsync<DomainValidationException>(() => convening.RaiseConcern(Act(session.Guest), "Let me back in"));
        var comeBack = await Assert.ThrowsAsync<DomainValidationException>(() => convening.SetPresence(session.Guest, present: true));
        var joinAgain = await Assert.ThrowsAsync<DomainValidationException>(() => convening.Join(Guest("Grandmother of a 9th grader", session.Guest)));
        var newGuest = await Assert.ThrowsAsync<DomainValidationException>(() => convening.Join(Guest("Someone she told", "guest-friend")));
        Assert.All(new[] { vote, concern, comeBack, joinAgain, newGuest }, refused => Assert.Contains("joinCode", refused.Errors.Keys));
        Assert.Equal(revoked.RevokedAt, (await convening.RevokeJoinCode(JoinCodeId)).RevokedAt);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => convening.RevokeJoinCode("jc-unknown"));

        // Nothing but the guest's presence changed: the vote stays, everyone else is here, the other code still works.
        var after = await convening.GetSnapshot(session.Facilitator);
        Assert.Equal(left.Sequence, after.Sequence);
        Assert.Equal(before.Present.Where(id => id != session.Guest).Order(), after.Present.Order());
        Assert.Equal(before.Participants, after.Participants);
        Assert.Equal(before.Consensus!.Rounds[0].Votes, after.Consensus!.Rounds[0].Votes);
        Assert.Equal(before.Consensus.Rounds[0].Tally, after.Consensus.Rounds[0].Tally);
        Assert.True(await convening.IsJoinCodeActive("jc-2"));
        Assert.False(await convening.IsJoinCodeActive(JoinCodeId));
        var partnerVote = await convening.CastVote(Act(partner), 4);
        Assert.Equal(after.Sequence + 1, partnerVote.Sequence);
    }

    [Fact]
    public async Task A_convening_stored_with_its_people_inside_its_state_moves_them_to_their_own_state_on_activation()
    {
        var (state, session) = await NewSession();
        TenantScope.Enter(state);
        var convening = Convening(state);
        var before = await convening.GetSnapshot(session.Facilitator);
        await ClusterFixture.Deactivate(convening);
        // Rewrite what is stored in the earlier shape: the people inside the convening's state, no state of their own.
        var storage = fixture.GrainStorage;
        var grainId = convening.GetGrainId();
        var stored = new GrainState<ConveningState>();
        var storedPeople = new GrainState<ConveningPeople>();
        await storage.ReadStateAsync("convening", grainId, stored);
        await storage.ReadStateAsync("convening-people", grainId, storedPeople);
        Assert.Empty(stored.State!.Participants);
        Assert.Equal(before.Participants, storedPeople.State!.Participants);
        stored.State!.Participants = storedPeople.State!.Participants;
        stored.State!.Present = storedPeople.State!.Present;
        await storage.WriteStateAsync("convening", grainId, stored);
        await storage.ClearStateAsync("convening-people", grainId, storedPeople);

        TenantScope.Enter(state);
        var after = await convening.GetSnapshot(session.Facilitator);
        var next = await convening.StartActivity(Act(session.Facilitator), "item-1");

        Assert.Equal(before.Participants, after.Participants);
        Assert.Equal(before.Present, after.Present);
        Assert.Equal(after.Sequence + 1, next.Sequence);
        stored = new GrainState<ConveningState>();
        storedPeople = new GrainState<ConveningPeople>();
        await storage.ReadStateAsync("convening", grainId, stored);
        await storage.ReadStateAsync("convening-people", grainId, storedPeople);
        Assert.Empty(stored.State!.Participants);
        Assert.Empty(stored.State!.Present);
        Assert.Equal(before.Participants, storedPeople.State!.Participants);
        Assert.Equal(before.Present, storedPeople.State!.Present);
    }

    [Fact]
    public async Task A_long_convening_writes_only_its_newest_events_with_each_change_and_still_replays_and_deduplicates_after_a_restart()
    {
        var (state, session) = await NewSession();
        TenantScope.Enter(state);
        var convening = Convening(state);
        var actions = new List<(ConveningAction Action, long Sequence)>();
        for (var i = 0; i < ConveningEventLog.PageSize + 60; i++)
        {
            var action = Act(session.Facilitator);
            actions.Add((action, (await convening.StartActivity(action, i % 2 == 0 ? "item-1" : "item-2")).Sequence));
        }

        var storage = fixture.GrainStorage;
        var stored = new GrainState<ConveningState>();
        await storage.ReadStateAsync("convening", convening.GetGrainId(), stored);
        Assert.InRange(stored.State!.LogTail.Count, 1, ConveningEventLog.PageSize);
        Assert.Empty(stored.State.RecentEvents);

        await ClusterFixture.Deactivate(convening);
        TenantScope.Enter(state);
        var (early, earlySequence) = actions[3];
        Assert.Equal(earlySequence, (await convening.StartActivity(early, "item-2")).Sequence);
        var from = actions[^300].Sequence - 1;
        var missed = (await convening.EventsAfter(session.Parent, from))!;
        Assert.Equal(actions.TakeLast(300).Select(a => a.Sequence), missed.Select(e => e.Sequence));
        Assert.Null(await convening.EventsAfter(session.Parent, actions[^1].Sequence - ConveningState.EventsKept - 1));
        Assert.Equal(actions[^1].Sequence, (await convening.GetSnapshot(session.Parent)).Sequence);
    }

    [Fact]
    public async Task A_convening_stored_with_its_events_inside_its_state_moves_them_to_its_log_on_activation()
    {
        var (state, session) = await NewSession();
        TenantScope.Enter(state);
        var convening = Convening(state);
        var mark = (await convening.GetSnapshot(session.Parent)).Sequence;
        var start = Act(session.Facilitator);
        var started = await convening.StartActivity(start, "item-1");
        await convening.OpenConsensusRound(Act(session.Facilitator), "Proposal", AgreementScale.FistToFive, false, false);
        var vote = Act(session.Parent);
        var voted = await convening.CastVote(vote, 4);
        await ClusterFixture.Deactivate(convening);
        // Rewrite what is stored in the earlier shape: events and action ids in lists of the state, no log tail. The
        // earlier shape remembered more action ids than events: the first action's event is not kept.
        var storage = fixture.GrainStorage;
        var grainId = convening.GetGrainId();
        var stored = new GrainState<ConveningState>();
        await storage.ReadStateAsync("convening", grainId, stored);
        var tail = stored.State!.LogTail;
        stored.State.RecentEvents = [.. tail.Where(e => e.Sequence > started.Sequence).Select(e => e.Event!)];
        stored.State.Actions = tail.Where(e => e.ActionId is not null).ToDictionary(e => e.ActionId!, e => e.Sequence);
        stored.State.ActionOrder = [.. tail.Where(e => e.ActionId is not null).Select(e => e.ActionId!)];
        stored.State.LogTail = [];
        await storage.WriteStateAsync("convening", grainId, stored);

        TenantScope.Enter(state);
        Assert.Equal(started.Sequence, (await convening.StartActivity(start, "item-1")).Sequence);
        Assert.Equal(voted.Sequence, (await convening.CastVote(vote, 4)).Sequence);
        Assert.Equal([ConveningEventTypes.RoundOpened, ConveningEventTypes.VoteCast], (await convening.EventsAfter(session.Parent, started.Sequence))!.Select(e => e.Type));
        Assert.Null(await convening.EventsAfter(session.Parent, mark));
        Assert.Equal(1, (await convening.GetSnapshot(session.Parent)).Consensus!.Rounds[0].VoteCount);

        stored = new GrainState<ConveningState>();
        await storage.ReadStateAsync("convening", grainId, stored);
        Assert.Empty(stored.State!.RecentEvents);
        Assert.Empty(stored.State.Actions);
        Assert.Equal([started.Sequence, started.Sequence + 1, voted.Sequence], stored.State.LogTail.Select(e => e.Sequence));
        Assert.Null(stored.State.LogTail[0].Event);
    }

    [Fact]
    public async Task Refusals_of_the_agenda_and_of_consensus_building_carry_the_code_a_client_acts_on()
    {
        var (state, session) = await NewSession();
        TenantScope.Enter(state);
        var convening = Convening(state);

        Assert.Equal(ErrorCodes.ActivityNotActive, await CodeOf(() => convening.CastVote(Act(session.Parent), 3)));
        await convening.StartActivity(Act(session.Facilitator), "item-1");
        Assert.Equal(ErrorCodes.RoundClosed, await CodeOf(() => convening.CastVote(Act(session.Parent), 3)));
        Assert.Equal(ErrorCodes.RoundClosed, await CodeOf(() => convening.RaiseConcern(Act(session.Parent), "Too soon")));
        Assert.Equal(ErrorCodes.Forbidden, await CodeOf(() => convening.OpenConsensusRound(Act(session.Parent), "Mine", AgreementScale.FistToFive, false, false)));
        Assert.Equal(ErrorCodes.NotJoined, await CodeOf(() => convening.CastVote(Act("someone-else"), 3)));
        Assert.Equal(ErrorCodes.NotJoined, await CodeOf(() => convening.GetSnapshot("someone-else")));
        Assert.Equal(ErrorCodes.Invalid, await CodeOf(() => convening.StartActivity(Act(session.Facilitator), "item-9")));
        await convening.OpenConsensusRound(Act(session.Facilitator), "Proposal", AgreementScale.FistToFive, false, false);
        Assert.Equal(ErrorCodes.Invalid, await CodeOf(() => convening.CastVote(Act(session.Parent), 9)));
        Assert.Equal(ErrorCodes.Invalid, await CodeOf(() => convening.OpenConsensusRound(Act(session.Facilitator), "Next", AgreementScale.FistToFive, false, false)));
        await convening.CloseRound(Act(session.Facilitator));
        Assert.Equal(ErrorCodes.RoundClosed, await CodeOf(() => convening.CastVote(Act(session.Parent), 3)));
        Assert.Equal(ErrorCodes.RoundClosed, await CodeOf(() => convening.CloseRound(Act(session.Facilitator))));
    }

    [Fact]
    public async Task Refusals_of_the_poll_the_questions_and_the_cafe_carry_the_code_a_client_acts_on()
    {
        var (state, session) = await NewSession();
        TenantScope.Enter(state);
        var convening = Convening(state);

        await convening.StartActivity(Act(session.Facilitator), "item-2");
        Assert.Equal(ErrorCodes.PollClosed, await CodeOf(() => convening.SubmitPollRating(Act(session.Parent), Poll(100, 70, 30, 20))));
        await convening.OpenDepthPoll(Act(session.Facilitator), ["acknowledging-diversity"]);
        await convening.RecordPollConsensus(Act(session.Facilitator), RatingRulesTests.Draft(("acknowledging-diversity", [100, 90, 50, 10])));
        Assert.Equal(ErrorCodes.PollClosed, await CodeOf(() => convening.SubmitPollRating(Act(session.Parent), Poll(100, 70, 30, 20))));

        await convening.StartActivity(Act(session.Facilitator), "item-3");
        await convening.AnswerQuestion(Act(session.Guest), 1, "Chronic absence");
        var answer = (await convening.GetSnapshot(session.Parent)).FourQuestions!.Answers[0];
        await convening.Upvote(Act(session.Parent), answer.Id);
        Assert.Equal(ErrorCodes.Conflict, await CodeOf(() => convening.Upvote(Act(session.Parent), answer.Id)));
        await convening.SaveAnswers(Act(session.Facilitator));
        Assert.Equal(ErrorCodes.AnswersSaved, await CodeOf(() => convening.AnswerQuestion(Act(session.Parent), 2, "Too late")));
        Assert.Equal(ErrorCodes.AnswersSaved, await CodeOf(() => convening.Upvote(Act(session.Guest), answer.Id)));

        await convening.StartActivity(Act(session.Facilitator), "item-4");
        await convening.SetUpCafe(Act(session.Facilitator),
        [
            new CafeTableDraft { HostId = session.Parent, Question = "What shared concerns bring us together?" },
            new CafeTableDraft { HostId = session.Guest, Question = "Who else should be at the table?" },
        ]);
        Assert.Equal(ErrorCodes.NoRoundRunning, await CodeOf(() => convening.AddTableNote(Act(session.Parent), "table-1", "Early")));
        Assert.Equal(ErrorCodes.NoRoundRunning, await CodeOf(() => convening.ExtendCafeRound(Act(session.Facilitator), 5)));
        await convening.StartCafeRound(Act(session.Facilitator), 20);
        Assert.Equal(ErrorCodes.RoundRunning, await CodeOf(() => convening.StartCafeRound(Act(session.Facilitator), 20)));
        Assert.Equal(ErrorCodes.NotAtTable, await CodeOf(() => convening.AddTableNote(Act(session.Parent), "table-2", "Visiting")));
        Assert.Equal(ErrorCodes.Invalid, await CodeOf(() => convening.AddTableNote(Act(session.Parent), "table-9", "Nowhere")));
    }

    [Fact]
    public async Task A_withdrawn_invitation_and_an_ended_convening_are_refused_with_their_codes()
    {
        var (state, session) = await NewSession();
        TenantScope.Enter(state);
        var convening = Convening(state);

        Assert.Equal(ErrorCodes.JoinCodeInactive, await CodeOf(() => convening.Join(Guest("Uninvited", "guest-uninvited", joinCodeId: "jc-unknown"))));
        await convening.RevokeJoinCode(JoinCodeId);
        Assert.Equal(ErrorCodes.JoinCodeInactive, await CodeOf(() => convening.StartActivity(Act(session.Guest), "item-1")));
        Assert.Equal(ErrorCodes.JoinCodeInactive, await CodeOf(() => convening.SetPresence(session.Guest, present: true)));
        Assert.Equal(ErrorCodes.JoinCodeInactive, await CodeOf(() => convening.Join(Guest("Grandmother of a 9th grader", session.Guest))));

        await convening.CloseConvening(Act(session.Facilitator));
        Assert.Equal(ErrorCodes.ConveningEnded, await CodeOf(() => convening.StartActivity(Act(session.Facilitator), "item-1")));
        Assert.Equal(ErrorCodes.ConveningEnded, await CodeOf(() => convening.Join(new JoinRequest { MemberId = session.Parent })));
        var now = DateTimeOffset.UtcNow;
        Assert.Equal(ErrorCodes.ConveningEnded, await CodeOf(() => convening.AddJoinCode(new JoinCode { Id = "jc-late", IssuedAt = now, ExpiresAt = now.AddDays(1), IssuedBy = session.Facilitator })));
    }

    private static async Task<string> CodeOf(Func<Task> call) => (await Assert.ThrowsAsync<DomainValidationException>(call)).Code;

    private async Task<(string State, Session Session)> NewSession()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        var team = await _grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(state, "graduatefirst")).EnrolTeam(new TeamDraft { Id = "cafe", Name = "CAFÉ", DistrictId = "meriwether" });
        var roster = _grains.GetGrain<ITeamGrain>(GrainKeys.Of(state, team.Id));
        var facilitator = await roster.AddMember(new MemberDraft { DisplayName = "Facilitator", StakeholderRole = StakeholderRole.DistrictAdministrator, IsFacilitator = true });
        var parent = await roster.AddMember(new MemberDraft { DisplayName = "Parent", StakeholderRole = StakeholderRole.FamilyMember });
        var convening = Convening(state);
        await convening.Create(new ConveningDraft
        {
            Id = "november-day",
            Title = "November learning day",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = team.Id,
            Agenda =
            [
                new AgendaItemDraft { Kind = ActivityKind.ConsensusBuilding, Title = "Agree the plan" },
                new AgendaItemDraft { Kind = ActivityKind.DepthPoll, Title = "How deep are we?" },
                new AgendaItemDraft { Kind = ActivityKind.FourSimpleQuestions, Title = "Four Simple Questions" },
                new AgendaItemDraft { Kind = ActivityKind.WorldCafe, Title = "World Café" },
            ],
        });
        await convening.Join(new JoinRequest { MemberId = facilitator.Id });
        await convening.Join(new JoinRequest { MemberId = parent.Id });
        // Guests come in with a join code the facilitator issued.
        var now = ClusterFixture.Clock.GetUtcNow();
        await convening.AddJoinCode(new JoinCode { Id = JoinCodeId, Label = "Families", IssuedAt = now, ExpiresAt = now.AddDays(1), IssuedBy = facilitator.Id });
        var guest = await convening.Join(Guest("Grandmother of a 9th grader", "guest-grandmother"));
        return (state, new Session("november-day", facilitator.Id, parent.Id, guest.Participant.Id));
    }

    /// <summary>A guest's join as the hub makes it from their token: their name, id and the join code they came with.</summary>
    private static JoinRequest Guest(string name, string guestId, string joinCodeId = JoinCodeId) =>
        new() { GuestName = name, GuestId = guestId, JoinCodeId = joinCodeId };

    private IConveningGrain Convening(string state) => _grains.GetGrain<IConveningGrain>(GrainKeys.Of(state, "november-day"));

    private static ConveningAction Act(string participantId) => new() { ActionId = Guid.NewGuid().ToString("N"), ParticipantId = participantId };

    private static PollRating Poll(params int[] attainment) => new() { Rows = RatingRulesTests.Draft(("acknowledging-diversity", attainment)).Rows! };

    private sealed record Session(string ConveningId, string Facilitator, string Parent, string Guest);
}
