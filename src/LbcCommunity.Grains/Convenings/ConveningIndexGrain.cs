using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Grains.Convenings;

[GenerateSerializer]
internal sealed class ConveningIndexState
{
    /// <summary>Convening id → its listing and whether the convening has confirmed it is stored.</summary>
    [Id(0)] public Dictionary<string, IndexEntry> Entries { get; set; } = new(StringComparer.Ordinal);
}

[GenerateSerializer, Immutable]
internal sealed record IndexEntry
{
    [Id(0)] public required ConveningListing Listing { get; init; }

    [Id(1)] public required bool Settled { get; init; }
}

/// <summary>
/// One owner's convenings (see <see cref="IConveningIndexGrain"/> for why entries are settled in two steps). Listing
/// asks only the convenings whose entry is unsettled, so a list costs one read however many convenings it holds.
/// </summary>
internal sealed class ConveningIndexGrain(
    [PersistentState("convening-index", StorageNames.Grains)] IPersistentState<ConveningIndexState> state,
    IGrainFactory grains) : PersistentGrain<ConveningIndexState>(state), IConveningIndexGrain
{
    private string TenantId => GrainKeys.TenantOf(this.GetPrimaryKeyString());

    public async Task Record(ConveningListing listing, bool settled)
    {
        var entry = new IndexEntry { Listing = listing, Settled = settled };
        if (State.Entries.GetValueOrDefault(listing.Id) != entry)
        {
            State.Entries[listing.Id] = entry;
            await Save();
        }
    }

    public async Task<IReadOnlyList<ConveningListing>> List(ConveningStatus? status)
    {
        await SettlePending();
        return
        [
            .. State.Entries.Values.Select(e => e.Listing).Where(l => status is null || l.Status == status).InListOrder(),
        ];
    }

    /// <summary>
    /// Asks the convenings of unsettled entries what they stored: one that does not exist (its creation failed) leaves
    /// the list; one with no change under way settles; one still changing is shown as stored and asked again next time.
    /// </summary>
    private async Task SettlePending()
    {
        var pending = State.Entries.Values.Where(e => !e.Settled).Select(e => e.Listing.Id).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var answers = await Task.WhenAll(pending.Select(async id =>
            (Id: id, Answer: await grains.GetGrain<IConveningGrain>(GrainKeys.Of(TenantId, id)).GetListing())));
        var changed = false;
        foreach (var (id, answer) in answers)
        {
            var before = State.Entries[id];
            if (answer.Listing is null)
            {
                if (answer.Settled)
                {
                    State.Entries.Remove(id);
                    changed = true;
                }

                continue;
            }

            var after = new IndexEntry { Listing = answer.Listing, Settled = answer.Settled };
            if (after != before)
            {
                State.Entries[id] = after;
                changed = true;
            }
        }

        if (changed)
        {
            await Save();
        }
    }
}
