using LbcCommunity.Convenings;
using LbcCommunity.Ratings;
using Orleans.Concurrency;

namespace LbcCommunity.Contracts;

/// <summary>Receives a convening's events, in sequence order. One per silo, relaying to the SignalR groups.</summary>
public interface IConveningObserver : IGrainObserver
{
    [OneWay]
    void EventRaised(string conveningKey, ConveningEvent conveningEvent);
}

/// <summary>
/// A live convening: the server-authoritative state of the session. Every change is an event with the next sequence
/// number, stored before it is acknowledged or sent. Every action names an id chosen by the client; a retried action
/// is acknowledged again and applied once. Key: <c>{tenant}/{convening}</c>.
/// </summary>
public interface IConveningGrain : IGrainWithStringKey
{
    Task<Convening> Create(ConveningDraft draft);

    /// <summary>
    /// Changes the plan (title, start, agenda) while nothing has begun; refused with <c>convening-begun</c> or
    /// <c>convening-ended</c> afterwards, so the plan a room ran is the plan kept.
    /// </summary>
    Task<Convening> UpdatePlan(ConveningPlanDraft draft);

    /// <summary>Records how and when the results went back to the stakeholders (any time; the latest record stands).</summary>
    Task<ResultsShared> RecordResultsShared(ResultsSharedDraft draft, string recordedBy);

    [AlwaysInterleave]
    Task<Convening?> TryGet();

    /// <summary>
    /// The listing as stored, for the owner's index (<see cref="IConveningIndexGrain"/>). Interleaves: the index asks while
    /// this convening may be waiting for the index.
    /// </summary>
    [AlwaysInterleave]
    Task<ListingAnswer> GetListing();

    /// <summary>What the convening came to (attendance by role, decisions, harvest, poll, answers), as stored.</summary>
    [AlwaysInterleave]
    Task<ConveningSummary> GetSummary();

    /// <summary>
    /// Adds or finds the participant (members by id from the owner's roster; guests by name) and marks them present.
    /// Joins interleave, so a storm of them is stored by a few group writes rather than one write after another: a join
    /// checks and changes the people in one step (after its only wait, the roster's answer, it checks again).
    /// </summary>
    [AlwaysInterleave]
    Task<JoinResult> Join(JoinRequest request);

    /// <summary>
    /// <see cref="Join"/> on a hub connection: the participant's presence and the connection
    /// (<see cref="Connect"/>) are stored by the same write, so a join waits for one write, not two.
    /// </summary>
    [AlwaysInterleave]
    Task<JoinResult> JoinOn(JoinRequest request, string connectionId, SiloAddress silo);

    /// <summary>Marks a participant here or gone, whatever their connections (gone forgets them).</summary>
    [AlwaysInterleave]
    Task SetPresence(string participantId, bool present);

    /// <summary>
    /// A connection of the participant opened on <paramref name="silo"/>: they are here while any of their connections
    /// is open. Connections are stored, so a new activation knows which silo each was on.
    /// </summary>
    [AlwaysInterleave]
    Task Connect(string participantId, string connectionId, SiloAddress silo);

    /// <summary>A connection closed: the participant is gone when it was their last.</summary>
    [AlwaysInterleave]
    Task Disconnect(string participantId, string connectionId);

    /// <summary>Cluster membership declared <paramref name="silos"/> dead: the connections on them are gone.</summary>
    [AlwaysInterleave]
    Task SilosDied(IReadOnlyList<SiloAddress> silos);

    /// <summary>
    /// A page of the roster, for any participant (a guest whose code was revoked no longer): names a participant's
    /// snapshot does not carry.
    /// </summary>
    [AlwaysInterleave]
    Task<RosterPage> ListParticipants(string participantId, RosterRequest request);

    /// <summary>The state as a viewer may see it (facilitators see hidden results and the whole roster).</summary>
    Task<ConveningSnapshot> GetSnapshot(string participantId);

    /// <summary>
    /// The stored events after <paramref name="sequence"/> as the viewer may see them, or <c>null</c> when they are no
    /// longer kept (take a snapshot). Events applied but not yet stored are not waited for: they go to the watching
    /// relays once stored, so a connection that listens before it asks gets them live.
    /// </summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<ConveningEvent>?> EventsAfter(string participantId, long sequence);

    Task<ActionAck> StartActivity(ConveningAction action, string agendaItemId);

    Task<ActionAck> OpenConsensusRound(ConveningAction action, string proposal, AgreementScale scale, bool anonymous, bool hideResults);

    [AlwaysInterleave]
    Task<ActionAck> CastVote(ConveningAction action, int level);

    [AlwaysInterleave]
    Task<ActionAck> RaiseConcern(ConveningAction action, string text);

    Task<ActionAck> RevealResults(ConveningAction action);

    Task<ActionAck> CloseRound(ConveningAction action);

    /// <summary>Records the outcome; it is kept as evidence on the team's "Decision making through consensus" row.</summary>
    Task<ActionAck> RecordOutcome(ConveningAction action, ConsensusOutcome outcome);

    Task<ActionAck> OpenDepthPoll(ConveningAction action, IReadOnlyList<string> rowIds);

    Task<ActionAck> SubmitPollRating(ConveningAction action, PollRating rating);

    Task<ActionAck> RecordPollConsensus(ConveningAction action, RatingDraft consensus);

    /// <summary>Sets the World Café's tables: a host (a participant) and a question each.</summary>
    Task<ActionAck> SetUpCafe(ConveningAction action, IReadOnlyList<CafeTableDraft> tables);

