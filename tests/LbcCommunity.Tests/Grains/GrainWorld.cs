using LbcCommunity.Contracts;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Tests.Grains;

/// <summary>Sets up tenants for grain tests; each test gets tenants of its own.</summary>
internal static class GrainWorld
{
    public static async Task<string> NewTenant(IGrainFactory grains)
    {
        var id = "t" + Guid.NewGuid().ToString("N")[..10];
        TenantScope.EnterPlatform();
        await grains.GetGrain<IPlatformDirectoryGrain>(IPlatformDirectoryGrain.Key).Add(id);
        await grains.GetGrain<ITenantGrain>(id).Create(new TenantDraft { Id = id, Name = $"State {id}", StateCode = "GA" });
        return id;
    }

    /// <summary>
    /// A tenant with region "west", district "meriwether" and initiative "graduatefirst". The caller enters the tenant
    /// itself afterwards: a RequestContext value set inside an awaited method does not flow back out of it.
    /// </summary>
    public static async Task<string> NewStateWithInitiative(IGrainFactory grains)
    {
        var id = await NewTenant(grains);
        TenantScope.Enter(id);
        var tenant = grains.GetGrain<ITenantGrain>(id);
        await tenant.AddRegion(new RegionDraft { Id = "west", Name = "West Georgia RESA" });
        await tenant.AddDistrict(new DistrictDraft { Id = "meriwether", Name = "Meriwether County", RegionId = "west" });
        await tenant.StartInitiative(new InitiativeDraft { Id = "graduatefirst", Name = "GraduateFIRST" });
        return id;
    }
}
