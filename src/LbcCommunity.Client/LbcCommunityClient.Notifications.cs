using System.Globalization;
using LbcCommunity.Notifications;

namespace LbcCommunity.Client;

/// <summary>The caller's follows, notifications and preferences (docs/api.md, "Follows and notifications").</summary>
public sealed partial class LbcCommunityClient
{
    public Task<IReadOnlyList<Follow>> ListMyFollowsAsync(string tenantId, CancellationToken ct = default) =>
        Send<IReadOnlyList<Follow>>(HttpMethod.Get, $"{Tenant(tenantId)}/me/follows", null, ct);

    public Task<Follow> FollowAsync(string tenantId, FollowKind kind, string id, CancellationToken ct = default) =>
        Send<Follow>(HttpMethod.Put, FollowPath(tenantId, kind, id), null, ct);

    public Task UnfollowAsync(string tenantId, FollowKind kind, string id, CancellationToken ct = default) =>
        Send<object>(HttpMethod.Delete, FollowPath(tenantId, kind, id), null, ct);

    /// <summary>A page of the caller's inbox, newest first; pass a page's <see cref="NotificationPage.NextBefore"/> for the next.</summary>
    public Task<NotificationPage> ListMyNotificationsAsync(string tenantId, int? limit = null, long? before = null, CancellationToken ct = default)
    {
        var query = string.Join('&', new[]
        {
            limit is null ? null : "limit=" + limit.Value.ToString(CultureInfo.InvariantCulture),
            before is null ? null : "before=" + before.Value.ToString(CultureInfo.InvariantCulture),
        }.OfType<string>());
        return Send<NotificationPage>(HttpMethod.Get, $"{Tenant(tenantId)}/me/notifications{(query.Length == 0 ? null : "?" + query)}", null, ct);
    }

    public Task<Notification> MarkNotificationReadAsync(string tenantId, long notificationId, CancellationToken ct = default) =>
        Send<Notification>(HttpMethod.Post, $"{Tenant(tenantId)}/me/notifications/{notificationId.ToString(CultureInfo.InvariantCulture)}/read", null, ct);

    public Task<MarkedRead> MarkAllNotificationsReadAsync(string tenantId, CancellationToken ct = default) =>
        Send<MarkedRead>(HttpMethod.Post, $"{Tenant(tenantId)}/me/notifications/read", null, ct);

    public Task<PreferencesView> GetMyPreferencesAsync(string tenantId, CancellationToken ct = default) =>
        Send<PreferencesView>(HttpMethod.Get, $"{Tenant(tenantId)}/me/preferences", null, ct);

    public Task<PreferencesView> SetMyPreferencesAsync(string tenantId, NotificationPreferencesDraft preferences, CancellationToken ct = default) =>
        Send<PreferencesView>(HttpMethod.Put, $"{Tenant(tenantId)}/me/preferences", preferences, ct);

    private static string FollowPath(string tenantId, FollowKind kind, string id) =>
        $"{Tenant(tenantId)}/me/follows/{(kind == FollowKind.Community ? "communities" : "tags")}/{Esc(id)}";
}