    /// <summary>
    /// Starts a timed round of <paramref name="minutes"/> (0.5–120; fractions allowed, 0.5 is 30 s) with a computed
    /// seating of everyone present; hosts stay at their tables.
    /// </summary>
    Task<ActionAck> StartCafeRound(ConveningAction action, double minutes);

    /// <summary>Moves the current round's end time <paramref name="minutes"/> (0.5–120) later.</summary>
    Task<ActionAck> ExtendCafeRound(ConveningAction action, double minutes);

    /// <summary>Ends the running round now: its end time becomes the server's now, and everyone sees it.</summary>
    Task<ActionAck> EndCafeRound(ConveningAction action);

    /// <summary>
    /// The seating and warnings the next café round would get now, for the facilitator only. Starting the round with
    /// nothing changed in between (who is here, the rounds) seats exactly this.
    /// </summary>
    Task<CafeRoundPreview> PreviewCafeRound(string participantId);

    /// <summary>A message to all café tables, once they are set (before, during or between rounds).</summary>
    Task<ActionAck> MessageTables(ConveningAction action, string text);

    /// <summary>Moves a present participant (not a host) to another table in the running round; its warnings are worked out again.</summary>
    Task<ActionAck> MoveParticipant(ConveningAction action, string participantId, string tableId);

    /// <summary>Adds a note at a table the participant sits at (or hosts) while the round runs.</summary>
    Task<ActionAck> AddTableNote(ConveningAction action, string tableId, string text);

    /// <summary>Saves the whole-group harvest; it is kept on the team's record.</summary>
    Task<ActionAck> SaveHarvest(ConveningAction action, string text);

    [AlwaysInterleave]
    Task<ActionAck> AnswerQuestion(ConveningAction action, int question, string text);

    [AlwaysInterleave]
    Task<ActionAck> Upvote(ConveningAction action, string answerId);

    Task<ActionAck> SaveAnswers(ConveningAction action);

    /// <summary>Writes one of the participant's own one to three actions (the personal action plan); <paramref name="dueOn"/> is <c>yyyy-MM-dd</c> or none.</summary>
    [AlwaysInterleave]
    Task<ActionAck> WritePersonalAction(ConveningAction action, string text, string? dueOn);

    /// <summary>Removes one of the participant's own personal actions while the activity is open.</summary>
    [AlwaysInterleave]
    Task<ActionAck> RemovePersonalAction(ConveningAction action, string personalActionId);

    /// <summary>
    /// Closes the personal action plan; its actions are owed to the owner's action plan (a team's or community's) and
    /// handed over after the close is stored, again on activation and by a reminder until the plan has them.
    /// </summary>
    Task<ActionAck> ClosePersonalActions(ConveningAction action);

    /// <summary>The personal actions written: every one (<paramref name="participantId"/> <c>null</c>), or one participant's.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<PersonalAction>> GetPersonalActions(string? participantId);

    /// <summary>
    /// A participant's own actions to e-mail to themself, counted: at most <see cref="PersonalActionPlan.MaxTakeAwayMails"/>
    /// per participant (refused <c>conflict</c> after), so the service cannot be used to send mail to anyone at will.
    /// </summary>
    Task<IReadOnlyList<PersonalAction>> TakeAwayByMail(string participantId);

    /// <summary>Whether the personal actions still owed to the plan have been handed over (for operators and tests).</summary>
    [AlwaysInterleave]
    Task<bool> PersonalActionsOwed();

    /// <summary>Ends the convening: no action is taken after it.</summary>
    Task<ActionAck> CloseConvening(ConveningAction action);

    /// <summary>Keeps a new join code (its id only; the secret code is indexed by the platform).</summary>
    Task<JoinCode> AddJoinCode(JoinCode code);

    /// <summary>
    /// Issues a new join code: indexes <paramref name="codeHash"/> (the hash of the secret code) for the platform, so
    /// the join page finds this convening, then keeps the code. Nothing is written when the convening does not exist,
    /// has ended or the code breaks <see cref="JoinCodeRules"/>. The two writes are on two grains and cannot be one:
    /// the index is written first, so a code the convening lists can always be found. A crash between them leaves an
    /// index entry that opens nothing (the convening is asked whether the code is active) until it expires; a retry with
    /// the same arguments completes the issue, and a retry after both writes answers the kept code and writes nothing.
    /// </summary>
    Task<JoinCode> IssueJoinCode(string codeHash, JoinCode code);

    /// <summary>Revokes a join code: no one joins with it any more, and guests who came with it can no longer act.</summary>
    Task<JoinCode> RevokeJoinCode(string joinCodeId);

    [AlwaysInterleave]
    Task<IReadOnlyList<JoinCode>> ListJoinCodes();

    /// <summary>Whether guests may still join and act with this code.</summary>
    [AlwaysInterleave]
    Task<bool> IsJoinCodeActive(string joinCodeId);

    Task Watch(IConveningObserver observer);

    Task Unwatch(IConveningObserver observer);
}

[GenerateSerializer, Immutable]
public sealed record JoinResult
{
    [Id(0)] public required Participant Participant { get; init; }

    [Id(1)] public required ConveningSnapshot Snapshot { get; init; }

    /// <summary>
    /// Events after the snapshot that may have been sent before this connection was listening (the hub fills it in).
    /// Apply events in sequence order and skip any already applied: a catch-up event can also arrive live.
    /// </summary>
    [Id(2)] public IReadOnlyList<ConveningEvent>? Events { get; init; }
}
