using System.Collections.Concurrent;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// This silo's one registration with each grain its connections watch (a roll-up, a convening): registered with the
/// first watcher here, refreshed before the grain's observer list forgets it, dropped with the last. The grain then
/// notifies once per silo, and the relay sends to SignalR groups, whatever the number of watchers here.
/// A grain's observer list lives in its activation only: when a silo is declared dead, the grains it held come back on
/// another silo with no observers. So every relay registers again with everything it watches as soon as cluster
/// membership says a silo died (not at the next refresh, up to 20 s later), trying again until the new activation answers.
/// </summary>
internal abstract partial class ObserverRelay(IClusterMembershipService membership, ILogger logger, TimeProvider time) : IHostedService, IDisposable
{
    /// <summary>Well within the grains' one-minute observer expiry.</summary>
    private static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How soon a registration after a silo's death is tried again while the grain is still placed on the dead silo
    /// (the directory forgets it a moment after membership says so): this bounds how late live events resume.
    /// </summary>
    private static readonly TimeSpan RegisterAgainDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>After this long the periodic refresh takes over (the store may be down too).</summary>
    private static readonly TimeSpan RegisterAgainFor = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, int> _watchers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _byConnection = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _refreshing;
    private Task? _followingMembership;

    protected TimeProvider Time => time;

    /// <summary>Counts a connection as a watcher of a grain, registering this silo with the grain on the first.</summary>
    public async Task Watch(string connectionId, string key)
    {
        var keys = _byConnection.GetOrAdd(connectionId, _ => []);
        lock (keys)
        {
            if (!keys.Add(key))
            {
                return;
            }
        }

        await _gate.WaitAsync();
        try
        {
            _watchers[key] = _watchers.GetValueOrDefault(key) + 1;
            if (_watchers[key] == 1)
            {
                await Register(key);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task Unwatch(string connectionId, string key)
    {
        if (_byConnection.TryGetValue(connectionId, out var keys))
        {
            lock (keys)
            {
                if (!keys.Remove(key))
                {
                    return;
                }
            }

            await Release(key);
        }
    }

    /// <summary>A connection closed: it watches nothing any more (SignalR drops it from its groups itself).</summary>
    public virtual async Task Disconnected(string connectionId)
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
        _followingMembership = FollowMembership(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_refreshing is not null)
        {
            await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_followingMembership is not null)
        {
            await _followingMembership.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _gate.Dispose();
    }

    /// <summary>Registers (or refreshes) this silo's observer with the grain named by <paramref name="key"/>.</summary>
    protected abstract Task Register(string key);

    protected abstract Task Unregister(string key);

    /// <summary>Registers again after <paramref name="dead"/> were declared dead (the grain may have moved); by default as <see cref="Register"/>.</summary>
    protected virtual Task RegisterAfterDeath(string key, IReadOnlyList<SiloAddress> dead) => Register(key);

    private async Task Release(string key)
    {
        await _gate.WaitAsync();
        try
        {
            var left = _watchers.GetValueOrDefault(key) - 1;
            if (left > 0)
            {
                _watchers[key] = left;
                return;
            }

            _watchers.Remove(key);
            await Unregister(key);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RefreshRegistrations(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RefreshPeriod, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                foreach (var key in await WatchedKeys(cancellationToken))
                {
                    try
                    {
                        await Register(key);
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

    /// <summary>The grains this silo watches now.</summary>
    private async Task<string[]> WatchedKeys(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return [.. _watchers.Keys];
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task FollowMembership(CancellationToken cancellationToken)
    {
        try
        {
            var known = membership.CurrentSnapshot;
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                if (snapshot.Version <= known.Version)
                {
                    continue;
                }

                var dead = snapshot.CreateUpdate(known).Changes.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress).ToList();
                known = snapshot;
                if (dead.Count == 0)
                {
                    continue;
                }

                var keys = await WatchedKeys(cancellationToken);
                LogSiloDied(logger, dead, keys.Length);
                // Not awaited: a later death must not wait behind grains that are slow to come back.
                _ = Task.WhenAll(keys.Select(key => RegisterAgain(key, dead, cancellationToken)));
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task RegisterAgain(string key, IReadOnlyList<SiloAddress> dead, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            try
            {
                await RegisterAfterDeath(key, dead);
                var took = time.GetElapsedTime(started).TotalMilliseconds;
                LogRegisteredAgain(logger, key, took);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                if (time.GetElapsedTime(started) > RegisterAgainFor)
                {
                    LogRefreshFailed(logger, exception, key);
                    return;
                }
            }

            try
            {
                await Task.Delay(RegisterAgainDelay, time, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silos} was declared dead: registering again with the {Count} grains this silo watches (they may have moved).")]
    private static partial void LogSiloDied(ILogger logger, IEnumerable<SiloAddress> silos, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered again with {Key} {Milliseconds:0} ms after a silo's death.")]
    private static partial void LogRegisteredAgain(ILogger logger, string key, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing this silo's registration with {Key} failed; trying again at the next refresh.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string key);
}
