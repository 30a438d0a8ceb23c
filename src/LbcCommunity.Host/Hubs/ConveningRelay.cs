using System.Collections.Concurrent;
using LbcCommunity.Convenings;
using LbcCommunity.Contracts;
using LbcCommunity.Tenancy;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// This silo's observer of the convenings its ConveningHub connections take part in. A convening's event leaves the
/// grain once per silo; here it goes to two SignalR groups: facilitators get it whole, participants as they may see it
/// (hidden results stay hidden, anonymous rounds name no one, and a run of presence events is one summary,
/// <see cref="ConveningRoster.ForParticipants"/>).
/// Sends are batched at the leading edge: an event after a quiet spell goes out at once; events that follow within
/// <see cref="BatchWindow"/> go out together when the window closes. A facilitator's pace (a few events a second) never
/// waits; a burst of a thousand votes to a thousand people is a few dozen messages per person, not a thousand.
/// Presence waits longer (<see cref="PresenceWindow"/>): a storm of 5,000 joins is three or four messages a second per
/// connection, each a summary for participants, instead of one message per join to everyone (O(n²) in all). Any other
/// event closes the window early, so it is never held behind presence, and a batch is always sent in sequence order.
/// </summary>
internal sealed class ConveningRelay(IGrainFactory grains, IHubContext<ConveningHub> hub, IClusterMembershipService membership, ILogger<ConveningRelay> logger, TimeProvider time)
    : ObserverRelay(membership, logger, time), IConveningObserver
{
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(25);

    /// <summary>How long presence events wait for more of their kind before they go out.</summary>
    public static readonly TimeSpan PresenceWindow = TimeSpan.FromMilliseconds(300);

    private readonly Dictionary<string, Outbox> _outboxes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Key, string JoinCodeId)> _guests = new(StringComparer.Ordinal);
    private IConveningObserver? _reference;

    public static string GroupOf(string conveningKey, bool facilitator) => $"convening:{conveningKey}:{(facilitator ? "facilitators" : "participants")}";

    public void EventRaised(string conveningKey, ConveningEvent conveningEvent)
    {
        if (conveningEvent is { Type: ConveningEventTypes.JoinCodeRevoked, JoinCodeId: { } revoked })
        {
            lock (_outboxes)
            {
                // What came before the revocation reaches the code's guests before they leave the groups.
                if (_outboxes.TryGetValue(conveningKey, out var waiting))
                {
                    Flush(conveningKey, waiting);
                }
            }

            Disinvite(conveningKey, revoked, conveningEvent);
        }

        lock (_outboxes)
        {
            if (!_outboxes.TryGetValue(conveningKey, out var outbox))
            {
                outbox = new Outbox();
                _outboxes[conveningKey] = outbox;
            }

            var presence = ConveningRoster.IsPresence(conveningEvent);
            var now = Time.GetTimestamp();
            if (!presence && outbox.Pending.Count == 0 && Time.GetElapsedTime(outbox.LastSent, now) >= BatchWindow)
            {
                outbox.LastSent = now;
                Send(conveningKey, [conveningEvent]);
                return;
            }

            outbox.Pending.Add(conveningEvent);
            if (outbox.Pending.Count == 1)
            {
                FlushIn(conveningKey, outbox, presence ? PresenceWindow : BatchWindow, now);
            }
            else if (!presence && outbox.DueAt - now > BatchWindow.TotalSeconds * Time.TimestampFrequency)
            {
                // Held behind presence: the window closes sooner, for this event and the presence before it.
                FlushIn(conveningKey, outbox, BatchWindow, now);
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

    /// <summary>Sends the outbox's events after <paramref name="delay"/>, unless it is rescheduled or flushed first (lock held).</summary>
    private void FlushIn(string conveningKey, Outbox outbox, TimeSpan delay, long now)
    {
        var generation = ++outbox.Generation;
        outbox.DueAt = now + (long)(delay.TotalSeconds * Time.TimestampFrequency);
        _ = FlushLater(conveningKey, outbox, generation, delay);
    }

    private async Task FlushLater(string conveningKey, Outbox outbox, long generation, TimeSpan delay)
    {
        await Task.Delay(delay, Time);
        lock (_outboxes)
        {
            if (outbox.Generation == generation)
            {
                Flush(conveningKey, outbox);
            }
        }
    }

    /// <summary>Sends what the outbox holds now, in sequence order (lock held); a flush still scheduled finds it empty.</summary>
    private void Flush(string conveningKey, Outbox outbox)
    {
        outbox.Generation++;
        if (outbox.Pending.Count == 0)
        {
            return;
        }

        ConveningEvent[] batch = [.. outbox.Pending.OrderBy(e => e.Sequence)];
        outbox.Pending.Clear();
        outbox.LastSent = Time.GetTimestamp();
        Send(conveningKey, batch);
    }

    /// <summary>One message per group; SignalR queues it per connection, so a slow reader holds up no one else.</summary>
    private void Send(string conveningKey, ConveningEvent[] events)
    {
        _ = hub.Clients.Group(GroupOf(conveningKey, facilitator: true)).SendAsync(ConveningHub.EventsName, events);
        _ = hub.Clients.Group(GroupOf(conveningKey, facilitator: false)).SendAsync(ConveningHub.EventsName, ConveningRoster.ForParticipants(events));
    }

    private IConveningObserver Reference => _reference ??= grains.CreateObjectReference<IConveningObserver>(this);

    private sealed class Outbox
    {
        public List<ConveningEvent> Pending { get; } = [];

        public long LastSent { get; set; }

        /// <summary>Moves on at every schedule and flush: a scheduled flush that finds another number was superseded.</summary>
        public long Generation { get; set; }

        /// <summary>When the scheduled flush is due (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
        public long DueAt { get; set; }
    }
}
