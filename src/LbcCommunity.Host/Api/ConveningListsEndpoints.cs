using LbcCommunity.Access;
using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Host.Api.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary>
/// The lists of convenings: a team's, a community's, an initiative's (each kept by the owner's
/// <see cref="IConveningIndexGrain"/>), and the caller's own across their grants ("my convenings").
/// </summary>
internal static class ConveningListsEndpoints
{
    public static void MapConveningLists(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/teams/{teamId}/convenings", async Task<Ok<IReadOnlyList<ConveningListing>>> (string tenantId, string teamId, ConveningStatus? status, IGrainFactory grains) =>
        {
            ApiRoutes.Found(await grains.GetGrain<ITeamGrain>(ApiRoutes.Key(tenantId, teamId)).TryGet(), "Team", teamId);
            return TypedResults.Ok(await List(grains, tenantId, ConveningOwnerKind.Team, teamId, status));
        })
        .WithTags("Convenings")
        .WithName("ListTeamConvenings")
        .RequireAccess(AccessRule.TeamReader)
        .WithSummary("The team's convenings: live first, then planned by start, then ended, newest first (?status=Planned|Live|Ended).")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        tenant.MapGet("/communities/{communityId}/convenings", async Task<Ok<IReadOnlyList<ConveningListing>>> (string tenantId, string communityId, ConveningStatus? status, IGrainFactory grains) =>
        {
            ApiRoutes.Found(await grains.GetGrain<ICommunityGrain>(ApiRoutes.Key(tenantId, communityId)).TryGet(), "Community", communityId);
            return TypedResults.Ok(await List(grains, tenantId, ConveningOwnerKind.Community, communityId, status));
        })
        .WithTags("Convenings")
        .WithName("ListCommunityConvenings")
        .RequireAccess(AccessRule.CommunityReader)
        .WithSummary("The community of practice's convenings, in the order of a team's (?status=Planned|Live|Ended).")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        tenant.MapGet("/initiatives/{initiativeId}/convenings", async Task<Ok<IReadOnlyList<ConveningListing>>> (string tenantId, string initiativeId, ConveningStatus? status, IGrainFactory grains) =>
        {
            ApiRoutes.Found(await grains.GetGrain<IInitiativeGrain>(ApiRoutes.Key(tenantId, initiativeId)).TryGet(), "Initiative", initiativeId);
            return TypedResults.Ok(await List(grains, tenantId, ConveningOwnerKind.Initiative, initiativeId, status));
        })
        .WithTags("Convenings")
        .WithName("ListInitiativeConvenings")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("The convenings of a whole initiative (statewide learning days), which everyone of the tenant may join.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        tenant.MapGet("/me/convenings", async Task<Ok<IReadOnlyList<ConveningListing>>> (string tenantId, ConveningStatus? status, IGrainFactory grains, HttpContext http) =>
        {
            var owners = await OwnersOf(http.Caller(), grains, tenantId);
            var lists = await Task.WhenAll(owners.Select(o => List(grains, tenantId, o.Kind, o.Id, status)));
            return TypedResults.Ok<IReadOnlyList<ConveningListing>>([.. lists.SelectMany(l => l).DistinctBy(l => l.Id).InListOrder()]);
        })
        .WithTags("Convenings")
        .WithName("ListMyConvenings")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("The caller's convenings: those of the teams and communities they facilitate or belong to, and of the initiatives they take part in.")
        .ProducesValidationProblem();
    }

    private static Task<IReadOnlyList<ConveningListing>> List(IGrainFactory grains, string tenantId, ConveningOwnerKind kind, string ownerId, ConveningStatus? status) =>
        grains.GetGrain<IConveningIndexGrain>(IConveningIndexGrain.KeyOf(tenantId, kind, ownerId)).List(status);

    /// <summary>
    /// Whose convenings are the caller's: their teams and communities (by grant), the initiatives of their teams, and
    /// every initiative for state staff and coordinators, who join statewide days as state staff. State staff are not
    /// given every team's convenings: theirs is the initiatives' list; a team's list is one call away.
    /// </summary>
    private static async Task<IReadOnlyList<(ConveningOwnerKind Kind, string Id)>> OwnersOf(Caller caller, IGrainFactory grains, string tenantId)
    {
        var owners = new List<(ConveningOwnerKind Kind, string Id)>();
        var teamIds = caller.Grants.Where(g => g.Role is AccessRole.TeamFacilitator or AccessRole.TeamMember && g.ScopeId is not null).Select(g => g.ScopeId!).Distinct().ToList();
        owners.AddRange(teamIds.Select(id => (ConveningOwnerKind.Team, id)));
        owners.AddRange(caller.Grants.Where(g => g.Role is AccessRole.CommunityFacilitator or AccessRole.CommunityMember && g.ScopeId is not null)
            .Select(g => (ConveningOwnerKind.Community, g.ScopeId!)));
        var initiativeIds = caller.IsStateAdmin || caller.Has(AccessRole.RegionalCoordinator)
            ? await grains.GetGrain<ITenantGrain>(tenantId).ListInitiativeIds()
            : [.. (await Task.WhenAll(teamIds.Select(id => grains.GetGrain<ITeamGrain>(ApiRoutes.Key(tenantId, id)).TryGet()))).OfType<Organization.Team>().Select(t => t.InitiativeId)];
        owners.AddRange(initiativeIds.Select(id => (ConveningOwnerKind.Initiative, id)));
        return [.. owners.Distinct()];
    }
}
