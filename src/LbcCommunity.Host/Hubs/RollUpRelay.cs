using System.Collections.Concurrent;
using LbcCommunity.Grains;
using LbcCommunity.RollUps;
using LbcCommunity.Tenancy;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// This silo's one observer of the roll-ups its connections watch: a roll-up notifies it once, and it sends to the
/// SignalR group of that roll-up, whatever the number of watchers here. It refreshes its registrations before they
/// expire and drops a roll-up when the last connection here stops watching it.
/// </summary>
internal sealed partial class RollUpRelay(IGrainFactory grains, IHubContext<MonitoringHub> hub, ILogger<RollUpRelay> logger, TimeProvider time)
    : IRollUpObserver, IHostedService, IDisposable
{
    /// <summary>Well within the roll-ups' one-minute observer expiry.</summary>
    private static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(20);

    private readonly ConcurrentDictionary<string, int> _watchers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _byConnection = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private IRollUpObserver? _reference;
    private Task? _refreshing;

    public static string GroupOf(string rollUpKey) => "rollup:" + rollUpKey;

    public static string KeyOf(RollUpView view) => view.RegionId is null
        ? GrainKeys.Of(view.TenantId, view.InitiativeId)
        : GrainKeys.Of(view.TenantId, view.InitiativeId, view.RegionId);

    public void RollUpChanged(RollUpView view) =>
        // One send per group: SignalR buffers per connection, so a slow watcher does not hold up the others.
        _ = hub.Clients.Group(GroupOf(KeyOf(view))).SendAsync(MonitoringHub.RollUpUpdated, view);

    /// <summary>Adds a connection to a roll-up's group, registering this silo with the roll-up on its first watcher.</summary>
    public async Task Watch(string connectionId, string rollUpKey)
    {
        await hub.Groups.AddToGroupAsync(connectionId, GroupOf(rollUpKey));
        var keys = _byConnection.GetOrAdd(connectionId, _ => []);
        bool first;
        lock (keys)
        {
            if (!keys.Add(rollUpKey))
            {
                return;
            }
        }

        await _gate.WaitAsync();
        try
        {
            first = _watchers.AddOrUpdate(rollUpKey, 1, (_, count) => count + 1) == 1;
        }
        finally
        {
            _gate.Release();
        }

        if (first)
        {
            await RegisterWith(rollUpKey);
        }
    }

    public async Task Unwatch(string connectionId, string rollUpKey)
    {
        await hub.Groups.RemoveFromGroupAsync(connectionId, GroupOf(rollUpKey));
        if (_byConnection.TryGetValue(connectionId, out var keys))
        {
            lock (keys)
            {
                if (!keys.Remove(rollUpKey))
                {
                    return;
                }
            }

            await Release(rollUpKey);
        }
    }

    /// <summary>A connection closed: it watches nothing any more (SignalR removes it from its groups itself).</summary>
    public async Task Disconnected(string connectionId)
    {
        if (_byConnection.TryRemove(connectionId, out var keys))
        {
            string[] watched;
            lock (keys)
            {
                watched = [.. keys];
            }

            foreach (var key in watched)
            {
                await Release(key);
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _refreshing = RefreshRegistrations(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_refreshing is not null)
        {
            await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _gate.Dispose();
    }

    private async Task Release(string rollUpKey)
    {
        await _gate.WaitAsync();
        bool last;
        try
        {
            last = _watchers.AddOrUpdate(rollUpKey, 0, (_, count) => count - 1) <= 0;
            if (last)
            {
                _watchers.TryRemove(rollUpKey, out _);
            }
        }
        finally
        {
            _gate.Release();
        }

        if (last)
        {
            TenantScope.Enter(GrainKeys.TenantOf(rollUpKey));
            await RollUp(rollUpKey).Unwatch(Reference);
        }
    }

    private Task RegisterWith(string rollUpKey)
    {
        TenantScope.Enter(GrainKeys.TenantOf(rollUpKey));
        return RollUp(rollUpKey).Watch(Reference);
    }

    private async Task RefreshRegistrations(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RefreshPeriod, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var key in _watchers.Keys)
                {
                    try
                    {
                        await RegisterWith(key);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        LogRefreshFailed(logger, exception, key);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private IRollUpObserver Reference => _reference ??= grains.CreateObjectReference<IRollUpObserver>(this);

    private IWatchableRollUp RollUp(string rollUpKey) =>
        rollUpKey.Count(c => c == GrainKeys.Separator) == 2
            ? grains.GetGrain<IRegionRollUpGrain>(rollUpKey)
            : grains.GetGrain<IInitiativeRollUpGrain>(rollUpKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing this silo's registration with roll-up {RollUpKey} failed; trying again at the next refresh.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string rollUpKey);
}
