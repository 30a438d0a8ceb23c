using LbcCommunity.Contracts;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Organization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary><c>/api/tenants/{tenantId}/regions</c>: the regions of a state.</summary>
internal static class RegionsEndpoints
{
    public static void MapRegions(this RouteGroupBuilder tenant)
    {
        var regions = tenant.MapGroup("/regions").WithTags("Regions");

        regions.MapGet("/", async Task<Ok<IReadOnlyList<Region>>> (string tenantId, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<ITenantGrain>(tenantId).ListRegions()))
        .WithName("ListRegions")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("List the regions of a tenant.");

        regions.MapPost("/", async Task<Created<Region>> (string tenantId, RegionDraft draft, IGrainFactory grains) =>
        {
            OrganizationRules.Validate(draft);
            var region = await grains.GetGrain<ITenantGrain>(tenantId).AddRegion(draft);
            return TypedResults.Created($"/api/tenants/{tenantId}/regions/{region.Id}", region);
        })
        .WithName("CreateRegion")
        .RequireAccess(AccessRule.StateAdmin)
        .WithSummary("Add a region.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict);

        regions.MapGet("/{regionId}", async Task<Ok<Region>> (string tenantId, string regionId, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<ITenantGrain>(tenantId).GetRegion(regionId)))
        .WithName("GetRegion")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Read a region.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        regions.MapPut("/{regionId}", async Task<Ok<Region>> (string tenantId, string regionId, RegionDraft draft, IGrainFactory grains) =>
        {
            OrganizationRules.Validate(draft);
            return TypedResults.Ok(await grains.GetGrain<ITenantGrain>(tenantId).UpdateRegion(regionId, draft));
        })
        .WithName("UpdateRegion")
        .RequireAccess(AccessRule.StateAdmin)
        .WithSummary("Rename or redescribe a region.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
