using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// Sends a convening call again, for a few seconds, when it was refused before the grain did anything while a host of
/// the cluster is stopping gracefully. In that hand-over (the host holding the convening stops, as in a rolling update)
/// a call can meet the activation as it deactivates, or a directory entry not updated yet, and is rejected; a moment
/// later it reaches the new activation.
/// Without this, every participant on the other hosts saw <c>convening-moving</c> once per rolling update
/// (RollingUpgradeTests). Only refusals that did nothing are sent again: a rejected message (it never reached the
/// grain) and a refused write (the grain stored nothing and dropped its activation), so a retry cannot do anything
/// twice, even under an action id the hub made. A timeout is not retried here: the client sends it again under its own
/// action id. Past <see cref="Patience"/>, or when no silo is stopping or left within the last <see cref="Patience"/>
/// (<see cref="SiloDepartures"/>; a crash before it is declared: the wait is for failure detection, which can take
/// longer than a hub call should hang), the refusal goes on to <see cref="HubErrorMapping"/>, which answers
/// <c>convening-moving</c> (docs/operations.md).
/// </summary>
internal sealed class HubHandOver(SiloDepartures departures) : IHubFilter
{
    /// <summary>How long a call is sent again; a graceful hand-over takes a fraction of it.</summary>
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (HubCallShape.Of(invocationContext.HubMethod).ConveningKey(invocationContext.HubMethodArguments) is null)
        {
            return await next(invocationContext);
        }

        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                return await next(invocationContext);
            }
            catch (Exception refused) when (ConveningMoves.DidNothing(refused) && Stopwatch.GetElapsedTime(started) < Patience && departures.Recent(Patience))
            {
                await Task.Delay(Pause, invocationContext.Context.ConnectionAborted);
            }
        }
    }
}
