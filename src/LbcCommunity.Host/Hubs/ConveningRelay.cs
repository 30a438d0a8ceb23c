using System.Collections.Concurrent;
using LbcCommunity.Convenings;
using LbcCommunity.Contracts;
using LbcCommunity.Tenancy;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// This silo's observer of the convenings its ConveningHub connections take part in. A convening's event leaves the
/// grain once per silo; here it goes to two SignalR groups: facilitators get it whole, participants as they may see it
/// (hidden results stay hidden, anonymous rounds name no one).
/// Sends are batched at the leading edge: an event after a quiet spell goes out at once; events that follow within
/// <see cref="BatchWindow"/> go out together when the window closes. A facilitator's pace (a few events a second) never
/// waits; a burst of a thousand votes to a thousand people is a few dozen messages per person, not a thousand.
/// </summary>
internal sealed class ConveningRelay(IGrainFactory grains, IHubContext<ConveningHub> hub, IClusterMembershipService membership, ILogger<ConveningRelay> logger, TimeProvider time)
    : ObserverRelay(membership, logger, time), IConveningObserver
{
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(25);

    private readonly Dictionary<string, Outbox> _outboxes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Key, string JoinCodeId)> _guests = new(StringComparer.Ordinal);
    private IConveningObserver? _reference;

    public static string GroupOf(string conveningKey, bool facilitator) => $"convening:{conveningKey}:{(facilitator ? "facilitators" : "participants")}";

    public void EventRaised(string conveningKey, ConveningEvent conveningEvent)
    {
        if (conveningEvent is { Type: ConveningEventTypes.JoinCodeRevoked, JoinCodeId: { } revoked })
        {
            Disinvite(conveningKey, revoked, conveningEvent);
        }

        lock (_outboxes)
        {
            if (!_outboxes.TryGetValue(conveningKey, out var outbox))
            {
                outbox = new Outbox();
                _outboxes[conveningKey] = outbox;
            }

            var now = Time.GetTimestamp();
            if (outbox.Pending.Count == 0 && Time.GetElapsedTime(outbox.LastSent, now) >= BatchWindow)
            {
                outbox.LastSent = now;
                Send(conveningKey, [conveningEvent]);
                return;
            }

            outbox.Pending.Add(conveningEvent);
            if (outbox.Pending.Count == 1)
            {
                _ = FlushLater(conveningKey, outbox);
            }
        }
    }

    /// <summary>Notes that a connection is a guest who came in with <paramref name="joinCodeId"/>.</summary>
    public void BindGuest(string connectionId, string conveningKey, string joinCodeId) =>
        _guests[connectionId] = (conveningKey, joinCodeId);

    public override Task Disconnected(string connectionId)
    {
        _guests.TryRemove(connectionId, out _);
        return base.Disconnected(connectionId);
    }

    /// <summary>
    /// The code's guests connected here leave the convening's groups at once, before any later event is sent; they get
    /// the revocation itself, so their app can say why the room went quiet.
    /// </summary>
    private void Disinvite(string conveningKey, string joinCodeId, ConveningEvent revocation)
    {
        foreach (var (connectionId, _) in _guests.Where(g => g.Value == (conveningKey, joinCodeId)).ToList())
        {
            _guests.TryRemove(connectionId, out _);
            _ = hub.Groups.RemoveFromGroupAsync(connectionId, GroupOf(conveningKey, facilitator: false));
            _ = hub.Clients.Client(connectionId).SendAsync(ConveningHub.EventsName, new[] { revocation });
            _ = Unwatch(connectionId, conveningKey);
        }
    }

    protected override Task Register(string key)
    {
        TenantScope.Enter(GrainKeys.TenantOf(key));
        return grains.GetGrain<IConveningGrain>(key).Watch(Reference);
    }

    /// <summary>
    /// Registers again with the convening, which may have moved with a dead silo, and tells it which silos died: the
    /// connections its participants had there are gone (the grain may be on this silo and never have noticed).
    /// </summary>
    protected override async Task RegisterAfterDeath(string key, IReadOnlyList<SiloAddress> dead)
    {
        await Register(key);
        TenantScope.Enter(GrainKeys.TenantOf(key));
        await grains.GetGrain<IConveningGrain>(key).SilosDied(dead);
    }

    protected override Task Unregister(string key)
    {
        lock (_outboxes)
        {
            _outboxes.Remove(key);
        }

        TenantScope.Enter(GrainKeys.TenantOf(key));
        return grains.GetGrain<IConveningGrain>(key).Unwatch(Reference);
    }

    private async Task FlushLater(string conveningKey, Outbox outbox)
    {
        await Task.Delay(BatchWindow, Time);
        ConveningEvent[] batch;
        lock (_outboxes)
        {
            batch = [.. outbox.Pending.OrderBy(e => e.Sequence)];
            outbox.Pending.Clear();
            outbox.LastSent = Time.GetTimestamp();
        }

        Send(conveningKey, batch);
    }

    /// <summary>One message per group; SignalR queues it per connection, so a slow reader holds up no one else.</summary>
    private void Send(string conveningKey, ConveningEvent[] events)
    {
        _ = hub.Clients.Group(GroupOf(conveningKey, facilitator: true)).SendAsync(ConveningHub.EventsName, events);
        _ = hub.Clients.Group(GroupOf(conveningKey, facilitator: false)).SendAsync(ConveningHub.EventsName, events.Select(e => ConveningRules.ForViewer(e, facilitator: false)).ToArray());
    }

    private IConveningObserver Reference => _reference ??= grains.CreateObjectReference<IConveningObserver>(this);

    private sealed class Outbox
    {
        public List<ConveningEvent> Pending { get; } = [];

        public long LastSent { get; set; }
    }
}
