using LbcCommunity.Contracts;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Host.Hosting;
using LbcCommunity.Rubrics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary><c>/api/tenants/{tenantId}/rubrics</c>: the published versions of a tenant's depth-of-interaction rubric.</summary>
internal static class RubricsEndpoints
{
    public static void MapRubrics(this RouteGroupBuilder tenant)
    {
        var rubrics = tenant.MapGroup("/rubrics").WithTags("Rubrics");

        rubrics.MapGet("/", async Task<Ok<IReadOnlyList<RubricVersionSummary>>> (string tenantId, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<IRubricCatalogGrain>(tenantId).List()))
        .WithName("ListRubricVersions")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("List the published rubric versions; version 1 is the default Leading by Convening rubric.");

        rubrics.MapPost("/", async Task<Created<RubricVersion>> (string tenantId, RubricDraft draft, IGrainFactory grains) =>
        {
            _ = RubricRules.ToRows(draft);
            var version = await grains.GetGrain<IRubricCatalogGrain>(tenantId).Publish(draft);
            return TypedResults.Created($"/api/tenants/{tenantId}/rubrics/{version.Version}", version);
        })
        .WithName("PublishRubricVersion")
        .RequireAccess(AccessRule.StateAdmin)
        .WithSummary("Publish a new rubric version (rows, wording, translations). Published versions never change.")
        .WithBodyLimit(RequestLimits.RubricBodyBytes)
        .ProducesValidationProblem();

        rubrics.MapGet("/{version:int}", async Task<Ok<RubricVersion>> (string tenantId, int version, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<IRubricCatalogGrain>(tenantId).GetVersion(version)))
        .WithName("GetRubricVersion")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Read a published rubric version with all its rows and cells.")
        .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
