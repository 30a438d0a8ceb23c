using LbcCommunity.Convenings;
using LbcCommunity.Errors;

namespace LbcCommunity.Tests.Convenings;

public sealed class ConsensusBuildingTests
{
    private static readonly ConsensusActivity Nothing = new() { Rounds = [] };

    [Fact]
    public void Opening_a_round_numbers_it_trims_the_proposal_and_starts_with_no_votes()
    {
        var opened = ConsensusBuilding.OpenRound(Nothing, "  Adopt the plan ", AgreementScale.GradientsOfAgreement, anonymous: true, hideResults: true);

        var round = Assert.Single(opened.Rounds);
        Assert.Equal((1, "Adopt the plan", true, true, true, 0), (round.Number, round.Proposal, round.Open, round.Anonymous, round.ResultsHidden, round.VoteCount));
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0], round.Tally);
        Assert.Empty(Nothing.Rounds);
    }

    [Fact]
    public void A_round_opens_only_with_a_proposal_a_known_scale_the_last_round_closed_and_no_outcome()
    {
        var open = Open();
        var decided = ConsensusBuilding.RecordOutcome(ConsensusBuilding.CloseRound(open), ConsensusOutcome.Parked);

        Assert.Contains("proposal", Refused(() => ConsensusBuilding.OpenRound(Nothing, " ", AgreementScale.FistToFive, false, false)).Errors.Keys);
        Assert.Contains("scale", Refused(() => ConsensusBuilding.OpenRound(Nothing, "P", (AgreementScale)9, false, false)).Errors.Keys);
        Assert.Equal(ErrorCodes.Invalid, Refused(() => ConsensusBuilding.OpenRound(open, "Next", AgreementScale.FistToFive, false, false)).Code);
        Assert.Contains("round", Refused(() => ConsensusBuilding.OpenRound(decided, "Next", AgreementScale.FistToFive, false, false)).Errors.Keys);
        Assert.Equal(2, ConsensusBuilding.OpenRound(ConsensusBuilding.CloseRound(open), "Amended", AgreementScale.FistToFive, false, false).Rounds[^1].Number);
    }

    [Fact]
    public void A_later_vote_replaces_the_earlier_one_and_the_step_gives_the_new_count_and_tally()
    {
        var first = ConsensusBuilding.CastVote(Open(), "parent", 4);
        var second = ConsensusBuilding.CastVote(first.Activity, "guest", 2);
        var changed = ConsensusBuilding.CastVote(second.Activity, "parent", 5);

        Assert.Equal((2, 1), (second.Round.VoteCount, first.Round.VoteCount));
        Assert.Equal(2, changed.Round.VoteCount);
        Assert.Equal([0, 0, 1, 0, 0, 1], changed.Round.Tally);
        Assert.Equal(changed.Round, changed.Activity.Rounds[^1]);
        Assert.Equal(new Vote { ParticipantId = "parent", Level = 5 }, changed.Shown);
    }

    [Fact]
    public void An_anonymous_round_keeps_the_voter_but_shows_none()
    {
        var anonymous = ConsensusBuilding.OpenRound(Nothing, "P", AgreementScale.FistToFive, anonymous: true, hideResults: false);

        var cast = ConsensusBuilding.CastVote(anonymous, "parent", 1);
        var raised = ConsensusBuilding.RaiseConcern(cast.Activity, "parent", " Evenings only ");

        Assert.Null(cast.Shown.ParticipantId);
        Assert.Equal("parent", Assert.Single(cast.Round.Votes).ParticipantId);
        Assert.Equal(new Concern { ParticipantId = null, Text = "Evenings only" }, raised.Shown);
        Assert.Equal(new Concern { ParticipantId = "parent", Text = "Evenings only" }, Assert.Single(raised.Round.Concerns));
        Assert.Single(raised.Activity.Rounds[^1].Votes);
    }

    [Theory]
    [InlineData(AgreementScale.FistToFive, -1)]
    [InlineData(AgreementScale.FistToFive, 6)]
    [InlineData(AgreementScale.GradientsOfAgreement, 0)]
    [InlineData(AgreementScale.GradientsOfAgreement, 9)]
    public void A_vote_off_the_scale_is_refused(AgreementScale scale, int level)
    {
        var open = ConsensusBuilding.OpenRound(Nothing, "P", scale, false, false);

        var refused = Refused(() => ConsensusBuilding.CastVote(open, "parent", level));

        Assert.Equal(("level", ErrorCodes.Invalid), (Assert.Single(refused.Errors.Keys), refused.Code));
    }

    [Fact]
    public void Votes_and_concerns_need_an_open_round()
    {
        var closed = ConsensusBuilding.CloseRound(Open());

        Assert.Equal(ErrorCodes.RoundClosed, Refused(() => ConsensusBuilding.CastVote(Nothing, "parent", 3)).Code);
        Assert.Equal(ErrorCodes.RoundClosed, Refused(() => ConsensusBuilding.CastVote(closed, "parent", 3)).Code);
        Assert.Equal(ErrorCodes.RoundClosed, Refused(() => ConsensusBuilding.RaiseConcern(closed, "parent", "Late")).Code);
        Assert.Equal(ErrorCodes.RoundClosed, Refused(() => ConsensusBuilding.CloseRound(closed)).Code);
        Assert.Contains("text", Refused(() => ConsensusBuilding.RaiseConcern(Open(), "parent", " ")).Errors.Keys);
    }

    [Fact]
    public void Revealing_shows_the_newest_round_open_or_closed()
    {
        var hidden = ConsensusBuilding.OpenRound(Nothing, "P", AgreementScale.FistToFive, false, hideResults: true);

        var revealed = ConsensusBuilding.RevealResults(hidden);
        var revealedAfterClosing = ConsensusBuilding.RevealResults(ConsensusBuilding.CloseRound(hidden));

        Assert.False(revealed.Rounds[^1].ResultsHidden);
        Assert.True(revealed.Rounds[^1].Open);
        Assert.Equal((false, false), (revealedAfterClosing.Rounds[^1].ResultsHidden, revealedAfterClosing.Rounds[^1].Open));
        Assert.Contains("round", Refused(() => ConsensusBuilding.RevealResults(Nothing)).Errors.Keys);
    }

    [Fact]
    public void An_outcome_is_recorded_once_the_round_is_closed_and_its_evidence_names_no_voter()
    {
        var voted = ConsensusBuilding.CastVote(Open(), "parent", 5).Activity;
        voted = ConsensusBuilding.RaiseConcern(voted, "parent", "Evenings").Activity;

        var decided = ConsensusBuilding.RecordOutcome(ConsensusBuilding.CloseRound(voted), ConsensusOutcome.ConsensusReached);
        var evidence = ConsensusBuilding.Evidence("November day", decided);

        Assert.Equal(ConsensusOutcome.ConsensusReached, decided.Outcome);
        Assert.Equal("November day: ConsensusReached after 1 round(s). Round 1 (FistToFive) on \"Proposal\": 1 votes [0, 0, 0, 0, 0, 1], 1 concerns.", evidence);
        Assert.Contains("outcome", Refused(() => ConsensusBuilding.RecordOutcome(voted, ConsensusOutcome.NotYet)).Errors.Keys);
        Assert.Contains("outcome", Refused(() => ConsensusBuilding.RecordOutcome(Nothing, ConsensusOutcome.NotYet)).Errors.Keys);
        Assert.Contains("outcome", Refused(() => ConsensusBuilding.RecordOutcome(ConsensusBuilding.CloseRound(voted), (ConsensusOutcome)7)).Errors.Keys);
    }

    private static ConsensusActivity Open() => ConsensusBuilding.OpenRound(Nothing, "Proposal", AgreementScale.FistToFive, false, false);

    private static DomainValidationException Refused(Action step) => Assert.Throws<DomainValidationException>(step);
}
