using LbcCommunity.Access;
using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Notifications;
using LbcCommunity.Stories;
using LbcCommunity.Tenancy;
using LbcCommunity.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LbcCommunity.Grains.Notifications;

[GenerateSerializer]
internal sealed class PersonNotificationsState
{
    [Id(0)] public List<Follow> Follows { get; set; } = [];

    [Id(1)] public NotificationPreferences Preferences { get; set; } = new();

    /// <summary>Oldest first, at most <see cref="NotificationRules.InboxCapacity"/>.</summary>
    [Id(2)] public List<Notification> Inbox { get; set; } = [];

    [Id(3)] public long LastNotificationId { get; set; }

    /// <summary>The activity ids delivered lately, oldest first (more than the inbox holds), so none is told twice.</summary>
    [Id(4)] public List<string> RecentActivityIds { get; set; } = [];

    /// <summary>Notifications up to this id were in a digest (or were not to be: read, or arrived while it was off).</summary>
    [Id(5)] public long DigestedThrough { get; set; }

    [Id(6)] public DateTimeOffset? LastDigestAt { get; set; }

    /// <summary>When the oldest notification waiting for a digest arrived; <c>null</c> when none waits.</summary>
    [Id(7)] public DateTimeOffset? PendingSince { get; set; }

    [Id(8)] public string? LastDigestError { get; set; }

    [Id(9)] public DateTimeOffset? LastDigestErrorAt { get; set; }
}

