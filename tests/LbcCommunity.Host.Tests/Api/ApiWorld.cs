using LbcCommunity.Client;
using LbcCommunity.Organization;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>Sets up tenants through the API; each test gets tenants of its own.</summary>
internal static class ApiWorld
{
    public static async Task<string> NewTenant(LbcCommunityClient api)
    {
        var id = "t" + Guid.NewGuid().ToString("N")[..10];
        await api.CreateTenantAsync(new TenantDraft { Id = id, Name = $"State agency {id}", StateCode = "GA" });
        return id;
    }

    /// <summary>A tenant with region "west", district "meriwether", initiative "graduatefirst" and team "cafe".</summary>
    public static async Task<string> NewStateWithTeam(LbcCommunityClient api)
    {
        var id = await NewTenant(api);
        await api.CreateRegionAsync(id, new RegionDraft { Id = "west", Name = "West Georgia RESA" });
        await api.CreateDistrictAsync(id, new DistrictDraft { Id = "meriwether", Name = "Meriwether County", RegionId = "west" });
        await api.CreateInitiativeAsync(id, new InitiativeDraft { Id = "graduatefirst", Name = "GraduateFIRST" });
        await api.CreateTeamAsync(id, "graduatefirst", new TeamDraft { Id = "cafe", Name = "CAFÉ", DistrictId = "meriwether" });
        return id;
    }
}
