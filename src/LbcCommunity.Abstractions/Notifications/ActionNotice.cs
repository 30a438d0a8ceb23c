using LbcCommunity.ActionPlans;
using LbcCommunity.Convenings;

namespace LbcCommunity.Notifications;

/// <summary>
/// A reminder to an action's owner, from their team's or community's action plan: the action is due this week, or past
/// its due date. It reaches their inbox as a notification of kind <see cref="Stories.StoryActivityKind.ActionDueSoon"/> or
/// <see cref="Stories.StoryActivityKind.ActionOverdue"/>, once per <see cref="Key"/>, and the daily digest mails it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ActionNotice
{
    /// <summary>Unique per plan, action, kind and due date: the inbox takes each once.</summary>
    [Id(0)] public required string Key { get; init; }

    [Id(1)] public required ActionNoticeKind Kind { get; init; }

    [Id(2)] public required ConveningOwnerKind OwnerKind { get; init; }

    [Id(3)] public required string OwnerId { get; init; }

    [Id(4)] public required string OwnerName { get; init; }

    [Id(5)] public required string ActionId { get; init; }

    [Id(6)] public required string ActionTitle { get; init; }

    [Id(7)] public required DateOnly DueOn { get; init; }

    [Id(8)] public required DateTimeOffset At { get; init; }
}
