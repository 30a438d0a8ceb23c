namespace LbcCommunity.Organization;

/// <summary>An SPDG-funded programme of a state, such as Georgia's GraduateFIRST, with its district teams.</summary>
[GenerateSerializer, Immutable]
public sealed record Initiative
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string Name { get; init; }

    [Id(2)] public string? Description { get; init; }

    /// <summary>Who funds it, e.g. "State Personnel Development Grant (SPDG)".</summary>
    [Id(3)] public string? FundingSource { get; init; }

    /// <summary>The rubric version the initiative's teams rate against.</summary>
    [Id(4)] public required int RubricVersion { get; init; }

    [Id(5)] public required DateTimeOffset CreatedAt { get; init; }

    [Id(6)] public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>What a state admin sends to start or change an initiative.</summary>
[GenerateSerializer, Immutable]
public sealed record InitiativeDraft
{
    /// <summary>Optional id (a slug) when creating; generated when absent.</summary>
    [Id(0)] public string? Id { get; init; }

    [Id(1)] public string? Name { get; init; }

    [Id(2)] public string? Description { get; init; }

    [Id(3)] public string? FundingSource { get; init; }

    /// <summary>The rubric version teams rate against; the tenant's newest version when absent.</summary>
    [Id(4)] public int? RubricVersion { get; init; }
}

/// <summary>One line of a tenant's list of initiatives or communities.</summary>
[GenerateSerializer, Immutable]
public sealed record DirectoryEntry
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string Name { get; init; }
}
