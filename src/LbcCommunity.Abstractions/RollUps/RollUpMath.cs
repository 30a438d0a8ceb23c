using LbcCommunity.Ratings;

namespace LbcCommunity.RollUps;

/// <summary>The arithmetic of roll-ups: a team's contribution from its consensus history, and sums of contributions.</summary>
public static class RollUpMath
{
    /// <summary>
    /// A team's contribution from its consensus ratings, taken in the order of their dates (<see cref="Rating.RatedAt"/>;
    /// arrival breaks a tie), so a rating entered from paper counts where it was taken. For each row and habit it
    /// holds the team's latest score and level, whether it moved up a level since the previous rating, and whether it
    /// made no progress across its last three; the same per calendar quarter (the team's latest rating in it).
    /// A team's habit score is the mean of its latest row scores in the habit (two decimals); its habit level is the
    /// lowest level among those rows: a habit is as deep as its shallowest row.
    /// </summary>
    public static TeamContribution ContributionOf(string teamId, IReadOnlyList<Rating> consensusRatings)
    {
        var series = new Dictionary<string, List<Point>>(StringComparer.Ordinal);
        var latestRows = new Dictionary<string, RowRating>(StringComparer.Ordinal);
        foreach (var rating in consensusRatings.OrderBy(r => r.RatedAt).ThenBy(r => r.Sequence))
        {
            var quarter = TallyKeys.Quarter(rating.RatedAt);
            foreach (var row in rating.Rows)
            {
                latestRows[row.RowId] = row;
                Append(series, $"row|{row.Habit}|{row.RowId}", new Point(row.DepthScore, row.LevelReached, quarter));
            }

            foreach (var habit in rating.Rows.Select(r => r.Habit).Distinct())
            {
                var rows = latestRows.Values.Where(r => r.Habit == habit).ToList();
                var score = Math.Round(rows.Average(r => r.DepthScore), 2, MidpointRounding.AwayFromZero);
                Append(series, $"habit|{habit}", new Point(score, rows.Min(r => r.LevelReached), quarter));
            }
        }

        var tallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var (dimension, points) in series)
        {
            tallies[$"{TallyKeys.Now}|{dimension}"] = TallyAt(points, points.Count - 1);
            foreach (var quarter in points.Select(p => p.Quarter).Distinct())
            {
                tallies[$"{quarter}|{dimension}"] = TallyAt(points, points.FindLastIndex(p => p.Quarter == quarter));
            }
        }

        if (consensusRatings.Count > 0)
        {
            tallies[TallyKeys.TeamsRated] = new Tally { TeamsRated = 1 };
        }

        return new TeamContribution
        {
            TeamId = teamId,
            // The version is the newest arrival, whatever its date: a rating from paper still makes a newer contribution.
            Sequence = consensusRatings.Count == 0 ? 0 : consensusRatings.Max(r => r.Sequence),
            Tallies = tallies,
        };
    }

    /// <summary>Adds <paramref name="sign"/> × <paramref name="tallies"/> into <paramref name="totals"/>, dropping dimensions that fall to zero.</summary>
    public static void Add(Dictionary<string, Tally> totals, IReadOnlyDictionary<string, Tally> tallies, int sign = 1)
    {
        foreach (var (key, tally) in tallies)
        {
            var sum = (totals.TryGetValue(key, out var current) ? current : Tally.Zero).Plus(tally, sign);
            if (sum.IsZero)
            {
                totals.Remove(key);
            }
            else
            {
                totals[key] = sum;
            }
        }
    }

    /// <summary>The sum of many contributions, from scratch (used to rebuild and to check).</summary>
    public static Dictionary<string, Tally> Sum(IEnumerable<IReadOnlyDictionary<string, Tally>> contributions)
    {
        var totals = new Dictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var tallies in contributions)
        {
            Add(totals, tallies);
        }

        return totals;
    }

    private static Tally TallyAt(List<Point> points, int index)
    {
        var point = points[index];
        var movedUp = index >= 1 && point.Level > points[index - 1].Level;
        var noProgress = index >= 2 && point.Score <= points[index - 2].Score;
        return Tally.OfOneTeam(point.Score, point.Level, movedUp, noProgress);
    }

    private static void Append(Dictionary<string, List<Point>> series, string dimension, Point point)
    {
        if (!series.TryGetValue(dimension, out var points))
        {
            points = [];
            series[dimension] = points;
        }

        points.Add(point);
    }

    private readonly record struct Point(decimal Score, int Level, string Quarter);
}
