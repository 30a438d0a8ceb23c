using LbcCommunity.Access;
using LbcCommunity.Convenings;
using LbcCommunity.Contracts;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Host.Api.Access;

/// <summary>What a rule sees: the caller, the request's route and query, and the grains (the caller's tenant already entered).</summary>
internal sealed record AccessContext(Caller Caller, string? TenantId, RouteValueDictionary Route, IGrainFactory Grains, IQueryCollection? Query = null)
{
    public string RouteId(string name) => (string)Route[name]!;

    /// <summary>An id the query names (checked as an id before the rule runs), or <c>null</c>.</summary>
    public string? QueryId(string name) => Query is not null && Query.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    public string Key(string name) => GrainKeys.Of(TenantId!, RouteId(name));
}

/// <summary>
/// Who may call an endpoint. Every endpoint of the API carries exactly one (a test walks the endpoint data source
/// and fails on any without); a request that no rule admits gets 403, and one for another tenant 404.
/// </summary>
/// <param name="Name">How the rule is named in the API reference and the tests' expectations.</param>
/// <param name="OperatorMayEnter">Whether a platform operator (who has no tenant) may call it for any tenant.</param>
/// <param name="Allows">The rule itself; it may read the route and ask grains.</param>
internal sealed record AccessRule(string Name, bool OperatorMayEnter, Func<AccessContext, ValueTask<bool>> Allows)
{
    private static AccessRule Sync(string name, Func<AccessContext, bool> allows, bool operatorMayEnter = false) =>
        new(name, operatorMayEnter, context => ValueTask.FromResult(allows(context)));

    /// <summary>Anyone with a valid token.</summary>
    public static readonly AccessRule SignedIn = Sync("signed-in", _ => true);

    /// <summary>The platform's own endpoints: tenants.</summary>
    public static readonly AccessRule PlatformOperator = Sync("platform-operator", c => c.Caller.IsOperator);

    /// <summary>A tenant's profile and its first administrators: the operator who set it up, or its state admins.</summary>
    public static readonly AccessRule TenantSetup = Sync("state-admin-or-operator", c => c.Caller.IsStateAdmin || c.Caller.IsOperator, operatorMayEnter: true);

    /// <summary>The tenant's directory: everyone of the tenant but guests and integrations.</summary>
    public static readonly AccessRule TenantPerson = Sync("tenant-person", c => c.Caller.IsTenantPerson);

    public static readonly AccessRule StateAdmin = Sync("state-admin", c => c.Caller.IsStateAdmin);

    public static readonly AccessRule RegionReader = Sync("region-reader", c => c.Caller.CanReadRegion(c.RouteId("regionId")));

    public static readonly AccessRule InitiativeRollUpReader = Sync("initiative-rollup-reader", c => c.Caller.CanReadInitiativeRollUp);

    public static readonly AccessRule RegionRollUpReader = Sync("region-rollup-reader", c => c.Caller.CanReadRegionRollUp(c.RouteId("regionId")));

    /// <summary>
    /// The action lists: whoever reads the state view, for the whole initiative or any region; a coordinator only for
    /// their own region, named in the query (<c>?regionId=</c>), since the lists without it span every region.
    /// </summary>
    public static readonly AccessRule AttentionReader = Sync("attention-reader", c =>
        c.Caller.CanReadInitiativeRollUp || (c.QueryId("regionId") is { } regionId && c.Caller.CanReadRegionRollUp(regionId)));

    /// <summary>State staff, the coordinator of the team's region, and the team's own members.</summary>
    public static readonly AccessRule TeamReader = new("team-reader", false, async c =>
    {
        var teamId = c.RouteId("teamId");
        if (c.Caller.CanReadTeam(teamId, regionId: null))
        {
            return true;
        }

        // Only coordinators need the team's region; a team that does not exist is answered by the endpoint (404).
        var team = c.Caller.Has(AccessRole.RegionalCoordinator) ? await c.Grains.GetGrain<ITeamGrain>(c.Key("teamId")).TryGet() : null;
        return team is not null && c.Caller.CanReadTeam(teamId, team.RegionId);
    });

