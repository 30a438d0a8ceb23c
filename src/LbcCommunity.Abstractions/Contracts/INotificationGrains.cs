using LbcCommunity.Notifications;
using LbcCommunity.Stories;
using Orleans.Concurrency;

namespace LbcCommunity.Contracts;

/// <summary>
/// The people who follow one community or tag, for the tenant's activity grain to tell. Keyed
/// <c>{tenant}/community/{communityId}</c> or <c>{tenant}/tag/{tag}</c> (<see cref="NotificationKeys.Followers"/>). An index only: the person's
/// own grain (<see cref="IPersonNotificationsGrain"/>) is the source of truth and refuses what it does not follow.
/// </summary>
public interface IFollowersGrain : IGrainWithStringKey
{
    Task Add(string personId);

    Task Remove(string personId);

    [AlwaysInterleave]
    Task<IReadOnlyList<string>> List();
}

/// <summary>
/// One person's side of the conversation: what they follow, their inbox of notifications (the newest
/// <see cref="NotificationRules.InboxCapacity"/>), their preferences and their daily e-mail digest (an Orleans reminder
/// checks it; the domain clock says when it is due). Keyed <c>{tenant}/{personId}</c>.
/// </summary>
public interface IPersonNotificationsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Follows a community (which must exist, and which the person must be allowed to read) or a tag (any lower-case
    /// slug: a tag reveals nothing). Following again changes nothing but repairs the followers' index.
    /// </summary>
    Task<Follow> Follow(FollowKind kind, string id);

    /// <summary>Stops following; unknown follows are fine (nothing changes).</summary>
    Task Unfollow(FollowKind kind, string id);

    [AlwaysInterleave]
    Task<IReadOnlyList<Follow>> ListFollows();

    /// <summary>
    /// Puts an activity in the inbox, once per activity id; refuses (false) one that the person no longer follows the
    /// reason of. True when it was added now.
    /// </summary>
    Task<bool> Deliver(StoryActivity activity, Recipient recipient, string communityName);

    /// <summary>Puts an action plan's reminder in the inbox, once per <see cref="ActionNotice.Key"/>. True when it was added now.</summary>
    Task<bool> DeliverActionNotice(ActionNotice notice);

    /// <summary>A page of the inbox, newest first, older than <paramref name="before"/> when given.</summary>
    Task<NotificationPage> GetNotifications(int limit, long? before);

    /// <summary>Marks one notification read (404 when the inbox does not hold it).</summary>
    Task<Notification> MarkRead(long notificationId);

    /// <summary>Marks every notification read; answers how many were unread.</summary>
    Task<int> MarkAllRead();

    Task<NotificationPreferences> GetPreferences();

    Task<NotificationPreferences> SetPreferences(NotificationPreferences preferences);

    /// <summary>Turns the daily digest off (the one-click unsubscribe), keeping the other preferences.</summary>
    Task TurnDigestOff();

    Task<DigestStatus> GetDigestStatus();

    /// <summary>
    /// Sends the digest when it is due and there is something new, through SMTP; items are marked sent only once the
    /// server took the message. The digest reminder calls this; so may an operator or a test.
    /// </summary>
    Task<DigestOutcome> SendDigestIfDue();
}
