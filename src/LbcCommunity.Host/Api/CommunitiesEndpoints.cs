using LbcCommunity.Contracts;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Organization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary><c>/api/tenants/{tenantId}/communities</c>: communities of practice and their members.</summary>
internal static class CommunitiesEndpoints
{
    public static void MapCommunities(this RouteGroupBuilder tenant)
    {
        var communities = tenant.MapGroup("/communities").WithTags("Communities of practice");

        communities.MapGet("/", async Task<Ok<IReadOnlyList<CommunityOfPractice>>> (string tenantId, IGrainFactory grains) =>
        {
            var ids = await grains.GetGrain<ITenantGrain>(tenantId).ListCommunityIds();
            return TypedResults.Ok(await ApiRoutes.Collect(ids, id => Community(grains, tenantId, id).TryGet()));
        })
        .WithName("ListCommunities")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("List the communities of practice of a tenant.");

        communities.MapPost("/", async Task<Created<CommunityOfPractice>> (string tenantId, CommunityDraft draft, IGrainFactory grains) =>
        {
            OrganizationRules.Validate(draft);
            var community = await grains.GetGrain<ITenantGrain>(tenantId).StartCommunity(draft);
            return TypedResults.Created($"/api/tenants/{tenantId}/communities/{community.Id}", community);
        })
        .WithName("CreateCommunity")
        .RequireAccess(AccessRule.StateAdmin)
        .WithSummary("Start a community of practice.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict);

        var community = communities.MapGroup("/{communityId}");

        community.MapGet("/", async Task<Ok<CommunityOfPractice>> (string tenantId, string communityId, IGrainFactory grains) =>
            TypedResults.Ok(ApiRoutes.Found(await Community(grains, tenantId, communityId).TryGet(), "Community of practice", communityId)))
        .WithName("GetCommunity")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Read a community of practice.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        community.MapPut("/", async Task<Ok<CommunityOfPractice>> (string tenantId, string communityId, CommunityDraft draft, IGrainFactory grains) =>
        {
            OrganizationRules.Validate(draft);
            return TypedResults.Ok(await Community(grains, tenantId, communityId).Update(draft));
        })
        .WithName("UpdateCommunity")
        .RequireAccess(AccessRule.CommunityFacilitator)
        .WithSummary("Change a community of practice's name, description or focus.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        community.MapMembers("Community", (grains, route) => Community(grains, (string)route["tenantId"]!, (string)route["communityId"]!), AccessRule.CommunityReader, AccessRule.CommunityFacilitator);
    }

    private static ICommunityGrain Community(IGrainFactory grains, string tenantId, string communityId) =>
        grains.GetGrain<ICommunityGrain>(ApiRoutes.Key(tenantId, communityId));
}
