using LbcCommunity.Convenings;
using LbcCommunity.Grains;
using LbcCommunity.Tenancy;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// This silo's observer of the convenings its ConveningHub connections take part in. A convening's event leaves the
/// grain once per silo; here it goes to two SignalR groups: facilitators get it whole, participants as they may see it
/// (hidden results stay hidden, anonymous rounds name no one).
/// </summary>
internal sealed class ConveningRelay(IGrainFactory grains, IHubContext<ConveningHub> hub, ILogger<ConveningRelay> logger, TimeProvider time)
    : ObserverRelay(logger, time), IConveningObserver
{
    private IConveningObserver? _reference;

    public static string GroupOf(string conveningKey, bool facilitator) => $"convening:{conveningKey}:{(facilitator ? "facilitators" : "participants")}";

    public void EventRaised(string conveningKey, ConveningEvent conveningEvent)
    {
        // Events of one convening reach this observer in sequence order and are queued per connection in that order.
        _ = hub.Clients.Group(GroupOf(conveningKey, facilitator: true)).SendAsync(ConveningHub.EventName, conveningEvent);
        _ = hub.Clients.Group(GroupOf(conveningKey, facilitator: false)).SendAsync(ConveningHub.EventName, ConveningRules.ForViewer(conveningEvent, facilitator: false));
    }

    protected override Task Register(string key)
    {
        TenantScope.Enter(GrainKeys.TenantOf(key));
        return grains.GetGrain<IConveningGrain>(key).Watch(Reference);
    }

    protected override Task Unregister(string key)
    {
        TenantScope.Enter(GrainKeys.TenantOf(key));
        return grains.GetGrain<IConveningGrain>(key).Unwatch(Reference);
    }

    private IConveningObserver Reference => _reference ??= grains.CreateObjectReference<IConveningObserver>(this);
}