/// <summary>A person's follows, inbox, preferences and daily digest (<see cref="IPersonNotificationsGrain"/>).</summary>
internal sealed partial class PersonNotificationsGrain(
    [PersistentState("notifications", StorageNames.Grains)] IPersistentState<PersonNotificationsState> state,
    IGrainFactory grains,
    IDigestMailer mailer,
    IOptions<NotificationOptions> options,
    ILogger<PersonNotificationsGrain> logger,
    [FromKeyedServices(DomainClock.Key)] TimeProvider time) : PersistentGrain<PersonNotificationsState>(state), IPersonNotificationsGrain, IRemindable
{
    /// <summary>Activity ids remembered beyond the inbox, against a late second delivery.</summary>
    private const int RememberedActivities = 500;

    private string Key => field ??= this.GetPrimaryKeyString();

    private string TenantId => GrainKeys.TenantOf(Key);

    private string PersonId => GrainKeys.LocalIdOf(Key);

    public async Task<Follow> Follow(FollowKind kind, string id)
    {
        var field = FieldOf(kind);
        if (kind == FollowKind.Tag)
        {
            NotificationRules.ValidateTag(id, field);
        }
        else
        {
            new Validator().Slug(field, id).ThrowIfInvalid();
            await RequireReadableCommunity(id);
        }

        var existing = State.Follows.Find(f => f.Kind == kind && f.Id == id);
        if (existing is null && State.Follows.Count >= NotificationRules.MaxFollows)
        {
            throw DomainValidationException.For(field, $"A person may follow at most {NotificationRules.MaxFollows} communities and tags; unfollow one first.");
        }

        // The index first: should the person's write then fail, the index names someone who does not follow, and
        // Deliver refuses them; the other way round a follow could be stored that no activity ever reaches.
        await grains.GetGrain<IFollowersGrain>(NotificationKeys.Followers(TenantId, kind, id)).Add(PersonId);
        if (existing is not null)
        {
            return existing;
        }

        var follow = new Follow { Kind = kind, Id = id, FollowedAt = time.GetUtcNow() };
        State.Follows.Add(follow);
        await Save();
        return follow;
    }

    public async Task Unfollow(FollowKind kind, string id)
    {
        var field = FieldOf(kind);
        new Validator().Slug(field, id).ThrowIfInvalid();
        if (State.Follows.RemoveAll(f => f.Kind == kind && f.Id == id) > 0)
        {
            await Save();
        }

        await grains.GetGrain<IFollowersGrain>(NotificationKeys.Followers(TenantId, kind, id)).Remove(PersonId);
    }

    public Task<IReadOnlyList<Follow>> ListFollows() =>
        Task.FromResult<IReadOnlyList<Follow>>([.. State.Follows.OrderBy(f => f.Kind).ThenBy(f => f.Id, StringComparer.Ordinal)]);

    public async Task<bool> Deliver(StoryActivity activity, Recipient recipient, string communityName)
    {
        if (State.RecentActivityIds.Contains(activity.ActivityId) || !StillConcerned(activity, recipient))
        {
            await EnsureDigestReminder();
            return false;
        }

        await Add(new Notification
        {
            Id = 0,
            ActivityId = activity.ActivityId,
            Kind = activity.Kind,
            Reason = recipient.Reason,
            Tag = recipient.Tag,
            StoryId = activity.StoryId,
            StoryTitle = activity.StoryTitle,
            CommunityId = activity.CommunityId,
            CommunityName = communityName,
            ActorDisplayName = activity.ActorDisplayName,
            Excerpt = NotificationRules.Excerpt(activity.Excerpt),
            At = activity.At,
        });
        return true;
    }

    /// <summary>Numbers the notification, keeps it (the newest 100), waits it for the digest, stores, and keeps the reminder.</summary>
    private async Task Add(Notification notification)
    {
        var now = time.GetUtcNow();
        State.Inbox.Add(notification with { Id = ++State.LastNotificationId });
        Trim(State.Inbox, NotificationRules.InboxCapacity);
        State.RecentActivityIds.Add(notification.ActivityId);
        Trim(State.RecentActivityIds, RememberedActivities);
        if (State.Preferences.DigestEnabled)
        {
            State.PendingSince ??= now;
        }
        else
        {
            // What arrives while the digest is off is never mailed later: turning it on starts afresh.
            State.DigestedThrough = State.LastNotificationId;
        }

        await Save();
        await EnsureDigestReminder();
    }

    public async Task<bool> DeliverActionNotice(ActionNotice notice)
    {
        var activityId = $"action/{notice.Key}";
        if (State.RecentActivityIds.Contains(activityId))
        {
            await EnsureDigestReminder();
            return false;
        }

        await Add(new Notification
        {
            Id = 0,
            ActivityId = activityId,
            Kind = notice.Kind == LbcCommunity.ActionPlans.ActionNoticeKind.Overdue ? StoryActivityKind.ActionOverdue : StoryActivityKind.ActionDueSoon,
            Reason = NotificationReason.Participant,
            StoryId = string.Empty,
            StoryTitle = notice.ActionTitle,
            CommunityId = notice.OwnerId,
            CommunityName = notice.OwnerName,
            ActorDisplayName = notice.OwnerName,
            At = notice.At,
            Action = notice,
        });
        return true;
    }

    public Task<NotificationPage> GetNotifications(int limit, long? before)
    {
        NotificationRules.ValidatePage(limit, before);
        var older = State.Inbox.Where(n => before is null || n.Id < before).Reverse().ToList();
        var items = older.Take(limit).ToList();
        return Task.FromResult(new NotificationPage
        {
            UnreadCount = State.Inbox.Count(n => !n.Read),
            Total = State.Inbox.Count,
            Items = items,
            NextBefore = older.Count > limit ? items[^1].Id : null,
        });
    }

    public async Task<Notification> MarkRead(long notificationId)
    {
        var index = State.Inbox.FindIndex(n => n.Id == notificationId);
        if (index < 0)
        {
            throw new EntityNotFoundException("Notification", notificationId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!State.Inbox[index].Read)
        {
            State.Inbox[index] = State.Inbox[index] with { Read = true };
            await Save();
        }

        return State.Inbox[index];
    }

    public async Task<int> MarkAllRead()
    {
        var unread = State.Inbox.Count(n => !n.Read);
        if (unread > 0)
        {
            State.Inbox = [.. State.Inbox.Select(n => n with { Read = true })];
            await Save();
        }

        return unread;
    }

    public Task<NotificationPreferences> GetPreferences() => Task.FromResult(State.Preferences);

    public async Task<NotificationPreferences> SetPreferences(NotificationPreferences preferences)
    {
        _ = NotificationRules.Validate(new NotificationPreferencesDraft { Language = preferences.Language, DigestEnabled = preferences.DigestEnabled });
        if (preferences == State.Preferences)
        {
            return State.Preferences;
        }

        if (preferences.DigestEnabled != State.Preferences.DigestEnabled)
        {
            // On or off, the digest starts afresh from now: nothing from before is mailed.
            State.DigestedThrough = State.LastNotificationId;
            State.PendingSince = null;
        }

        State.Preferences = preferences;
        await Save();
        return State.Preferences;
    }

    public Task TurnDigestOff() => SetPreferences(State.Preferences with { DigestEnabled = false });

    private static string FieldOf(FollowKind kind) => kind == FollowKind.Community ? "communityId" : "tag";

    private async Task RequireReadableCommunity(string communityId)
    {
        _ = await grains.GetGrain<ICommunityGrain>(GrainKeys.Of(TenantId, communityId)).TryGet()
            ?? throw new EntityNotFoundException("Community of practice", communityId);
        var person = await grains.GetGrain<ITenantAccessGrain>(TenantId).GetPerson(PersonId);
        if (!new Caller(TenantId, person.Id, person.DisplayName, person.Grants).CanReadCommunity(communityId))
        {
            throw new AccessDeniedException($"Only the members and facilitators of community '{communityId}' (and state staff) may follow it.");
        }
    }

    /// <summary>Whether the reason the activity grain gave still holds here: the person's follows are the truth.</summary>
    private bool StillConcerned(StoryActivity activity, Recipient recipient) => recipient.Reason switch
    {
        NotificationReason.Participant => activity.ParticipantPersonIds.Contains(PersonId, StringComparer.Ordinal),
        NotificationReason.FollowsCommunity => State.Follows.Exists(f => f.Kind == FollowKind.Community && f.Id == activity.CommunityId),
        NotificationReason.FollowsTag => recipient.Tag is { } tag && activity.Tags.Contains(tag, StringComparer.Ordinal)
            && State.Follows.Exists(f => f.Kind == FollowKind.Tag && f.Id == tag),
        _ => false,
    };

    private static void Trim<T>(List<T> list, int capacity)
    {
        if (list.Count > capacity)
        {
            list.RemoveRange(0, list.Count - capacity);
        }
    }
}
