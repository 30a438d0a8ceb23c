using Orleans.Concurrency;
using LbcCommunity.Organization;

namespace LbcCommunity.Contracts;

/// <summary>
/// A tenant (a state agency): its profile and the structure of the state, its regions and districts, and the
/// lists of its initiatives and communities of practice. Keyed by the tenant id.
/// Reads interleave: initiatives and teams read districts while the tenant may be waiting on them.
/// </summary>
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Sets the tenant up and publishes the default rubric as its version 1. Conflict if it exists.</summary>
    Task<Tenant> Create(TenantDraft draft);

    /// <summary>The tenant, or <c>null</c> when it was never set up.</summary>
    [AlwaysInterleave]
    Task<Tenant?> TryGet();

    /// <summary>Changes the tenant's name, state code or level threshold.</summary>
    Task<Tenant> Update(TenantDraft draft);

    /// <summary>Adds a region of the state. Conflict if the id is taken.</summary>
    Task<Region> AddRegion(RegionDraft draft);

    /// <summary>Renames or redescribes a region.</summary>
    Task<Region> UpdateRegion(string regionId, RegionDraft draft);

    [AlwaysInterleave]
    Task<Region> GetRegion(string regionId);

    [AlwaysInterleave]
    Task<IReadOnlyList<Region>> ListRegions();

    /// <summary>Adds a district in one of the state's regions. Conflict if the id is taken.</summary>
    Task<District> AddDistrict(DistrictDraft draft);

    /// <summary>Renames a district. Its region is fixed: its teams roll up there.</summary>
    Task<District> UpdateDistrict(string districtId, DistrictDraft draft);

    [AlwaysInterleave]
    Task<District> GetDistrict(string districtId);

    [AlwaysInterleave]
    Task<IReadOnlyList<District>> ListDistricts();

    /// <summary>Starts an initiative (an SPDG programme) against a published rubric version.</summary>
    Task<Initiative> StartInitiative(InitiativeDraft draft);

    /// <summary>The ids of the tenant's initiatives.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> ListInitiativeIds();

    /// <summary>Starts a community of practice.</summary>
    Task<CommunityOfPractice> StartCommunity(CommunityDraft draft);

    /// <summary>The ids of the tenant's communities of practice.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> ListCommunityIds();
}
