using Orleans.Concurrency;
namespace LbcCommunity.Contracts;

/// <summary>
/// The platform's list of tenants. Its key is <see cref="Key"/>; only calls made with platform rights reach it.
/// </summary>
public interface IPlatformDirectoryGrain : IGrainWithStringKey, IPlatformGrain
{
    /// <summary>The one key of this grain.</summary>
    const string Key = "platform";

    /// <summary>Reserves a tenant id in the list (idempotent).</summary>
    Task Add(string tenantId);

    /// <summary>The ids of every tenant, in order.</summary>
    Task<IReadOnlyList<string>> List();

    /// <summary>
    /// Routes sign-ins of these e-mail domains to the tenant's identity provider, replacing what that provider claimed
    /// before. Conflict when another tenant's provider holds one of them.
    /// </summary>
    Task ClaimEmailDomains(string tenantId, string providerId, IReadOnlyList<string> domains);

    /// <summary>The tenant and identity provider an e-mail domain signs in through, or <c>null</c>.</summary>
    [AlwaysInterleave]
    Task<EmailDomainRoute?> FindEmailDomain(string domain);
}

/// <summary>Where users of an e-mail domain sign in.</summary>
[GenerateSerializer, Immutable]
public sealed record EmailDomainRoute
{
    [Id(0)] public required string TenantId { get; init; }

    [Id(1)] public required string ProviderId { get; init; }
}

/// <summary>Marks a grain that belongs to the platform rather than a tenant: only platform calls reach it.</summary>
public interface IPlatformGrain;
