using LbcCommunity.Tenancy;

namespace LbcCommunity.Notifications;

/// <summary>The grain keys of the notification grains.</summary>
public static class NotificationKeys
{
    /// <summary>The followers of a community or tag: <c>{tenant}/community/{id}</c>, <c>{tenant}/tag/{tag}</c>.</summary>
    public static string Followers(string tenantId, FollowKind kind, string id) =>
        GrainKeys.Of(tenantId, kind == FollowKind.Community ? "community" : "tag", id);

    /// <summary>A person's notifications: <c>{tenant}/{personId}</c>.</summary>
    public static string Person(string tenantId, string personId) => GrainKeys.Of(tenantId, personId);
}
