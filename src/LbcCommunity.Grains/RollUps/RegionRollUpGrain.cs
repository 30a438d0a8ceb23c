using LbcCommunity.Contracts;
using LbcCommunity.RollUps;
using LbcCommunity.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LbcCommunity.Grains.RollUps;

/// <summary>
/// A region's district teams in one initiative, summed. Each team sends its versioned contribution; the region moves
/// its sums by the difference from the contribution it held (O(dimensions) per rating, never a recompute).
/// </summary>
internal sealed class RegionRollUpGrain(IGrainFactory grains, ILogger<RegionRollUpGrain> logger, [FromKeyedServices(DomainClock.Key)] TimeProvider time)
    : RollUpGrain(logger, time), IRegionRollUpGrain
{
    private readonly Dictionary<string, TeamContribution> _teams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tally> _totals = new(StringComparer.Ordinal);
    private long _version;

    private string InitiativeId => this.GetPrimaryKeyString().Split(GrainKeys.Separator)[1];

    private string RegionId => this.GetPrimaryKeyString().Split(GrainKeys.Separator)[2];

    public Task Apply(TeamContribution contribution)
    {
        Include(contribution);
        return Task.CompletedTask;
    }

    public Task<RegionSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    public override Task<RollUpView> GetView() => Task.FromResult(ViewNow());

    protected override async Task Rebuild()
    {
        var teamIds = await grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(TenantId, InitiativeId)).ListTeamIdsInRegion(RegionId);
        var contributions = await Task.WhenAll(teamIds.Select(id => grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, id)).GetContribution()));
        foreach (var contribution in contributions)
        {
            Include(contribution);
        }
    }

    protected override Task PassOn() =>
        grains.GetGrain<IInitiativeRollUpGrain>(GrainKeys.Of(TenantId, InitiativeId)).ApplyRegion(Snapshot());

    protected override RollUpView ViewNow() => new()
    {
        TenantId = TenantId,
        InitiativeId = InitiativeId,
        RegionId = RegionId,
        Version = _version,
        Teams = _teams.Count,
        TeamsRated = RollUpViews.TeamsRated(_totals),
        Habits = RollUpViews.Habits(_totals, TallyKeys.Now),
        Rows = RollUpViews.Rows(_totals, TallyKeys.Now),
        Quarters = RollUpViews.Quarters(_totals),
        ComputedAt = Time.GetUtcNow(),
    };

    private void Include(TeamContribution contribution)
    {
        if (_teams.TryGetValue(contribution.TeamId, out var held))
        {
            if (held.Sequence >= contribution.Sequence)
            {
                return;
            }

            RollUpMath.Add(_totals, held.Tallies, sign: -1);
            _version -= held.Sequence;
        }

        RollUpMath.Add(_totals, contribution.Tallies);
        _version += contribution.Sequence;
        _teams[contribution.TeamId] = contribution;
        MarkChanged();
    }

    private RegionSnapshot Snapshot() => new()
    {
        RegionId = RegionId,
        Version = _version,
        Teams = _teams.Count,
        Totals = new Dictionary<string, Tally>(_totals, StringComparer.Ordinal),
    };
}
