using LbcCommunity.Convenings;
using LbcCommunity.Contracts;
using LbcCommunity.Ratings;
using Microsoft.AspNetCore.SignalR.Client;

namespace LbcCommunity.Client;

/// <summary>
/// A typed client of the ConveningHub (<c>/hubs/convening</c>). It keeps the last sequence it applied and, after a
/// reconnect, resumes from it; every action gets a fresh action id unless the caller passes one (to retry).
/// </summary>
public sealed class ConveningClient : IAsyncDisposable
{
    /// <summary>
    /// The start of the hub error a call gets while the convening moves to another server (the one that held it failed):
    /// nothing was done; send the same action again, with the same action id, in a moment.
    /// </summary>
    public const string MovingErrorCode = "convening-moving";

    private readonly HubConnection _connection;

    /// <param name="hubUrl">The hub's address, e.g. <c>http://localhost:5080/hubs/convening</c>.</param>
    /// <param name="configure">Transport settings (a test server's handler, an access token…).</param>
    /// <param name="statefulReconnect">Bridge short drops with SignalR stateful reconnect (on by default).</param>
    public ConveningClient(Uri hubUrl, Action<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions>? configure = null, bool statefulReconnect = true)
    {
        var builder = HubConnections.Builder(hubUrl, configure);
        _connection = (statefulReconnect ? builder.WithStatefulReconnect() : builder).Build();
        _connection.On<ConveningEvent[]>("ConveningEvents", events =>
        {
            foreach (var e in events)
            {
                EventReceived?.Invoke(e);
            }
        });
    }

    /// <summary>Raised for every event the hub sends, in the order received.</summary>
    public event Action<ConveningEvent>? EventReceived;

    public HubConnection Connection => _connection;

    /// <summary>Whether a failed call should be sent again with the same action id (<see cref="MovingErrorCode"/>).</summary>
    public static bool IsMoving(Exception exception) => HubErrorCodes.Of(exception) == MovingErrorCode;

    public Task StartAsync(CancellationToken ct = default) => _connection.StartAsync(ct);

    public Task StopAsync(CancellationToken ct = default) => _connection.StopAsync(ct);

    public Task<JoinResult> JoinAsync(string tenantId, string conveningId, JoinRequest request, CancellationToken ct = default) =>
        _connection.InvokeAsync<JoinResult>("Join", tenantId, conveningId, request, ct);

    public Task<ResumeResult> ResumeAsync(string tenantId, string conveningId, string participantId, long lastSequence, CancellationToken ct = default) =>
        _connection.InvokeAsync<ResumeResult>("Resume", tenantId, conveningId, participantId, lastSequence, ct);

    /// <summary>
    /// A page of the participants (by ids and/or position, at most 200): a participant's snapshot carries only the
    /// facilitators and themself, and counts for the rest.
    /// </summary>
    public Task<RosterPage> RosterAsync(string tenantId, string conveningId, RosterRequest request, CancellationToken ct = default) =>
        _connection.InvokeAsync<RosterPage>("Roster", tenantId, conveningId, request, ct);

