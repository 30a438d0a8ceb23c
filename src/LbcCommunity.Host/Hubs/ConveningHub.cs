using LbcCommunity.Access;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Contracts;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.Tenancy;
using LbcCommunity.Validation;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// A live convening. A client joins (or resumes after a drop), gets a snapshot, then <c>ConveningEvent</c>s numbered
/// one after the other (delivered as <c>ConveningEvents</c> arrays: one event, or a batch during a burst). Every action carries an <c>actionId</c> the client chooses; sending it again after a lost
/// answer is safe. A participant acts only for themself: the connection is bound to the participant it joined as.
/// Errors are <see cref="HubException"/>s that start with a code (docs/errors.md) and name the field; a refused action
/// changes nothing. While the convening moves to another silo (the one that held it died), calls fail with
/// <c>convening-moving: …</c>: send the same action again. The hub filters (<see cref="HubPipeline"/>) check the ids and
/// the caller's tenant, hold each connection to <see cref="ActionsPerSecond"/> and turn the domain's refusals into those
/// errors, so a method here only says who acts and what grain call it makes.
/// </summary>
[RateLimited(ActionsPerSecond)]
internal sealed partial class ConveningHub(IGrainFactory grains, ConveningRelay relay, ConveningMoves moves, ILocalSiloDetails silo, ILogger<ConveningHub> logger) : Hub
{
    /// <summary>The client method that receives events: an array of one or more, in sequence order.</summary>
    public const string EventsName = "ConveningEvents";

    /// <summary>Calls (actions, joins) a connection may send per second, sustained; bursts up to twice that.</summary>
    public const int ActionsPerSecond = 20;

    /// <summary>
    /// Joins as the caller: a member of the owner's roster joins as that member (<c>memberId</c>, if sent, must be their
    /// own); a guest with a join code joins under the name in their token (<c>guestRole</c> may say how they take part).
    /// </summary>
    public async Task<JoinResult> Join(string tenantId, string conveningId, JoinRequest request)
    {
        var key = GrainKeys.Of(tenantId, conveningId);
        var convening = Convening(key);
        var identity = await AsCaller(Context.Caller(), convening, conveningId, request ?? new JoinRequest());
        // Bound before the grain stores the connection (with the join, one write): if the connection closes meanwhile,
        // OnDisconnectedAsync forgets it. A refused join leaves the binding as it was.
        var bound = $"convening:{key}";
        var before = Context.Items.TryGetValue(bound, out var was) ? was : null;
        Context.Items[bound] = identity.MemberId ?? identity.GuestId ?? identity.Person?.PersonId;
        JoinResult result;
        try
        {
            result = await convening.JoinOn(identity, Context.ConnectionId, silo.SiloAddress);
        }
        catch
        {
            if (before is null)
            {
                Context.Items.Remove(bound);
            }
            else
            {
                Context.Items[bound] = before;
            }

            throw;
        }

        await Bind(key, result.Participant);
        // Listening only began after the snapshot was taken: whatever happened in between comes with the answer.
        var events = await convening.EventsAfter(result.Participant.Id, result.Snapshot.Sequence);
        return result with { Events = events ?? [] };
    }

    /// <summary>
    /// Comes back after a drop: the events after <paramref name="lastSequence"/>, or a snapshot when they are no longer
    /// kept. The connection is bound to <paramref name="participantId"/> again, which must be the caller's own.
    /// </summary>
    public async Task<ResumeResult> Resume(string tenantId, string conveningId, string participantId, long lastSequence)
    {
        Require("participantId", participantId);
        var key = GrainKeys.Of(tenantId, conveningId);
        var convening = Convening(key);
        var own = await AsCaller(Context.Caller(), convening, conveningId, new JoinRequest());
        if ((own.MemberId ?? own.GuestId ?? own.Person?.PersonId) != participantId)
        {
            throw HubErrors.Of(ErrorCodes.Forbidden, "participantId: you can only come back as yourself.");
        }

        var snapshot = await convening.GetSnapshot(participantId);
        var participant = snapshot.Participants.First(p => p.Id == participantId);
        await convening.Connect(participantId, Context.ConnectionId, silo.SiloAddress);
        await Bind(key, participant);
        var events = await convening.EventsAfter(participantId, lastSequence);
        return events is null ? new ResumeResult { Snapshot = await convening.GetSnapshot(participantId) } : new ResumeResult { Events = events };
    }

    /// <summary>
    /// A page of the convening's participants, by ids and/or by position (at most <see cref="ConveningRoster.MaxPage"/>),
    /// with how many there are: the names a participant's snapshot leaves out (the people at their café table, say).
    /// Any participant joined on this connection may ask.
    /// </summary>
    public Task<RosterPage> Roster(string tenantId, string conveningId, RosterRequest request)
    {
        var key = GrainKeys.Of(tenantId, conveningId);
        return Convening(key).ListParticipants(JoinedAs(key), request ?? new RosterRequest());
    }

