using System.Globalization;
using LbcCommunity.Rubrics;

namespace LbcCommunity.RollUps;

/// <summary>
/// What a set of teams adds up to on one dimension (a rubric row or a habit, now or in one quarter). Every field is a
/// sum, so tallies add and subtract exactly: a roll-up moves by the difference of one team's old and new tally.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Tally
{
    public static readonly Tally Zero = new();

    [Id(0)] public int TeamsRated { get; init; }

    /// <summary>Sum of the teams' depth scores (exact: scores have at most two decimals).</summary>
    [Id(1)] public decimal ScoreSum { get; init; }

    /// <summary>Teams by level reached: index 0 none yet, 1 Informing … 4 Transforming.</summary>
    [Id(2)] public int NotYet { get; init; }

    [Id(3)] public int Informing { get; init; }

    [Id(4)] public int Networking { get; init; }

    [Id(5)] public int Collaborating { get; init; }

    [Id(6)] public int Transforming { get; init; }

    /// <summary>Teams whose level rose since their previous rating of this dimension.</summary>
    [Id(7)] public int MovedUp { get; init; }

    /// <summary>Teams with three or more ratings whose latest score is no higher than two ratings before.</summary>
    [Id(8)] public int NoProgress { get; init; }

    public bool IsZero => this == Zero;

    public Tally Plus(Tally other, int sign = 1) => new()
    {
        TeamsRated = TeamsRated + (sign * other.TeamsRated),
        ScoreSum = ScoreSum + (sign * other.ScoreSum),
        NotYet = NotYet + (sign * other.NotYet),
        Informing = Informing + (sign * other.Informing),
        Networking = Networking + (sign * other.Networking),
        Collaborating = Collaborating + (sign * other.Collaborating),
        Transforming = Transforming + (sign * other.Transforming),
        MovedUp = MovedUp + (sign * other.MovedUp),
        NoProgress = NoProgress + (sign * other.NoProgress),
    };

    /// <summary>The tally of one team at one point of its series.</summary>
    internal static Tally OfOneTeam(decimal score, int level, bool movedUp, bool noProgress) => new()
    {
        TeamsRated = 1,
        ScoreSum = score,
        NotYet = level == 0 ? 1 : 0,
        Informing = level == 1 ? 1 : 0,
        Networking = level == 2 ? 1 : 0,
        Collaborating = level == 3 ? 1 : 0,
        Transforming = level == 4 ? 1 : 0,
        MovedUp = movedUp ? 1 : 0,
        NoProgress = noProgress ? 1 : 0,
    };
}

/// <summary>Names the dimensions of a roll-up: <c>{period}|row|{habit}|{rowId}</c>, <c>{period}|habit|{habit}</c>, <c>now|teams</c>.</summary>
public static class TallyKeys
{
    /// <summary>The period of the latest ratings, as opposed to a quarter such as <c>2026-Q4</c>.</summary>
    public const string Now = "now";

    /// <summary>The key of "teams with at least one consensus rating".</summary>
    public const string TeamsRated = "now|teams";

    public static string Row(string period, Habit habit, string rowId) => $"{period}|row|{habit}|{rowId}";

    public static string HabitOf(string period, Habit habit) => $"{period}|habit|{habit}";

    /// <summary>The calendar quarter of a moment (UTC), e.g. <c>2026-Q4</c>.</summary>
    public static string Quarter(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{utc.Year}-Q{((utc.Month - 1) / 3) + 1}");
    }
}

/// <summary>One team's part of every roll-up it belongs to, versioned by its consensus-rating sequence.</summary>
[GenerateSerializer, Immutable]
public sealed record TeamContribution
{
    [Id(0)] public required string TeamId { get; init; }

    /// <summary>The sequence of the team's latest consensus rating (0 before the first); only a newer one replaces an older.</summary>
    [Id(1)] public required long Sequence { get; init; }

    [Id(2)] public required IReadOnlyDictionary<string, Tally> Tallies { get; init; }

    /// <summary>The team's profile, latest rows and action-list facts; <c>null</c> for a team that does not exist.</summary>
    [Id(3)] public TeamStanding? Standing { get; init; }

    public static TeamContribution Empty(string teamId) => new() { TeamId = teamId, Sequence = 0, Tallies = new Dictionary<string, Tally>() };
}
