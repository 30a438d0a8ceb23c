using LbcCommunity.Access;
using LbcCommunity.Stories;
using LbcCommunity.Validation;

namespace LbcCommunity.Notifications;

/// <summary>
/// Who is told about a story's activity, what a person may follow and choose, and when their daily digest is due: pure
/// rules, used by the grains and the endpoints alike.
/// </summary>
public static class NotificationRules
{
    public const string DefaultLanguage = "en";

    /// <summary>The languages e-mails are written in.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "es"];

    /// <summary>Notifications an inbox keeps: the newest; older ones drop out (read or not).</summary>
    public const int InboxCapacity = 100;

    /// <summary>Things a person may follow in all (communities and tags together).</summary>
    public const int MaxFollows = 200;

    public const int DefaultPageSize = 20;

    public const int MaxPageSize = 100;

    /// <summary>Longest excerpt kept (the contract's 300 characters); a longer one is cut with an ellipsis.</summary>
    public const int ExcerptMaxLength = 300;

    public const int TitleMaxLength = 300;

    /// <summary>A tag to follow: a lower-case slug, refused naming <paramref name="field"/>.</summary>
    public static void ValidateTag(string? tag, string field = "tag") => new Validator().Slug(field, tag).ThrowIfInvalid();

    /// <summary>The preferences a PUT sends: both fields, a known language.</summary>
    public static NotificationPreferences Validate(NotificationPreferencesDraft? draft)
    {
        var v = new Validator();
        if (draft is null)
        {
            v.Add("$", "A body is required.").ThrowIfInvalid();
        }

        if (string.IsNullOrEmpty(draft!.Language))
        {
            v.Add("language", "'language' is required.");
        }
        else if (!Languages.Contains(draft.Language, StringComparer.Ordinal))
        {
            v.Add("language", $"'language' must be one of {string.Join(", ", Languages)} (it is '{draft.Language}').");
        }

        if (draft.DigestEnabled is null)
        {
            v.Add("digestEnabled", "'digestEnabled' is required (true or false).");
        }

        v.ThrowIfInvalid();
        return new NotificationPreferences { Language = draft.Language!, DigestEnabled = draft.DigestEnabled!.Value };
    }

    /// <summary>A page request: <paramref name="limit"/> 1–100, <paramref name="before"/> a positive notification id.</summary>
    public static void ValidatePage(int? limit, long? before)
    {
        var v = new Validator();
        if (limit is < 1 or > MaxPageSize)
        {
            v.Add("limit", $"'limit' must be 1–{MaxPageSize} (it is {limit}).");
        }

        if (before is < 1)
        {
            v.Add("before", $"'before' must be a notification id, 1 or more (it is {before}).");
        }

        v.ThrowIfInvalid();
    }

    /// <summary>An activity as the story grain hands it over: ids that can be stored, a title, an actor.</summary>
    public static void Validate(StoryActivity activity)
    {
        var v = new Validator()
            .RequiredText("activityId", activity.ActivityId, Validator.IdMaxLength * 3)
            .Slug("storyId", activity.StoryId)
            .RequiredText("storyTitle", activity.StoryTitle, TitleMaxLength)
            .Slug("communityId", activity.CommunityId)
            .RequiredText("actorPersonId", activity.ActorPersonId, Validator.IdMaxLength)
            .RequiredText("actorDisplayName", activity.ActorDisplayName, Validator.NameMaxLength)
            .Defined("kind", activity.Kind)
            .Defined("visibility", activity.Visibility);
        foreach (var (tag, i) in activity.Tags.Select((t, i) => (t, i)))
        {
            v.Slug($"tags[{i}]", tag);
        }

        v.ThrowIfInvalid();
    }

    /// <summary>The excerpt as it is kept: at most <see cref="ExcerptMaxLength"/> characters.</summary>
    public static string? Excerpt(string? excerpt) =>
        excerpt is null || excerpt.Length <= ExcerptMaxLength ? excerpt : string.Concat(excerpt.AsSpan(0, ExcerptMaxLength - 1), "…");

