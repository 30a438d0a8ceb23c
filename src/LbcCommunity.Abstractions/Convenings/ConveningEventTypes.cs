namespace LbcCommunity.Convenings;

/// <summary>
/// The values of <see cref="ConveningEvent.Type"/>. They are the wire protocol (docs/convenings.md): clients outside
/// this repository switch on them, so a value, once published, never changes. Match on these, not on literals, so a
/// misspelt type fails the build rather than silently matching nothing.
/// </summary>
public static class ConveningEventTypes
{
    /// <summary>A participant joined or came back after leaving (<see cref="ConveningEvent.Participant"/>, present).</summary>
    public const string ParticipantJoined = "ParticipantJoined";

    /// <summary>A participant arrived or left (<see cref="ConveningEvent.ActorId"/>, <see cref="ConveningEvent.Present"/>).</summary>
    public const string PresenceChanged = "PresenceChanged";

    /// <summary>
    /// What participants get instead of a run of <see cref="ParticipantJoined"/> and <see cref="PresenceChanged"/> events:
    /// one event for the sequences <see cref="ConveningEvent.FirstSequence"/> to <see cref="ConveningEvent.Sequence"/>,
    /// with the counts after them (<see cref="ConveningEvent.Presence"/>). Facilitators get every presence event whole.
    /// </summary>
    public const string PresenceSummary = "PresenceSummary";

    /// <summary>A join code was revoked: its guests hear nothing more and leave (<see cref="ConveningEvent.JoinCodeId"/>).</summary>
    public const string JoinCodeRevoked = "JoinCodeRevoked";

    /// <summary>The facilitator moved the agenda on (<see cref="ConveningEvent.ActiveItemId"/>).</summary>
    public const string ActivityStarted = "ActivityStarted";

    /// <summary>A consensus round opened on a proposal (the whole consensus activity).</summary>
    public const string RoundOpened = "RoundOpened";

    /// <summary>A vote, with the round's new count and tally, not the whole round.</summary>
    public const string VoteCast = "VoteCast";

    /// <summary>A concern about the open round's proposal.</summary>
    public const string ConcernRaised = "ConcernRaised";

    /// <summary>The round's results are shown to everyone.</summary>
    public const string ResultsRevealed = "ResultsRevealed";

    /// <summary>The round takes no more votes or concerns.</summary>
    public const string RoundClosed = "RoundClosed";

    /// <summary>What the proposal came to; a team's convening also keeps it as evidence.</summary>
    public const string OutcomeRecorded = "OutcomeRecorded";

    /// <summary>The depth poll opened on its rows (any earlier poll's ratings are gone).</summary>
    public const string PollOpened = "PollOpened";

    /// <summary>A participant's rating changed the spread.</summary>
    public const string PollRatingSubmitted = "PollRatingSubmitted";

    /// <summary>The team's consensus rating is recorded; the poll is closed.</summary>
    public const string PollConsensusRecorded = "PollConsensusRecorded";

    /// <summary>The café's tables, hosts and questions are set.</summary>
    public const string CafeSetUp = "CafeSetUp";

    /// <summary>A timed café round began, with its seating.</summary>
    public const string CafeRoundStarted = "CafeRoundStarted";

    /// <summary>The running café round ends later.</summary>
    public const string CafeRoundExtended = "CafeRoundExtended";

    /// <summary>The facilitator ended the running café round now (its end time is the server's clock at the action).</summary>
    public const string CafeRoundEnded = "CafeRoundEnded";

    /// <summary>The facilitator said something to all café tables at once (the whole café, its newest message last).</summary>
    public const string TablesMessaged = "TablesMessaged";

    /// <summary>The facilitator moved one person to another table in the running round (the whole café, warnings worked out again).</summary>
    public const string CafeSeatChanged = "CafeSeatChanged";

    /// <summary>A note taken at a café table.</summary>
    public const string TableNoteAdded = "TableNoteAdded";

    /// <summary>The whole-group harvest of the café is saved.</summary>
    public const string HarvestSaved = "HarvestSaved";

    /// <summary>An answer to one of the Four Simple Questions (<see cref="ConveningEvent.Answer"/>).</summary>
    public const string QuestionAnswered = "QuestionAnswered";

    /// <summary>An answer gained an upvote (<see cref="ConveningEvent.Answer"/> as it now stands).</summary>
    public const string AnswerUpvoted = "AnswerUpvoted";

    /// <summary>The answers are saved; the questions take no more.</summary>
    public const string AnswersSaved = "AnswersSaved";

    /// <summary>A participant wrote a personal action (<see cref="ConveningEvent.PersonalAction"/>).</summary>
    public const string PersonalActionWritten = "PersonalActionWritten";

    /// <summary>A participant removed one of their personal actions (<see cref="ConveningEvent.PersonalAction"/>).</summary>
    public const string PersonalActionRemoved = "PersonalActionRemoved";

    /// <summary>The facilitator closed the personal action plan: its actions go to the owner's plan.</summary>
    public const string PersonalActionsClosed = "PersonalActionsClosed";

    /// <summary>The facilitator closed the convening: it takes no more actions.</summary>
    public const string ConveningEnded = "ConveningEnded";
}
