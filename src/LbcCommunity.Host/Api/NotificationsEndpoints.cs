using LbcCommunity.Host.Api.Access;
using LbcCommunity.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary><c>/api/tenants/{tenantId}/me/notifications</c> and <c>…/me/preferences</c>: the caller's inbox and choices.</summary>
internal static class NotificationsEndpoints
{
    public static void MapMyNotifications(this RouteGroupBuilder tenant)
    {
        var me = tenant.MapGroup("/me").WithTags("Follows and notifications");

        me.MapGet("/notifications", async Task<Ok<NotificationPage>> (string tenantId, int? limit, long? before, HttpContext http, IGrainFactory grains) =>
        {
            NotificationRules.ValidatePage(limit, before);
            return TypedResults.Ok(await FollowsEndpoints.Mine(grains, tenantId, http).GetNotifications(limit ?? NotificationRules.DefaultPageSize, before));
        })
        .WithName("ListMyNotifications")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("The caller's notifications, newest first (?limit=1–100, default 20; ?before= the page's nextBefore), with the unread count.")
        .ProducesValidationProblem();

        me.MapPost("/notifications/{notificationId:long}/read", async Task<Ok<Notification>> (string tenantId, long notificationId, HttpContext http, IGrainFactory grains) =>
            TypedResults.Ok(await FollowsEndpoints.Mine(grains, tenantId, http).MarkRead(notificationId)))
        .WithName("MarkNotificationRead")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Mark one notification read.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        me.MapPost("/notifications/read", async Task<Ok<MarkedRead>> (string tenantId, HttpContext http, IGrainFactory grains) =>
            TypedResults.Ok(new MarkedRead { Count = await FollowsEndpoints.Mine(grains, tenantId, http).MarkAllRead() }))
        .WithName("MarkAllNotificationsRead")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Mark every notification read; answers how many were unread.");

        me.MapGet("/preferences", async Task<Ok<PreferencesView>> (string tenantId, HttpContext http, IGrainFactory grains) =>
            TypedResults.Ok(await View(FollowsEndpoints.Mine(grains, tenantId, http))))
        .WithName("GetMyPreferences")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("The caller's e-mail language and daily digest switch, and where their digest stands.");

        me.MapPut("/preferences", async Task<Ok<PreferencesView>> (string tenantId, NotificationPreferencesDraft draft, HttpContext http, IGrainFactory grains) =>
        {
            var preferences = NotificationRules.Validate(draft);
            var mine = FollowsEndpoints.Mine(grains, tenantId, http);
            await mine.SetPreferences(preferences);
            return TypedResults.Ok(await View(mine));
        })
        .WithName("SetMyPreferences")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Set the e-mail language (en, es) and whether the daily digest is sent (both required).")
        .ProducesValidationProblem();
    }

    private static async Task<PreferencesView> View(Contracts.IPersonNotificationsGrain mine)
    {
        var preferences = await mine.GetPreferences();
        return new PreferencesView { Language = preferences.Language, DigestEnabled = preferences.DigestEnabled, Digest = await mine.GetDigestStatus() };
    }
}
