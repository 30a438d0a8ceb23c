using LbcCommunity.Contracts;
using LbcCommunity.Host.RollUps;
using LbcCommunity.RollUps;
using LbcCommunity.Tenancy;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// Live roll-ups for state SPDG staff and regional coordinators. A client watches an initiative (the state view) or
/// one of its regions; it gets the current view back at once, then <c>RollUpUpdated</c> events with the whole view,
/// at most ten a second per roll-up, each with a <c>version</c> (the consensus ratings it includes) that only grows.
/// State staff and the tenant's integrations watch initiatives; a regional coordinator watches their own region.
/// The hub filters check the ids and the tenant, hold each connection to <see cref="CallsPerSecond"/> and answer
/// refusals with coded hub errors (<see cref="HubPipeline"/>).
/// </summary>
[RateLimited(CallsPerSecond)]
internal sealed class MonitoringHub(IGrainFactory grains, RollUpRelay relay) : Hub
{
    /// <summary>The event carrying a changed <see cref="RollUpView"/>.</summary>
    public const string RollUpUpdated = "RollUpUpdated";

    /// <summary>Calls a connection may make per second, sustained (a page watches a handful of roll-ups).</summary>
    public const int CallsPerSecond = 10;

    /// <summary>Starts watching the state view of an initiative; returns the view as it is now.</summary>
    public async Task<RollUpView> WatchInitiative(string tenantId, string initiativeId)
    {
        if (!Context.Caller().CanReadInitiativeRollUp)
        {
            throw HubAccess.Forbidden();
        }

        await RequireTenant(tenantId);
        var rollUp = await grains.InitiativeRollUp(tenantId, initiativeId);
        await Watch(GrainKeys.Of(tenantId, initiativeId));
        return await rollUp.GetView();
    }

    /// <summary>Starts watching one region of an initiative; returns the view as it is now.</summary>
    public async Task<RollUpView> WatchRegion(string tenantId, string initiativeId, string regionId)
    {
        if (!Context.Caller().CanReadRegionRollUp(regionId))
        {
            throw HubAccess.Forbidden();
        }

        await RequireTenant(tenantId);
        var rollUp = await grains.RegionRollUp(tenantId, initiativeId, regionId);
        await Watch(GrainKeys.Of(tenantId, initiativeId, regionId));
        return await rollUp.GetView();
    }

    /// <summary>Stops watching an initiative (no region) or a region.</summary>
    public async Task StopWatching(string tenantId, string initiativeId, string? regionId)
    {
        var key = regionId is null ? GrainKeys.Of(tenantId, initiativeId) : GrainKeys.Of(tenantId, initiativeId, regionId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, RollUpRelay.GroupOf(key));
        await relay.Unwatch(Context.ConnectionId, key);
    }

    public override Task OnDisconnectedAsync(Exception? exception) => relay.Disconnected(Context.ConnectionId);

    private async Task Watch(string key)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, RollUpRelay.GroupOf(key));
        await relay.Watch(Context.ConnectionId, key);
    }

    private async Task RequireTenant(string tenantId)
    {
        if (await grains.GetGrain<ITenantGrain>(tenantId).TryGet() is null)
        {
            throw HubAccess.NotFound(tenantId);
        }
    }
}
