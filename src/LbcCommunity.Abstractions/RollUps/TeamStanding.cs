using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.Rubrics;

namespace LbcCommunity.RollUps;

/// <summary>One row of a team's rating as the dashboards show it: the score and the level, without the cells.</summary>
[GenerateSerializer, Immutable]
public sealed record RowScore
{
    [Id(0)] public required string RowId { get; init; }

    [Id(1)] public required Habit Habit { get; init; }

    [Id(2)] public required decimal DepthScore { get; init; }

    /// <summary>0 for none yet, 1 Informing … 4 Transforming.</summary>
    [Id(3)] public required int LevelReached { get; init; }

    public static RowScore Of(RowRating row) =>
        new() { RowId = row.RowId, Habit = row.Habit, DepthScore = row.DepthScore, LevelReached = row.LevelReached };
}

/// <summary>When a row's level last rose: the time of the latest consensus rating that took it a level higher.</summary>
[GenerateSerializer, Immutable]
public sealed record RowMove
{
    [Id(0)] public required string RowId { get; init; }

    [Id(1)] public required DateTimeOffset At { get; init; }
}

/// <summary>How long a team has held each depth level on every row of one habit.</summary>
[GenerateSerializer, Immutable]
public sealed record HabitStreak
{
    [Id(0)] public required Habit Habit { get; init; }

    /// <summary>
    /// Per level (index 0 Informing … 3 Transforming): how many of the team's latest consensus ratings in a row rated the
    /// habit with every one of its rated rows at that level or deeper.
    /// </summary>
    [Id(1)] public required IReadOnlyList<int> AtLevel { get; init; }

    /// <summary>The habit's rows in the team's latest rating of it.</summary>
    [Id(2)] public required IReadOnlyList<string> Rows { get; init; }
}

/// <summary>
/// What the dashboards show of one team beside the sums: its profile, latest rows and the facts the action lists
/// are read from. Carried on the team's contribution, so a region's roll-up answers them without asking each team.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TeamStanding
{
    [Id(0)] public required string TeamId { get; init; }

    [Id(1)] public required string TeamName { get; init; }

    [Id(2)] public required string DistrictId { get; init; }

    [Id(3)] public required string RegionId { get; init; }

    /// <summary>The number of the team's consensus ratings.</summary>
    [Id(4)] public required int Ratings { get; init; }

    [Id(5)] public DateTimeOffset? LastRatedAt { get; init; }

    /// <summary>Each row's latest consensus score (a row keeps its score until a rating rates it again).</summary>
    [Id(6)] public required IReadOnlyList<RowScore> Rows { get; init; }

    [Id(7)] public required IReadOnlyList<RowMove> MovedUp { get; init; }

    /// <summary>The rows of the latest rating when the team is stuck (see <see cref="TeamStandings.Of"/>); <c>null</c> when not.</summary>
    [Id(8)] public IReadOnlyList<string>? StuckRows { get; init; }

    [Id(9)] public required IReadOnlyList<HabitStreak> Streaks { get; init; }
}

/// <summary>A team's standing from its consensus ratings (in the order they were recorded).</summary>
public static class TeamStandings
{
    /// <summary>
    /// Stuck: three or more consensus ratings, and no row of the latest rating scores higher than the team's score of
    /// that row as it stood after the rating two before (a row not rated by then counts as progress).
    /// </summary>
    public static TeamStanding Of(Team team, IReadOnlyList<Rating> consensusRatings)
    {
        var latest = new Dictionary<string, RowRating>(StringComparer.Ordinal);
        var moved = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        Dictionary<string, RowRating>? twoBefore = null;
        var streaks = new Dictionary<Habit, (int[] AtLevel, string[] Rows)>();
        for (var i = 0; i < consensusRatings.Count; i++)
        {
            var rating = consensusRatings[i];
            foreach (var row in rating.Rows)
            {
                if (latest.TryGetValue(row.RowId, out var previous) && row.LevelReached > previous.LevelReached)
                {
                    moved[row.RowId] = rating.RecordedAt;
                }

                latest[row.RowId] = row;
            }

            foreach (var habit in Enum.GetValues<Habit>())
            {
                var rows = rating.Rows.Where(r => r.Habit == habit).ToList();
                var lowest = rows.Count == 0 ? 0 : rows.Min(r => r.LevelReached);
                var (atLevel, held) = streaks.GetValueOrDefault(habit, (new int[4], []));
                var next = new int[4];
                for (var level = 1; level <= 4; level++)
                {
                    next[level - 1] = lowest >= level ? atLevel[level - 1] + 1 : 0;
                }

                streaks[habit] = (next, rows.Count == 0 ? held : [.. rows.Select(r => r.RowId).Order(StringComparer.Ordinal)]);
            }

            if (i == consensusRatings.Count - 3)
            {
                twoBefore = new Dictionary<string, RowRating>(latest, StringComparer.Ordinal);
            }
        }

        var last = consensusRatings.Count == 0 ? null : consensusRatings[^1];
        var stuck = twoBefore is not null && last!.Rows.All(r => twoBefore.TryGetValue(r.RowId, out var before) && r.DepthScore <= before.DepthScore);
        return new TeamStanding
        {
            TeamId = team.Id,
            TeamName = team.Name,
            DistrictId = team.DistrictId,
            RegionId = team.RegionId,
            Ratings = consensusRatings.Count,
            LastRatedAt = last?.RecordedAt,
            Rows = [.. latest.Values.OrderBy(r => r.Habit).ThenBy(r => r.RowId, StringComparer.Ordinal).Select(RowScore.Of)],
            MovedUp = [.. moved.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new RowMove { RowId = m.Key, At = m.Value })],
            StuckRows = stuck ? [.. last!.Rows.Select(r => r.RowId)] : null,
            Streaks = [.. streaks.Where(s => s.Value.Rows.Length > 0).OrderBy(s => s.Key).Select(s => new HabitStreak { Habit = s.Key, AtLevel = s.Value.AtLevel, Rows = s.Value.Rows })],
        };
    }
}
