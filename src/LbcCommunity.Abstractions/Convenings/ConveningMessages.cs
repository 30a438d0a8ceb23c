using LbcCommunity.Organization;
using LbcCommunity.Ratings;

namespace LbcCommunity.Convenings;

// What goes over the convening hub: snapshots and events out, actions, joins and their answers in and back.

/// <summary>
/// Everything a participant needs to show the convening, as of <see cref="Sequence"/>: events after it follow.
/// A facilitator's holds every participant (<see cref="WholeRoster"/>); anyone else's holds the facilitators and the
/// caller, and <see cref="Presence"/> counts the rest: a Join answer in a room of 5,000 stays a few kilobytes, where
/// the whole list made each join cost O(n) to build, send and parse. Other names come from the hub's <c>Roster</c>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ConveningSnapshot
{
    [Id(0)] public required long Sequence { get; init; }

    [Id(1)] public required Convening Convening { get; init; }

    /// <summary>Everyone (a facilitator's snapshot) or the facilitators and the caller (anyone else's).</summary>
    [Id(2)] public required IReadOnlyList<Participant> Participants { get; init; }

    /// <summary>Who of <see cref="Participants"/> is here now.</summary>
    [Id(3)] public required IReadOnlyList<string> Present { get; init; }

    [Id(4)] public string? ActiveItemId { get; init; }

    [Id(5)] public ConsensusActivity? Consensus { get; init; }

    [Id(6)] public DepthPollActivity? DepthPoll { get; init; }

    [Id(7)] public FourQuestionsActivity? FourQuestions { get; init; }

    [Id(8)] public required bool Ended { get; init; }

    [Id(9)] public WorldCafeActivity? WorldCafe { get; init; }

    /// <summary>How many have joined, are here, and are here by role: the whole room, whatever <see cref="Participants"/> holds.</summary>
    [Id(10)] public required PresenceCounts Presence { get; init; }

    /// <summary>Whether <see cref="Participants"/> is everyone who has joined (a facilitator's snapshot).</summary>
    [Id(11)] public required bool WholeRoster { get; init; }

    /// <summary>The personal action plan: every action written so far (the room sees them, as it sees the answers to the Four Simple Questions).</summary>
    [Id(12)] public PersonalActionsActivity? PersonalActions { get; init; }
}

/// <summary>
/// One change to a convening, numbered: a participant applies events in sequence order, each exactly once. The event
/// carries the whole new state of what changed (a participant list, a round, the poll…), never a diff.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ConveningEvent
{
    [Id(0)] public required long Sequence { get; init; }

    [Id(1)] public required string Type { get; init; }

    [Id(2)] public required DateTimeOffset At { get; init; }

    [Id(3)] public string? ActorId { get; init; }

    /// <summary>The participant who joined (<c>ParticipantJoined</c>): events name one participant, never the whole list, so a session of a thousand costs a thousand small events, not a million.</summary>
    [Id(4)] public Participant? Participant { get; init; }

    /// <summary>Whether <see cref="ActorId"/> is here now (<c>ParticipantJoined</c>, <c>PresenceChanged</c>).</summary>
    [Id(5)] public bool? Present { get; init; }

    [Id(6)] public string? ActiveItemId { get; init; }

    [Id(7)] public ConsensusActivity? Consensus { get; init; }

    [Id(8)] public DepthPollActivity? DepthPoll { get; init; }

    [Id(9)] public FourQuestionsActivity? FourQuestions { get; init; }

    [Id(10)] public bool? Ended { get; init; }

    [Id(11)] public WorldCafeActivity? WorldCafe { get; init; }

    /// <summary><c>VoteCast</c>, <c>ConcernRaised</c>: the round the vote or concern belongs to.</summary>
    [Id(12)] public int? Round { get; init; }

    /// <summary><c>VoteCast</c>: the vote (no voter in an anonymous round; absent for participants while results are hidden).</summary>
    [Id(13)] public Vote? Vote { get; init; }

    /// <summary><c>VoteCast</c>: how many have voted in the round.</summary>
    [Id(14)] public int? VoteCount { get; init; }

    /// <summary><c>VoteCast</c>: the round's tally after the vote (absent for participants while results are hidden).</summary>
    [Id(15)] public IReadOnlyList<int>? Tally { get; init; }

    /// <summary><c>VoteCast</c>: whether the round's results are hidden from participants.</summary>
    [Id(16)] public bool? ResultsHidden { get; init; }

    /// <summary><c>ConcernRaised</c>: the concern (no author in an anonymous round).</summary>
    [Id(17)] public Concern? Concern { get; init; }

    /// <summary><c>QuestionAnswered</c>, <c>AnswerUpvoted</c>: the answer as it now stands.</summary>
    [Id(18)] public QuestionAnswer? Answer { get; init; }

    /// <summary><c>JoinCodeRevoked</c>: the code whose guests leave; their connections hear nothing more.</summary>
    [Id(19)] public string? JoinCodeId { get; init; }

    /// <summary>
    /// <c>ParticipantJoined</c>, <c>PresenceChanged</c>, <c>PresenceSummary</c>: the room's counts after the event
    /// (the counts of a summary are those after its last sequence).
    /// </summary>
    [Id(20)] public PresenceCounts? Presence { get; init; }

    /// <summary>
    /// <c>PresenceSummary</c> only: the first sequence it covers (through <see cref="Sequence"/>); every sequence in the
    /// range was a presence event, which participants get only as this summary.
    /// </summary>
    [Id(21)] public long? FirstSequence { get; init; }

    /// <summary><c>PersonalActionWritten</c>, <c>PersonalActionRemoved</c>: the action.</summary>
    [Id(22)] public PersonalAction? PersonalAction { get; init; }

    /// <summary><c>ActivityStarted</c> of a personal action plan, <c>PersonalActionsClosed</c>: the whole activity.</summary>
    [Id(23)] public PersonalActionsActivity? PersonalActions { get; init; }
}

