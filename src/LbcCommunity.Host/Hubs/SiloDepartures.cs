using System.Diagnostics;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// When a silo last left the cluster or began to: <see cref="HubHandOver"/> sends a refused convening call again only
/// while that is recent. A host that stops gracefully can go from "shutting down" to "dead" in under half a second, so
/// asking membership only whether a silo is stopping <em>now</em> missed the calls that met the hand-over's last moments
/// (a CI run of RollingUpgradeTests showed three participants <c>convening-moving</c>).
/// </summary>
internal sealed class SiloDepartures(IClusterMembershipService membership) : BackgroundService
{
    /// <summary>The <see cref="Stopwatch"/> timestamp of the last change of a silo to stopping or dead; 0 for none.</summary>
    private long _lastDeparture;

    /// <summary>Whether a silo is stopping now, or left or began to leave within <paramref name="window"/>.</summary>
    public bool Recent(TimeSpan window)
    {
        if (membership.CurrentSnapshot.Members.Values.Any(m => m.Status is SiloStatus.ShuttingDown or SiloStatus.Stopping))
        {
            return true;
        }

        var last = Interlocked.Read(ref _lastDeparture);
        return last != 0 && Stopwatch.GetElapsedTime(last) < window;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var known = membership.CurrentSnapshot;
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                if (snapshot.Version <= known.Version)
                {
                    continue;
                }

                if (snapshot.CreateUpdate(known).Changes.Any(m => m.Status is SiloStatus.ShuttingDown or SiloStatus.Stopping or SiloStatus.Dead))
                {
                    Interlocked.Exchange(ref _lastDeparture, Stopwatch.GetTimestamp());
                }

                known = snapshot;
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
