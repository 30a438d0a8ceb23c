namespace LbcCommunity.Stories;

/// <summary>Who may read a story once it is published.</summary>
public enum StoryVisibility
{
    /// <summary>The members and facilitators of the story's community (and state staff).</summary>
    Community,

    /// <summary>Everyone of the tenant who signs in (not guests or integrations).</summary>
    State,

    /// <summary>Anyone holding the story's link (its share token), signed in or not, and everyone of the tenant.</summary>
    Link,
}

/// <summary>What happened to a story that people may be told about.</summary>
public enum StoryActivityKind
{
    /// <summary>The story was published (first time, or again after a withdrawal).</summary>
    Published,

    /// <summary>Someone commented on a published story.</summary>
    Commented,

    /// <summary>Not a story's: one's own action of an action plan is due this week (<see cref="Notifications.Notification.Action"/>).</summary>
    ActionDueSoon,

    /// <summary>Not a story's: one's own action of an action plan is past its due date (<see cref="Notifications.Notification.Action"/>).</summary>
    ActionOverdue,
}

/// <summary>
/// One thing that happened to a published story, handed by the story's grain to the tenant's activity grain
/// (<see cref="LbcCommunity.Contracts.IStoryActivityGrain"/>), which tells the people who follow it (in-app
/// notifications, the daily digest). Only people who may read the story (<see cref="Visibility"/> in
/// <see cref="CommunityId"/>) are ever told.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StoryActivity
{
    /// <summary>Stable per occurrence (<c>{storyId}/published/{n}</c>, <c>{storyId}/comment/{commentId}</c>): recording it twice tells nobody twice.</summary>
    [Id(0)] public required string ActivityId { get; init; }

    [Id(1)] public required StoryActivityKind Kind { get; init; }

    [Id(2)] public required string StoryId { get; init; }

    [Id(3)] public required string StoryTitle { get; init; }

    /// <summary>The community the story is published in.</summary>
    [Id(4)] public required string CommunityId { get; init; }

    /// <summary>The story's tags (lower-case slugs), for people who follow a tag.</summary>
    [Id(5)] public IReadOnlyList<string> Tags { get; init; } = [];

    [Id(6)] public required StoryVisibility Visibility { get; init; }

    /// <summary>The person who published or commented (never told about their own act).</summary>
    [Id(7)] public required string ActorPersonId { get; init; }

    [Id(8)] public required string ActorDisplayName { get; init; }

    /// <summary>The story's author and earlier commenters: told about a new comment even if they follow nothing.</summary>
    [Id(9)] public IReadOnlyList<string> ParticipantPersonIds { get; init; } = [];

    /// <summary>Plain text, at most 300 characters: the story's summary or the comment's opening.</summary>
    [Id(10)] public string? Excerpt { get; init; }

    [Id(11)] public required DateTimeOffset At { get; init; }
}
