using Microsoft.Extensions.DependencyInjection;
using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.RollUps;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Grains.Tenants;

[GenerateSerializer]
internal sealed class TenantState
{
    [Id(0)] public Tenant? Profile { get; set; }

    [Id(1)] public Dictionary<string, Region> Regions { get; set; } = new(StringComparer.Ordinal);

    [Id(2)] public Dictionary<string, District> Districts { get; set; } = new(StringComparer.Ordinal);

    [Id(3)] public List<string> InitiativeIds { get; set; } = [];

    [Id(4)] public List<string> CommunityIds { get; set; } = [];
}

/// <summary>A tenant: profile, regions, districts, and the lists of its initiatives and communities.</summary>
internal sealed class TenantGrain(
    [PersistentState("tenant", StorageNames.Grains)] IPersistentState<TenantState> state,
    IGrainFactory grains,
    [FromKeyedServices(DomainClock.Key)] TimeProvider time) : PersistentGrain<TenantState>(state), ITenantGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    private Tenant Profile => State.Profile ?? throw new EntityNotFoundException("Tenant", TenantId);

    public async Task<Tenant> Create(TenantDraft draft)
    {
        OrganizationRules.Validate(draft, creating: true);
        if (!string.Equals(draft.Id, TenantId, StringComparison.Ordinal))
        {
            throw DomainValidationException.For("id", $"'id' must be '{TenantId}'.");
        }

        if (State.Profile is not null)
        {
            throw new EntityConflictException("id", $"Tenant '{TenantId}' already exists.");
        }

        var now = time.GetUtcNow();
        // The rubric first: a tenant that exists always has a rubric to rate against.
        await grains.GetGrain<IRubricCatalogGrain>(TenantId).EnsureDefault();
        State.Profile = new Tenant
        {
            Id = TenantId,
            Name = draft.Name!.Trim(),
            StateCode = draft.StateCode!,
            LevelThresholdPercent = draft.LevelThresholdPercent ?? 50,
            FiscalYearStartMonth = draft.FiscalYearStartMonth ?? FiscalCalendar.DefaultStartMonth,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await Save();
        return State.Profile;
    }

    public Task<Tenant?> TryGet() => Task.FromResult(State.Profile);

    public async Task<Tenant> Update(TenantDraft draft)
    {
        var profile = Profile;
        OrganizationRules.Validate(draft, creating: false);
        OrganizationRules.RequireSameId(draft.Id, TenantId);
        State.Profile = profile with
        {
            Name = draft.Name!.Trim(),
            StateCode = draft.StateCode!,
            LevelThresholdPercent = draft.LevelThresholdPercent ?? profile.LevelThresholdPercent,
            FiscalYearStartMonth = draft.FiscalYearStartMonth ?? FiscalCalendar.Normalize(profile.FiscalYearStartMonth),
            UpdatedAt = time.GetUtcNow(),
        };
        await Save();
        return State.Profile;
    }

    public async Task<Region> AddRegion(RegionDraft draft)
    {
        _ = Profile;
        OrganizationRules.Validate(draft);
        var id = draft.Id ?? OrganizationRules.NewId();
        if (State.Regions.ContainsKey(id))
        {
            throw new EntityConflictException("id", $"Region '{id}' already exists.");
        }

        var now = time.GetUtcNow();
        var region = new Region { Id = id, Name = draft.Name!.Trim(), Description = draft.Description, CreatedAt = now, UpdatedAt = now };
        State.Regions[id] = region;
        await Save();
        return region;
    }

    public async Task<Region> UpdateRegion(string regionId, RegionDraft draft)
    {
        var region = await GetRegion(regionId);
        OrganizationRules.Validate(draft);
        OrganizationRules.RequireSameId(draft.Id, regionId);
        var updated = region with { Name = draft.Name!.Trim(), Description = draft.Description, UpdatedAt = time.GetUtcNow() };
        State.Regions[regionId] = updated;
        await Save();
        return updated;
    }

    public Task<Region> GetRegion(string regionId) => Task.FromResult(Lookup(State.Regions, regionId, "Region"));

    public Task<IReadOnlyList<Region>> ListRegions()
    {
        _ = Profile;
        return Task.FromResult<IReadOnlyList<Region>>([.. State.Regions.Values.OrderBy(r => r.Name, StringComparer.CurrentCulture)]);
    }

    public async Task<District> AddDistrict(DistrictDraft draft)
    {
        _ = Profile;
        OrganizationRules.Validate(draft);
        EnsureRegionExists(draft.RegionId!);
        var id = draft.Id ?? OrganizationRules.NewId();
        if (State.Districts.ContainsKey(id))
        {
            throw new EntityConflictException("id", $"District '{id}' already exists.");
        }

        var now = time.GetUtcNow();
        var district = new District { Id = id, Name = draft.Name!.Trim(), RegionId = draft.RegionId!, CreatedAt = now, UpdatedAt = now };
        State.Districts[id] = district;
        await Save();
        return district;
    }

    public async Task<District> UpdateDistrict(string districtId, DistrictDraft draft)
    {
        var district = await GetDistrict(districtId);
        OrganizationRules.Validate(draft);
        OrganizationRules.RequireSameId(draft.Id, districtId);
        // Teams roll up to their district's region from the day they enrol, so the region is fixed.
        if (!string.Equals(draft.RegionId, district.RegionId, StringComparison.Ordinal))
        {
            throw DomainValidationException.For("regionId", $"A district's region is fixed; it is '{district.RegionId}'.");
        }

        var updated = district with { Name = draft.Name!.Trim(), UpdatedAt = time.GetUtcNow() };
        State.Districts[districtId] = updated;
        await Save();
        return updated;
    }

    public Task<District> GetDistrict(string districtId) => Task.FromResult(Lookup(State.Districts, districtId, "District"));

    public Task<IReadOnlyList<District>> ListDistricts()
    {
        _ = Profile;
        return Task.FromResult<IReadOnlyList<District>>([.. State.Districts.Values.OrderBy(d => d.Name, StringComparer.CurrentCulture)]);
    }

    public async Task<Initiative> StartInitiative(InitiativeDraft draft)
    {
        _ = Profile;
        OrganizationRules.Validate(draft);
        var catalog = grains.GetGrain<IRubricCatalogGrain>(TenantId);
        var rubricVersion = draft.RubricVersion ?? await catalog.LatestVersion();
        if (rubricVersion > await catalog.LatestVersion())
        {
            throw DomainValidationException.For("rubricVersion", $"Rubric version {rubricVersion} is not published.");
        }

        var id = draft.Id ?? OrganizationRules.NewId();
        var initiative = grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(TenantId, id));
        await ReserveChildId(State.InitiativeIds, id, "Initiative", async () => await initiative.TryGet() is not null);
        return await initiative.Create(draft with { Id = id }, rubricVersion);
    }

    public Task<IReadOnlyList<string>> ListInitiativeIds()
    {
        _ = Profile;
        return Task.FromResult<IReadOnlyList<string>>([.. State.InitiativeIds]);
    }

    public async Task<CommunityOfPractice> StartCommunity(CommunityDraft draft)
    {
        _ = Profile;
        OrganizationRules.Validate(draft);
        var id = draft.Id ?? OrganizationRules.NewId();
        var community = grains.GetGrain<ICommunityGrain>(GrainKeys.Of(TenantId, id));
        await ReserveChildId(State.CommunityIds, id, "Community of practice", async () => await community.TryGet() is not null);
        return await community.Create(draft with { Id = id });
    }

    public Task<IReadOnlyList<string>> ListCommunityIds()
    {
        _ = Profile;
        return Task.FromResult<IReadOnlyList<string>>([.. State.CommunityIds]);
    }

    private void EnsureRegionExists(string regionId)
    {
        if (!State.Regions.ContainsKey(regionId))
        {
            throw DomainValidationException.For("regionId", $"Region '{regionId}' does not exist.");
        }
    }

    /// <summary>One of the tenant's regions or districts; not found when the tenant or the id is unknown.</summary>
    private T Lookup<T>(Dictionary<string, T> items, string id, string kind)
    {
        _ = Profile;
        return items.TryGetValue(id, out var item) ? item : throw new EntityNotFoundException(kind, id);
    }
}
