using LbcCommunity.Rubrics;

namespace LbcCommunity.RollUps;

/// <summary>The teams of one dimension (a rubric row or a habit) as state staff see them.</summary>
[GenerateSerializer, Immutable]
public sealed record DimensionSummary
{
    /// <summary>The row id, or the habit's name for a habit.</summary>
    [Id(0)] public required string Key { get; init; }

    [Id(1)] public required Habit Habit { get; init; }

    [Id(2)] public required int TeamsRated { get; init; }

    /// <summary>The mean depth score of the rated teams (0.00–4.00), two decimals: <see cref="ScoreSum"/> / <see cref="TeamsRated"/>, rounded.</summary>
    [Id(3)] public required decimal MeanDepthScore { get; init; }

    /// <summary>Teams by level reached: [none yet, Informing, Networking, Collaborating, Transforming].</summary>
    [Id(4)] public required IReadOnlyList<int> TeamsAtLevel { get; init; }

    [Id(5)] public required int MovedUp { get; init; }

    [Id(6)] public required int NoProgress { get; init; }

    /// <summary>The exact sum of the rated teams' depth scores, so anyone can recompute the mean (scores have two decimals).</summary>
    [Id(7)] public required decimal ScoreSum { get; init; }
}

/// <summary>One calendar quarter of a roll-up: each team counted with its latest rating in the quarter.</summary>
[GenerateSerializer, Immutable]
public sealed record QuarterSummary
{
    [Id(0)] public required string Quarter { get; init; }

    [Id(1)] public required IReadOnlyList<DimensionSummary> Habits { get; init; }

    [Id(2)] public required IReadOnlyList<DimensionSummary> Rows { get; init; }

    /// <summary>The state's fiscal year the quarter starts in, e.g. <c>FY2027</c> (<see cref="FiscalCalendar"/>).</summary>
    [Id(3)] public required string FiscalYear { get; init; }

    /// <summary>The fiscal quarter, e.g. <c>FY2027-Q1</c> for 2026-Q3 with a July start.</summary>
    [Id(4)] public required string FiscalQuarter { get; init; }
}

/// <summary>One region's line in an initiative's roll-up.</summary>
[GenerateSerializer, Immutable]
public sealed record RegionLine
{
    [Id(0)] public required string RegionId { get; init; }

    [Id(1)] public required int Teams { get; init; }

    [Id(2)] public required int TeamsRated { get; init; }

    [Id(3)] public required IReadOnlyList<DimensionSummary> Habits { get; init; }

    /// <summary>The region's rows now: a line of the state's regions × rows heat map.</summary>
    [Id(4)] public required IReadOnlyList<DimensionSummary> Rows { get; init; }
}

/// <summary>
/// A roll-up of depth of interaction: a region's district teams, or a whole initiative (the state view).
/// <see cref="Version"/> is the number of consensus ratings it includes: it only grows.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RollUpView
{
    [Id(0)] public required string TenantId { get; init; }

    [Id(1)] public required string InitiativeId { get; init; }

    /// <summary>The region, or <c>null</c> for the state view of the whole initiative.</summary>
    [Id(2)] public string? RegionId { get; init; }

    [Id(3)] public required long Version { get; init; }

    [Id(4)] public required int Teams { get; init; }

    [Id(5)] public required int TeamsRated { get; init; }

    [Id(6)] public required IReadOnlyList<DimensionSummary> Habits { get; init; }

    [Id(7)] public required IReadOnlyList<DimensionSummary> Rows { get; init; }

    [Id(8)] public required IReadOnlyList<QuarterSummary> Quarters { get; init; }

    /// <summary>State view only: a line per region.</summary>
    [Id(9)] public IReadOnlyList<RegionLine>? Regions { get; init; }

    [Id(10)] public required DateTimeOffset ComputedAt { get; init; }
}

/// <summary>Turns summed tallies into views.</summary>
public static class RollUpViews
{
    public static IReadOnlyList<DimensionSummary> Habits(IReadOnlyDictionary<string, Tally> totals, string period) =>
        [.. Dimensions(totals, $"{period}|habit|").Select(d => Summary(d.Key, Enum.Parse<Habit>(d.Key), d.Tally)).OrderBy(d => d.Habit)];

    public static IReadOnlyList<DimensionSummary> Rows(IReadOnlyDictionary<string, Tally> totals, string period) =>
        [.. Dimensions(totals, $"{period}|row|")
            .Select(d =>
            {
                var separator = d.Key.IndexOf('|', StringComparison.Ordinal);
                return Summary(d.Key[(separator + 1)..], Enum.Parse<Habit>(d.Key[..separator]), d.Tally);
            })
            .OrderBy(d => d.Habit).ThenBy(d => d.Key, StringComparer.Ordinal)];

    /// <summary>Every calendar quarter of the sums, labelled with the state's fiscal quarter.</summary>
    public static IReadOnlyList<QuarterSummary> Quarters(IReadOnlyDictionary<string, Tally> totals, int fiscalYearStartMonth = FiscalCalendar.DefaultStartMonth) =>
        [.. totals.Keys
            .Select(k => k[..k.IndexOf('|', StringComparison.Ordinal)])
            .Where(p => p != TallyKeys.Now)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(q =>
            {
                var (fiscalYear, fiscalQuarter) = FiscalCalendar.OfQuarter(q, fiscalYearStartMonth);
                return new QuarterSummary { Quarter = q, FiscalYear = fiscalYear, FiscalQuarter = fiscalQuarter, Habits = Habits(totals, q), Rows = Rows(totals, q) };
            })];

    public static int TeamsRated(IReadOnlyDictionary<string, Tally> totals) =>
        totals.TryGetValue(TallyKeys.TeamsRated, out var teams) ? teams.TeamsRated : 0;

    private static IEnumerable<(string Key, Tally Tally)> Dimensions(IReadOnlyDictionary<string, Tally> totals, string prefix) =>
        totals.Where(t => t.Key.StartsWith(prefix, StringComparison.Ordinal) && t.Value.TeamsRated > 0)
              .Select(t => (t.Key[prefix.Length..], t.Value));

    private static DimensionSummary Summary(string key, Habit habit, Tally tally) => new()
    {
        Key = key,
        Habit = habit,
        TeamsRated = tally.TeamsRated,
        MeanDepthScore = Math.Round(tally.ScoreSum / tally.TeamsRated, 2, MidpointRounding.AwayFromZero),
        TeamsAtLevel = [tally.NotYet, tally.Informing, tally.Networking, tally.Collaborating, tally.Transforming],
        MovedUp = tally.MovedUp,
        NoProgress = tally.NoProgress,
        ScoreSum = tally.ScoreSum,
    };
}
