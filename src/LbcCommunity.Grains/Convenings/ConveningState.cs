using LbcCommunity.Convenings;
using LbcCommunity.Ratings;

namespace LbcCommunity.Grains.Convenings;

[GenerateSerializer]
internal sealed class ConveningState
{
    /// <summary>How many missed events a reconnecting client is sent at most; a longer gap is closed with a snapshot.</summary>
    public const int EventsKept = 512;

    [Id(0)] public Convening? Convening { get; set; }

    /// <summary>Where participants were kept before <see cref="ConveningPeople"/>: read once, moved there on activation.</summary>
    [Id(1)] public List<Participant> Participants { get; set; } = [];

    /// <summary>As <see cref="Participants"/>: moved to <see cref="ConveningPeople.Present"/> on activation.</summary>
    [Id(2)] public List<string> Present { get; set; } = [];

    [Id(3)] public string? ActiveItemId { get; set; }

    /// <summary>Consensus rounds with every vote and its voter; viewers get them through <see cref="ConveningRules.ForViewer(ConsensusRound, bool)"/>.</summary>
    [Id(4)] public List<ConsensusRound> Rounds { get; set; } = [];

    [Id(5)] public ConsensusOutcome? Outcome { get; set; }

    [Id(6)] public List<string>? PollRowIds { get; set; }

    /// <summary>Each participant's latest poll rating, scored.</summary>
    [Id(7)] public Dictionary<string, List<RowRating>> PollRatings { get; set; } = new(StringComparer.Ordinal);

    [Id(8)] public string? PollConsensusRatingId { get; set; }

    [Id(9)] public List<QuestionAnswer>? Answers { get; set; }

    [Id(10)] public bool AnswersSaved { get; set; }

    [Id(11)] public bool Ended { get; set; }

    [Id(12)] public long Sequence { get; set; }

    /// <summary>Where events were kept before <see cref="ConveningEventLog"/>: read once, moved to <see cref="LogTail"/> on activation.</summary>
    [Id(13)] public List<ConveningEvent> RecentEvents { get; set; } = [];

    /// <summary>As <see cref="RecentEvents"/>: action id → the sequence of the event it produced.</summary>
    [Id(14)] public Dictionary<string, long> Actions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>As <see cref="RecentEvents"/>: the order <see cref="Actions"/> were taken in.</summary>
    [Id(15)] public List<string> ActionOrder { get; set; } = [];

    [Id(16)] public List<CafeTable>? CafeTables { get; set; }

    [Id(17)] public List<CafeRound> CafeRounds { get; set; } = [];

    [Id(18)] public string? Harvest { get; set; }

    [Id(19)] public List<JoinCode> JoinCodes { get; set; } = [];

    /// <summary>The newest events with their action ids, stored with the change that made them (<see cref="ConveningEventLog"/>).</summary>
    [Id(20)] public List<LoggedEvent> LogTail { get; set; } = [];

    /// <summary>When the first activity started: the convening went live.</summary>
    [Id(21)] public DateTimeOffset? StartedAt { get; set; }

    [Id(22)] public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Whether the owner's index has been told of the convening; false for convenings stored before the index.</summary>
    [Id(23)] public bool Listed { get; set; }

    /// <summary>The facilitator's messages to all café tables, oldest first (<see cref="WorldCafeActivity.Messages"/>).</summary>
    [Id(24)] public List<CafeMessage> CafeMessages { get; set; } = [];

    /// <summary>The personal action plan's actions, in the order written; <c>null</c> until the activity first starts.</summary>
    [Id(25)] public List<PersonalAction>? PersonalActions { get; set; }

    [Id(26)] public bool PersonalActionsClosed { get; set; }

    /// <summary>The outbox: the personal actions are owed to the owner's action plan (set with the close, cleared once it took them).</summary>
    [Id(27)] public bool PlanHandOverOwed { get; set; }

    /// <summary>Whether the hand-over's durable reminder is registered.</summary>
    [Id(28)] public bool HandOverReminder { get; set; }

    /// <summary>How often each participant had their actions e-mailed to themself.</summary>
    [Id(29)] public Dictionary<string, int> TakeAwayMails { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How and when the results went back to the stakeholders (<see cref="ConveningGrain.RecordResultsShared"/>).</summary>
    [Id(30)] public ResultsShared? ResultsShared { get; set; }
}

/// <summary>
/// An event of a convening's log with the id of the action that caused it (none for joins and presence). A convening
/// stored before the log kept its action ids beyond its events: those come with no event.
/// </summary>
[GenerateSerializer, Immutable]
internal sealed record LoggedEvent
{
    [Id(0)] public required long Sequence { get; init; }

    [Id(1)] public ConveningEvent? Event { get; init; }

    [Id(2)] public string? ActionId { get; init; }
}

/// <summary>One page of a convening's event log, written once when all its events are applied (<see cref="ConveningEventLog"/>).</summary>
[GenerateSerializer]
internal sealed class ConveningLogPage
{
    /// <summary>Page n holds sequences n × PageSize + 1 to (n + 1) × PageSize; −1 for a record never written.</summary>
    [Id(0)] public long Number { get; set; } = -1;

    [Id(1)] public List<LoggedEvent> Entries { get; set; } = [];
}

/// <summary>
/// Who takes part in a convening and who is here now. Stored apart from <see cref="ConveningState"/> and written only when
/// it changes (a join, a presence change), so the write behind every vote and facilitator action does not carry the
/// whole list (64 KB of the 151 KB a 1,000-participant convening wrote per action before the split).
/// </summary>
[GenerateSerializer]
internal sealed class ConveningPeople
{
    [Id(0)] public List<Participant> Participants { get; set; } = [];

    [Id(1)] public List<string> Present { get; set; } = [];

    /// <summary>The open hub connections of present participants, with the silo each is on (presence is per connection).</summary>
    [Id(2)] public List<ParticipantConnection> Connections { get; set; } = [];
}

/// <summary>A participant's hub connection on a silo: when cluster membership declares the silo dead, it is gone.</summary>
[GenerateSerializer, Immutable]
internal sealed record ParticipantConnection
{
    [Id(0)] public required string ParticipantId { get; init; }

    [Id(1)] public required string ConnectionId { get; init; }

    [Id(2)] public required SiloAddress Silo { get; init; }
}
