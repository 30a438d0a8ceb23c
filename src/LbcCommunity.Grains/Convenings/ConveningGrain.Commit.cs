using LbcCommunity.Convenings;

namespace LbcCommunity.Grains.Convenings;

/// <summary>
/// The group commit. An action changes the state in memory and numbers its event (<see cref="Commit"/>), then waits for
/// a write that holds it: the write under way if it started after the change, else the next, which stores everything
/// applied until it starts. So a burst of votes costs a few writes, not one per vote, and each vote is acknowledged only
/// once it is stored.
/// </summary>
internal sealed partial class ConveningGrain
{
    /// <summary>The highest sequence known to be stored (what the activation loaded is).</summary>
    private long _storedSequence;

    /// <summary>The write under way, which every action applied before it started waits for.</summary>
    private Task? _writing;

    /// <summary>Whether <see cref="People"/> changed since it was last written (the next write group writes it first).</summary>
    private bool _peopleChanged;

    /// <summary>Counts changes to <see cref="People"/> that wait for their write without an event of their own (a connection).</summary>
    private long _peopleVersion;

    /// <summary>The <see cref="_peopleVersion"/> the last write of <see cref="People"/> held.</summary>
    private long _peopleStoredVersion;

    /// <summary>Numbers the event, stores it with the state and the action id, then sends it to the watching silos.</summary>
    private async Task<ActionAck> Commit(ConveningAction? action, string? actorId, string type, Func<ConveningEvent, ConveningEvent> fill)
    {
        var conveningEvent = fill(new ConveningEvent { Sequence = State.Sequence + 1, Type = type, At = time.GetUtcNow(), ActorId = actorId });
        State.Sequence = conveningEvent.Sequence;
        var entry = new LoggedEvent { Sequence = conveningEvent.Sequence, Event = conveningEvent, ActionId = action?.ActionId };
        State.LogTail.Add(entry);
        _log.Append(entry);

        await Stored(conveningEvent.Sequence);
        return new ActionAck { ActionId = action?.ActionId ?? string.Empty, Sequence = conveningEvent.Sequence };
    }

    /// <summary>Returns once everything up to <paramref name="sequence"/> is stored (starting a write if none is under way).</summary>
    private async Task Stored(long sequence)
    {
        while (_storedSequence < sequence)
        {
            await Writing();
        }
    }

    /// <summary>
    /// Returns when nothing applied is waiting to be stored, so what the caller reads next (with no await in between)
    /// is all stored: votes that interleave while we wait are waited for too.
    /// </summary>
    private async Task AllStored()
    {
        while (_storedSequence < State.Sequence)
        {
            await Stored(State.Sequence);
        }
    }

    /// <summary>Marks <see cref="People"/> changed by something with no event of its own; its caller waits for <see cref="PeopleStored"/>.</summary>
    private long PeopleChanged()
    {
        _peopleChanged = true;
        return ++_peopleVersion;
    }

    /// <summary>Returns once a write of <see cref="People"/> holding change <paramref name="version"/> completed.</summary>
    private async Task PeopleStored(long version)
    {
        while (_peopleStoredVersion < version)
        {
            await Writing();
        }
    }

    /// <summary>The write under way, or a new one when none is.</summary>
    private Task Writing()
    {
        if (_writing is null || _writing.IsCompleted)
        {
            _writing = WriteGroup();
        }

        return _writing;
    }

    /// <summary>
    /// One write of everything applied so far (the people too, when they changed, and first any page of the log that is
    /// full); then its events go to the watching silos, in order.
    /// </summary>
    private async Task WriteGroup()
    {
        var from = _storedSequence;
        // The state is serialized as a whole when the store takes it, so it may hold actions applied after this line:
        // they are stored too, and counted by the next write.
        var upTo = State.Sequence;
        // The people first: an event never names a participant the store does not know.
        if (_peopleChanged)
        {
            _peopleChanged = false;
            var peopleVersion = _peopleVersion;
            try
            {
                await Save(people);
                _peopleStoredVersion = Math.Max(_peopleStoredVersion, peopleVersion);
            }
            catch
            {
                // Until the activation is dropped, a later group must not store events naming people it did not store.
                _peopleChanged = true;
                throw;
            }
        }

        // A full page is written before the state that no longer carries it in its tail.
        await Save(() => _log.WriteFullPages(State.LogTail, State.Sequence));

        await Save();
        _storedSequence = Math.Max(_storedSequence, upTo);
        foreach (var stored in _log.Between(from, upTo))
        {
            _observers.Notify(observer => observer.EventRaised(Key, stored));
        }
    }
}
