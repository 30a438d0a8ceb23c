using LbcCommunity.Access;

namespace LbcCommunity.Grains.Access;

/// <summary>
/// What <see cref="TenantAccessGrain"/> stores: the tenant's people and its identity providers, with a version that
/// moves with every change of provider set-up (each silo reloads its registrations when it moves).
/// </summary>
[GenerateSerializer]
internal sealed class TenantAccessState
{
    /// <summary>People by normalized e-mail.</summary>
    [Id(0)] public Dictionary<string, Person> People { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<string, IdentityProviderSecret> IdentityProviders { get; set; } = new(StringComparer.Ordinal);

    [Id(2)] public long IdentityProvidersVersion { get; set; }
}
