using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// What the log says about hub calls that fail. SignalR logs every exception a hub method throws as an error with its
/// stack, the <see cref="HubException"/>s that are the hubs' answers too (a refused vote, a convening that was not found,
/// <c>convening-moving</c> while a convening moves after a silo died: hundreds per outage). Its own log of that is off;
/// this filter logs what is a fault (any other exception) as an error with its stack, and
/// <see cref="ConveningMoves"/> logs an outage once.
/// </summary>
internal sealed partial class HubErrorLog(ILogger<HubErrorLog> logger) : IHubFilter
{
    /// <summary>The category of SignalR's "Failed to invoke hub method" error.</summary>
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (Exception failed) when (failed is not HubException)
        {
            var hub = invocationContext.Hub.GetType().Name;
            LogFailed(logger, failed, hub, invocationContext.HubMethodName);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Hub}.{Method} failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string hub, string method);
}
