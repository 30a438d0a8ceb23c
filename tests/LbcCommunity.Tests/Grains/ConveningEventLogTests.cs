using LbcCommunity.Convenings;
using LbcCommunity.Grains.Convenings;
using Orleans.Storage;

namespace LbcCommunity.Tests.Grains;

/// <summary>
/// The convening's event log with small pages, on the test cluster's grain store: what a write carries, what a reload
/// finds, what the ring forgets, and what a crash between a page and the state leaves.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ConveningEventLogTests(ClusterFixture fixture)
{
    private const int PageSize = 4;
    private const int Slots = 3;

    private readonly IGrainStorage _storage = fixture.GrainStorage;

    [Fact]
    public async Task Full_pages_leave_the_tail_and_a_reload_finds_every_event_and_action_in_order()
    {
        var id = NewGrainId();
        var (log, tail) = await Fresh(id);
        for (var sequence = 1; sequence <= 10; sequence++)
        {
            Apply(log, tail, sequence);
            await log.WriteFullPages(tail, sequence);
        }

        // Pages 0 (1–4) and 1 (5–8) are written; 9 and 10 stay in the tail that goes with the state.
        Assert.Equal([9L, 10L], tail.Select(e => e.Sequence));
        Assert.Equal([1L, 2L, 3L, 4L], (await Page(id, 0)).Entries.Select(e => e.Sequence));
        Assert.Equal([5L, 6L, 7L, 8L], (await Page(id, 1)).Entries.Select(e => e.Sequence));

        var reloaded = new ConveningEventLog(_storage, id, PageSize, Slots);
        await reloaded.Load(tail, storedSequence: 10);
        Assert.Equal(Enumerable.Range(3, 8).Select(s => (long)s), reloaded.After(2, 10, limit: 100)!.Select(e => e.Sequence));
        Assert.True(reloaded.TryGetAction("action-1", out var first));
        Assert.Equal(1, first);
        Assert.True(reloaded.TryGetAction("action-10", out var last));
        Assert.Equal(10, last);
        Assert.Equal([6L, 7L], reloaded.Between(5, 7).Select(e => e.Sequence));
    }

    [Fact]
    public async Task The_ring_forgets_the_page_it_overwrites_and_a_gap_past_what_is_kept_asks_for_a_snapshot()
    {
        var id = NewGrainId();
        var (log, tail) = await Fresh(id);
        for (var sequence = 1; sequence <= 14; sequence++)
        {
            Apply(log, tail, sequence);
            await log.WriteFullPages(tail, sequence);
        }

        // Pages 0–2 filled the three slots; page 3 (13–16) is not full yet, so page 0 is still remembered.
        Assert.True(log.TryGetAction("action-1", out _));
        for (var sequence = 15; sequence <= 16; sequence++)
        {
            Apply(log, tail, sequence);
            await log.WriteFullPages(tail, sequence);
        }

        // Page 3 went into page 0's slot: 1–4 are forgotten, in memory and in the store.
        Assert.False(log.TryGetAction("action-4", out _));
        Assert.True(log.TryGetAction("action-5", out _));
        Assert.Equal(3, (await Page(id, 0)).Number);
        Assert.Null(log.After(3, 16, limit: 100));
        Assert.Equal(12, log.After(4, 16, limit: 100)!.Count);
        Assert.Null(log.After(4, 16, limit: 8));
        Assert.Empty(tail);

        var reloaded = new ConveningEventLog(_storage, id, PageSize, Slots);
        await reloaded.Load(tail, storedSequence: 16);
        Assert.False(reloaded.TryGetAction("action-4", out _));
        Assert.Equal(Enumerable.Range(5, 12).Select(s => (long)s), reloaded.After(4, 16, limit: 100)!.Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_page_written_before_a_crash_keeps_nothing_after_the_stored_state_and_nothing_twice()
    {
        var id = NewGrainId();
        var (log, tail) = await Fresh(id);
        // The state was stored at 6 with its tail 1–6; then 7 and 8 were applied, page 0 and page 1 written, and the
        // silo died before the state that drops them from its tail was stored.
        for (var sequence = 1; sequence <= 8; sequence++)
        {
            Apply(log, tail, sequence);
        }

        var storedTail = tail.Where(e => e.Sequence <= 6).ToList();
        await log.WriteFullPages(tail, 8);
        Assert.Equal([5L, 6L, 7L, 8L], (await Page(id, 1)).Entries.Select(e => e.Sequence));

        var reloaded = new ConveningEventLog(_storage, id, PageSize, Slots);
        await reloaded.Load(storedTail, storedSequence: 6);

        Assert.Equal(Enumerable.Range(1, 6).Select(s => (long)s), reloaded.After(0, 6, limit: 100)!.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(1, 6).Select(s => (long)s), reloaded.Between(0, 100).Select(e => e.Sequence));
        // Never acknowledged: a retry of action 7 is a new action.
        Assert.False(reloaded.TryGetAction("action-7", out _));
        Assert.True(reloaded.TryGetAction("action-6", out _));

        // The tail reached back to the start, so loading read no page; writing the pages again still finds their records.
        var tailAgain = storedTail;
        for (var sequence = 7; sequence <= 8; sequence++)
        {
            Apply(reloaded, tailAgain, sequence);
        }

        await reloaded.WriteFullPages(tailAgain, 8);
        Assert.Empty(tailAgain);
        Assert.Equal([5L, 6L, 7L, 8L], (await Page(id, 1)).Entries.Select(e => e.Sequence));
        Assert.True(reloaded.TryGetAction("action-7", out var retried));
        Assert.Equal(7, retried);
    }

    [Fact]
    public async Task Action_ids_kept_without_their_events_answer_retries_but_cannot_be_replayed()
    {
        var id = NewGrainId();
        var (log, _) = await Fresh(id);
        // What a convening stored before the log had pages becomes: ids of actions whose events it no longer kept.
        log.Append(new LoggedEvent { Sequence = 1, ActionId = "action-1" });
        log.Append(new LoggedEvent { Sequence = 2, Event = Event(2), ActionId = "action-2" });

        Assert.True(log.TryGetAction("action-1", out var first));
        Assert.Equal(1, first);
        Assert.Null(log.After(0, 2, limit: 100));
        Assert.Equal([2L], log.After(1, 2, limit: 100)!.Select(e => e.Sequence));
        Assert.Equal([2L], log.Between(0, 2).Select(e => e.Sequence));
    }

    private static GrainId NewGrainId() => GrainId.Create("convening", $"log-test/{Guid.NewGuid():N}");

    private async Task<(ConveningEventLog Log, List<LoggedEvent> Tail)> Fresh(GrainId id)
    {
        var log = new ConveningEventLog(_storage, id, PageSize, Slots);
        await log.Load([], storedSequence: 0);
        return (log, []);
    }

    private static void Apply(ConveningEventLog log, List<LoggedEvent> tail, long sequence)
    {
        var entry = new LoggedEvent { Sequence = sequence, Event = Event(sequence), ActionId = $"action-{sequence}" };
        tail.Add(entry);
        log.Append(entry);
    }

    private static ConveningEvent Event(long sequence) => new() { Sequence = sequence, Type = ConveningEventTypes.ActivityStarted, At = DateTimeOffset.UnixEpoch.AddSeconds(sequence) };

    private async Task<ConveningLogPage> Page(GrainId id, int slot)
    {
        var page = new GrainState<ConveningLogPage>();
        await _storage.ReadStateAsync(ConveningEventLog.SlotName(slot), id, page);
        return page.State ?? throw new InvalidOperationException($"Slot {slot} holds no page.");
    }
}
