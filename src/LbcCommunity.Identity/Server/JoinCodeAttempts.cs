using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace LbcCommunity.Identity.Server;

/// <summary>
/// Slows down guessing of join codes: after <see cref="LbcIdentityOptions.JoinCodeFailuresPerMinute"/> wrong codes from
/// one address in a minute, that address exchanges no code (right or wrong) until the minute is over. Right codes cost
/// nothing, so a room of families behind one school network joins freely. Per silo: guessing spread over silos is still
/// bounded by their number.
/// </summary>
public sealed class JoinCodeAttempts(IOptions<LbcIdentityOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.JoinCodeFailuresPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>Whether <paramref name="address"/> has used up its wrong attempts for this minute.</summary>
    public bool IsBlocked(string address) => _failures.GetStatistics(address)?.CurrentAvailablePermits <= 0;

    public void RecordFailure(string address)
    {
        using var lease = _failures.AttemptAcquire(address);
    }

    public void Dispose() => _failures.Dispose();
}