/// <summary>What a participant acts with: an id of the client's choosing makes retries safe.</summary>
[GenerateSerializer, Immutable]
public sealed record ConveningAction
{
    /// <summary>Chosen by the client per action; a retry with the same id is acknowledged again and applied once.</summary>
    [Id(0)] public required string ActionId { get; init; }

    [Id(1)] public required string ParticipantId { get; init; }
}

/// <summary>The acknowledgement of an action: the sequence of the event it produced (or produced the first time).</summary>
[GenerateSerializer, Immutable]
public sealed record ActionAck
{
    [Id(0)] public required string ActionId { get; init; }

    [Id(1)] public required long Sequence { get; init; }
}

/// <summary>A participant joining: a member of the owner's roster by id, or a guest by display name.</summary>
[GenerateSerializer, Immutable]
public sealed record JoinRequest
{
    [Id(0)] public string? MemberId { get; init; }

    [Id(1)] public string? GuestName { get; init; }

    [Id(2)] public StakeholderRole? GuestRole { get; init; }

    /// <summary>Set by the hub from a guest's token: the join code they came in with.</summary>
    [Id(3)] public string? JoinCodeId { get; init; }

    /// <summary>Set by the hub from a guest's token: the guest's own id, so a guest who comes back is the same participant.</summary>
    [Id(4)] public string? GuestId { get; init; }

    /// <summary>
    /// Set by the hub for a convening of a whole initiative, which has no roster: the signed-in person (state staff,
    /// a regional coordinator, a member of one of the initiative's teams) joins under their own id.
    /// </summary>
    [Id(5)] public InitiativeParticipant? Person { get; init; }
}

/// <summary>Who joins an initiative's convening, as the hub vouches for them from their token.</summary>
[GenerateSerializer, Immutable]
public sealed record InitiativeParticipant
{
    [Id(0)] public required string PersonId { get; init; }

    [Id(1)] public required string DisplayName { get; init; }

    [Id(2)] public required StakeholderRole StakeholderRole { get; init; }

    /// <summary>State staff facilitate the initiative's convenings.</summary>
    [Id(3)] public required bool IsFacilitator { get; init; }
}

/// <summary>
/// An invitation to one convening for people without an account (families, partners). The code itself is shown once,
/// to the facilitator who issues it; only its id is kept here.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record JoinCode
{
    [Id(0)] public required string Id { get; init; }

    /// <summary>Who the code is for, as the facilitator noted it ("Families, Sept. convening").</summary>
    [Id(1)] public string? Label { get; init; }

    [Id(2)] public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>After this no one can join with the code; tokens already issued end with it too.</summary>
    [Id(3)] public required DateTimeOffset ExpiresAt { get; init; }

    [Id(4)] public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>The person id of the facilitator who issued it.</summary>
    [Id(5)] public required string IssuedBy { get; init; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;
}

/// <summary>A member's own ratings in the live depth poll.</summary>
[GenerateSerializer, Immutable]
public sealed record PollRating
{
    [Id(0)] public required IReadOnlyList<RowRatingDraft> Rows { get; init; }
}

/// <summary>What a resuming participant gets: the missed events, or a snapshot when they are no longer kept.</summary>
public sealed record ResumeResult
{
    public IReadOnlyList<ConveningEvent>? Events { get; init; }

    public ConveningSnapshot? Snapshot { get; init; }
}
