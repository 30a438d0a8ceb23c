using LbcCommunity.Convenings;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Contracts;

/// <summary>
/// The convenings of one owner (a team, a community of practice or an initiative), as listings its convenings send:
/// the owner's "my convenings" list, without asking every convening. Key: <c>{tenant}/{ownerKind}/{ownerId}</c>
/// (<see cref="KeyOf"/>), a grain of its own so the owner's grain, read for everything else, does not grow with it.
/// </summary>
/// <remarks>
/// A convening's write and its index's are on two grains and cannot be one. So a convening first sends the listing it is
/// about to store <em>unsettled</em>, then stores itself, then sends it <em>settled</em>. A crash between the steps
/// leaves an unsettled entry, and <see cref="List"/> asks those convenings (only those) what they really stored,
/// settling the entry once the convening has no change under way. The other way round (the convening re-sending on
/// activation) would leave the list wrong until someone happened to open that convening again: an ended convening
/// listed as live for weeks.
/// </remarks>
public interface IConveningIndexGrain : IGrainWithStringKey
{
    /// <summary>Keeps a convening's listing; <paramref name="settled"/> is false while the convening's own write is to come.</summary>
    Task Record(ConveningListing listing, bool settled);

    /// <summary>The owner's convenings (of one status, or all): live first, then planned by start, then ended, newest first.</summary>
    Task<IReadOnlyList<ConveningListing>> List(ConveningStatus? status);

    /// <summary>The key of <paramref name="ownerId"/>'s index: owner ids are unique per kind only, so the kind is in the key.</summary>
    public static string KeyOf(string tenantId, ConveningOwnerKind kind, string ownerId) =>
        GrainKeys.Of(tenantId, kind.ToString().ToLowerInvariant(), ownerId);
}
