using LbcCommunity.Contracts;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary>
/// <c>/api/tenants/{tenantId}/me/follows</c>: the communities of practice and tags the caller follows. A community only
/// its readers may follow (the rule, and the person's grain again); a tag anyone of the tenant (a tag reveals nothing:
/// only stories the person may read ever reach them).
/// </summary>
internal static class FollowsEndpoints
{
    public static void MapMyFollows(this RouteGroupBuilder tenant)
    {
        var follows = tenant.MapGroup("/me/follows").WithTags("Follows and notifications");

        follows.MapGet("/", async Task<Ok<IReadOnlyList<Follow>>> (string tenantId, HttpContext http, IGrainFactory grains) =>
            TypedResults.Ok(await Mine(grains, tenantId, http).ListFollows()))
        .WithName("ListMyFollows")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("What the caller follows: communities first, then tags, each by id.");

        follows.MapPut("/communities/{communityId}", async Task<Ok<Follow>> (string tenantId, string communityId, HttpContext http, IGrainFactory grains) =>
            TypedResults.Ok(await Mine(grains, tenantId, http).Follow(FollowKind.Community, communityId)))
        .WithName("FollowCommunity")
        .RequireAccess(AccessRule.CommunityReader)
        .WithSummary("Follow a community of practice one may read: its published stories and their comments reach the inbox and the daily digest.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        follows.MapDelete("/communities/{communityId}", async Task<NoContent> (string tenantId, string communityId, HttpContext http, IGrainFactory grains) =>
        {
            await Mine(grains, tenantId, http).Unfollow(FollowKind.Community, communityId);
            return TypedResults.NoContent();
        })
        .WithName("UnfollowCommunity")
        // Anyone may stop following, also after leaving the community.
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Stop following a community (nothing happens when one did not follow it).");

        follows.MapPut("/tags/{tag}", async Task<Ok<Follow>> (string tenantId, string tag, HttpContext http, IGrainFactory grains) =>
        {
            NotificationRules.ValidateTag(tag);
            return TypedResults.Ok(await Mine(grains, tenantId, http).Follow(FollowKind.Tag, tag));
        })
        .WithName("FollowTag")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Follow a tag (a lower-case slug): published stories with it that one may read reach the inbox and the daily digest.")
        .ProducesValidationProblem();

        follows.MapDelete("/tags/{tag}", async Task<NoContent> (string tenantId, string tag, HttpContext http, IGrainFactory grains) =>
        {
            NotificationRules.ValidateTag(tag);
            await Mine(grains, tenantId, http).Unfollow(FollowKind.Tag, tag);
            return TypedResults.NoContent();
        })
        .WithName("UnfollowTag")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Stop following a tag.")
        .ProducesValidationProblem();
    }

    /// <summary>The caller's own notifications grain: the token's subject is the person.</summary>
    public static IPersonNotificationsGrain Mine(IGrainFactory grains, string tenantId, HttpContext http) =>
        grains.GetGrain<IPersonNotificationsGrain>(NotificationKeys.Person(tenantId, http.Caller().Subject));
}
