using LbcCommunity.Organization;
using LbcCommunity.RollUps;
using Orleans.Concurrency;

namespace LbcCommunity.Contracts;

/// <summary>An initiative of a tenant and the district teams enrolled in it. Key: <c>{tenant}/{initiative}</c>.</summary>
public interface IInitiativeGrain : IGrainWithStringKey
{
    /// <summary>Called by the tenant when the initiative starts. Conflict if it exists.</summary>
    Task<Initiative> Create(InitiativeDraft draft, int rubricVersion);

    /// <summary>The initiative, or <c>null</c> when it does not exist.</summary>
    [AlwaysInterleave]
    Task<Initiative?> TryGet();

    /// <summary>Changes the name, description, funding source or rubric version (which must be published).</summary>
    Task<Initiative> Update(InitiativeDraft draft);

    /// <summary>Enrols a district team; its district must exist in the tenant, and sets the team's region.</summary>
    Task<Team> EnrolTeam(TeamDraft draft);

    /// <summary>The ids of the enrolled teams. Reads interleave: roll-ups read them while a team is being enrolled.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> ListTeamIds();

    /// <summary>The ids of the enrolled teams of one region.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> ListTeamIdsInRegion(string regionId);

    /// <summary>The regions that have enrolled teams.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> ListRegionIds();

    /// <summary>What the state counts as sustained depth for this initiative (the default until a state admin sets one).</summary>
    [AlwaysInterleave]
    Task<SustainedDepthCriterion> GetSustainedDepth();

    /// <summary>Sets the sustained-depth criterion; a draft with any field wrong is refused and nothing changes.</summary>
    Task<SustainedDepthCriterion> SetSustainedDepth(SustainedDepthDraft draft);
}
