using LbcCommunity.Convenings;
using LbcCommunity.Organization;

namespace LbcCommunity.Grains.Convenings;

/// <summary>What a convening came to, read from its own state so the summary and the session cannot disagree.</summary>
internal sealed partial class ConveningGrain
{
    public async Task<ConveningSummary> GetSummary()
    {
        var convening = Current;
        await AllStored();
        var joined = People.Participants;
        return new ConveningSummary
        {
            Convening = ListingOf(convening, Status()),
            StartedAt = State.StartedAt,
            EndedAt = State.EndedAt,
            Attendance = new Attendance
            {
                Participants = joined.Count,
                Guests = joined.Count(p => p.IsGuest),
                FamilyVoices = joined.Count(p => p.StakeholderRole is StakeholderRole.FamilyMember or StakeholderRole.ParentMentor),
                YouthVoices = joined.Count(p => p.StakeholderRole == StakeholderRole.Student),
                ByRole = [.. joined.GroupBy(p => p.StakeholderRole).OrderBy(g => g.Key).Select(g => new RoleAttendance { StakeholderRole = g.Key, Count = g.Count() })],
            },
            Decision = new ConsensusDecision { Outcome = State.Outcome, Rounds = [.. State.Rounds.Select(Decided)] },
            Harvest = State.Harvest,
            DepthPoll = State.PollRowIds is null ? null : Poll(),
            PollRatings = State.PollRatings.Count,
            FourQuestions = State.Answers is null ? null : Questions(),
            SppAprTopics = convening.SppAprTopics ?? [],
            ResultsShared = State.ResultsShared,
        };
    }

    /// <summary>
    /// A round without voters or authors (everyone who took part reads the summary). A round still open with hidden
    /// results keeps its tally hidden, as in the room; once closed the tally is the record of the decision.
    /// </summary>
    private static DecisionRound Decided(ConsensusRound round) => new()
    {
        Number = round.Number,
        Proposal = round.Proposal,
        Scale = round.Scale,
        VoteCount = round.VoteCount,
        Tally = round.Open && round.ResultsHidden ? [] : ConveningRules.Tally(round.Scale, round.Votes),
        Concerns = [.. round.Concerns.Select(c => c.Text)],
    };
}
