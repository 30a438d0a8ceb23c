using LbcCommunity.Contracts;
using LbcCommunity.RollUps;
using LbcCommunity.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LbcCommunity.Grains.RollUps;

/// <summary>
/// The state view of an initiative: its regions' sums, summed. Regions flush to it on their timer; reading the view
/// also pulls the regions' current sums, so a read never misses an acknowledged rating.
/// </summary>
internal sealed class InitiativeRollUpGrain(IGrainFactory grains, ILogger<InitiativeRollUpGrain> logger, [FromKeyedServices(DomainClock.Key)] TimeProvider time)
    : RollUpGrain(logger, time), IInitiativeRollUpGrain
{
    private readonly Dictionary<string, RegionSnapshot> _regions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tally> _totals = new(StringComparer.Ordinal);

    private string InitiativeId => GrainKeys.LocalIdOf(this.GetPrimaryKeyString());

    public Task ApplyRegion(RegionSnapshot snapshot)
    {
        Include(snapshot);
        return Task.CompletedTask;
    }

    public async Task<AttentionLists> GetAttention(string? regionId, int notRatedDays)
    {
        var initiative = grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(TenantId, InitiativeId));
        var criterion = await initiative.GetSustainedDepth();
        var regionIds = regionId is null ? await initiative.ListRegionIds() : [regionId];
        var standings = await Task.WhenAll(regionIds.Select(id =>
            grains.GetGrain<IRegionRollUpGrain>(GrainKeys.Of(TenantId, InitiativeId, id)).GetStandings()));
        return DashboardRules.Attention(InitiativeId, regionId, standings.SelectMany(s => s), criterion, Time.GetUtcNow(), notRatedDays);
    }

    public override async Task<RollUpView> GetView()
    {
        await PullRegions();
        return await base.GetView();
    }

    protected override Task Rebuild() => PullRegions();

    protected override RollUpView ViewNow() => new()
    {
        TenantId = TenantId,
        InitiativeId = InitiativeId,
        Version = _regions.Values.Sum(r => r.Version),
        Teams = _regions.Values.Sum(r => r.Teams),
        TeamsRated = RollUpViews.TeamsRated(_totals),
        Habits = RollUpViews.Habits(_totals, TallyKeys.Now),
        Rows = RollUpViews.Rows(_totals, TallyKeys.Now),
        Quarters = RollUpViews.Quarters(_totals, FiscalYearStartMonth),
        Regions = [.. _regions.Values.OrderBy(r => r.RegionId, StringComparer.Ordinal).Select(r => new RegionLine
        {
            RegionId = r.RegionId,
            Teams = r.Teams,
            TeamsRated = RollUpViews.TeamsRated(r.Totals),
            Habits = RollUpViews.Habits(r.Totals, TallyKeys.Now),
            Rows = RollUpViews.Rows(r.Totals, TallyKeys.Now),
        })],
        ComputedAt = Time.GetUtcNow(),
    };

    private async Task PullRegions()
    {
        var regionIds = await grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(TenantId, InitiativeId)).ListRegionIds();
        var snapshots = await Task.WhenAll(regionIds.Select(id =>
            grains.GetGrain<IRegionRollUpGrain>(GrainKeys.Of(TenantId, InitiativeId, id)).GetSnapshot()));
        foreach (var snapshot in snapshots)
        {
            Include(snapshot);
        }
    }

    private void Include(RegionSnapshot snapshot)
    {
        _regions.TryGetValue(snapshot.RegionId, out var held);
        if (!snapshot.IsNewerThan(held))
        {
            return;
        }

        if (held is not null)
        {
            RollUpMath.Add(_totals, held.Totals, sign: -1);
        }

        RollUpMath.Add(_totals, snapshot.Totals);
        _regions[snapshot.RegionId] = snapshot;
        MarkChanged();
    }
}