    /// <summary>
    /// Whether <paramref name="person"/> may read the story the activity is about: an enabled person of the tenant for a
    /// state-wide or linked story; for a community-only story, its members and facilitators and state staff (as
    /// <see cref="Caller.CanReadCommunity"/> says for a signed-in caller).
    /// </summary>
    public static bool MayRead(Person person, StoryActivity activity) =>
        person.Enabled && (activity.Visibility is StoryVisibility.State or StoryVisibility.Link
            || new Caller(null, person.Id, person.DisplayName, person.Grants).CanReadCommunity(activity.CommunityId));

    /// <summary>
    /// Who is told about <paramref name="activity"/>, each once with their strongest reason, in person-id order: for a
    /// publication, the followers of its community and of its tags; for a comment, also the story's participants. Never
    /// the actor, never someone unknown or disabled, never someone who may not read the story.
    /// </summary>
    /// <param name="activity">What happened.</param>
    /// <param name="communityFollowers">The people who follow the story's community.</param>
    /// <param name="tagFollowers">For each of the story's tags, the people who follow it.</param>
    /// <param name="people">The tenant's person by id (<c>null</c>: no such person).</param>
    public static IReadOnlyList<Recipient> Recipients(
        StoryActivity activity,
        IEnumerable<string> communityFollowers,
        IReadOnlyDictionary<string, IReadOnlyList<string>> tagFollowers,
        Func<string, Person?> people)
    {
        var reasons = new Dictionary<string, Recipient>(StringComparer.Ordinal);
        void Offer(string personId, NotificationReason reason, string? tag)
        {
            // The enum's order is the reasons' strength: a participant hears as a participant even if they follow too.
            if (!reasons.TryGetValue(personId, out var known) || reason < known.Reason)
            {
                reasons[personId] = new Recipient(personId, reason, tag);
            }
        }

        if (activity.Kind == StoryActivityKind.Commented)
        {
            foreach (var participant in activity.ParticipantPersonIds)
            {
                Offer(participant, NotificationReason.Participant, null);
            }
        }

        foreach (var follower in communityFollowers)
        {
            Offer(follower, NotificationReason.FollowsCommunity, null);
        }

        foreach (var tag in activity.Tags.Distinct(StringComparer.Ordinal))
        {
            foreach (var follower in tagFollowers.GetValueOrDefault(tag) ?? [])
            {
                Offer(follower, NotificationReason.FollowsTag, tag);
            }
        }

        return
        [
            .. reasons.Values
                .Where(r => !string.Equals(r.PersonId, activity.ActorPersonId, StringComparison.Ordinal))
                .Where(r => people(r.PersonId) is { } person && MayRead(person, activity))
                .OrderBy(r => r.PersonId, StringComparer.Ordinal),
        ];
    }

    /// <summary>
    /// When a digest is due: the first time the clock reaches <paramref name="hourUtc"/>:00 UTC after
    /// <paramref name="since"/> (the last digest, or the oldest item waiting when there was none). So a person gets at
    /// most one a day, at the same hour, and nothing waits longer than a day.
    /// </summary>
    public static DateTimeOffset DigestDueAt(DateTimeOffset since, int hourUtc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hourUtc);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hourUtc, 23);
        var utc = since.ToUniversalTime();
        var sameDay = new DateTimeOffset(utc.Year, utc.Month, utc.Day, hourUtc, 0, 0, TimeSpan.Zero);
        return sameDay > utc ? sameDay : sameDay.AddDays(1);
    }
}

/// <summary>One person to tell about an activity, and why.</summary>
[GenerateSerializer, Immutable]
public sealed record Recipient(
    [property: Id(0)] string PersonId,
    [property: Id(1)] NotificationReason Reason,
    [property: Id(2)] string? Tag);
