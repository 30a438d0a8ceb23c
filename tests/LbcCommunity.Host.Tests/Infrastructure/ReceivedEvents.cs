using System.Collections.Concurrent;
using LbcCommunity.Client;
using LbcCommunity.Convenings;

namespace LbcCommunity.Host.Tests.Infrastructure;

/// <summary>Collects a client's events and waits until one with a given sequence has come.</summary>
internal sealed class ReceivedEvents
{
    private readonly ConcurrentQueue<ConveningEvent> _received = new();
    private readonly List<(long Sequence, TaskCompletionSource<IReadOnlyList<ConveningEvent>> Done)> _waiters = [];

    public ReceivedEvents(ConveningClient client) => client.EventReceived += Receive;

    public Task<IReadOnlyList<ConveningEvent>> UpTo(long sequence)
    {
        lock (_waiters)
        {
            if (_received.Any(e => e.Sequence >= sequence))
            {
                return Task.FromResult<IReadOnlyList<ConveningEvent>>([.. _received]);
            }

            var done = new TaskCompletionSource<IReadOnlyList<ConveningEvent>>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((sequence, done));
            return done.Task;
        }
    }

    private void Receive(ConveningEvent conveningEvent)
    {
        lock (_waiters)
        {
            _received.Enqueue(conveningEvent);
            foreach (var waiter in _waiters.Where(w => conveningEvent.Sequence >= w.Sequence).ToList())
            {
                waiter.Done.TrySetResult([.. _received]);
                _waiters.Remove(waiter);
            }
        }
    }
}
