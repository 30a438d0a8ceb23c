using LbcCommunity.Errors;
using LbcCommunity.Contracts;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class TenantIsolationTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Call_for_another_tenant_is_refused_and_changes_nothing()
    {
        var (georgia, florida) = (await GrainWorld.NewTenant(_grains), await GrainWorld.NewTenant(_grains));

        TenantScope.Enter(florida);
        var refused = await Assert.ThrowsAsync<TenantMismatchException>(() =>
            _grains.GetGrain<ITenantGrain>(georgia).AddRegion(new RegionDraft { Id = "intruder", Name = "Intruder" }));
        await Assert.ThrowsAsync<TenantMismatchException>(() => _grains.GetGrain<ITenantGrain>(georgia).ListRegions());
        await Assert.ThrowsAsync<TenantMismatchException>(() => _grains.GetGrain<IRubricCatalogGrain>(georgia).List());
        await Assert.ThrowsAsync<TenantMismatchException>(() => _grains.GetGrain<ITeamGrain>(GrainKeys.Of(georgia, "any-team")).TryGet());

        Assert.Equal(florida, refused.CallerTenant);
        Assert.Equal(georgia, refused.GrainTenant);
        TenantScope.Enter(georgia);
        Assert.Empty(await _grains.GetGrain<ITenantGrain>(georgia).ListRegions());
    }

    [Fact]
    public async Task Call_that_names_no_tenant_is_refused()
    {
        var georgia = await GrainWorld.NewTenant(_grains);

        RequestContext.Clear();

        await Assert.ThrowsAsync<TenantMismatchException>(() => _grains.GetGrain<ITenantGrain>(georgia).TryGet());
    }

    [Fact]
    public async Task Platform_grain_is_refused_to_a_tenant_and_open_to_the_platform()
    {
        var georgia = await GrainWorld.NewTenant(_grains);
        var directory = _grains.GetGrain<IPlatformDirectoryGrain>(IPlatformDirectoryGrain.Key);

        TenantScope.Enter(georgia);
        await Assert.ThrowsAsync<TenantMismatchException>(() => directory.List());

        TenantScope.EnterPlatform();
        Assert.Contains(georgia, await directory.List());
    }

    [Fact]
    public async Task Tenant_travels_with_grain_to_grain_calls()
    {
        var georgia = await GrainWorld.NewTenant(_grains);
        TenantScope.Enter(georgia);
        var tenant = _grains.GetGrain<ITenantGrain>(georgia);
        await tenant.AddRegion(new RegionDraft { Id = "west", Name = "West" });
        await tenant.AddDistrict(new DistrictDraft { Id = "meriwether", Name = "Meriwether County", RegionId = "west" });

        // Initiative → tenant (district lookup) → team: each hop is checked against the caller's tenant.
        var initiative = await tenant.StartInitiative(new InitiativeDraft { Id = "graduatefirst", Name = "GraduateFIRST" });
        var team = await _grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(georgia, initiative.Id))
            .EnrolTeam(new TeamDraft { Id = "cafe", Name = "CAFÉ", DistrictId = "meriwether" });

        Assert.Equal("west", team.RegionId);
    }
}
