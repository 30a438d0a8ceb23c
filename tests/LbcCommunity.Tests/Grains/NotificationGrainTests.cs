using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Notifications;
using LbcCommunity.Stories;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Tests.Grains;

/// <summary>Follows, who is told about a story's activity, and the inbox, on the two-silo cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class NotificationGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task A_community_only_storys_activity_reaches_members_and_staff_who_follow_and_never_a_non_member_follower()
    {
        var world = await NotificationWorld.Create(_grains);
        TenantScope.Enter(world.TenantId);
        var author = await world.Member("Author", "cop", facilitator: true);
        var member = await world.Member("Member", "cop");
        var outsider = await world.Member("Outsider", "other");
        var staff = await world.StateAdmin("Director");
        await world.Inbox(author).Follow(FollowKind.Community, "cop");
        await world.Inbox(member).Follow(FollowKind.Community, "cop");
        await world.Inbox(outsider).Follow(FollowKind.Tag, "family-engagement");
        await world.Inbox(staff).Follow(FollowKind.Tag, "family-engagement");

        await world.Activity.Record(NotificationWorld.Published("cafe", author, StoryVisibility.Community, "family-engagement"));
        await world.Activity.Record(NotificationWorld.Published("open", author, StoryVisibility.State, "family-engagement"));

        var memberSees = await world.Inbox(member).GetNotifications(20, null);
        var staffSees = await world.Inbox(staff).GetNotifications(20, null);
        var outsiderSees = await world.Inbox(outsider).GetNotifications(20, null);
        var authorSees = await world.Inbox(author).GetNotifications(20, null);
        Assert.Equal(["open", "cafe"], memberSees.Items.Select(n => n.StoryId));
        Assert.All(memberSees.Items, n => Assert.Equal((NotificationReason.FollowsCommunity, "Parent Mentors"), (n.Reason, n.CommunityName)));
        Assert.Equal(["open", "cafe"], staffSees.Items.Select(n => n.StoryId));
        Assert.All(staffSees.Items, n => Assert.Equal((NotificationReason.FollowsTag, "family-engagement"), (n.Reason, n.Tag)));
        Assert.Equal("open", Assert.Single(outsiderSees.Items).StoryId);
        Assert.Empty(authorSees.Items);
    }

    [Fact]
    public async Task A_member_who_left_the_community_is_no_longer_told_of_its_community_only_stories()
    {
        var world = await NotificationWorld.Create(_grains);
        TenantScope.Enter(world.TenantId);
        var author = await world.Member("Author", "cop", facilitator: true);
        var leaver = await world.Member("Leaver", "cop");
        await world.Inbox(leaver).Follow(FollowKind.Community, "cop");
        TenantScope.Enter(world.TenantId);
        var access = _grains.GetGrain<ITenantAccessGrain>(world.TenantId);
        var person = await access.GetPerson(leaver);
        await access.ForgetMembership(person.Email, LbcCommunity.Convenings.ConveningOwnerKind.Community, "cop", person.Memberships.Single().MemberId);

        await world.Activity.Record(NotificationWorld.Published("private", author, StoryVisibility.Community));
        await world.Activity.Record(NotificationWorld.Published("public", author, StoryVisibility.Link));

        Assert.Equal(["public"], (await world.Inbox(leaver).GetNotifications(20, null)).Items.Select(n => n.StoryId));
    }

    [Fact]
    public async Task A_comment_tells_the_storys_participants_and_the_communitys_followers_once_each_but_not_the_commenter()
    {
        var world = await NotificationWorld.Create(_grains);
        TenantScope.Enter(world.TenantId);
        var author = await world.Member("Author", "cop", facilitator: true);
        var earlier = await world.Member("Earlier", "cop");
        var follower = await world.Member("Follower", "cop");
        var commenter = await world.Member("Commenter", "cop");
        await world.Inbox(author).Follow(FollowKind.Community, "cop");
        await world.Inbox(follower).Follow(FollowKind.Community, "cop");
        await world.Inbox(commenter).Follow(FollowKind.Community, "cop");

        await world.Activity.Record(NotificationWorld.Commented("cafe", "c-1", commenter, StoryVisibility.Community, author, earlier, commenter));

        var authorSees = Assert.Single((await world.Inbox(author).GetNotifications(20, null)).Items);
        Assert.Equal((StoryActivityKind.Commented, NotificationReason.Participant), (authorSees.Kind, authorSees.Reason));
        Assert.Equal(NotificationReason.Participant, Assert.Single((await world.Inbox(earlier).GetNotifications(20, null)).Items).Reason);
        Assert.Equal(NotificationReason.FollowsCommunity, Assert.Single((await world.Inbox(follower).GetNotifications(20, null)).Items).Reason);
        Assert.Empty((await world.Inbox(commenter).GetNotifications(20, null)).Items);
    }

    [Fact]
    public async Task Recording_an_activity_again_even_after_every_grain_was_deactivated_tells_nobody_twice()
    {
        var world = await NotificationWorld.Create(_grains);
        TenantScope.Enter(world.TenantId);
        var author = await world.Member("Author", "cop", facilitator: true);
        var reader = await world.Member("Reader", "cop");
        await world.Inbox(reader).Follow(FollowKind.Community, "cop");
        var activity = NotificationWorld.Published("cafe", author, StoryVisibility.Community);

        await world.Activity.Record(activity);
        await world.Activity.Record(activity);
        await ClusterFixture.Deactivate(world.Activity);
        await ClusterFixture.Deactivate(world.Inbox(reader));
        await world.Activity.Record(activity);
        // The activity grain forgets nothing it stored; an inbox refuses an activity it holds even if asked directly.
        var direct = await world.Inbox(reader).Deliver(activity, new Recipient(reader, NotificationReason.FollowsCommunity, null), "Parent Mentors");

        var page = await world.Inbox(reader).GetNotifications(20, null);
        Assert.False(direct);
        Assert.Equal((1, 1), (page.Total, page.UnreadCount));
    }

    [Fact]
    public async Task Following_a_community_one_may_not_read_or_that_does_not_exist_or_a_malformed_tag_is_refused_and_nothing_is_stored()
    {
        var world = await NotificationWorld.Create(_grains);
        TenantScope.Enter(world.TenantId);
        var outsider = await world.Member("Outsider", "other");
        var inbox = world.Inbox(outsider);

        var notMember = await Assert.ThrowsAsync<AccessDeniedException>(() => inbox.Follow(FollowKind.Community, "cop"));
        var missing = await Assert.ThrowsAsync<EntityNotFoundException>(() => inbox.Follow(FollowKind.Community, "atlantis"));
        var badTag = await Assert.ThrowsAsync<DomainValidationException>(() => inbox.Follow(FollowKind.Tag, "Family Engagement"));

        Assert.Contains("cop", notMember.Message, StringComparison.Ordinal);
        Assert.Equal("atlantis", missing.Id);
        Assert.Equal(["tag"], badTag.Errors.Keys);
        Assert.Empty(await inbox.ListFollows());
        Assert.Empty(await world.Followers(FollowKind.Community, "cop").List());
    }

    [Fact]
    public async Task Unfollowing_stops_the_notifications_and_takes_the_person_out_of_the_index()
    {
        var world = await NotificationWorld.Create(_grains);
        TenantScope.Enter(world.TenantId);
        var author = await world.Member("Author", "cop", facilitator: true);
        var reader = await world.Member("Reader", "cop");
        var inbox = world.Inbox(reader);
        var first = await inbox.Follow(FollowKind.Tag, "mentoring");
        var again = await inbox.Follow(FollowKind.Tag, "mentoring");
        await world.Activity.Record(NotificationWorld.Published("one", author, StoryVisibility.State, "mentoring"));

        await inbox.Unfollow(FollowKind.Tag, "mentoring");
        await world.Activity.Record(NotificationWorld.Published("two", author, StoryVisibility.State, "mentoring"));

        Assert.Equal(first, again);
        Assert.Equal(["one"], (await inbox.GetNotifications(20, null)).Items.Select(n => n.StoryId));
        Assert.Empty(await inbox.ListFollows());
        Assert.Empty(await world.Followers(FollowKind.Tag, "mentoring").List());
    }

    [Fact]
    public async Task A_stale_index_entry_tells_nobody_the_persons_own_follows_decide()
    {
        var world = await NotificationWorld.Create(_grains);
        TenantScope.Enter(world.TenantId);
        var author = await world.Member("Author", "cop", facilitator: true);
        var reader = await world.Member("Reader", "cop");
        // As if an unfollow had been stored by the person but its index removal had failed.
        await world.Followers(FollowKind.Community, "cop").Add(reader);

        await world.Activity.Record(NotificationWorld.Published("cafe", author, StoryVisibility.Community));

        Assert.Empty((await world.Inbox(reader).GetNotifications(20, null)).Items);
    }

    [Fact]
    public async Task The_inbox_pages_newest_first_counts_unread_marks_read_and_keeps_only_the_newest_hundred()
    {
        var world = await NotificationWorld.Create(_grains);
        TenantScope.Enter(world.TenantId);
        var author = await world.Member("Author", "cop", facilitator: true);
        var reader = await world.Member("Reader", "cop");
        var inbox = world.Inbox(reader);
        await inbox.Follow(FollowKind.Community, "cop");
        for (var i = 1; i <= NotificationRules.InboxCapacity + 5; i++)
        {
            await world.Activity.Record(NotificationWorld.Published($"s-{i}", author, StoryVisibility.Community));
        }

        var first = await inbox.GetNotifications(30, null);
        var second = await inbox.GetNotifications(30, first.NextBefore);
        var marked = await inbox.MarkRead(first.Items[0].Id);
        var afterOne = await inbox.GetNotifications(1, null);
        var unknown = await Assert.ThrowsAsync<EntityNotFoundException>(() => inbox.MarkRead(3));
        var badLimit = await Assert.ThrowsAsync<DomainValidationException>(() => inbox.GetNotifications(0, null));
        var allMarked = await inbox.MarkAllRead();
        var last = await inbox.GetNotifications(100, null);

        Assert.Equal((NotificationRules.InboxCapacity, NotificationRules.InboxCapacity), (first.Total, first.UnreadCount));
        Assert.Equal(Enumerable.Range(76, 30).Reverse().Select(i => $"s-{i}"), first.Items.Select(n => n.StoryId));
        Assert.Equal(Enumerable.Range(46, 30).Reverse().Select(i => $"s-{i}"), second.Items.Select(n => n.StoryId));
        Assert.True(marked.Read);
        Assert.Equal(NotificationRules.InboxCapacity - 1, afterOne.UnreadCount);
        Assert.Equal("3", unknown.Id);
        Assert.Equal(["limit"], badLimit.Errors.Keys);
        Assert.Equal(NotificationRules.InboxCapacity - 1, allMarked);
        Assert.Equal(0, last.UnreadCount);
        Assert.Null(last.NextBefore);
        Assert.Equal("s-6", last.Items[^1].StoryId);
    }

    [Fact]
    public async Task An_activity_that_breaks_the_contract_is_refused_naming_the_field_and_nobody_is_told()
    {
        var world = await NotificationWorld.Create(_grains);
        TenantScope.Enter(world.TenantId);
        var author = await world.Member("Author", "cop", facilitator: true);
        var reader = await world.Member("Reader", "cop");
        await world.Inbox(reader).Follow(FollowKind.Community, "cop");

        var refused = await Assert.ThrowsAsync<DomainValidationException>(() =>
            world.Activity.Record(NotificationWorld.Published("cafe", author, StoryVisibility.Community, "Not A Slug") with { StoryTitle = " " }));

        Assert.Equal(["storyTitle", "tags[0]"], refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Empty((await world.Inbox(reader).GetNotifications(20, null)).Items);
    }
}
