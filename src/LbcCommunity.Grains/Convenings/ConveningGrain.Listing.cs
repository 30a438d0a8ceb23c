using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Tenancy;
using Microsoft.Extensions.Logging;

namespace LbcCommunity.Grains.Convenings;

/// <summary>
/// The convening's entry in its owner's list (<see cref="IConveningIndexGrain"/>): sent when it is planned, goes live
/// and ends, around its own write, so a crash between the two writes is repaired by the index asking
/// <see cref="GetListing"/> (the index's remarks say why the index asks rather than the convening re-sending).
/// </summary>
internal sealed partial class ConveningGrain
{
    /// <summary>Changes of the listing under way: while any is, <see cref="GetListing"/> answers unsettled.</summary>
    private int _listingChanges;

    public async Task<ListingAnswer> GetListing()
    {
        // What is stored, not an action applied in memory whose write may yet fail.
        await AllStored();
        return new ListingAnswer { Listing = State.Convening is { } convening ? ListingOf(convening, Status()) : null, Settled = _listingChanges == 0 };
    }

    private ConveningStatus Status() =>
        State.Ended ? ConveningStatus.Ended
        : State.StartedAt is not null || State.ActiveItemId is not null ? ConveningStatus.Live
        : ConveningStatus.Planned;

    private static ConveningListing ListingOf(Convening convening, ConveningStatus status) => new()
    {
        Id = convening.Id,
        Title = convening.Title,
        OwnerKind = convening.OwnerKind,
        OwnerId = convening.OwnerId,
        StartsAt = convening.StartsAt,
        Status = status,
        CreatedAt = convening.CreatedAt,
    };

    private IConveningIndexGrain IndexOf(Convening convening) =>
        grains.GetGrain<IConveningIndexGrain>(IConveningIndexGrain.KeyOf(TenantId, convening.OwnerKind, convening.OwnerId));

    /// <summary>
    /// Tells the index the listing <paramref name="change"/> is about to store (unsettled), runs it, then tells it again
    /// (settled). If the first message fails nothing changed; if the last fails the entry stays unsettled and the index
    /// settles it by asking, so the change itself is not refused for it.
    /// </summary>
    private async Task<T> Relisted<T>(Convening convening, ConveningListing expected, Func<Task<T>> change)
    {
        var index = IndexOf(convening);
        _listingChanges++;
        try
        {
            await index.Record(expected, settled: false);
            var result = await change();
            try
            {
                await index.Record(ListingOf(State.Convening!, Status()), settled: true);
            }
            catch (Exception exception)
            {
                LogListingUnsettled(logger, exception, Key);
            }

            return result;
        }
        finally
        {
            _listingChanges--;
        }
    }

    /// <summary>
    /// A convening stored before owners had an index is sent to its owner's once it is activated, from a timer: sent from
    /// the activation itself it would wait for an index that may be waiting for this activation's <see cref="GetListing"/>.
    /// </summary>
    private void ListWhenUnlisted()
    {
        if (State.Convening is not { } convening || State.Listed)
        {
            return;
        }

        IGrainTimer? timer = null;
        timer = this.RegisterGrainTimer(
            async () =>
            {
                timer?.Dispose();
                TenantScope.Enter(TenantId);
                await IndexOf(convening).Record(ListingOf(convening, Status()), settled: true);
                // Stored with the next write; until then a new activation sends the same listing again, which changes nothing.
                State.Listed = true;
            },
            new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Convening {Key} stored a change its owner's index has not confirmed; the index settles it when next listed.")]
    private static partial void LogListingUnsettled(ILogger logger, Exception exception, string key);
}