    /// <summary>Reviews a team's quarterly report: the coordinator of the team's region, and state staff.</summary>
    public static readonly AccessRule ReportReviewer = new("report-reviewer", false, async c =>
    {
        if (c.Caller.IsStateAdmin)
        {
            return true;
        }

        var team = c.Caller.Has(AccessRole.RegionalCoordinator) ? await c.Grains.GetGrain<ITeamGrain>(c.Key("teamId")).TryGet() : null;
        return team is not null && c.Caller.Has(AccessRole.RegionalCoordinator, team.RegionId);
    });

    /// <summary>The SPDG / SPP-APR evidence downloads: state staff and the tenant's integrations (which read, never write).</summary>
    public static readonly AccessRule EvidenceExportReader = Sync("evidence-export-reader", c => c.Caller.IsStateAdmin || c.Caller.Has(AccessRole.Integration));

    public static readonly AccessRule TeamFacilitator = Sync("team-facilitator", c => c.Caller.CanFacilitateTeam(c.RouteId("teamId")));

    /// <summary>Anyone on the team's roster (their own ratings), its facilitators and state staff.</summary>
    public static readonly AccessRule TeamMember = Sync("team-member", c =>
        c.Caller.CanFacilitateTeam(c.RouteId("teamId")) || c.Caller.MemberIdOn(ConveningOwnerKind.Team, c.RouteId("teamId")) is not null);

    public static readonly AccessRule CommunityReader = Sync("community-reader", c => c.Caller.CanReadCommunity(c.RouteId("communityId")));

    public static readonly AccessRule CommunityFacilitator = Sync("community-facilitator", c => c.Caller.CanFacilitateCommunity(c.RouteId("communityId")));

    /// <summary>May plan convenings of some team, community or initiative; the endpoint checks the owner it names.</summary>
    public static readonly AccessRule ConveningPlanner = Sync("convening-planner", c =>
        c.Caller.IsStateAdmin || c.Caller.Has(AccessRole.TeamFacilitator) || c.Caller.Has(AccessRole.CommunityFacilitator));

    /// <summary>
    /// The owner's facilitators and members (anyone of the tenant for an initiative's), the coordinator of a team's region
    /// (who reads the team's page: its convenings and what they produced), and guests invited to this convening.
    /// </summary>
    public static readonly AccessRule ConveningReader = new("convening-reader", false, async c =>
    {
        var grain = c.Grains.GetGrain<IConveningGrain>(c.Key("conveningId"));
        if (c.Caller.GuestConveningId is { } invited)
        {
            // A guest reads their convening while their invitation stands, not for the rest of their token's life.
            return invited == c.RouteId("conveningId") && c.Caller.JoinCodeId is { } code && await grain.IsJoinCodeActive(code);
        }

        var convening = await grain.TryGet();
        if (convening is null
            || (convening.OwnerKind == ConveningOwnerKind.Initiative && c.Caller.IsTenantPerson)
            || c.Caller.CanFacilitate(convening.OwnerKind, convening.OwnerId)
            || c.Caller.MemberIdOn(convening.OwnerKind, convening.OwnerId) is not null)
        {
            return true;
        }

        if (convening.OwnerKind != ConveningOwnerKind.Team || !c.Caller.Has(AccessRole.RegionalCoordinator))
        {
            return false;
        }

        var team = await c.Grains.GetGrain<ITeamGrain>(GrainKeys.Of(c.TenantId!, convening.OwnerId)).TryGet();
        return team is not null && c.Caller.CanReadTeam(team.Id, team.RegionId);
    });

    /// <summary>The convening's facilitators (the owner's facilitators; state staff).</summary>
    public static readonly AccessRule ConveningFacilitator = new("convening-facilitator", false, async c =>
    {
        var convening = await c.Grains.GetGrain<IConveningGrain>(c.Key("conveningId")).TryGet();
        return convening is null ? c.Caller.IsTenantPerson : c.Caller.CanFacilitate(convening.OwnerKind, convening.OwnerId);
    });
}

internal static class AccessRuleExtensions
{
    /// <summary>Names who may call the endpoint; see <see cref="AccessRule"/>.</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, AccessRule rule)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(rule);
}
