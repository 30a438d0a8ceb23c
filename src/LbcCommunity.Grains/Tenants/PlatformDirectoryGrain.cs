using LbcCommunity.Contracts;
using LbcCommunity.Errors;

namespace LbcCommunity.Grains.Tenants;

[GenerateSerializer]
internal sealed class PlatformDirectoryState
{
    [Id(0)] public List<string> TenantIds { get; set; } = [];

    [Id(1)] public Dictionary<string, EmailDomainRoute> EmailDomains { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The platform's list of tenant ids, and which tenant's identity provider each e-mail domain signs in through.</summary>
internal sealed class PlatformDirectoryGrain(
    [PersistentState("platform", StorageNames.Grains)] IPersistentState<PlatformDirectoryState> state)
    : PersistentGrain<PlatformDirectoryState>(state), IPlatformDirectoryGrain
{
    public async Task Add(string tenantId)
    {
        if (!State.TenantIds.Contains(tenantId))
        {
            State.TenantIds.Add(tenantId);
            await Save();
        }
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>([.. State.TenantIds]);

    public async Task ClaimEmailDomains(string tenantId, string providerId, IReadOnlyList<string> domains)
    {
        var taken = domains.Select((d, i) => (d, i)).FirstOrDefault(x =>
            State.EmailDomains.TryGetValue(x.d, out var route) && route.TenantId != tenantId);
        if (taken.d is not null)
        {
            // Say no more than that it is taken: which tenant holds it is another tenant's business.
            throw new EntityConflictException($"emailDomains[{taken.i}]", $"The e-mail domain '{taken.d}' already signs in elsewhere.");
        }

        var route = new EmailDomainRoute { TenantId = tenantId, ProviderId = providerId };
        foreach (var stale in State.EmailDomains.Where(e => e.Value == route && !domains.Contains(e.Key)).Select(e => e.Key).ToList())
        {
            State.EmailDomains.Remove(stale);
        }

        foreach (var domain in domains)
        {
            State.EmailDomains[domain] = route;
        }

        await Save();
    }

    public Task<EmailDomainRoute?> FindEmailDomain(string domain) => Task.FromResult(State.EmailDomains.GetValueOrDefault(domain));
}
