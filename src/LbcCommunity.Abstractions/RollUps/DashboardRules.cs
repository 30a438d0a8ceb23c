using LbcCommunity.Ratings;
using LbcCommunity.Rubrics;
using LbcCommunity.Validation;

namespace LbcCommunity.RollUps;

/// <summary>The dashboards' rules beside the sums: the action lists, the sustained-depth criterion and a team's quarters.</summary>
public static class DashboardRules
{
    /// <summary>"Not rated for N days" when the caller names no N: a quarter and a bit.</summary>
    public const int DefaultNotRatedDays = 90;

    /// <summary>Ten years: anything longer is "never".</summary>
    public const int MaxNotRatedDays = 3650;

    /// <summary>A criterion longer than a run of three years of quarterly ratings could not be met within a grant.</summary>
    public const int MaxConsecutiveRatings = 12;

    public static int ValidateNotRatedDays(int? days)
    {
        var value = days ?? DefaultNotRatedDays;
        if (value is < 1 or > MaxNotRatedDays)
        {
            new Validator().Add("notRatedDays", $"'notRatedDays' must be 1–{MaxNotRatedDays}.").ThrowIfInvalid();
        }

        return value;
    }

    /// <summary>The criterion a draft names, or a problem for every field that is wrong.</summary>
    public static SustainedDepthCriterion Validate(SustainedDepthDraft draft)
    {
        var v = new Validator();
        if (!Enum.TryParse<DepthLevel>(draft.Level, ignoreCase: false, out var level) || !Enum.IsDefined(level) || int.TryParse(draft.Level, out _))
        {
            v.Add("level", $"'level' must be one of: {string.Join(", ", Enum.GetNames<DepthLevel>())}.");
        }

        if (draft.ConsecutiveRatings is not (>= 1 and <= MaxConsecutiveRatings))
        {
            v.Add("consecutiveRatings", $"'consecutiveRatings' is required: 1–{MaxConsecutiveRatings}.");
        }

        Habit? habit = null;
        if (draft.Habit is not null)
        {
            if (Enum.TryParse<Habit>(draft.Habit, ignoreCase: false, out var named) && Enum.IsDefined(named) && !int.TryParse(draft.Habit, out _))
            {
                habit = named;
            }
            else
            {
                v.Add("habit", $"'habit' must be one of: {string.Join(", ", Enum.GetNames<Habit>())}, or left out for any habit.");
            }
        }

        v.ThrowIfInvalid();
        return new SustainedDepthCriterion { Level = level, ConsecutiveRatings = draft.ConsecutiveRatings!.Value, Habit = habit };
    }

    /// <summary>
    /// The action lists of a set of teams at <paramref name="now"/>: moved up (a row's level rose in a consensus rating
    /// made this calendar quarter), stuck (<see cref="TeamStandings.Of"/>), not rated for <paramref name="notRatedDays"/>
    /// days or never, and sustained (meeting <paramref name="criterion"/>).
    /// </summary>
    public static AttentionLists Attention(
        string initiativeId, string? regionId, IEnumerable<TeamStanding> teams, SustainedDepthCriterion criterion, DateTimeOffset now, int notRatedDays)
    {
        var quarter = TallyKeys.Quarter(now);
        var cutoff = now.AddDays(-notRatedDays);
        var ordered = teams.OrderBy(t => t.TeamName, StringComparer.InvariantCulture).ThenBy(t => t.TeamId, StringComparer.Ordinal).ToList();
        List<TeamAttention> On(Func<TeamStanding, IReadOnlyList<string>?> rowsIfListed) =>
            [.. ordered.Select(t => (Team: t, Rows: rowsIfListed(t))).Where(t => t.Rows is not null).Select(t => Line(t.Team, t.Rows!))];

        return new AttentionLists
        {
            InitiativeId = initiativeId,
            RegionId = regionId,
            Quarter = quarter,
            NotRatedDays = notRatedDays,
            Criterion = criterion,
            Teams = ordered.Count,
            MovedUp = On(t => t.MovedUp.Where(m => TallyKeys.Quarter(m.At) == quarter).Select(m => m.RowId).ToList() is { Count: > 0 } rows ? rows : null),
            Stuck = On(t => t.StuckRows),
            NotRated = On(t => t.LastRatedAt is not { } at || at <= cutoff ? [] : null),
            Sustained = On(t => SustainedRows(t, criterion)),
            ComputedAt = now,
        };
    }

    /// <summary>The rows of the habits on which the team meets the criterion, or <c>null</c> when it meets it on none.</summary>
    public static IReadOnlyList<string>? SustainedRows(TeamStanding team, SustainedDepthCriterion criterion)
    {
        var meeting = team.Streaks
            .Where(s => (criterion.Habit is null || s.Habit == criterion.Habit) && s.AtLevel[(int)criterion.Level - 1] >= criterion.ConsecutiveRatings)
            .ToList();
        return meeting.Count == 0 ? null : [.. meeting.SelectMany(s => s.Rows)];
    }

    /// <summary>Per calendar quarter, each row's latest consensus score in it (as the roll-ups' quarters count a team).</summary>
    public static TeamSeries Series(string teamId, IReadOnlyList<Rating> consensusRatings, int fiscalYearStartMonth)
    {
        var quarters = new SortedDictionary<string, Dictionary<string, RowRating>>(StringComparer.Ordinal);
        foreach (var rating in consensusRatings)
        {
            var key = TallyKeys.Quarter(rating.RecordedAt);
            if (!quarters.TryGetValue(key, out var rows))
            {
                rows = new Dictionary<string, RowRating>(StringComparer.Ordinal);
                quarters[key] = rows;
            }

            foreach (var row in rating.Rows)
            {
                rows[row.RowId] = row;
            }
        }

        return new TeamSeries
        {
            TeamId = teamId,
            Quarters = [.. quarters.Select(q =>
            {
                var (fiscalYear, fiscalQuarter) = FiscalCalendar.OfQuarter(q.Key, fiscalYearStartMonth);
                return new TeamQuarter
                {
                    Quarter = q.Key,
                    FiscalYear = fiscalYear,
                    FiscalQuarter = fiscalQuarter,
                    Rows = [.. q.Value.Values.OrderBy(r => r.Habit).ThenBy(r => r.RowId, StringComparer.Ordinal).Select(RowScore.Of)],
                };
            })],
        };
    }

    private static TeamAttention Line(TeamStanding team, IReadOnlyList<string> rows) => new()
    {
        TeamId = team.TeamId,
        TeamName = team.TeamName,
        RegionId = team.RegionId,
        LastRatedAt = team.LastRatedAt,
        Rows = rows,
    };
}
