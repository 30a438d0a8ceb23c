using System.Globalization;
using LbcCommunity.Errors;
using LbcCommunity.Validation;

namespace LbcCommunity.Convenings;

/// <summary>
/// Consensus building as a state machine: each step takes the activity as it stands and the facilitator's or a
/// participant's input and gives the activity after it, or refuses (nothing changes). Rounds follow one another on the
/// same proposal (amending opens the next); only the newest may be open; an outcome ends the activity. The grain stores
/// what a step gives and says so in an event; whether consensus building is the activity under way is the grain's to check.
/// </summary>
public static class ConsensusBuilding
{
    /// <summary>Opens the next round; the earlier one must be closed and the proposal not yet decided.</summary>
    public static ConsensusActivity OpenRound(ConsensusActivity activity, string proposal, AgreementScale scale, bool anonymous, bool hideResults)
    {
        new Validator().RequiredText("proposal", proposal, ConveningRules.ProposalMaxLength).Defined("scale", scale).ThrowIfInvalid();
        if (activity.Rounds.Count > 0 && activity.Rounds[^1].Open)
        {
            throw ConveningRules.Refused("round", "Close the open round before opening the next.");
        }

        if (activity.Outcome is not null)
        {
            throw ConveningRules.Refused("round", "The outcome is recorded; the proposal is decided.");
        }

        return activity with
        {
            Rounds =
            [
                .. activity.Rounds,
                new ConsensusRound
                {
                    Number = activity.Rounds.Count + 1,
                    Proposal = proposal.Trim(),
                    Scale = scale,
                    Anonymous = anonymous,
                    ResultsHidden = hideResults,
                    Open = true,
                    Votes = [],
                    VoteCount = 0,
                    Concerns = [],
                    Tally = ConveningRules.Tally(scale, []),
                },
            ],
        };
    }

    /// <summary>The round that takes votes and concerns now: the newest, while it is open.</summary>
    public static ConsensusRound OpenRoundOf(ConsensusActivity activity) =>
        activity.Rounds.Count > 0 && activity.Rounds[^1].Open
            ? activity.Rounds[^1]
            : throw ConveningRules.Refused("round", "No round is open: the vote is over or has not begun.", ErrorCodes.RoundClosed);

    /// <summary>
    /// A participant's vote in the open round. A later vote of the same participant replaces the earlier one: one voice,
    /// one vote. The step gives the round's new count and tally with the vote, which is what its event carries (a burst
    /// of votes stays O(n), not the whole round per vote).
    /// </summary>
    public static VoteStep CastVote(ConsensusActivity activity, string participantId, int level)
    {
        var round = OpenRoundOf(activity);
        var (lowest, highest) = ConveningRules.Levels(round.Scale);
        if (level < lowest || level > highest)
        {
            throw DomainValidationException.For("level", $"On the {round.Scale} scale a vote is {lowest}–{highest} (it is {level}).");
        }

        var vote = new Vote { ParticipantId = participantId, Level = level };
        List<Vote> votes = [.. round.Votes.Where(v => v.ParticipantId != participantId), vote];
        var voted = round with { Votes = votes, VoteCount = votes.Count, Tally = ConveningRules.Tally(round.Scale, votes) };
        return new VoteStep(WithNewest(activity, voted), voted, round.Anonymous ? vote with { ParticipantId = null } : vote);
    }

    /// <summary>A concern about the open round's proposal; everyone sees it, with no author in an anonymous round.</summary>
    public static ConcernStep RaiseConcern(ConsensusActivity activity, string participantId, string text)
    {
        var round = OpenRoundOf(activity);
        new Validator().RequiredText("text", text, ConveningRules.TextMaxLength).ThrowIfInvalid();
        var concern = new Concern { ParticipantId = participantId, Text = text.Trim() };
        var raised = round with { Concerns = [.. round.Concerns, concern] };
        return new ConcernStep(WithNewest(activity, raised), raised, round.Anonymous ? concern with { ParticipantId = null } : concern);
    }

    /// <summary>Shows the newest round's results to everyone, open or closed (revealing twice changes nothing more).</summary>
    public static ConsensusActivity RevealResults(ConsensusActivity activity)
    {
        var round = activity.Rounds.Count > 0 ? activity.Rounds[^1] : throw ConveningRules.Refused("round", "No round has been opened.");
        return WithNewest(activity, round with { ResultsHidden = false });
    }

    /// <summary>Ends the open round: it takes no more votes or concerns.</summary>
    public static ConsensusActivity CloseRound(ConsensusActivity activity) =>
        WithNewest(activity, OpenRoundOf(activity) with { Open = false });

    /// <summary>What the proposal came to, once its last round is closed.</summary>
    public static ConsensusActivity RecordOutcome(ConsensusActivity activity, ConsensusOutcome outcome)
    {
        new Validator().Defined("outcome", outcome).ThrowIfInvalid();
        if (activity.Rounds.Count == 0 || activity.Rounds[^1].Open)
        {
            throw ConveningRules.Refused("outcome", "Close the round before recording the outcome.");
        }

        return activity with { Outcome = outcome };
    }

    /// <summary>
    /// The evidence a decided proposal leaves on a team's record: the outcome and, round by round, the proposal, the
    /// tally and how many concerns were raised (never who voted how).
    /// </summary>
    public static string Evidence(string conveningTitle, ConsensusActivity decided) =>
        string.Create(CultureInfo.InvariantCulture, $"{conveningTitle}: {decided.Outcome} after {decided.Rounds.Count} round(s). ")
        + string.Join(" ", decided.Rounds.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"Round {r.Number} ({r.Scale}) on \"{r.Proposal}\": {r.VoteCount} votes [{string.Join(", ", ConveningRules.Tally(r.Scale, r.Votes))}], {r.Concerns.Count} concerns.")));

    private static ConsensusActivity WithNewest(ConsensusActivity activity, ConsensusRound round) =>
        activity with { Rounds = [.. activity.Rounds.Take(activity.Rounds.Count - 1), round] };
}

/// <summary>A vote cast: the activity after it, its round, and the vote as everyone may see it (no voter when anonymous).</summary>
public sealed record VoteStep(ConsensusActivity Activity, ConsensusRound Round, Vote Shown);

/// <summary>A concern raised: the activity after it, its round, and the concern as everyone may see it.</summary>
public sealed record ConcernStep(ConsensusActivity Activity, ConsensusRound Round, Concern Shown);
