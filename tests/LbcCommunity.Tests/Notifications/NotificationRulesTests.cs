using LbcCommunity.Access;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Notifications;
using LbcCommunity.Stories;

namespace LbcCommunity.Tests.Notifications;

public sealed class NotificationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-03-10T09:30:00+00:00", "2026-03-10T11:00:00+00:00")]
    [InlineData("2026-03-10T11:00:00+00:00", "2026-03-11T11:00:00+00:00")]
    [InlineData("2026-03-10T23:59:00+00:00", "2026-03-11T11:00:00+00:00")]
    [InlineData("2026-03-10T06:30:00-05:00", "2026-03-11T11:00:00+00:00")]
    public void A_digest_is_due_at_the_first_digest_hour_after_the_oldest_waiting_item(string since, string due) =>
        Assert.Equal(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            NotificationRules.DigestDueAt(DateTimeOffset.Parse(since, System.Globalization.CultureInfo.InvariantCulture), 11));

    [Fact]
    public void Recipients_are_told_once_with_their_strongest_reason_never_the_actor_nor_anyone_who_may_not_read_the_story()
    {
        var people = new Dictionary<string, Person>
        {
            ["p-author"] = Member("p-author", "cop"),
            ["p-member"] = Member("p-member", "cop"),
            ["p-outsider"] = Member("p-outsider", "other"),
            ["p-disabled"] = Member("p-disabled", "cop") with { Enabled = false },
            ["p-staff"] = new() { Id = "p-staff", Email = "staff@x.test", DisplayName = "Staff", Enabled = true, CreatedAt = Now, StaffGrants = [new Grant { Role = AccessRole.StateAdmin }] },
        };
        var comment = new StoryActivity
        {
            ActivityId = "cafe/comment/c-1",
            Kind = StoryActivityKind.Commented,
            StoryId = "cafe",
            StoryTitle = "CAFÉ",
            CommunityId = "cop",
            Tags = ["mentoring"],
            Visibility = StoryVisibility.Community,
            ActorPersonId = "p-author",
            ActorDisplayName = "Author",
            ParticipantPersonIds = ["p-author", "p-member", "p-outsider"],
            At = Now,
        };
        var tagFollowers = new Dictionary<string, IReadOnlyList<string>> { ["mentoring"] = ["p-staff", "p-outsider", "p-member", "p-unknown"] };

        var community = NotificationRules.Recipients(comment, ["p-member", "p-disabled", "p-author"], tagFollowers, id => people.GetValueOrDefault(id));
        var stateWide = NotificationRules.Recipients(comment with { Visibility = StoryVisibility.State }, [], tagFollowers, id => people.GetValueOrDefault(id));
        var published = NotificationRules.Recipients(comment with { Kind = StoryActivityKind.Published }, [], tagFollowers, id => people.GetValueOrDefault(id));

        Assert.Equal([new Recipient("p-member", NotificationReason.Participant, null), new Recipient("p-staff", NotificationReason.FollowsTag, "mentoring")], community);
        Assert.Equal(["p-member", "p-outsider", "p-staff"], stateWide.Select(r => r.PersonId));
        Assert.Equal(NotificationReason.Participant, stateWide.Single(r => r.PersonId == "p-outsider").Reason);
        Assert.Equal([NotificationReason.FollowsTag, NotificationReason.FollowsTag], published.Select(r => r.Reason));
    }

    [Fact]
    public void Preferences_need_a_known_language_and_the_digest_switch_each_named()
    {
        var missing = Assert.Throws<DomainValidationException>(() => NotificationRules.Validate(new NotificationPreferencesDraft()));
        var unknown = Assert.Throws<DomainValidationException>(() => NotificationRules.Validate(new NotificationPreferencesDraft { Language = "fr", DigestEnabled = true }));

        Assert.Equal(["digestEnabled", "language"], missing.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["language"], unknown.Errors.Keys);
        Assert.Equal(new NotificationPreferences { Language = "es", DigestEnabled = false }, NotificationRules.Validate(new NotificationPreferencesDraft { Language = "es", DigestEnabled = false }));
    }

    [Fact]
    public void A_long_excerpt_is_cut_to_three_hundred_characters()
    {
        var cut = NotificationRules.Excerpt(new string('a', 400))!;

        Assert.Equal(300, cut.Length);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.Equal("short", NotificationRules.Excerpt("short"));
    }

    private static Person Member(string id, string communityId) => new()
    {
        Id = id,
        Email = $"{id}@x.test",
        DisplayName = id,
        Enabled = true,
        CreatedAt = Now,
        Memberships = [new Membership { OwnerKind = ConveningOwnerKind.Community, OwnerId = communityId, MemberId = "m-" + id, IsFacilitator = false }],
    };
}
