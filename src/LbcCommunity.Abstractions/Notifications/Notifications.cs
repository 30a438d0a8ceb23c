using LbcCommunity.Stories;

namespace LbcCommunity.Notifications;

/// <summary>What a person follows: a community of practice, or a tag (a lower-case slug) on stories.</summary>
public enum FollowKind
{
    Community,
    Tag,
}

/// <summary>One thing a person follows, and since when.</summary>
[GenerateSerializer, Immutable]
public sealed record Follow
{
    [Id(0)] public required FollowKind Kind { get; init; }

    /// <summary>The community id, or the tag.</summary>
    [Id(1)] public required string Id { get; init; }

    [Id(2)] public required DateTimeOffset FollowedAt { get; init; }
}

/// <summary>Why a person was told about an activity (the strongest reason, when several apply).</summary>
public enum NotificationReason
{
    /// <summary>They wrote the story or commented on it before.</summary>
    Participant,

    /// <summary>They follow the story's community.</summary>
    FollowsCommunity,

    /// <summary>They follow one of the story's tags.</summary>
    FollowsTag,
}

/// <summary>One entry of a person's inbox: an activity of a story they may read, and whether they have read it.</summary>
[GenerateSerializer, Immutable]
public sealed record Notification
{
    /// <summary>Numbered in the person's inbox, 1, 2, …: the newest has the highest number.</summary>
    [Id(0)] public required long Id { get; init; }

    /// <summary>The activity's id (<see cref="StoryActivity.ActivityId"/>): an inbox holds each once.</summary>
    [Id(1)] public required string ActivityId { get; init; }

    [Id(2)] public required StoryActivityKind Kind { get; init; }

    [Id(3)] public required NotificationReason Reason { get; init; }

    /// <summary>The tag that brought it, for <see cref="NotificationReason.FollowsTag"/>.</summary>
    [Id(4)] public string? Tag { get; init; }

    [Id(5)] public required string StoryId { get; init; }

    [Id(6)] public required string StoryTitle { get; init; }

    [Id(7)] public required string CommunityId { get; init; }

    /// <summary>The community's name when the activity was recorded.</summary>
    [Id(8)] public required string CommunityName { get; init; }

    [Id(9)] public required string ActorDisplayName { get; init; }

    [Id(10)] public string? Excerpt { get; init; }

    /// <summary>When it happened (the activity's time).</summary>
    [Id(11)] public required DateTimeOffset At { get; init; }

    [Id(12)] public bool Read { get; init; }

    /// <summary>
    /// For <see cref="StoryActivityKind.ActionDueSoon"/> and <see cref="StoryActivityKind.ActionOverdue"/>: the action
    /// reminded of. Such a notification has an empty <see cref="StoryId"/>, the action's title as <see cref="StoryTitle"/>
    /// and the team or community as <see cref="CommunityId"/> and <see cref="CommunityName"/>.
    /// </summary>
    [Id(13)] public ActionNotice? Action { get; init; }
}

/// <summary>A page of a person's inbox, newest first.</summary>
[GenerateSerializer, Immutable]
public sealed record NotificationPage
{
    /// <summary>Unread notifications in the whole inbox (not only this page).</summary>
    [Id(0)] public required int UnreadCount { get; init; }

    /// <summary>Notifications kept in the inbox.</summary>
    [Id(1)] public required int Total { get; init; }

    [Id(2)] public required IReadOnlyList<Notification> Items { get; init; }

    /// <summary>Pass as <c>before</c> for the next (older) page; <c>null</c> on the last page.</summary>
    [Id(3)] public long? NextBefore { get; init; }
}

/// <summary>A person's choices about being told: the language of e-mails and whether the daily digest is sent.</summary>
[GenerateSerializer, Immutable]
public sealed record NotificationPreferences
{
    /// <summary><c>en</c> or <c>es</c>.</summary>
    [Id(0)] public string Language { get; init; } = NotificationRules.DefaultLanguage;

    [Id(1)] public bool DigestEnabled { get; init; } = true;
}

/// <summary>What a person sends to change their preferences (both fields required: a PUT replaces them).</summary>
[GenerateSerializer, Immutable]
public sealed record NotificationPreferencesDraft
{
    [Id(0)] public string? Language { get; init; }

    [Id(1)] public bool? DigestEnabled { get; init; }
}

/// <summary>Where a person's daily digest stands.</summary>
[GenerateSerializer, Immutable]
public sealed record DigestStatus
{
    [Id(0)] public required bool Enabled { get; init; }

    /// <summary>Notifications not yet in a digest.</summary>
    [Id(1)] public required int Pending { get; init; }

    [Id(2)] public DateTimeOffset? LastSentAt { get; init; }

    /// <summary>When the next digest goes, if there is something new by then (<c>null</c>: nothing pending, or off).</summary>
    [Id(3)] public DateTimeOffset? NextDueAt { get; init; }

    /// <summary>The last failure to send (kept until a digest goes through).</summary>
    [Id(4)] public string? LastError { get; init; }

    [Id(5)] public DateTimeOffset? LastErrorAt { get; init; }
}

/// <summary>What one check of a person's digest came to.</summary>
public enum DigestOutcome
{
    Sent,

    /// <summary>Something is pending, but the digest's hour has not come since the last one.</summary>
    NotDue,

    NothingNew,

    /// <summary>The person turned the digest off (or unsubscribed), or is disabled.</summary>
    Off,

    /// <summary>No SMTP server is configured: nothing is sent and nothing is marked sent.</summary>
    MailNotConfigured,

    /// <summary>The send failed; the items stay pending for the next check.</summary>
    Failed,
}

/// <summary>How many notifications were marked read.</summary>
public sealed record MarkedRead
{
    public required int Count { get; init; }
}

/// <summary>A person's preferences as <c>GET …/me/preferences</c> shows them, with their digest's state.</summary>
public sealed record PreferencesView
{
    public required string Language { get; init; }

    public required bool DigestEnabled { get; init; }

    public required DigestStatus Digest { get; init; }
}
