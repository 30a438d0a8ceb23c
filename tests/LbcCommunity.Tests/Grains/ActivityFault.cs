using LbcCommunity.Contracts;

namespace LbcCommunity.Tests.Grains;

/// <summary>
/// Makes the tenant's activity grain (<see cref="IStoryActivityGrain"/>) fail for the tests of the story's hand-over:
/// <see cref="Mode.Before"/> refuses every call as a grain that cannot be reached would; <see cref="Mode.After"/> lets the call
/// do its work and then fails it, as an answer lost on the way back. A filter in both silos of the cluster; off unless
/// a test turns it on (the cluster's tests run one at a time).
/// </summary>
public static class ActivityFault
{
    public enum Mode
    {
        None,
        Before,
        After,
    }

    private static int _calls;

    private static volatile Mode _current;

    public static Mode Current
    {
        get => _current;
        set => _current = value;
    }

    /// <summary>Calls that reached the activity grain's <c>Record</c> (failed ones included).</summary>
    public static int Calls => Volatile.Read(ref _calls);

    internal sealed class Filter : IIncomingGrainCallFilter
    {
        public async Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod?.DeclaringType != typeof(IStoryActivityGrain))
            {
                await context.Invoke();
                return;
            }

            Interlocked.Increment(ref _calls);
            var mode = Current;
            if (mode == Mode.Before)
            {
                throw new InvalidOperationException("The activity grain is down (ActivityFault.Before).");
            }

            await context.Invoke();
            if (mode == Mode.After)
            {
                throw new InvalidOperationException("The activity grain's answer was lost (ActivityFault.After).");
            }
        }
    }
}