    public Task<ActionAck> StartActivityAsync(string tenantId, string conveningId, string agendaItemId, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("StartActivity", tenantId, conveningId, ActionId(actionId), agendaItemId);

    public Task<ActionAck> OpenConsensusRoundAsync(string tenantId, string conveningId, string proposal, AgreementScale scale, bool anonymous, bool hideResults, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("OpenConsensusRound", tenantId, conveningId, ActionId(actionId), proposal, scale, anonymous, hideResults);

    public Task<ActionAck> CastVoteAsync(string tenantId, string conveningId, int level, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("CastVote", tenantId, conveningId, ActionId(actionId), level);

    public Task<ActionAck> RaiseConcernAsync(string tenantId, string conveningId, string text, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("RaiseConcern", tenantId, conveningId, ActionId(actionId), text);

    public Task<ActionAck> RevealResultsAsync(string tenantId, string conveningId, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("RevealResults", tenantId, conveningId, ActionId(actionId));

    public Task<ActionAck> CloseRoundAsync(string tenantId, string conveningId, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("CloseRound", tenantId, conveningId, ActionId(actionId));

    public Task<ActionAck> RecordOutcomeAsync(string tenantId, string conveningId, ConsensusOutcome outcome, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("RecordOutcome", tenantId, conveningId, ActionId(actionId), outcome);

    public Task<ActionAck> OpenDepthPollAsync(string tenantId, string conveningId, string[] rowIds, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("OpenDepthPoll", tenantId, conveningId, ActionId(actionId), rowIds);

    public Task<ActionAck> SubmitPollRatingAsync(string tenantId, string conveningId, PollRating rating, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("SubmitPollRating", tenantId, conveningId, ActionId(actionId), rating);

    public Task<ActionAck> RecordPollConsensusAsync(string tenantId, string conveningId, RatingDraft consensus, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("RecordPollConsensus", tenantId, conveningId, ActionId(actionId), consensus);

    public Task<ActionAck> SetUpCafeAsync(string tenantId, string conveningId, CafeTableDraft[] tables, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("SetUpCafe", tenantId, conveningId, ActionId(actionId), tables);

    /// <summary>Starts the next café round of 0.5–120 minutes; fractions are allowed (0.5 is a 30-second round).</summary>
    public Task<ActionAck> StartCafeRoundAsync(string tenantId, string conveningId, double minutes, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("StartCafeRound", tenantId, conveningId, ActionId(actionId), minutes);

    /// <summary>Gives the running café round 0.5–120 minutes more (fractions allowed).</summary>
    public Task<ActionAck> ExtendCafeRoundAsync(string tenantId, string conveningId, double minutes, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("ExtendCafeRound", tenantId, conveningId, ActionId(actionId), minutes);

    /// <summary>Ends the running café round now (the facilitator's "end now").</summary>
    public Task<ActionAck> EndCafeRoundAsync(string tenantId, string conveningId, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("EndCafeRound", tenantId, conveningId, ActionId(actionId));

    /// <summary>The seating and warnings the next café round would get now (the facilitator's only).</summary>
    public Task<CafeRoundPreview> PreviewCafeRoundAsync(string tenantId, string conveningId, CancellationToken ct = default) =>
        _connection.InvokeAsync<CafeRoundPreview>("PreviewCafeRound", tenantId, conveningId, ct);

    /// <summary>Says something to all café tables at once (before, during or between rounds).</summary>
    public Task<ActionAck> MessageTablesAsync(string tenantId, string conveningId, string text, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("MessageTables", tenantId, conveningId, ActionId(actionId), text);

    /// <summary>Moves one present participant (not a host) to another table in the running round.</summary>
    public Task<ActionAck> MoveParticipantAsync(string tenantId, string conveningId, string participantId, string tableId, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("MoveParticipant", tenantId, conveningId, ActionId(actionId), participantId, tableId);

    public Task<ActionAck> AddTableNoteAsync(string tenantId, string conveningId, string tableId, string text, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("AddTableNote", tenantId, conveningId, ActionId(actionId), tableId, text);

    public Task<ActionAck> SaveHarvestAsync(string tenantId, string conveningId, string text, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("SaveHarvest", tenantId, conveningId, ActionId(actionId), text);

    public Task<ActionAck> AnswerQuestionAsync(string tenantId, string conveningId, int question, string text, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("AnswerQuestion", tenantId, conveningId, ActionId(actionId), question, text);

    public Task<ActionAck> UpvoteAsync(string tenantId, string conveningId, string answerId, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("Upvote", tenantId, conveningId, ActionId(actionId), answerId);

    public Task<ActionAck> SaveAnswersAsync(string tenantId, string conveningId, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("SaveAnswers", tenantId, conveningId, ActionId(actionId));

    /// <summary>Writes one of the caller's own personal actions (at most three); <paramref name="dueOn"/> as <c>yyyy-MM-dd</c>.</summary>
    public Task<ActionAck> WritePersonalActionAsync(string tenantId, string conveningId, string text, string? dueOn = null, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("WritePersonalAction", tenantId, conveningId, ActionId(actionId), text, dueOn);

    public Task<ActionAck> RemovePersonalActionAsync(string tenantId, string conveningId, string personalActionId, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("RemovePersonalAction", tenantId, conveningId, ActionId(actionId), personalActionId);

    /// <summary>Closes the personal action plan (facilitator): its actions go to the owner's action plan.</summary>
    public Task<ActionAck> ClosePersonalActionsAsync(string tenantId, string conveningId, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("ClosePersonalActions", tenantId, conveningId, ActionId(actionId));

    public Task<ActionAck> CloseConveningAsync(string tenantId, string conveningId, string? actionId = null) =>
        _connection.InvokeAsync<ActionAck>("CloseConvening", tenantId, conveningId, ActionId(actionId));

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private static string ActionId(string? actionId) => actionId ?? Guid.NewGuid().ToString("N");
}
