using LbcCommunity.Organization;
using LbcCommunity.Ratings;

namespace LbcCommunity.Convenings;

/// <summary>Who a convening belongs to.</summary>
public enum ConveningOwnerKind
{
    Team = 1,
    Community = 2,
    Initiative = 3,
}

/// <summary>The activities of a convening's agenda.</summary>
public enum ActivityKind
{
    WorldCafe = 1,
    ConsensusBuilding = 2,
    FourSimpleQuestions = 3,
    DepthPoll = 4,
}

/// <summary>How participants show agreement: fist-to-five (0–5) or the eight gradients of agreement (1–8).</summary>
public enum AgreementScale
{
    FistToFive = 1,
    GradientsOfAgreement = 2,
}

/// <summary>What a consensus proposal came to.</summary>
public enum ConsensusOutcome
{
    ConsensusReached = 1,
    NotYet = 2,
    Parked = 3,
}

/// <summary>What a facilitator sends to plan a convening.</summary>
[GenerateSerializer, Immutable]
public sealed record ConveningDraft
{
    [Id(0)] public string? Id { get; init; }

    [Id(1)] public string? Title { get; init; }

    [Id(2)] public ConveningOwnerKind? OwnerKind { get; init; }

    /// <summary>The team, community of practice or initiative the convening belongs to.</summary>
    [Id(3)] public string? OwnerId { get; init; }

    [Id(4)] public IReadOnlyList<AgendaItemDraft>? Agenda { get; init; }

    /// <summary>When the convening is to begin (optional: some are called on the day); see <see cref="ConveningRules.StartsAtLatest"/>.</summary>
    [Id(5)] public DateTimeOffset? StartsAt { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record AgendaItemDraft
{
    [Id(0)] public ActivityKind? Kind { get; init; }

    [Id(1)] public string? Title { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record AgendaItem
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required ActivityKind Kind { get; init; }

    [Id(2)] public required string Title { get; init; }
}

/// <summary>A convening as planned.</summary>
[GenerateSerializer, Immutable]
public sealed record Convening
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string Title { get; init; }

    [Id(2)] public required ConveningOwnerKind OwnerKind { get; init; }

    [Id(3)] public required string OwnerId { get; init; }

    [Id(4)] public required IReadOnlyList<AgendaItem> Agenda { get; init; }

    [Id(5)] public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The scheduled start, if planned with one; convenings stored before it read as having none.</summary>
    [Id(6)] public DateTimeOffset? StartsAt { get; init; }
}

/// <summary>Someone taking part: a member of the owner's roster, or a guest with a display name.</summary>
[GenerateSerializer, Immutable]
public sealed record Participant
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string DisplayName { get; init; }

    [Id(2)] public required StakeholderRole StakeholderRole { get; init; }

    [Id(3)] public required bool IsFacilitator { get; init; }

    [Id(4)] public required bool IsGuest { get; init; }

    /// <summary>The join code a guest came in with; when it is revoked the guest can no longer act.</summary>
    [Id(5)] public string? JoinCodeId { get; init; }
}

/// <summary>One participant's agreement with a proposal.</summary>
[GenerateSerializer, Immutable]
public sealed record Vote
{
    /// <summary>The voter, or <c>null</c> in an anonymous round.</summary>
    [Id(0)] public string? ParticipantId { get; init; }

    [Id(1)] public required int Level { get; init; }
}

/// <summary>A concern raised about a proposal.</summary>
[GenerateSerializer, Immutable]
public sealed record Concern
{
    [Id(0)] public string? ParticipantId { get; init; }

    [Id(1)] public required string Text { get; init; }
}

/// <summary>One round of consensus building on a proposal (amending opens the next round).</summary>
[GenerateSerializer, Immutable]
public sealed record ConsensusRound
{
    [Id(0)] public required int Number { get; init; }

    [Id(1)] public required string Proposal { get; init; }

    [Id(2)] public required AgreementScale Scale { get; init; }

    [Id(3)] public required bool Anonymous { get; init; }

    /// <summary>While true, only the facilitator sees the votes; participants see how many have voted.</summary>
    [Id(4)] public required bool ResultsHidden { get; init; }

    [Id(5)] public required bool Open { get; init; }

    [Id(6)] public required IReadOnlyList<Vote> Votes { get; init; }

    [Id(7)] public required int VoteCount { get; init; }

    [Id(8)] public required IReadOnlyList<Concern> Concerns { get; init; }

    /// <summary>Votes per level, lowest first (fist-to-five: 0–5; gradients: 1–8); empty while hidden from the viewer.</summary>
    [Id(9)] public required IReadOnlyList<int> Tally { get; init; }
}

/// <summary>The consensus-building activity: its rounds and, once decided, the outcome.</summary>
[GenerateSerializer, Immutable]
public sealed record ConsensusActivity
{
    [Id(0)] public required IReadOnlyList<ConsensusRound> Rounds { get; init; }

    [Id(1)] public ConsensusOutcome? Outcome { get; init; }
}

/// <summary>The live depth poll: members' own ratings as they come in, their spread, and the consensus recorded.</summary>
[GenerateSerializer, Immutable]
public sealed record DepthPollActivity
{
    [Id(0)] public required IReadOnlyList<string> RowIds { get; init; }

    /// <summary>Per row, the members' depth scores so far (the spread the team talks through).</summary>
    [Id(1)] public required IReadOnlyList<RowSpread> Spread { get; init; }

    [Id(2)] public string? ConsensusRatingId { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record RowSpread
{
    [Id(0)] public required string RowId { get; init; }

    [Id(1)] public required int Ratings { get; init; }

    [Id(2)] public required decimal MinDepthScore { get; init; }

    [Id(3)] public required decimal MaxDepthScore { get; init; }

    [Id(4)] public required decimal MeanDepthScore { get; init; }
}

/// <summary>An answer to one of the Four Simple Questions, with its upvotes.</summary>
[GenerateSerializer, Immutable]
public sealed record QuestionAnswer
{
    [Id(0)] public required string Id { get; init; }

    /// <summary>1–4: shared concerns; who should be at the table; what to do together; who can convene.</summary>
    [Id(1)] public required int Question { get; init; }

    [Id(2)] public required string Text { get; init; }

    [Id(3)] public required string ParticipantId { get; init; }

    [Id(4)] public required IReadOnlyList<string> UpvotedBy { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record FourQuestionsActivity
{
    [Id(0)] public required IReadOnlyList<QuestionAnswer> Answers { get; init; }

    [Id(1)] public required bool Saved { get; init; }
}

/// <summary>
/// Everything a participant needs to show the convening, as of <see cref="Sequence"/>: events after it follow.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ConveningSnapshot
{
    [Id(0)] public required long Sequence { get; init; }

    [Id(1)] public required Convening Convening { get; init; }

    [Id(2)] public required IReadOnlyList<Participant> Participants { get; init; }

    /// <summary>Who is here now.</summary>
    [Id(3)] public required IReadOnlyList<string> Present { get; init; }

    [Id(4)] public string? ActiveItemId { get; init; }

    [Id(5)] public ConsensusActivity? Consensus { get; init; }

    [Id(6)] public DepthPollActivity? DepthPoll { get; init; }

    [Id(7)] public FourQuestionsActivity? FourQuestions { get; init; }

    [Id(8)] public required bool Ended { get; init; }

    [Id(9)] public WorldCafeActivity? WorldCafe { get; init; }
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
