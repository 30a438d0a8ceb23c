namespace LbcCommunity.Organization;

/// <summary>What a platform operator sends to set up or change a tenant (a state agency).</summary>
[GenerateSerializer, Immutable]
public sealed record TenantDraft
{
    /// <summary>The tenant id, a slug such as <c>ga</c>; required when creating, must match the route when updating.</summary>
    [Id(0)] public string? Id { get; init; }

    /// <summary>The agency's name, e.g. "Georgia Department of Education".</summary>
    [Id(1)] public string? Name { get; init; }

    /// <summary>The two-letter postal code of the state, e.g. <c>GA</c>.</summary>
    [Id(2)] public string? StateCode { get; init; }

    /// <summary>
    /// The attainment (percent, 10–100 in steps of 10) a rubric cell needs for its depth level to count as reached.
    /// Defaults to 50.
    /// </summary>
    [Id(3)] public int? LevelThresholdPercent { get; init; }

    /// <summary>The first month (1–12) of the state's fiscal year; July (7) when absent on creation, unchanged when absent on update.</summary>
    [Id(4)] public int? FiscalYearStartMonth { get; init; }
}

/// <summary>A tenant: a state agency that runs initiatives and communities of practice.</summary>
[GenerateSerializer, Immutable]
public sealed record Tenant
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string Name { get; init; }

    [Id(2)] public required string StateCode { get; init; }

    /// <summary>The attainment a cell needs for its depth level to count as reached (percent).</summary>
    [Id(3)] public required int LevelThresholdPercent { get; init; }

    [Id(4)] public required DateTimeOffset CreatedAt { get; init; }

    [Id(5)] public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// The first month (1–12) of the state's fiscal year, named by the year it ends in (July 2026–June 2027 is FY2027);
    /// the roll-ups' quarters carry its labels. July unless set (a tenant stored before it existed reads July).
    /// </summary>
    [Id(6)] public int FiscalYearStartMonth { get; init; } = 7;
}

/// <summary>A region of a state (e.g. a regional educational service agency); district teams roll up to it.</summary>
[GenerateSerializer, Immutable]
public sealed record Region
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string Name { get; init; }

    [Id(2)] public string? Description { get; init; }

    [Id(3)] public required DateTimeOffset CreatedAt { get; init; }

    [Id(4)] public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>What a state admin sends to add or change a region.</summary>
[GenerateSerializer, Immutable]
public sealed record RegionDraft
{
    /// <summary>Optional id (a slug) when creating; generated when absent.</summary>
    [Id(0)] public string? Id { get; init; }

    [Id(1)] public string? Name { get; init; }

    [Id(2)] public string? Description { get; init; }
}

/// <summary>A school district of the state; it lies in one region.</summary>
[GenerateSerializer, Immutable]
public sealed record District
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string Name { get; init; }

    [Id(2)] public required string RegionId { get; init; }

    [Id(3)] public required DateTimeOffset CreatedAt { get; init; }

    [Id(4)] public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>What a state admin sends to add or change a district.</summary>
[GenerateSerializer, Immutable]
public sealed record DistrictDraft
{
    /// <summary>Optional id (a slug) when creating; generated when absent.</summary>
    [Id(0)] public string? Id { get; init; }

    [Id(1)] public string? Name { get; init; }

    /// <summary>The region the district lies in; it must exist in the same tenant.</summary>
    [Id(2)] public string? RegionId { get; init; }
}
