using LbcCommunity.Convenings;

namespace LbcCommunity.Access;

/// <summary>
/// Who is calling: their tenant (none for a platform operator), subject and grants, as read from a validated token.
/// Holds the access rules as plain questions, so they are tested without a host.
/// </summary>
/// <remarks>
/// The tenant's directory (regions, districts, initiatives, the list of teams and communities, rubric versions) is
/// readable by everyone of the tenant except guests and integrations; data about people's work (ratings, roll-ups,
/// rosters, evidence, harvests, convenings) only by those whose role covers it.
/// </remarks>
public sealed class Caller(string? tenantId, string subject, string? displayName, IReadOnlyList<Grant> grants, string? joinCodeId = null)
{
    /// <summary>The caller's tenant; <c>null</c> for a platform operator.</summary>
    public string? TenantId { get; } = tenantId;

    /// <summary>The person's id in the tenant, a guest's id, or an integration's client id.</summary>
    public string Subject { get; } = subject;

    public string? DisplayName { get; } = displayName;

    public IReadOnlyList<Grant> Grants { get; } = grants;

    /// <summary>A guest's join code id.</summary>
    public string? JoinCodeId { get; } = joinCodeId;

    public bool Has(AccessRole role) => Grants.Any(g => g.Role == role);

    public bool Has(AccessRole role, string scopeId) =>
        Grants.Any(g => g.Role == role && string.Equals(g.ScopeId, scopeId, StringComparison.Ordinal));

    public bool IsOperator => Has(AccessRole.PlatformOperator);

    public bool IsStateAdmin => Has(AccessRole.StateAdmin);

    /// <summary>A person of the tenant (not a guest, integration or operator): may read the tenant's directory.</summary>
    public bool IsTenantPerson => Grants.Any(g => g.Role is not (AccessRole.Guest or AccessRole.Integration or AccessRole.PlatformOperator));

    public bool CanReadRegion(string regionId) => IsStateAdmin || Has(AccessRole.RegionalCoordinator, regionId);

    /// <summary>
    /// State staff, the team's own people, and the coordinator of the team's region. <paramref name="regionId"/> is only
    /// needed for coordinators: pass <c>null</c> to ask without looking the team up first.
    /// </summary>
    public bool CanReadTeam(string teamId, string? regionId) =>
        IsStateAdmin || Has(AccessRole.TeamFacilitator, teamId) || Has(AccessRole.TeamMember, teamId) || (regionId is not null && CanReadRegion(regionId));

    public bool CanFacilitateTeam(string teamId) => IsStateAdmin || Has(AccessRole.TeamFacilitator, teamId);

    public bool CanReadCommunity(string communityId) =>
        IsStateAdmin || Has(AccessRole.CommunityFacilitator, communityId) || Has(AccessRole.CommunityMember, communityId);

    public bool CanFacilitateCommunity(string communityId) => IsStateAdmin || Has(AccessRole.CommunityFacilitator, communityId);

    /// <summary>State staff and the tenant's integrations read an initiative's state view.</summary>
    public bool CanReadInitiativeRollUp => IsStateAdmin || Has(AccessRole.Integration);

    public bool CanReadRegionRollUp(string regionId) => CanReadRegion(regionId) || Has(AccessRole.Integration);

    /// <summary>May plan, read and run convenings of the owner (the facilitators; state staff for initiatives).</summary>
    public bool CanFacilitate(ConveningOwnerKind kind, string ownerId) => kind switch
    {
        ConveningOwnerKind.Team => CanFacilitateTeam(ownerId),
        ConveningOwnerKind.Community => CanFacilitateCommunity(ownerId),
        ConveningOwnerKind.Initiative => IsStateAdmin,
        _ => false,
    };

    /// <summary>The caller's member id on the team's or community's roster, if they are on it.</summary>
    public string? MemberIdOn(ConveningOwnerKind kind, string ownerId)
    {
        var (facilitator, member) = kind switch
        {
            ConveningOwnerKind.Team => (AccessRole.TeamFacilitator, AccessRole.TeamMember),
            ConveningOwnerKind.Community => (AccessRole.CommunityFacilitator, AccessRole.CommunityMember),
            _ => ((AccessRole?)null, (AccessRole?)null),
        };
        return Grants.FirstOrDefault(g => (g.Role == facilitator || g.Role == member) && string.Equals(g.ScopeId, ownerId, StringComparison.Ordinal))?.MemberId;
    }

    /// <summary>A guest's one convening; <c>null</c> for everyone else.</summary>
    public string? GuestConveningId => Grants.FirstOrDefault(g => g.Role == AccessRole.Guest)?.ScopeId;
}
