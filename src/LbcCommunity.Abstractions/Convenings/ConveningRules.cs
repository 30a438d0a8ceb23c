using LbcCommunity.Errors;
using LbcCommunity.Validation;

namespace LbcCommunity.Convenings;

/// <summary>The rules of a convening and of its consensus rounds.</summary>
public static class ConveningRules
{
    public const int ProposalMaxLength = 2000;
    public const int TextMaxLength = 1000;

    /// <summary>The earliest scheduled start: a date before it is a typing slip (a year of 0026), not a convening.</summary>
    public static readonly DateTimeOffset StartsAtEarliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far ahead a convening may be scheduled: a programme year and the next, no further.</summary>
    public static readonly TimeSpan StartsAtLatest = TimeSpan.FromDays(2 * 366);

    /// <param name="draft">The plan.</param>
    /// <param name="now">The domain's clock, which bounds how far ahead a start may be scheduled.</param>
    public static void Validate(ConveningDraft draft, DateTimeOffset now)
    {
        var v = new Validator();
        CheckStartsAt(v, draft.StartsAt, now);
        v.Slug("id", draft.Id, required: false);
        v.RequiredText("title", draft.Title);
        if (draft.OwnerKind is not { } kind || !Enum.IsDefined(kind))
        {
            v.Add("ownerKind", "'ownerKind' must be Team, Community or Initiative.");
        }

        v.Slug("ownerId", draft.OwnerId);
        AgendaRules.Check(v, draft.Agenda, draft.OwnerKind);
        SppAprRules.Check(v, draft.SppAprTopics);
        v.ThrowIfInvalid();
    }

    /// <summary>A change of the plan of a convening of <paramref name="owner"/>: the same rules as planning it.</summary>
    public static void Validate(ConveningPlanDraft draft, ConveningOwnerKind owner, DateTimeOffset now)
    {
        var v = new Validator();
        CheckStartsAt(v, draft.StartsAt, now);
        v.RequiredText("title", draft.Title);
        AgendaRules.Check(v, draft.Agenda, owner);
        SppAprRules.Check(v, draft.SppAprTopics);
        v.ThrowIfInvalid();
    }

    private static void CheckStartsAt(Validator v, DateTimeOffset? startsAt, DateTimeOffset now)
    {
        if (startsAt is { } at && (at < StartsAtEarliest || at > now + StartsAtLatest))
        {
            v.Add("startsAt", $"'startsAt' must be from 2000-01-01 to two years from now ({now + StartsAtLatest:yyyy-MM-dd}).");
        }
    }

    /// <summary>The levels of a scale: fist-to-five 0–5, gradients of agreement 1–8.</summary>
    public static (int Lowest, int Highest) Levels(AgreementScale scale) =>
        scale == AgreementScale.FistToFive ? (0, 5) : (1, 8);

    /// <summary>Votes per level, lowest level first.</summary>
    public static IReadOnlyList<int> Tally(AgreementScale scale, IEnumerable<Vote> votes)
    {
        var (lowest, highest) = Levels(scale);
        var tally = new int[highest - lowest + 1];
        foreach (var vote in votes)
        {
            tally[vote.Level - lowest]++;
        }

        return tally;
    }

    /// <summary>
    /// The round as a viewer may see it: anonymous rounds never name voters; while results are hidden, participants
    /// (not the facilitator) see only how many have voted.
    /// </summary>
    public static ConsensusRound ForViewer(ConsensusRound round, bool facilitator)
    {
        var votes = round.Anonymous ? [.. round.Votes.Select(v => v with { ParticipantId = null })] : round.Votes;
        var concerns = round.Anonymous ? [.. round.Concerns.Select(c => c with { ParticipantId = null })] : round.Concerns;
        var hidden = round.ResultsHidden && !facilitator;
        return round with
        {
            Votes = hidden ? [] : votes,
            Concerns = concerns,
            Tally = hidden ? [] : Tally(round.Scale, round.Votes),
        };
    }

    public static ConsensusActivity ForViewer(ConsensusActivity activity, bool facilitator) =>
        activity with { Rounds = [.. activity.Rounds.Select(r => ForViewer(r, facilitator))] };

    /// <summary>
    /// An event as a viewer may see it (see <see cref="ForViewer(ConsensusRound, bool)"/>; a café's warnings are the
    /// facilitator's, <see cref="WorldCafe.ForViewer"/>).
    /// </summary>
    public static ConveningEvent ForViewer(ConveningEvent conveningEvent, bool facilitator)
    {
        if (conveningEvent.Consensus is { } consensus)
        {
            conveningEvent = conveningEvent with { Consensus = ForViewer(consensus, facilitator) };
        }

        if (conveningEvent.WorldCafe is { } cafe && !facilitator)
        {
            conveningEvent = conveningEvent with { WorldCafe = WorldCafe.ForViewer(cafe, facilitator) };
        }

        return conveningEvent.ResultsHidden == true && !facilitator
            ? conveningEvent with { Vote = null, Tally = null }
            : conveningEvent;
    }

    /// <summary>
    /// Refuses an action of an activity that is not the one under way: each activity's steps check their own state, not
    /// whether the room is doing them now.
    /// </summary>
    public static void RequireActive(Convening convening, string? activeItemId, ActivityKind kind)
    {
        if (convening.Agenda.FirstOrDefault(i => i.Id == activeItemId)?.Kind != kind)
        {
            throw Refused("activity", $"The {kind} activity is not under way.", ErrorCodes.ActivityNotActive);
        }
    }

    /// <summary>The agenda item the facilitator moves the room to.</summary>
    public static AgendaItem AgendaItem(Convening convening, string agendaItemId) =>
        convening.Agenda.FirstOrDefault(i => i.Id == agendaItemId)
        ?? throw DomainValidationException.For("agendaItemId", $"The agenda has no item '{agendaItemId}'.");

    /// <summary>
    /// A rule of the session was broken (out of turn, not the facilitator…): nothing changed. <paramref name="code"/>
    /// names the rule when a client would do something other than fix its input (<see cref="ErrorCodes"/>).
    /// </summary>
    public static DomainValidationException Refused(string field, string message, string code = ErrorCodes.Invalid) =>
        DomainValidationException.For(field, message, code);
}
