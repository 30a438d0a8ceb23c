using Orleans.Concurrency;

namespace LbcCommunity.Contracts;

/// <summary>
/// Finds the convening a join code opens, before anyone knows the tenant. Keyed by a hash of the code (the code itself
/// is stored nowhere); a platform grain, reached only with platform rights.
/// </summary>
public interface IJoinCodeGrain : IGrainWithStringKey, IPlatformGrain
{
    Task Register(JoinCodeTarget target);

    /// <summary>The convening, or <c>null</c> for an unknown, expired or revoked code.</summary>
    [AlwaysInterleave]
    Task<JoinCodeTarget?> Resolve();

    Task Revoke();
}

[GenerateSerializer, Immutable]
public sealed record JoinCodeTarget
{
    [Id(0)] public required string TenantId { get; init; }

    [Id(1)] public required string ConveningId { get; init; }

    [Id(2)] public required string JoinCodeId { get; init; }

    [Id(3)] public required DateTimeOffset ExpiresAt { get; init; }

    [Id(4)] public bool Revoked { get; init; }
}
