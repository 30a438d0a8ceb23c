using Microsoft.Extensions.DependencyInjection;
using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.RollUps;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Grains.Initiatives;

[GenerateSerializer]
internal sealed class InitiativeState
{
    [Id(0)] public Initiative? Initiative { get; set; }

    [Id(1)] public List<string> TeamIds { get; set; } = [];

    /// <summary>The region of each enrolled team (fixed at enrolment), so a region's roll-up can find its teams.</summary>
    [Id(2)] public Dictionary<string, string> TeamRegions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The state's sustained-depth criterion; <c>null</c> until a state admin sets one (the default applies).</summary>
    [Id(3)] public SustainedDepthCriterion? SustainedDepth { get; set; }
}

/// <summary>An initiative and the ids of its enrolled district teams.</summary>
internal sealed class InitiativeGrain(
    [PersistentState("initiative", StorageNames.Grains)] IPersistentState<InitiativeState> state,
    IGrainFactory grains,
    [FromKeyedServices(DomainClock.Key)] TimeProvider time) : PersistentGrain<InitiativeState>(state), IInitiativeGrain
{
    private string TenantId => GrainKeys.TenantOf(this.GetPrimaryKeyString());

    private string InitiativeId => GrainKeys.LocalIdOf(this.GetPrimaryKeyString());

    private Initiative Current => State.Initiative ?? throw new EntityNotFoundException("Initiative", InitiativeId);

    public async Task<Initiative> Create(InitiativeDraft draft, int rubricVersion)
    {
        OrganizationRules.Validate(draft);
        OrganizationRules.RequireSameId(draft.Id, InitiativeId);
        if (State.Initiative is not null)
        {
            throw new EntityConflictException("id", $"Initiative '{InitiativeId}' already exists.");
        }

        var now = time.GetUtcNow();
        State.Initiative = new Initiative
        {
            Id = InitiativeId,
            Name = draft.Name!.Trim(),
            Description = draft.Description,
            FundingSource = draft.FundingSource,
            RubricVersion = rubricVersion,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await Save();
        return State.Initiative;
    }

    public Task<Initiative?> TryGet() => Task.FromResult(State.Initiative);

    public async Task<Initiative> Update(InitiativeDraft draft)
    {
        var current = Current;
        OrganizationRules.Validate(draft);
        OrganizationRules.RequireSameId(draft.Id, InitiativeId);
        var rubricVersion = draft.RubricVersion ?? current.RubricVersion;
        if (rubricVersion != current.RubricVersion)
        {
            await RequirePublished(rubricVersion);
        }

        State.Initiative = current with
        {
            Name = draft.Name!.Trim(),
            Description = draft.Description,
            FundingSource = draft.FundingSource,
            RubricVersion = rubricVersion,
            UpdatedAt = time.GetUtcNow(),
        };
        await Save();
        return State.Initiative;
    }

    public async Task<Team> EnrolTeam(TeamDraft draft)
    {
        _ = Current;
        OrganizationRules.Validate(draft);
        var regionId = await RegionOfDistrict(draft.DistrictId!);
        var id = draft.Id ?? OrganizationRules.NewId();
        var team = grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, id));
        await ReserveChildId(State.TeamIds, id, "Team", async () => await team.TryGet() is not null, () => State.TeamRegions[id] = regionId);
        return await team.Create(InitiativeId, draft with { Id = id }, regionId);
    }

    public Task<IReadOnlyList<string>> ListTeamIds()
    {
        _ = Current;
        return Task.FromResult<IReadOnlyList<string>>([.. State.TeamIds]);
    }

    public Task<IReadOnlyList<string>> ListTeamIdsInRegion(string regionId)
    {
        _ = Current;
        return Task.FromResult<IReadOnlyList<string>>([.. State.TeamIds.Where(id => State.TeamRegions.GetValueOrDefault(id) == regionId)]);
    }

    public Task<IReadOnlyList<string>> ListRegionIds()
    {
        _ = Current;
        return Task.FromResult<IReadOnlyList<string>>([.. State.TeamRegions.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    public Task<SustainedDepthCriterion> GetSustainedDepth()
    {
        _ = Current;
        return Task.FromResult(State.SustainedDepth ?? SustainedDepthCriterion.Default);
    }

    public async Task<SustainedDepthCriterion> SetSustainedDepth(SustainedDepthDraft draft)
    {
        _ = Current;
        State.SustainedDepth = DashboardRules.Validate(draft);
        await Save();
        return State.SustainedDepth;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Initiatives stored before teams' regions were recorded here learn them from the teams (saved with the next change).
        // Calls made by the grain itself carry no caller: it acts for its own tenant.
        TenantScope.Enter(TenantId);
        foreach (var teamId in State.TeamIds.Where(id => !State.TeamRegions.ContainsKey(id)).ToList())
        {
            if (await grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, teamId)).TryGet() is { } team)
            {
                State.TeamRegions[teamId] = team.RegionId;
            }
        }
    }

    private async Task<string> RegionOfDistrict(string districtId)
    {
        try
        {
            var district = await grains.GetGrain<ITenantGrain>(TenantId).GetDistrict(districtId);
            return district.RegionId;
        }
        catch (EntityNotFoundException)
        {
            throw DomainValidationException.For("districtId", $"District '{districtId}' does not exist.");
        }
    }

    private async Task RequirePublished(int rubricVersion)
    {
        try
        {
            await grains.GetGrain<IRubricCatalogGrain>(TenantId).GetVersion(rubricVersion);
        }
        catch (EntityNotFoundException)
        {
            throw DomainValidationException.For("rubricVersion", $"Rubric version {rubricVersion} is not published.");
        }
    }
}
