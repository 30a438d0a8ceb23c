using LbcCommunity.Convenings;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;

namespace LbcCommunity.Reports;

/// <summary>
/// A quarter's facts from what is stored: the convenings' summaries and the team's consensus ratings. Pure, so the
/// report's grain, the evidence and a test's recompute all use the one definition.
/// </summary>
public static class ReportFacts
{
    /// <summary>A convening was held in a period when it began (its first activity started) within it.</summary>
    public static bool HeldIn(ConveningSummary summary, DateTimeOffset start, DateTimeOffset end) =>
        summary.StartedAt is { } at && at >= start && at < end;

    /// <summary>The facts of the quarter [<paramref name="start"/>, <paramref name="end"/>).</summary>
    /// <param name="summaries">The team's convenings (any; those not held in the quarter are left out).</param>
    /// <param name="consensusRatings">Every consensus rating of the team, in the order it lists them (by date taken).</param>
    /// <param name="start">The quarter's first instant.</param>
    /// <param name="end">The next quarter's first instant.</param>
    /// <param name="now">When the facts are computed.</param>
    /// <param name="actions">The team's action plan's facts for the quarter (<see cref="ActionPlans.ActionPlanRules.Facts"/>).</param>
    public static QuarterFacts Of(
        IEnumerable<ConveningSummary> summaries, IReadOnlyList<Rating> consensusRatings, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now,
        ActionPlans.ActionFacts? actions = null)
    {
        var held = summaries.Where(s => HeldIn(s, start, end)).OrderBy(s => s.StartedAt).ThenBy(s => s.Convening.Id, StringComparer.Ordinal).ToList();
        return new QuarterFacts
        {
            ComputedAt = now,
            Convenings = [.. held.Select(Fact)],
            Participants = Count(held.Select(s => s.Attendance)),
            Ratings = Moves(consensusRatings, start, end),
            Decisions = [.. held.Where(s => s.Decision.Rounds.Count > 0).Select(s => new DecisionFact
            {
                ConveningId = s.Convening.Id,
                ConveningTitle = s.Convening.Title,
                Proposal = s.Decision.Rounds[^1].Proposal,
                Rounds = s.Decision.Rounds.Count,
                Outcome = s.Decision.Outcome,
            })],
            Actions = actions is null ? null : new ActionFacts { Done = actions.Done.Count, Overdue = actions.Overdue.Count, DueInPeriod = actions.DueInPeriod },
        };
    }

    public static ConveningFact Fact(ConveningSummary s) => new()
    {
        ConveningId = s.Convening.Id,
        Title = s.Convening.Title,
        StartedAt = s.StartedAt!.Value,
        Participants = s.Attendance.Participants,
        FamilyVoices = s.Attendance.FamilyVoices,
        SppAprTopics = s.SppAprTopics,
        ResultsShared = s.ResultsShared,
    };

    /// <summary>Attendance summed over convenings; every stakeholder role gets a line (0 when nobody brought it).</summary>
    public static Attendance Count(IEnumerable<Attendance> attendances)
    {
        var list = attendances.ToList();
        var byRole = Enum.GetValues<StakeholderRole>().ToDictionary(r => r, _ => 0);
        foreach (var role in list.SelectMany(a => a.ByRole))
        {
            byRole[role.StakeholderRole] += role.Count;
        }

        return new Attendance
        {
            Participants = list.Sum(a => a.Participants),
            Guests = list.Sum(a => a.Guests),
            FamilyVoices = list.Sum(a => a.FamilyVoices),
            YouthVoices = list.Sum(a => a.YouthVoices),
            ByRole = [.. byRole.OrderBy(r => r.Key).Select(r => new RoleAttendance { StakeholderRole = r.Key, Count = r.Value })],
        };
    }

    /// <summary>
    /// Consensus ratings taken in the quarter, and per rated row whose level changed against the team's previous rating
    /// of that row (of any date before), the move up or down. A row first rated in the quarter moved from 0 when it
    /// reached a level.
    /// </summary>
    public static RatingFacts Moves(IReadOnlyList<Rating> consensusRatings, DateTimeOffset start, DateTimeOffset end)
    {
        var latest = new Dictionary<string, int>(StringComparer.Ordinal);
        var up = new List<LevelMove>();
        var down = new List<LevelMove>();
        var count = 0;
        foreach (var rating in consensusRatings.OrderBy(r => r.RatedAt).ThenBy(r => r.Sequence))
        {
            var inQuarter = rating.RatedAt >= start && rating.RatedAt < end;
            if (rating.RatedAt >= end)
            {
                break;
            }

            count += inQuarter ? 1 : 0;
            foreach (var row in rating.Rows)
            {
                var before = latest.GetValueOrDefault(row.RowId);
                if (inQuarter && row.LevelReached != before)
                {
                    var move = new LevelMove { RowId = row.RowId, Habit = row.Habit, From = before, To = row.LevelReached, RatedAt = rating.RatedAt };
                    (row.LevelReached > before ? up : down).Add(move);
                }

                latest[row.RowId] = row.LevelReached;
            }
        }

        return new RatingFacts { ConsensusRatings = count, MovedUp = up, MovedDown = down };
    }
}
