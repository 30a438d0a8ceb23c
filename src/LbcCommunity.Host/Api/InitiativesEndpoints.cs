using LbcCommunity.Contracts;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Organization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary><c>/api/tenants/{tenantId}/initiatives</c>: a state's SPDG initiatives and their district teams.</summary>
internal static class InitiativesEndpoints
{
    public static void MapInitiatives(this RouteGroupBuilder tenant)
    {
        var initiatives = tenant.MapGroup("/initiatives").WithTags("Initiatives");

        initiatives.MapGet("/", async Task<Ok<IReadOnlyList<Initiative>>> (string tenantId, IGrainFactory grains) =>
        {
            var ids = await grains.GetGrain<ITenantGrain>(tenantId).ListInitiativeIds();
            return TypedResults.Ok(await ApiRoutes.Collect(ids, id => Initiative(grains, tenantId, id).TryGet()));
        })
        .WithName("ListInitiatives")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("List the initiatives of a tenant.");

        initiatives.MapPost("/", async Task<Created<Initiative>> (string tenantId, InitiativeDraft draft, IGrainFactory grains) =>
        {
            OrganizationRules.Validate(draft);
            var initiative = await grains.GetGrain<ITenantGrain>(tenantId).StartInitiative(draft);
            return TypedResults.Created($"/api/tenants/{tenantId}/initiatives/{initiative.Id}", initiative);
        })
        .WithName("CreateInitiative")
        .RequireAccess(AccessRule.StateAdmin)
        .WithSummary("Start an initiative; it rates against the newest rubric version unless one is named.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict);

        var initiative = initiatives.MapGroup("/{initiativeId}");

        initiative.MapGet("/", async Task<Ok<Initiative>> (string tenantId, string initiativeId, IGrainFactory grains) =>
            TypedResults.Ok(ApiRoutes.Found(await Initiative(grains, tenantId, initiativeId).TryGet(), "Initiative", initiativeId)))
        .WithName("GetInitiative")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Read an initiative.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        initiative.MapPut("/", async Task<Ok<Initiative>> (string tenantId, string initiativeId, InitiativeDraft draft, IGrainFactory grains) =>
        {
            OrganizationRules.Validate(draft);
            return TypedResults.Ok(await Initiative(grains, tenantId, initiativeId).Update(draft));
        })
        .WithName("UpdateInitiative")
        .RequireAccess(AccessRule.StateAdmin)
        .WithSummary("Change an initiative's name, description, funding source or rubric version.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        initiative.MapGet("/teams", async Task<Ok<IReadOnlyList<Team>>> (string tenantId, string initiativeId, string? regionId, IGrainFactory grains) =>
        {
            var ids = await Initiative(grains, tenantId, initiativeId).ListTeamIds();
            await ApiRoutes.RequireQueriedRegion(grains, tenantId, regionId);
            var teams = await ApiRoutes.Collect(ids, id => grains.GetGrain<ITeamGrain>(ApiRoutes.Key(tenantId, id)).TryGet());
            return TypedResults.Ok<IReadOnlyList<Team>>(regionId is null ? teams : [.. teams.Where(t => t.RegionId == regionId)]);
        })
        .WithName("ListTeams")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("List the district teams of an initiative, optionally of one region.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        initiative.MapPost("/teams", async Task<Created<Team>> (string tenantId, string initiativeId, TeamDraft draft, IGrainFactory grains) =>
        {
            OrganizationRules.Validate(draft);
            var team = await Initiative(grains, tenantId, initiativeId).EnrolTeam(draft);
            return TypedResults.Created($"/api/tenants/{tenantId}/teams/{team.Id}", team);
        })
        .WithName("CreateTeam")
        .RequireAccess(AccessRule.StateAdmin)
        .WithSummary("Enrol a district team in an initiative.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static IInitiativeGrain Initiative(IGrainFactory grains, string tenantId, string initiativeId) =>
        grains.GetGrain<IInitiativeGrain>(ApiRoutes.Key(tenantId, initiativeId));
}
