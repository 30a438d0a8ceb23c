using LbcCommunity.Contracts;
using LbcCommunity.Grains.Stories;
using LbcCommunity.Notifications;
using LbcCommunity.Stories;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Tests.Grains;

/// <summary>
/// The story's hand-over of its activity to the tenant's activity grain is durable (docs/stories.md, docs/notifications.md):
/// a publication or comment acknowledged while the activity grain fails is stored as owed, with the outbox's reminder,
/// and reaches its people after the story's activation is gone, once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StoryActivityHandOverTests(ClusterFixture fixture) : IDisposable
{
    private IGrainFactory Grains => fixture.Grains;

    public void Dispose() => ActivityFault.Current = ActivityFault.Mode.None;

    private static StoryViewer Viewer(string personId, string name, bool facilitator = false) => new()
    {
        PersonId = personId,
        DisplayName = name,
        IsTenantPerson = true,
        CommunityIds = ["cop"],
        FacilitatedCommunityIds = facilitator ? ["cop"] : [],
    };

    private static StoryDraft Draft(string id) => new()
    {
        Id = id,
        Title = "CAFÉ: from a defensive position to an offensive one",
        Summary = "Graduation went from 60 % to 94.7 %.",
        Body = "Parents, teachers and the faith community at one table.",
        Tags = ["graduation"],
    };

    /// <summary>A tenant whose community "cop" has a facilitator who writes (and so publishes directly) and a reader who follows it.</summary>
    private async Task<(NotificationWorld World, StoryViewer Author, string Reader, IStoryGrain Story)> NewWorld(string storyId)
    {
        var world = await NotificationWorld.Create(Grains);
        TenantScope.Enter(world.TenantId);
        var author = Viewer(await world.Member("Author", "cop", facilitator: true), "Author", facilitator: true);
        var reader = await world.Member("Reader", "cop");
        await world.Inbox(reader).Follow(FollowKind.Community, "cop");
        var story = Grains.GetGrain<IStoryGrain>(GrainKeys.Of(world.TenantId, storyId));
        await story.Create("cop", Draft(storyId), author);
        return (world, author, reader, story);
    }

    private async Task<(StoryState Story, StoryConversation Conversation)> Stored(IStoryGrain story)
    {
        var state = new GrainState<StoryState>();
        var talk = new GrainState<StoryConversation>();
        await fixture.GrainStorage.ReadStateAsync("story", story.GetGrainId(), state);
        await fixture.GrainStorage.ReadStateAsync("storyConversation", story.GetGrainId(), talk);
        return (state.State ?? throw new InvalidOperationException("The story is not stored."), talk.State ?? new StoryConversation());
    }

    private static async Task<NotificationPage> WaitForInbox(IPersonNotificationsGrain inbox, int total)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await inbox.GetNotifications(20, null);
            if (page.Total >= total || DateTime.UtcNow > deadline)
            {
                return page;
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_publication_acknowledged_while_the_activity_grain_fails_reaches_the_followers_by_the_reminder_after_the_activation_is_gone_once()
    {
        var (world, author, reader, story) = await NewWorld("owed-publication");
        TenantScope.Enter(world.TenantId);

        ActivityFault.Current = ActivityFault.Mode.Before;
        var published = await story.Transition(new StoryTransition { Action = StoryAction.Submit }, author);
        var owed = await Stored(story);
        var before = await world.Inbox(reader).GetNotifications(20, null);
        // The activation that took the publication goes with the fault still on: only what is stored can pay now.
        await ClusterFixture.Deactivate(story);
        ActivityFault.Current = ActivityFault.Mode.None;

        // Nobody calls the story: its outbox's durable reminder (every second in this cluster) activates it and pays.
        var after = await WaitForInbox(world.Inbox(reader), 1);
        var paid = await Stored(story);
        await ClusterFixture.Deactivate(story);
        await story.Read(author);
        var again = await world.Inbox(reader).GetNotifications(20, null);

        Assert.Equal(StoryStatus.Published, published.Status);
        Assert.Equal(["owed-publication/published/1"], owed.Story.OwedActivities.Select(a => a.ActivityId));
        Assert.True(owed.Story.OutboxReminder);
        Assert.Equal(0, before.Total);
        Assert.Equal("owed-publication", Assert.Single(after.Items).StoryId);
        Assert.Equal(NotificationReason.FollowsCommunity, after.Items[0].Reason);
        Assert.Empty(paid.Story.OwedActivities);
        Assert.False(paid.Story.OutboxReminder);
        Assert.Equal(1, again.Total);
    }

    [Fact]
    public async Task A_comment_acknowledged_while_the_activity_grain_fails_is_handed_over_when_the_story_is_activated_again()
    {
        var (world, author, _, story) = await NewWorld("owed-comment");
        TenantScope.Enter(world.TenantId);
        await story.Transition(new StoryTransition { Action = StoryAction.Submit }, author);
        var commenter = Viewer(await world.Member("Commenter", "cop"), "Commenter");

        ActivityFault.Current = ActivityFault.Mode.Before;
        var comment = await story.AddComment(new StoryCommentDraft { Text = "We are trying this in Troup County." }, commenter);
        var owed = await Stored(story);
        await ClusterFixture.Deactivate(story);
        var authorsBefore = await world.Inbox(author.PersonId).GetNotifications(20, null);
        ActivityFault.Current = ActivityFault.Mode.None;
        // The next activation pays what its stored state owes before it answers this call.
        await story.Read(author);
        var authors = await world.Inbox(author.PersonId).GetNotifications(20, null);
        var paid = await Stored(story);

        Assert.Equal(["owed-comment/comment/" + comment.Id], owed.Conversation.OwedActivities.Select(a => a.ActivityId));
        Assert.True(owed.Story.OutboxReminder);
        Assert.Equal(0, authorsBefore.Total);
        var told = Assert.Single(authors.Items);
        Assert.Equal((NotificationReason.Participant, "owed-comment"), (told.Reason, told.StoryId));
        Assert.Empty(paid.Conversation.OwedActivities);
        Assert.False(paid.Story.OutboxReminder);
        Assert.Single(await story.ListComments(author));
    }

    [Fact]
    public async Task A_hand_over_whose_answer_is_lost_is_paid_again_and_tells_nobody_twice()
    {
        var (world, author, reader, story) = await NewWorld("lost-answer");
        TenantScope.Enter(world.TenantId);

        ActivityFault.Current = ActivityFault.Mode.After;
        var callsBefore = ActivityFault.Calls;
        await story.Transition(new StoryTransition { Action = StoryAction.Submit }, author);
        var owed = await Stored(story);
        var delivered = await world.Inbox(reader).GetNotifications(20, null);
        ActivityFault.Current = ActivityFault.Mode.None;
        await ClusterFixture.Deactivate(story);
        await story.Read(author);
        var paid = await Stored(story);
        var inbox = await world.Inbox(reader).GetNotifications(20, null);

        // The activity grain did its work the first time; the story did not hear so, kept it owed and handed it over again.
        Assert.Equal(1, delivered.Total);
        Assert.Single(owed.Story.OwedActivities);
        Assert.True(ActivityFault.Calls - callsBefore >= 2);
        Assert.Empty(paid.Story.OwedActivities);
        Assert.Equal((1, 1), (inbox.Total, inbox.UnreadCount));
    }
}
