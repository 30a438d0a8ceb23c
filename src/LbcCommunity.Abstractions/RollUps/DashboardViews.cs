using LbcCommunity.Rubrics;

namespace LbcCommunity.RollUps;

/// <summary>One team's line in a region's teams × rows heat map.</summary>
[GenerateSerializer, Immutable]
public sealed record RegionTeam
{
    [Id(0)] public required string TeamId { get; init; }

    [Id(1)] public required string TeamName { get; init; }

    [Id(2)] public required string DistrictId { get; init; }

    [Id(3)] public DateTimeOffset? LastRatedAt { get; init; }

    /// <summary>The number of the team's consensus ratings.</summary>
    [Id(4)] public required int Ratings { get; init; }

    /// <summary>Each row's latest consensus score; empty for a team not rated yet.</summary>
    [Id(5)] public required IReadOnlyList<RowScore> Rows { get; init; }
}

/// <summary>The district teams of one region with their latest rows: the region's heat map.</summary>
[GenerateSerializer, Immutable]
public sealed record RegionTeamsView
{
    [Id(0)] public required string RegionId { get; init; }

    [Id(1)] public required string InitiativeId { get; init; }

    [Id(2)] public required DateTimeOffset ComputedAt { get; init; }

    [Id(3)] public required IReadOnlyList<RegionTeam> Teams { get; init; }
}

/// <summary>One calendar quarter of a team's history: per row, the row's latest consensus score in the quarter.</summary>
[GenerateSerializer, Immutable]
public sealed record TeamQuarter
{
    /// <summary>The calendar quarter, e.g. <c>2026-Q3</c>.</summary>
    [Id(0)] public required string Quarter { get; init; }

    [Id(1)] public required string FiscalYear { get; init; }

    [Id(2)] public required string FiscalQuarter { get; init; }

    [Id(3)] public required IReadOnlyList<RowScore> Rows { get; init; }
}

/// <summary>A team's consensus history by quarter.</summary>
[GenerateSerializer, Immutable]
public sealed record TeamSeries
{
    [Id(0)] public required string TeamId { get; init; }

    [Id(1)] public required IReadOnlyList<TeamQuarter> Quarters { get; init; }
}

/// <summary>
/// What the state counts as sustained depth: <see cref="Level"/> or deeper on every row of <see cref="Habit"/> (any one
/// habit when <c>null</c>) on the team's last <see cref="ConsecutiveRatings"/> consensus ratings in a row.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SustainedDepthCriterion
{
    /// <summary>Collaborating or deeper on every row of a habit on three consecutive consensus ratings.</summary>
    public static readonly SustainedDepthCriterion Default = new() { Level = DepthLevel.Collaborating, ConsecutiveRatings = 3 };

    [Id(0)] public required DepthLevel Level { get; init; }

    [Id(1)] public required int ConsecutiveRatings { get; init; }

    [Id(2)] public Habit? Habit { get; init; }
}

/// <summary>What a state admin sends to set an initiative's sustained-depth criterion; names are checked, so a typo is a 400 naming the field.</summary>
[GenerateSerializer, Immutable]
public sealed record SustainedDepthDraft
{
    /// <summary>A depth level's name, e.g. <c>Collaborating</c>.</summary>
    [Id(0)] public string? Level { get; init; }

    [Id(1)] public int? ConsecutiveRatings { get; init; }

    /// <summary>A habit's name, or <c>null</c> for any habit.</summary>
    [Id(2)] public string? Habit { get; init; }
}

/// <summary>A team on an action list, with the rows that put it there (rows moved up, rows stuck, the habit's rows).</summary>
[GenerateSerializer, Immutable]
public sealed record TeamAttention
{
    [Id(0)] public required string TeamId { get; init; }

    [Id(1)] public required string TeamName { get; init; }

    [Id(2)] public required string RegionId { get; init; }

    [Id(3)] public DateTimeOffset? LastRatedAt { get; init; }

    [Id(4)] public required IReadOnlyList<string> Rows { get; init; }
}

/// <summary>The lists that ask for action, for an initiative or one of its regions; the counts are the lists' lengths.</summary>
[GenerateSerializer, Immutable]
public sealed record AttentionLists
{
    [Id(0)] public required string InitiativeId { get; init; }

    [Id(1)] public string? RegionId { get; init; }

    /// <summary>The current calendar quarter, the one "moved up" is counted in.</summary>
    [Id(2)] public required string Quarter { get; init; }

    [Id(3)] public required int NotRatedDays { get; init; }

    [Id(4)] public required SustainedDepthCriterion Criterion { get; init; }

    /// <summary>The teams in scope.</summary>
    [Id(5)] public required int Teams { get; init; }

    [Id(6)] public required IReadOnlyList<TeamAttention> MovedUp { get; init; }

    [Id(7)] public required IReadOnlyList<TeamAttention> Stuck { get; init; }

    [Id(8)] public required IReadOnlyList<TeamAttention> NotRated { get; init; }

    [Id(9)] public required IReadOnlyList<TeamAttention> Sustained { get; init; }

    [Id(10)] public required DateTimeOffset ComputedAt { get; init; }
}
