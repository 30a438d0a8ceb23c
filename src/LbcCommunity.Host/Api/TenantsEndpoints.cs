using LbcCommunity.Contracts;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary><c>/api/tenants</c>: the states on the platform.</summary>
internal static class TenantsEndpoints
{
    public static void MapTenants(this IEndpointRouteBuilder api)
    {
        var tenants = api.MapGroup("/tenants").WithTags("Tenants");

        tenants.MapPost("/", async Task<Created<Tenant>> (TenantDraft draft, IGrainFactory grains) =>
        {
            OrganizationRules.Validate(draft, creating: true);
            TenantScope.EnterPlatform();
            // The id is listed first so a tenant never exists without being listed (see TenantGrain.Reserve).
            await grains.GetGrain<IPlatformDirectoryGrain>(IPlatformDirectoryGrain.Key).Add(draft.Id!);
            var tenant = await grains.GetGrain<ITenantGrain>(draft.Id!).Create(draft);
            return TypedResults.Created($"/api/tenants/{tenant.Id}", tenant);
        })
        .WithName("CreateTenant")
        .RequireAccess(AccessRule.PlatformOperator)
        .WithSummary("Set up a tenant (a state agency); publishes the default rubric as its version 1.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict);

        tenants.MapGet("/", async Task<Ok<IReadOnlyList<Tenant>>> (IGrainFactory grains) =>
        {
            TenantScope.EnterPlatform();
            var ids = await grains.GetGrain<IPlatformDirectoryGrain>(IPlatformDirectoryGrain.Key).List();
            return TypedResults.Ok(await ApiRoutes.Collect(ids, id => grains.GetGrain<ITenantGrain>(id).TryGet()));
        })
        .WithName("ListTenants")
        .RequireAccess(AccessRule.PlatformOperator)
        .WithSummary("List the tenants of the platform.");

        var tenant = tenants.MapGroup("/{tenantId}");

        tenant.MapGet("/", async Task<Ok<Tenant>> (string tenantId, IGrainFactory grains) =>
            TypedResults.Ok(ApiRoutes.Found(await grains.GetGrain<ITenantGrain>(tenantId).TryGet(), "Tenant", tenantId)))
        .WithName("GetTenant")
        .RequireAccess(AccessRule.TenantSetup)
        .WithSummary("Read a tenant.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        tenant.MapPut("/", async Task<Ok<Tenant>> (string tenantId, TenantDraft draft, IGrainFactory grains) =>
        {
            OrganizationRules.Validate(draft, creating: false);
            return TypedResults.Ok(await grains.GetGrain<ITenantGrain>(tenantId).Update(draft));
        })
        .WithName("UpdateTenant")
        .RequireAccess(AccessRule.TenantSetup)
        .WithSummary("Change a tenant's name, state code, level threshold or fiscal year start month.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
