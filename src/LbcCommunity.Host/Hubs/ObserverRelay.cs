using System.Collections.Concurrent;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// This silo's one registration with each grain its connections watch (a roll-up, a convening): registered with the
/// first watcher here, refreshed before the grain's observer list forgets it, dropped with the last. The grain then
/// notifies once per silo, and the relay sends to SignalR groups, whatever the number of watchers here.
/// </summary>
internal abstract partial class ObserverRelay(ILogger logger, TimeProvider time) : IHostedService, IDisposable
{
    /// <summary>Well within the grains' one-minute observer expiry.</summary>
    private static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(20);

    private readonly Dictionary<string, int> _watchers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _byConnection = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _refreshing;

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

    /// <summary>Registers (or refreshes) this silo's observer with the grain named by <paramref name="key"/>.</summary>
    protected abstract Task Register(string key);

    protected abstract Task Unregister(string key);

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
                string[] keys;
                await _gate.WaitAsync(cancellationToken);
                try
                {
                    keys = [.. _watchers.Keys];
                }
                finally
                {
                    _gate.Release();
                }

                foreach (var key in keys)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing this silo's registration with {Key} failed; trying again at the next refresh.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, string key);
}
