using System.Collections.Concurrent;
using LbcCommunity.Errors;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// Calls a connection may make to a hub method (or to every method of a hub) per second, sustained; bursts up to twice
/// that. A call over the limit is refused with <c>rate-limited</c> before it reaches a grain.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
internal sealed class RateLimitedAttribute(int perSecond) : Attribute
{
    public int PerSecond { get; } = perSecond;
}

/// <summary>
/// The filter that holds every connection to the rate of its hub's <see cref="RateLimitedAttribute"/>: a token bucket per
/// connection and rate, all of a connection's dropped at once when it closes. A flood from one participant is refused on the silo it
/// reached and never queues behind, or in front of, everyone else's votes in the convening's grain.
/// </summary>
internal sealed class HubRateLimit(TimeProvider time) : IHubFilter
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, TokenBucket>> _buckets = new(StringComparer.Ordinal);

    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (HubCallShape.Of(invocationContext.HubMethod).RateLimit is { } limit
            && !_buckets.GetOrAdd(invocationContext.Context.ConnectionId, _ => new())
                .GetOrAdd(limit.PerSecond, perSecond => new TokenBucket(perSecond, time)).TryTake())
        {
            throw HubErrors.Of(ErrorCodes.RateLimited, $"Too many calls: at most {limit.PerSecond} a second. Nothing was done; send it again shortly.");
        }

        return next(invocationContext);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _buckets.TryRemove(context.Context.ConnectionId, out _);
        return next(context, exception);
    }

    /// <summary>Connections holding buckets (each open one that called a limited method); tests check closed ones let theirs go.</summary>
    internal int Count => _buckets.Count;
}

/// <summary>
/// A token bucket that refills continuously from <see cref="TimeProvider"/>'s clock: <c>perSecond</c> tokens a second, at
/// most twice that held. Ours rather than System.Threading.RateLimiting's <c>TokenBucketRateLimiter</c>, which refills in
/// steps on a timer of its own and takes no <see cref="TimeProvider"/>, so its behaviour could not be tested without
/// waiting on the wall clock.
/// </summary>
internal sealed class TokenBucket(int perSecond, TimeProvider time)
{
    private readonly Lock _lock = new();
    private double _tokens = perSecond * 2;
    private long _last = time.GetTimestamp();

    /// <summary>Takes a token if one is there; false (and nothing taken) when the bucket is empty.</summary>
    public bool TryTake()
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(perSecond * 2, _tokens + (time.GetElapsedTime(_last, now).TotalSeconds * perSecond));
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }
}
