using LbcCommunity.Contracts;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Ratings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary><c>/api/tenants/{tenantId}/teams/{teamId}/perception</c>: the members' own ratings against the team's consensus.</summary>
internal static class PerceptionEndpoints
{
    public static void MapPerception(this RouteGroupBuilder tenant) =>
        tenant.MapGet("/teams/{teamId}/perception", async Task<Ok<TeamPerception>> (string tenantId, string teamId, IGrainFactory grains) =>
        {
            // Computed on reading from the team's own record (its ratings and roster): nothing to keep in step.
            var team = grains.GetGrain<ITeamGrain>(ApiRoutes.Key(tenantId, teamId));
            ApiRoutes.Found(await team.TryGet(), "Team", teamId);
            var ratings = team.ListRatings(kind: null);
            var roster = team.ListMembers();
            return TypedResults.Ok(PerceptionGap.Of(teamId, await ratings, await roster));
        })
        .WithTags("Ratings")
        .WithName("GetTeamPerception")
        .RequireAccess(AccessRule.TeamReader)
        .WithSummary("Per row, the members' latest own ratings against the latest consensus: all members, families against staff, and by stakeholder role.")
        .ProducesProblem(StatusCodes.Status404NotFound);
}
