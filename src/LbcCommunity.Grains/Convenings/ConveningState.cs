using LbcCommunity.Convenings;
using LbcCommunity.Ratings;

namespace LbcCommunity.Grains.Convenings;

[GenerateSerializer]
public sealed class ConveningState
{
    /// <summary>How many past events are kept for clients that reconnect; older gaps are closed with a snapshot.</summary>
    public const int EventsKept = 512;

    /// <summary>How many action ids are remembered for retries.</summary>
    public const int ActionsKept = 4096;

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

    [Id(13)] public List<ConveningEvent> RecentEvents { get; set; } = [];

    /// <summary>Action id → the sequence of the event it produced, for retries.</summary>
    [Id(14)] public Dictionary<string, long> Actions { get; set; } = new(StringComparer.Ordinal);

    [Id(15)] public List<string> ActionOrder { get; set; } = [];

    [Id(16)] public List<CafeTable>? CafeTables { get; set; }

    [Id(17)] public List<CafeRound> CafeRounds { get; set; } = [];

    [Id(18)] public string? Harvest { get; set; }

    [Id(19)] public List<JoinCode> JoinCodes { get; set; } = [];
}

/// <summary>
/// Who takes part in a convening and who is here now. Stored apart from <see cref="ConveningState"/> and written only when
/// it changes (a join, a presence change), so the write behind every vote and facilitator action does not carry the
/// whole list (64 KB of the 151 KB a 1,000-participant convening wrote per action before the split).
/// </summary>
[GenerateSerializer]
public sealed class ConveningPeople
{
    [Id(0)] public List<Participant> Participants { get; set; } = [];

    [Id(1)] public List<string> Present { get; set; } = [];
}
