using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Host.RollUps;

/// <summary>
/// The roll-up grains of what exists: the HTTP endpoints and the monitoring hub both ask for a roll-up by initiative (and
/// region), and a roll-up of an initiative or region that was never created is "not found", not an empty view.
/// </summary>
internal static class RollUpGrains
{
    /// <summary>The initiative's roll-up grain, once the initiative is known to exist.</summary>
    public static async Task<IInitiativeRollUpGrain> InitiativeRollUp(this IGrainFactory grains, string tenantId, string initiativeId)
    {
        await RequireInitiative(grains, tenantId, initiativeId);
        return grains.GetGrain<IInitiativeRollUpGrain>(GrainKeys.Of(tenantId, initiativeId));
    }

    /// <summary>The region's roll-up grain, once the initiative and the region are known to exist.</summary>
    public static async Task<IRegionRollUpGrain> RegionRollUp(this IGrainFactory grains, string tenantId, string initiativeId, string regionId)
    {
        await RequireInitiative(grains, tenantId, initiativeId);
        await grains.GetGrain<ITenantGrain>(tenantId).GetRegion(regionId);
        return grains.GetGrain<IRegionRollUpGrain>(GrainKeys.Of(tenantId, initiativeId, regionId));
    }

    private static async Task RequireInitiative(IGrainFactory grains, string tenantId, string initiativeId)
    {
        if (await grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(tenantId, initiativeId)).TryGet() is null)
        {
            throw new EntityNotFoundException("Initiative", initiativeId);
        }
    }
}
