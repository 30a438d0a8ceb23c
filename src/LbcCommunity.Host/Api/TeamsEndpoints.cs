using LbcCommunity.Contracts;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Organization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary><c>/api/tenants/{tenantId}/teams/{teamId}</c>: a district team and its members. Teams are enrolled through their initiative.</summary>
internal static class TeamsEndpoints
{
    public static void MapTeams(this RouteGroupBuilder tenant)
    {
        var team = tenant.MapGroup("/teams/{teamId}").WithTags("Teams");

        team.MapGet("/", async Task<Ok<Team>> (string tenantId, string teamId, IGrainFactory grains) =>
            TypedResults.Ok(ApiRoutes.Found(await Team(grains, tenantId, teamId).TryGet(), "Team", teamId)))
        .WithName("GetTeam")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Read a district team.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        team.MapPut("/", async Task<Ok<Team>> (string tenantId, string teamId, TeamDraft draft, IGrainFactory grains) =>
        {
            OrganizationRules.Validate(draft);
            return TypedResults.Ok(await Team(grains, tenantId, teamId).Update(draft));
        })
        .WithName("UpdateTeam")
        .RequireAccess(AccessRule.TeamFacilitator)
        .WithSummary("Rename or redescribe a district team (its district is fixed).")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        team.MapMembers("Team", (grains, route) => Team(grains, (string)route["tenantId"]!, (string)route["teamId"]!), AccessRule.TeamReader, AccessRule.TeamFacilitator);
    }

    private static ITeamGrain Team(IGrainFactory grains, string tenantId, string teamId) =>
        grains.GetGrain<ITeamGrain>(ApiRoutes.Key(tenantId, teamId));
}