    public Task<ActionAck> StartActivity(string tenantId, string conveningId, string actionId, string agendaItemId) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.StartActivity(action, agendaItemId));

    public Task<ActionAck> OpenConsensusRound(string tenantId, string conveningId, string actionId, string proposal, AgreementScale scale, bool anonymous, bool hideResults) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.OpenConsensusRound(action, proposal, scale, anonymous, hideResults));

    public Task<ActionAck> CastVote(string tenantId, string conveningId, string actionId, int level) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.CastVote(action, level));

    public Task<ActionAck> RaiseConcern(string tenantId, string conveningId, string actionId, string text) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.RaiseConcern(action, text));

    public Task<ActionAck> RevealResults(string tenantId, string conveningId, string actionId) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.RevealResults(action));

    public Task<ActionAck> CloseRound(string tenantId, string conveningId, string actionId) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.CloseRound(action));

    public Task<ActionAck> RecordOutcome(string tenantId, string conveningId, string actionId, ConsensusOutcome outcome) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.RecordOutcome(action, outcome));

    public Task<ActionAck> OpenDepthPoll(string tenantId, string conveningId, string actionId, string[] rowIds) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.OpenDepthPoll(action, rowIds ?? []));

    public Task<ActionAck> SubmitPollRating(string tenantId, string conveningId, string actionId, PollRating rating) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.SubmitPollRating(action, rating ?? throw HubErrors.Of(ErrorCodes.Invalid, "'rating' is required.")));

    public Task<ActionAck> RecordPollConsensus(string tenantId, string conveningId, string actionId, RatingDraft consensus) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.RecordPollConsensus(action, consensus ?? throw HubErrors.Of(ErrorCodes.Invalid, "'consensus' is required.")));

    public Task<ActionAck> SetUpCafe(string tenantId, string conveningId, string actionId, CafeTableDraft[] tables) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.SetUpCafe(action, tables ?? []));

    public Task<ActionAck> StartCafeRound(string tenantId, string conveningId, string actionId, double minutes) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.StartCafeRound(action, minutes));

    public Task<ActionAck> ExtendCafeRound(string tenantId, string conveningId, string actionId, double minutes) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.ExtendCafeRound(action, minutes));

    public Task<ActionAck> EndCafeRound(string tenantId, string conveningId, string actionId) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.EndCafeRound(action));

    /// <summary>The seating and warnings the next café round would get now (the facilitator's only; it changes nothing).</summary>
    public Task<CafeRoundPreview> PreviewCafeRound(string tenantId, string conveningId) =>
        Convening(GrainKeys.Of(tenantId, conveningId)).PreviewCafeRound(JoinedAs(GrainKeys.Of(tenantId, conveningId)));

    public Task<ActionAck> MessageTables(string tenantId, string conveningId, string actionId, string text) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.MessageTables(action, text));

    public Task<ActionAck> MoveParticipant(string tenantId, string conveningId, string actionId, string participantId, string tableId) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.MoveParticipant(action, participantId, tableId));

    public Task<ActionAck> AddTableNote(string tenantId, string conveningId, string actionId, string tableId, string text) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.AddTableNote(action, tableId, text));

    public Task<ActionAck> SaveHarvest(string tenantId, string conveningId, string actionId, string text) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.SaveHarvest(action, text));

    public Task<ActionAck> AnswerQuestion(string tenantId, string conveningId, string actionId, int question, string text) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.AnswerQuestion(action, question, text));

    public Task<ActionAck> Upvote(string tenantId, string conveningId, string actionId, string answerId) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.Upvote(action, answerId));

    public Task<ActionAck> SaveAnswers(string tenantId, string conveningId, string actionId) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.SaveAnswers(action));

    public Task<ActionAck> WritePersonalAction(string tenantId, string conveningId, string actionId, string text, string? dueOn) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.WritePersonalAction(action, text, dueOn));

    public Task<ActionAck> RemovePersonalAction(string tenantId, string conveningId, string actionId, string personalActionId) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.RemovePersonalAction(action, personalActionId));

    public Task<ActionAck> ClosePersonalActions(string tenantId, string conveningId, string actionId) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.ClosePersonalActions(action));

    public Task<ActionAck> CloseConvening(string tenantId, string conveningId, string actionId) =>
        Act(tenantId, conveningId, actionId, (grain, action) => grain.CloseConvening(action));

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        foreach (var (key, participantId) in Context.Items.Where(i => i.Key is string k && k.StartsWith("convening:", StringComparison.Ordinal))
                     .Select(i => (((string)i.Key)["convening:".Length..], (string)i.Value!)).ToList())
        {
            TenantScope.Enter(GrainKeys.TenantOf(key));
            try
            {
                await Convening(key).Disconnect(participantId, Context.ConnectionId);
                moves.Answered(key);
            }
            catch (Exception failed) when (ConveningMoves.IsMoving(failed))
            {
                // The convening is moving: its new activation forgets connections on dead silos, and this one's
                // relay registration is released below either way.
                _ = moves.Moving(key, failed);
            }
            catch (Exception failed)
            {
                LogDisconnectFailed(logger, failed, key);
            }
        }

        await relay.Disconnected(Context.ConnectionId);
    }

    /// <summary>An action of the participant this connection joined as, on the convening it joined.</summary>
    private Task<ActionAck> Act(string tenantId, string conveningId, string actionId, Func<IConveningGrain, ConveningAction, Task<ActionAck>> act)
    {
        Require("actionId", actionId, slug: false);
        var key = GrainKeys.Of(tenantId, conveningId);
        return act(Convening(key), new ConveningAction { ActionId = actionId, ParticipantId = JoinedAs(key) });
    }

    /// <summary>The participant this connection joined the convening as: nothing is asked of a convening before a Join.</summary>
    private string JoinedAs(string key) =>
        Context.Items[$"convening:{key}"] as string
        ?? throw HubErrors.Of(ErrorCodes.NotJoined, "Join the convening on this connection first (Join or Resume).");

    private async Task Bind(string key, Participant participant)
    {
        Context.Items[$"convening:{key}"] = participant.Id;
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, ConveningRelay.GroupOf(key, !participant.IsFacilitator));
        await Groups.AddToGroupAsync(Context.ConnectionId, ConveningRelay.GroupOf(key, participant.IsFacilitator));
        await relay.Watch(Context.ConnectionId, key);
        if (participant.JoinCodeId is { } joinCodeId)
        {
            relay.BindGuest(Context.ConnectionId, key, joinCodeId);
        }
    }

    /// <summary>
    /// An initiative's convening: state staff facilitate; regional coordinators and the people of the initiative's teams
    /// take part, under their own id and their stakeholder role on their team's roster.
    /// </summary>
    private async Task<InitiativeParticipant> InitiativeParticipant(Caller caller, string initiativeId)
    {
        var name = caller.DisplayName ?? caller.Subject;
        if (caller.IsStateAdmin || caller.Has(AccessRole.RegionalCoordinator))
        {
            return new InitiativeParticipant { PersonId = caller.Subject, DisplayName = name, StakeholderRole = StakeholderRole.StateStaff, IsFacilitator = caller.IsStateAdmin };
        }

        foreach (var grant in caller.Grants.Where(g => g.Role is AccessRole.TeamFacilitator or AccessRole.TeamMember))
        {
            var team = grains.GetGrain<ITeamGrain>(GrainKeys.Of(caller.TenantId!, grant.ScopeId!));
            if ((await team.TryGet())?.InitiativeId == initiativeId)
            {
                var member = await team.GetMember(grant.MemberId!);
                return new InitiativeParticipant { PersonId = caller.Subject, DisplayName = name, StakeholderRole = member.StakeholderRole, IsFacilitator = false };
            }
        }

        throw HubErrors.Of(ErrorCodes.Forbidden, $"Only the state's staff and the people of Initiative '{initiativeId}''s teams (and invited guests) join this convening.");
    }

    /// <summary>Who the caller joins as: their place on the owner's roster, or the guest their token names.</summary>
    private async Task<JoinRequest> AsCaller(Caller caller, IConveningGrain convening, string conveningId, JoinRequest request)
    {
        if (caller.GuestConveningId is not null)
        {
            return new JoinRequest { GuestName = caller.DisplayName, GuestRole = request.GuestRole, GuestId = caller.Subject, JoinCodeId = caller.JoinCodeId };
        }

        var plan = await convening.TryGet() ?? throw HubErrors.Of(ErrorCodes.NotFound, $"Convening '{conveningId}' was not found.");
        if (plan.OwnerKind == ConveningOwnerKind.Initiative)
        {
            return new JoinRequest { Person = await InitiativeParticipant(caller, plan.OwnerId) };
        }

        var memberId = caller.MemberIdOn(plan.OwnerKind, plan.OwnerId);
        if (memberId is null)
        {
            throw HubErrors.Of(ErrorCodes.Forbidden, $"Only the members of {plan.OwnerKind} '{plan.OwnerId}' (and invited guests) join this convening.");
        }

        if (request.MemberId is not null && request.MemberId != memberId)
        {
            throw HubErrors.Of(ErrorCodes.Forbidden, "memberId: you can only join as yourself.");
        }

        return new JoinRequest { MemberId = memberId };
    }

    private static void Require(string name, string? value, bool slug = true)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 100 || (slug && !Validator.IsSlug(value)))
        {
            throw HubErrors.Of(ErrorCodes.Invalid, $"'{name}' must be {(slug ? "an id (lowercase letters, digits and hyphens)" : "1–100 characters")}.");
        }
    }

    private IConveningGrain Convening(string key) => grains.GetGrain<IConveningGrain>(key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marking a closed connection gone in convening {Key} failed.")]
    private static partial void LogDisconnectFailed(ILogger logger, Exception exception, string key);
}
