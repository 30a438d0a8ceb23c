using LbcCommunity.Contracts;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Organization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary><c>/api/tenants/{tenantId}/districts</c>: the school districts of a state.</summary>
internal static class DistrictsEndpoints
{
    public static void MapDistricts(this RouteGroupBuilder tenant)
    {
        var districts = tenant.MapGroup("/districts").WithTags("Districts");

        districts.MapGet("/", async Task<Ok<IReadOnlyList<District>>> (string tenantId, string? regionId, IGrainFactory grains) =>
        {
            await ApiRoutes.RequireQueriedRegion(grains, tenantId, regionId);
            var all = await grains.GetGrain<ITenantGrain>(tenantId).ListDistricts();
            return TypedResults.Ok<IReadOnlyList<District>>(regionId is null ? all : [.. all.Where(d => d.RegionId == regionId)]);
        })
        .WithName("ListDistricts")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("List the districts of a tenant, optionally of one region.")
        .ProducesValidationProblem();

        districts.MapPost("/", async Task<Created<District>> (string tenantId, DistrictDraft draft, IGrainFactory grains) =>
        {
            OrganizationRules.Validate(draft);
            var district = await grains.GetGrain<ITenantGrain>(tenantId).AddDistrict(draft);
            return TypedResults.Created($"/api/tenants/{tenantId}/districts/{district.Id}", district);
        })
        .WithName("CreateDistrict")
        .RequireAccess(AccessRule.StateAdmin)
        .WithSummary("Add a district in one of the tenant's regions.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict);

        districts.MapGet("/{districtId}", async Task<Ok<District>> (string tenantId, string districtId, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<ITenantGrain>(tenantId).GetDistrict(districtId)))
        .WithName("GetDistrict")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Read a district.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        districts.MapPut("/{districtId}", async Task<Ok<District>> (string tenantId, string districtId, DistrictDraft draft, IGrainFactory grains) =>
        {
            OrganizationRules.Validate(draft);
            return TypedResults.Ok(await grains.GetGrain<ITenantGrain>(tenantId).UpdateDistrict(districtId, draft));
        })
        .WithName("UpdateDistrict")
        .RequireAccess(AccessRule.StateAdmin)
        .WithSummary("Rename a district (its region is fixed).")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
