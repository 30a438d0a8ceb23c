using LbcCommunity.Organization;

namespace LbcCommunity.Convenings;

/// <summary>Where a convening stands, as its owner's list shows it.</summary>
public enum ConveningStatus
{
    /// <summary>Planned: no activity has started yet.</summary>
    Planned = 1,

    /// <summary>Its first activity has started and it has not ended.</summary>
    Live = 2,

    /// <summary>The facilitator closed it.</summary>
    Ended = 3,
}

/// <summary>
/// One convening in its owner's list ("my convenings"): enough to show and sort it without asking the convening.
/// Kept by the owner's <c>IConveningIndexGrain</c> and sent there by the convening when it is planned, goes live and ends.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ConveningListing
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string Title { get; init; }

    [Id(2)] public required ConveningOwnerKind OwnerKind { get; init; }

    [Id(3)] public required string OwnerId { get; init; }

    [Id(4)] public DateTimeOffset? StartsAt { get; init; }

    [Id(5)] public required ConveningStatus Status { get; init; }

    [Id(6)] public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// A convening's answer to its index about its listing: <see cref="Settled"/> is false while a change of its listing is
/// under way (the index must not take the answer as final, or a crash right after would leave it stale).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ListingAnswer
{
    /// <summary>The listing as stored; <c>null</c> when the convening does not exist.</summary>
    [Id(0)] public ConveningListing? Listing { get; init; }

    [Id(1)] public required bool Settled { get; init; }
}

/// <summary>What a convening came to: who took part, what was decided, harvested, rated and answered.</summary>
[GenerateSerializer, Immutable]
public sealed record ConveningSummary
{
    [Id(0)] public required ConveningListing Convening { get; init; }

    /// <summary>When the first activity started; <c>null</c> while planned.</summary>
    [Id(1)] public DateTimeOffset? StartedAt { get; init; }

    [Id(2)] public DateTimeOffset? EndedAt { get; init; }

    [Id(3)] public required Attendance Attendance { get; init; }

    /// <summary>The consensus rounds in order (amending opens the next) and the outcome recorded.</summary>
    [Id(4)] public required ConsensusDecision Decision { get; init; }

    /// <summary>The World Café's whole-group harvest, if saved.</summary>
    [Id(5)] public string? Harvest { get; init; }

    /// <summary>The live depth poll's spread per row and the consensus rating recorded from it; <c>null</c> when none ran.</summary>
    [Id(6)] public DepthPollActivity? DepthPoll { get; init; }

    /// <summary>How many took part in the depth poll (members and guests); members' ratings are on the team's record.</summary>
    [Id(7)] public required int PollRatings { get; init; }

    /// <summary>The Four Simple Questions' answers with their upvotes; <c>null</c> when none were asked.</summary>
    [Id(8)] public FourQuestionsActivity? FourQuestions { get; init; }

    /// <summary>The SPP/APR topics the plan sought input on.</summary>
    [Id(9)] public IReadOnlyList<SppAprTopic> SppAprTopics { get; init; } = [];

    /// <summary>How and when the results went back to the stakeholders; <c>null</c> until a facilitator records it.</summary>
    [Id(10)] public ResultsShared? ResultsShared { get; init; }
}

/// <summary>Everyone who joined, by the perspective they brought.</summary>
[GenerateSerializer, Immutable]
public sealed record Attendance
{
    [Id(0)] public required int Participants { get; init; }

    [Id(1)] public required int Guests { get; init; }

    /// <summary>Family voices: family members and parent mentors (the two are also counted apart in <see cref="ByRole"/>).</summary>
    [Id(2)] public required int FamilyVoices { get; init; }

    /// <summary>Youth voices: students.</summary>
    [Id(3)] public required int YouthVoices { get; init; }

    /// <summary>
    /// Roles that took part, in the order of <see cref="StakeholderRole"/>: a convening's leaves out roles nobody brought;
    /// a sum over convenings (<see cref="Reports.ReportFacts.Count"/>, reports and evidence) lists every role, 0 for none.
    /// </summary>
    [Id(4)] public required IReadOnlyList<RoleAttendance> ByRole { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record RoleAttendance
{
    [Id(0)] public required StakeholderRole StakeholderRole { get; init; }

    [Id(1)] public required int Count { get; init; }
}

/// <summary>The consensus building of a convening, without voters' names (a summary is read by everyone who took part).</summary>
[GenerateSerializer, Immutable]
public sealed record ConsensusDecision
{
    [Id(0)] public ConsensusOutcome? Outcome { get; init; }

    [Id(1)] public required IReadOnlyList<DecisionRound> Rounds { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record DecisionRound
{
    [Id(0)] public required int Number { get; init; }

    [Id(1)] public required string Proposal { get; init; }

    [Id(2)] public required AgreementScale Scale { get; init; }

    [Id(3)] public required int VoteCount { get; init; }

    /// <summary>Votes per level, lowest first; empty while the round is open with its results hidden.</summary>
    [Id(4)] public required IReadOnlyList<int> Tally { get; init; }

    /// <summary>The concerns raised, without their authors.</summary>
    [Id(5)] public required IReadOnlyList<string> Concerns { get; init; }
}

/// <summary>The one order of every list of convenings, so an owner's list and "my convenings" agree.</summary>
public static class ConveningLists
{
    /// <summary>Live first; then planned, soonest first; then ended, latest first (by start, else by when planned).</summary>
    public static IEnumerable<ConveningListing> InListOrder(this IEnumerable<ConveningListing> listings) =>
        listings
            .OrderBy(l => l.Status switch { ConveningStatus.Live => 0, ConveningStatus.Planned => 1, _ => 2 })
            .ThenBy(l => (l.Status == ConveningStatus.Ended ? -1 : 1) * (l.StartsAt ?? l.CreatedAt).UtcTicks)
            .ThenBy(l => l.Id, StringComparer.Ordinal);
}
