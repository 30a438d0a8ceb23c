using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Orleans.Storage;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// Hub calls that reach a convening while it moves to another silo (the silo that held it died, and cluster membership has
/// not declared it dead yet, or the new activation is starting). Callers get one documented, retryable error
/// (<see cref="ErrorCode"/>); the log gets one warning when a convening stops answering on this silo and one line when
/// it answers again, not an error with a stack per call.
/// </summary>
internal sealed partial class ConveningMoves(ILogger<ConveningMoves> logger, TimeProvider time)
{
    /// <summary>The stable start of the hub error's message: clients match on it and send the same action again.</summary>
    public const string ErrorCode = "convening-moving";

    public const string Message = ErrorCode + ": the convening is moving to another server after a failure; nothing new was done. Send the same action again (the same action id) in a moment.";

    private readonly ConcurrentDictionary<string, long> _since = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="exception"/> says the grain could not be reached where it was, not that the call was refused.</summary>
    public static bool IsMoving(Exception exception) => exception is OrleansMessageRejectionException or TimeoutException or InconsistentStateException
        || (exception is OrleansException && exception.InnerException is { } inner && IsMoving(inner));

    /// <summary>
    /// Whether <paramref name="exception"/> says the call changed nothing: the message was rejected before the grain ran
    /// it, or the grain's write was refused (it stored nothing). A timeout may have done its work, so it is not one.
    /// </summary>
    public static bool DidNothing(Exception exception) => exception is OrleansMessageRejectionException or InconsistentStateException
        || (exception is OrleansException && exception.InnerException is { } inner && DidNothing(inner));

    /// <summary>The error for the caller; the first one of an outage is logged.</summary>
    public HubException Moving(string key, Exception cause)
    {
        if (_since.TryAdd(key, time.GetTimestamp()))
        {
            var error = cause.GetType().Name;
            LogMoving(logger, key, error, cause.Message);
        }

        return new HubException(Message);
    }

    /// <summary>A call to the convening answered: an outage, if there was one, is over.</summary>
    public void Answered(string key)
    {
        if (!_since.IsEmpty && _since.TryRemove(key, out var since))
        {
            var seconds = time.GetElapsedTime(since).TotalSeconds;
            LogAnswersAgain(logger, key, seconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Convening {Key} does not answer here ({Error}: {Reason}); hub calls get '" + ErrorCode + "' until it does.")]
    private static partial void LogMoving(ILogger logger, string key, string error, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Convening {Key} answers again, {Seconds:0.0} s after its first failed call here.")]
    private static partial void LogAnswersAgain(ILogger logger, string key, double seconds);
}
