using LbcCommunity.Convenings;
using Orleans.Storage;

namespace LbcCommunity.Grains.Convenings;

/// <summary>
/// A convening's numbered events, each with the id of the action that caused it: what late joiners and reconnecting
/// clients replay, and what makes a retried action count once.
/// </summary>
/// <remarks>
/// The newest events (the <em>tail</em>) are part of the convening's own state and stored with every change, in the
/// same record as the change itself, so an event, its action id and its effect are stored together or not at all.
/// Once the events of a page (<see cref="PageSize"/> sequences) are all applied, the page is written once as a record
/// of its own, into a ring of <see cref="Slots"/> records, and only then leaves the tail. So a write carries at most
/// about a page of events however long the convening runs; before, every action rewrote all the events and action ids
/// kept (about 100 KB at 1,000 participants, allocated on the large-object heap at every write).
/// A crash between a page's write and the next write of the state leaves the page's events in both: they are the same
/// events, and a page's events after the stored state's sequence (applied but never acknowledged) are dropped on load.
/// </remarks>
internal sealed class ConveningEventLog(IGrainStorage storage, GrainId grainId, int pageSize = ConveningEventLog.PageSize, int slots = ConveningEventLog.Slots)
{
    /// <summary>Sequences per page.</summary>
    public const int PageSize = 256;

    /// <summary>Page records in the ring: at least the last Slots × PageSize events (4,096) are remembered.</summary>
    public const int Slots = 16;

    /// <summary>Kept entries in sequence order: the pages' and the tail's.</summary>
    private readonly List<LoggedEvent> _entries = [];

    private readonly Dictionary<string, long> _actions = new(StringComparer.Ordinal);

    /// <summary>The page records read so far (null: not yet read), with the versions a write needs.</summary>
    private readonly GrainState<ConveningLogPage>?[] _slots = new GrainState<ConveningLogPage>?[slots];

    public static string SlotName(int slot) => $"convening-log-{slot}";

    /// <summary>
    /// Reads the page records that hold events older than the tail (none for a convening whose tail reaches back to its
    /// start), and takes the tail the state was stored with; keeps nothing after <paramref name="storedSequence"/>, the
    /// stored state's sequence.
    /// </summary>
    public async Task Load(IReadOnlyList<LoggedEvent> tail, long storedSequence)
    {
        var oldest = storedSequence - (long)slots * pageSize;
        var beforeTail = (tail.Count > 0 ? tail[0].Sequence : storedSequence + 1) - 1;
        var first = Math.Max(oldest + 1, 1);
        var needed = beforeTail < first ? [] : Enumerable.Range(0, (int)Math.Min(PageOf(beforeTail) - PageOf(first) + 1, slots))
            .Select(i => (int)((PageOf(first) + i) % slots)).ToArray();
        await Task.WhenAll(needed.Select(ReadSlot));

        var kept = new SortedDictionary<long, LoggedEvent>();
        // Pages first, then the tail: an event in both (a crash between a page's write and the state's) is the same event.
        foreach (var entry in needed.SelectMany(slot => _slots[slot]!.State!.Entries).Concat(tail))
        {
            // After the stored sequence: applied but never acknowledged. Before the window: a page since overwritten
            // by one that was then dropped left an older page in its slot, which no longer connects to the newest events.
            if (entry.Sequence <= storedSequence && entry.Sequence > oldest)
            {
                kept[entry.Sequence] = entry;
            }
        }

        foreach (var entry in kept.Values)
        {
            Append(entry);
        }
    }

    /// <summary>The newest sequence of an action, when it is still remembered.</summary>
    public bool TryGetAction(string actionId, out long sequence) => _actions.TryGetValue(actionId, out sequence);

    /// <summary>An event the convening has just applied (it is in the tail too), after every event already kept.</summary>
    public void Append(LoggedEvent entry)
    {
        _entries.Add(entry);
        if (entry.ActionId is { } actionId)
        {
            _actions[actionId] = entry.Sequence;
        }
    }

    /// <summary>
    /// The events after <paramref name="sequence"/> up to <paramref name="current"/>, in order, when every one of them is
    /// kept and there are no more than <paramref name="limit"/>; otherwise null (the caller answers with a snapshot).
    /// </summary>
    public IReadOnlyList<ConveningEvent>? After(long sequence, long current, int limit)
    {
        if (current - sequence > limit)
        {
            return null;
        }

        var start = FirstAfter(sequence);
        var events = new List<ConveningEvent>((int)(current - sequence));
        for (var i = start; i < _entries.Count && _entries[i].Sequence <= current; i++)
        {
            if (_entries[i].Event is not { } kept || _entries[i].Sequence != sequence + 1 + events.Count)
            {
                return null;
            }

            events.Add(kept);
        }

        return events.Count == current - sequence ? events : null;
    }

    /// <summary>The kept events with a sequence in (<paramref name="after"/>, <paramref name="upTo"/>], in order.</summary>
    public IEnumerable<ConveningEvent> Between(long after, long upTo)
    {
        for (var i = FirstAfter(after); i < _entries.Count && _entries[i].Sequence <= upTo; i++)
        {
            if (_entries[i].Event is { } kept)
            {
                yield return kept;
            }
        }
    }

    /// <summary>
    /// Writes each page of the tail whose sequences are all applied (up to <paramref name="applied"/>), then takes its
    /// events out of the tail: the state written next no longer carries them. A failed write leaves the tail as it was.
    /// </summary>
    public async Task WriteFullPages(List<LoggedEvent> tail, long applied)
    {
        while (tail.Count > 0)
        {
            var number = PageOf(tail[0].Sequence);
            var end = (number + 1) * pageSize;
            if (end > applied)
            {
                return;
            }

            var count = tail.FindIndex(e => e.Sequence > end);
            count = count < 0 ? tail.Count : count;
            var index = (int)(number % slots);
            // A slot not read on load is read now: its record may exist, and a write needs its version.
            var slot = _slots[index] ?? await ReadSlot(index);
            var overwritten = slot.State!.Number;
            slot.State = new ConveningLogPage { Number = number, Entries = tail.GetRange(0, count) };
            await storage.WriteStateAsync(SlotName(index), grainId, slot);
            tail.RemoveRange(0, count);
            if (overwritten >= 0 && overwritten < number)
            {
                Forget(upTo: (overwritten + 1) * pageSize);
            }
        }
    }

    private long PageOf(long sequence) => (sequence - 1) / pageSize;

    private async Task<GrainState<ConveningLogPage>> ReadSlot(int slot)
    {
        var page = new GrainState<ConveningLogPage>(new ConveningLogPage());
        await storage.ReadStateAsync(SlotName(slot), grainId, page);
        page.State ??= new ConveningLogPage();
        return _slots[slot] = page;
    }

    /// <summary>Forgets the entries up to <paramref name="upTo"/>: their page record now holds a later page.</summary>
    private void Forget(long upTo)
    {
        var count = FirstAfter(upTo);
        foreach (var entry in _entries.Take(count))
        {
            if (entry.ActionId is { } actionId && _actions.TryGetValue(actionId, out var sequence) && sequence == entry.Sequence)
            {
                _actions.Remove(actionId);
            }
        }

        _entries.RemoveRange(0, count);
    }

    /// <summary>The index of the first entry after <paramref name="sequence"/> (entries are in sequence order).</summary>
    private int FirstAfter(long sequence)
    {
        int low = 0, high = _entries.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_entries[middle].Sequence <= sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
