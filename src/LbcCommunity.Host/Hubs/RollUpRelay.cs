using LbcCommunity.Contracts;
using LbcCommunity.RollUps;
using LbcCommunity.Tenancy;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Hubs;

/// <summary>This silo's observer of the roll-ups its MonitoringHub connections watch.</summary>
internal sealed class RollUpRelay(IGrainFactory grains, IHubContext<MonitoringHub> hub, IClusterMembershipService membership, ILogger<RollUpRelay> logger, TimeProvider time)
    : ObserverRelay(membership, logger, time), IRollUpObserver
{
    private IRollUpObserver? _reference;

    public static string GroupOf(string rollUpKey) => "rollup:" + rollUpKey;

    public static string KeyOf(RollUpView view) => view.RegionId is null
        ? GrainKeys.Of(view.TenantId, view.InitiativeId)
        : GrainKeys.Of(view.TenantId, view.InitiativeId, view.RegionId);

    public void RollUpChanged(RollUpView view) =>
        // One send per group: SignalR buffers per connection, so a slow watcher does not hold up the others.
        _ = hub.Clients.Group(GroupOf(KeyOf(view))).SendAsync(MonitoringHub.RollUpUpdated, view);

    protected override Task Register(string key)
    {
        TenantScope.Enter(GrainKeys.TenantOf(key));
        return RollUp(key).Watch(Reference);
    }

    protected override Task Unregister(string key)
    {
        TenantScope.Enter(GrainKeys.TenantOf(key));
        return RollUp(key).Unwatch(Reference);
    }

    private IRollUpObserver Reference => _reference ??= grains.CreateObjectReference<IRollUpObserver>(this);

    private IWatchableRollUp RollUp(string key) =>
        key.Count(c => c == GrainKeys.Separator) == 2
            ? grains.GetGrain<IRegionRollUpGrain>(key)
            : grains.GetGrain<IInitiativeRollUpGrain>(key);
}
