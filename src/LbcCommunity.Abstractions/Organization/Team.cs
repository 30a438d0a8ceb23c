namespace LbcCommunity.Organization;

/// <summary>A district team of an initiative, such as the CAFÉ team of Manchester, GA.</summary>
[GenerateSerializer, Immutable]
public sealed record Team
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string InitiativeId { get; init; }

    [Id(2)] public required string DistrictId { get; init; }

    /// <summary>The region of the team's district, where its depth of interaction rolls up.</summary>
    [Id(3)] public required string RegionId { get; init; }

    [Id(4)] public required string Name { get; init; }

    [Id(5)] public string? Description { get; init; }

    [Id(6)] public required int MemberCount { get; init; }

    [Id(7)] public required DateTimeOffset CreatedAt { get; init; }

    [Id(8)] public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>What a state admin or facilitator sends to enrol a district team in an initiative, or to change it.</summary>
[GenerateSerializer, Immutable]
public sealed record TeamDraft
{
    /// <summary>Optional id (a slug) when creating; generated when absent.</summary>
    [Id(0)] public string? Id { get; init; }

    [Id(1)] public string? Name { get; init; }

    /// <summary>The team's district; it must exist in the same tenant. Fixed once the team is enrolled.</summary>
    [Id(2)] public string? DistrictId { get; init; }

    [Id(3)] public string? Description { get; init; }
}

/// <summary>A person on a team or in a community of practice.</summary>
[GenerateSerializer, Immutable]
public sealed record Member
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string DisplayName { get; init; }

    [Id(2)] public string? Email { get; init; }

    [Id(3)] public required StakeholderRole StakeholderRole { get; init; }

    /// <summary>True for the team's or community's facilitator(s).</summary>
    [Id(4)] public required bool IsFacilitator { get; init; }

    [Id(5)] public required DateTimeOffset JoinedAt { get; init; }

    [Id(6)] public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>What a facilitator sends to add a member or change one.</summary>
[GenerateSerializer, Immutable]
public sealed record MemberDraft
{
    [Id(0)] public string? DisplayName { get; init; }

    /// <summary>Optional; unique within the team or community when given.</summary>
    [Id(1)] public string? Email { get; init; }

    [Id(2)] public StakeholderRole? StakeholderRole { get; init; }

    [Id(3)] public bool IsFacilitator { get; init; }
}

/// <summary>A community of practice: people across districts who share practice and success stories.</summary>
[GenerateSerializer, Immutable]
public sealed record CommunityOfPractice
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string Name { get; init; }

    [Id(2)] public string? Description { get; init; }

    /// <summary>What the community works on, e.g. "Transition to adult life".</summary>
    [Id(3)] public string? Focus { get; init; }

    [Id(4)] public required int MemberCount { get; init; }

    [Id(5)] public required DateTimeOffset CreatedAt { get; init; }

    [Id(6)] public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>What a state admin sends to start or change a community of practice.</summary>
[GenerateSerializer, Immutable]
public sealed record CommunityDraft
{
    /// <summary>Optional id (a slug) when creating; generated when absent.</summary>
    [Id(0)] public string? Id { get; init; }

    [Id(1)] public string? Name { get; init; }

    [Id(2)] public string? Description { get; init; }

    [Id(3)] public string? Focus { get; init; }
}
