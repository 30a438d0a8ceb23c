using LbcCommunity.RollUps;
using Orleans.Concurrency;

namespace LbcCommunity.Contracts;

/// <summary>Receives roll-up views as they change (at most ten a second per roll-up). One per silo, relaying to SignalR.</summary>
public interface IRollUpObserver : IGrainObserver
{
    [OneWay]
    void RollUpChanged(RollUpView view);
}

/// <summary>A roll-up that viewers can watch.</summary>
public interface IWatchableRollUp
{
    /// <summary>The current view, including everything acknowledged so far.</summary>
    Task<RollUpView> GetView();

    /// <summary>Adds or refreshes an observer; it must refresh within a minute or it is dropped.</summary>
    Task Watch(IRollUpObserver observer);

    Task Unwatch(IRollUpObserver observer);
}

/// <summary>
/// The district teams of one region in one initiative, summed. Key: <c>{tenant}/{initiative}/{region}</c>.
/// Holds no state of its own: an activation rebuilds from its teams, then teams keep it current.
/// </summary>
public interface IRegionRollUpGrain : IGrainWithStringKey, IWatchableRollUp
{
    /// <summary>A team's new contribution; an older or equal one than the one held is ignored.</summary>
    Task Apply(TeamContribution contribution);

    /// <summary>The region's sums as they are now. Interleaves: the initiative reads it while the region may be flushing.</summary>
    [AlwaysInterleave]
    Task<RegionSnapshot> GetSnapshot();

    /// <summary>The region's teams with their latest rows (the teams × rows heat map), from the contributions held.</summary>
    Task<RegionTeamsView> GetTeams();

    /// <summary>Each team's standing as held, for the action lists. Interleaves as <see cref="GetSnapshot"/> does.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<TeamStanding>> GetStandings();
}

/// <summary>
/// The state view of an initiative: every region's teams, summed. Key: <c>{tenant}/{initiative}</c>.
/// Regions flush to it on a short timer; an activation rebuilds from the regions.
/// </summary>
public interface IInitiativeRollUpGrain : IGrainWithStringKey, IWatchableRollUp
{
    /// <summary>A region's sums; an older one than the one held is ignored.</summary>
    Task ApplyRegion(RegionSnapshot snapshot);

    /// <summary>
    /// The lists that ask for action, of one region (<paramref name="regionId"/>) or of every region, from the standings
    /// the regions hold, with the initiative's sustained-depth criterion. Holds no state, so it interleaves.
    /// </summary>
    [AlwaysInterleave]
    Task<AttentionLists> GetAttention(string? regionId, int notRatedDays);
}

/// <summary>A region's sums, versioned by the ratings they include and the teams they count.</summary>
[GenerateSerializer, Immutable]
public sealed record RegionSnapshot
{
    [Id(0)] public required string RegionId { get; init; }

    /// <summary>The number of consensus ratings included (the sum of the teams' sequences).</summary>
    [Id(1)] public required long Version { get; init; }

    [Id(2)] public required int Teams { get; init; }

    [Id(3)] public required IReadOnlyDictionary<string, Tally> Totals { get; init; }

    /// <summary>True when this snapshot includes more than <paramref name="other"/>.</summary>
    public bool IsNewerThan(RegionSnapshot? other) =>
        other is null || Version > other.Version || (Version == other.Version && Teams > other.Teams);
}
