using LbcCommunity.Convenings;
using LbcCommunity.Ratings;

namespace LbcCommunity.Grains.Convenings;

/// <summary>Consensus building: <see cref="ConsensusBuilding"/> decides each step; here it is stored, sent and, for a team, kept as evidence.</summary>
internal sealed partial class ConveningGrain
{
    /// <summary>The rubric row a team's consensus decisions are kept under as evidence.</summary>
    private const string ConsensusRowId = "consensus-decisions";

    public Task<ActionAck> OpenConsensusRound(ConveningAction action, string proposal, AgreementScale scale, bool anonymous, bool hideResults) =>
        Act(action, facilitatorOnly: true, async () =>
        {
            RequireActive(ActivityKind.ConsensusBuilding);
            Apply(ConsensusBuilding.OpenRound(Consensus(), proposal, scale, anonymous, hideResults));
            return await CommitConsensus(action, ConveningEventTypes.RoundOpened);
        });

    public Task<ActionAck> CastVote(ConveningAction action, int level) => Act(action, facilitatorOnly: false, async () =>
    {
        RequireActive(ActivityKind.ConsensusBuilding);
        var cast = ConsensusBuilding.CastVote(Consensus(), action.ParticipantId, level);
        Apply(cast.Activity);
        // The event carries this vote and the new count and tally, not the whole round: a burst of votes stays O(n).
        return await Commit(action, action.ParticipantId, ConveningEventTypes.VoteCast, e => e with
        {
            Round = cast.Round.Number,
            Vote = cast.Shown,
            VoteCount = cast.Round.VoteCount,
            Tally = cast.Round.Tally,
            ResultsHidden = cast.Round.ResultsHidden,
        });
    });

    public Task<ActionAck> RaiseConcern(ConveningAction action, string text) => Act(action, facilitatorOnly: false, async () =>
    {
        RequireActive(ActivityKind.ConsensusBuilding);
        var raised = ConsensusBuilding.RaiseConcern(Consensus(), action.ParticipantId, text);
        Apply(raised.Activity);
        return await Commit(action, action.ParticipantId, ConveningEventTypes.ConcernRaised, e => e with { Round = raised.Round.Number, Concern = raised.Shown });
    });

    public Task<ActionAck> RevealResults(ConveningAction action) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.ConsensusBuilding);
        Apply(ConsensusBuilding.RevealResults(Consensus()));
        return await CommitConsensus(action, ConveningEventTypes.ResultsRevealed);
    });

    public Task<ActionAck> CloseRound(ConveningAction action) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.ConsensusBuilding);
        Apply(ConsensusBuilding.CloseRound(Consensus()));
        return await CommitConsensus(action, ConveningEventTypes.RoundClosed);
    });

    public Task<ActionAck> RecordOutcome(ConveningAction action, ConsensusOutcome outcome) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.ConsensusBuilding);
        var decided = ConsensusBuilding.RecordOutcome(Consensus(), outcome);
        var convening = Current;
        if (convening.OwnerKind == ConveningOwnerKind.Team)
        {
            await Team(convening.OwnerId).RecordEvidence(new EvidenceNote
            {
                RowId = ConsensusRowId,
                ConveningId = ConveningId,
                Text = ConsensusBuilding.Evidence(convening.Title, decided),
                RecordedAt = time.GetUtcNow(),
            });
        }

        // Only the outcome: the team was asked in between, and the rounds are the state's, not this turn's.
        State.Outcome = decided.Outcome;
        return await CommitConsensus(action, ConveningEventTypes.OutcomeRecorded);
    });

    private Task<ActionAck> CommitConsensus(ConveningAction action, string type) =>
        Commit(action, action.ParticipantId, type, e => e with { Consensus = Consensus() });

    /// <summary>The activity as stored, every vote with its voter (viewers get it through <see cref="ConveningRules.ForViewer(ConsensusActivity, bool)"/>).</summary>
    private ConsensusActivity Consensus() => new() { Rounds = [.. State.Rounds], Outcome = State.Outcome };

    private void Apply(ConsensusActivity next)
    {
        State.Rounds = [.. next.Rounds];
        State.Outcome = next.Outcome;
    }
}
