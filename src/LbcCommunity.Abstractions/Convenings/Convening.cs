using LbcCommunity.Organization;

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

    /// <summary>Each participant writes one to three actions of their own; they go to the owner's action plan.</summary>
    PersonalActionPlan = 5,
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

    /// <summary>The SPP/APR topics the convening seeks stakeholders' input on (optional; none twice).</summary>
    [Id(6)] public IReadOnlyList<SppAprTopic>? SppAprTopics { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record AgendaItemDraft
{
    [Id(0)] public ActivityKind? Kind { get; init; }

    [Id(1)] public string? Title { get; init; }

    /// <summary>A World Café's plan; only on a <see cref="ActivityKind.WorldCafe"/> item.</summary>
    [Id(2)] public CafeSettingsDraft? Cafe { get; init; }

    /// <summary>A consensus round's plan; only on a <see cref="ActivityKind.ConsensusBuilding"/> item.</summary>
    [Id(3)] public ConsensusSettingsDraft? Consensus { get; init; }

    /// <summary>A depth poll's rows; only on a <see cref="ActivityKind.DepthPoll"/> item.</summary>
    [Id(4)] public DepthPollSettingsDraft? DepthPoll { get; init; }
}

/// <summary>
/// An activity of the agenda, with what it was planned with (at most one of the settings, the one of its kind). Items
/// stored before settings existed read as planned with none: the console asks for them in the room, as it always did.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AgendaItem
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required ActivityKind Kind { get; init; }

    [Id(2)] public required string Title { get; init; }

    [Id(3)] public CafeSettings? Cafe { get; init; }

    [Id(4)] public ConsensusSettings? Consensus { get; init; }

    [Id(5)] public DepthPollSettings? DepthPoll { get; init; }
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

    /// <summary>The SPP/APR topics it seeks input on, in the order of <see cref="SppAprTopic"/>; convenings stored before it read as none.</summary>
    [Id(7)] public IReadOnlyList<SppAprTopic> SppAprTopics { get; init; } = [];
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
