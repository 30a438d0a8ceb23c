using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Rubrics;
using LbcCommunity.Stories;
using LbcCommunity.Tenancy;
using LbcCommunity.Tests.Ratings;
using LbcCommunity.Tests.Stories;

namespace LbcCommunity.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class StoryGrainTests(ClusterFixture fixture)
{
    private static readonly StoryViewer Author = StoryRulesTests.Author;
    private static readonly StoryViewer Facilitator = StoryRulesTests.Facilitator;
    private static readonly StoryViewer Member = StoryRulesTests.Member;
    private static readonly StoryViewer Outsider = StoryRulesTests.Outsider;

    private IGrainFactory Grains => fixture.Grains;

    /// <summary>A state with team "cafe" (consensus on "consensus-decisions" at Networking, then Collaborating) and the community "parent-mentors".</summary>
    private async Task<string> NewWorld()
    {
        var tenantId = await GrainWorld.NewStateWithInitiative(Grains);
        TenantScope.Enter(tenantId);
        await Grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(tenantId, "graduatefirst")).EnrolTeam(new TeamDraft { Id = "cafe", Name = "CAFÉ", DistrictId = "meriwether" });
        var team = Grains.GetGrain<ITeamGrain>(GrainKeys.Of(tenantId, "cafe"));
        await team.RecordConsensusRating(RatingRulesTests.Draft(("consensus-decisions", [100, 100, 0, 0])) with { IdempotencyKey = "k1" });
        await team.RecordConsensusRating(RatingRulesTests.Draft(("consensus-decisions", [100, 100, 100, 0])) with { IdempotencyKey = "k2" });
        await Grains.GetGrain<ITenantGrain>(tenantId).StartCommunity(new CommunityDraft { Id = "parent-mentors", Name = "Parent Mentors" });
        return tenantId;
    }

    private IStoryGrain Story(string tenantId, string storyId) => Grains.GetGrain<IStoryGrain>(GrainKeys.Of(tenantId, storyId));

    private static StoryDraft Cafe(string id) => new()
    {
        Id = id,
        Title = "CAFÉ: from a defensive position to an offensive one",
        Summary = "Graduation went from 60 % to 94.7 %.",
        Body = "The *Dialogue Guide* brought parents, teachers and the faith community together.",
        TeamId = "cafe",
        Challenge = new StoryChallenge { Kind = ChallengeKind.Adaptive, Text = "Declining scores and a low graduation rate." },
        Outcomes = [StoryRulesTests.Graduation],
        DepthChanges = [new DepthChangeDraft { RowId = "consensus-decisions" }],
        Tags = ["graduation"],
    };

    [Fact]
    public async Task A_first_story_is_reviewed_then_published_and_the_authors_next_one_publishes_directly()
    {
        var tenantId = await NewWorld();
        TenantScope.Enter(tenantId);
        var first = Story(tenantId, "first");
        var created = await first.Create("parent-mentors", Cafe("first"), Author);

        var submitted = await first.Transition(new StoryTransition { Action = StoryAction.Submit }, Author);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => first.Read(Member));
        var published = await first.Transition(new StoryTransition { Action = StoryAction.Publish }, Facilitator);
        var second = Story(tenantId, "second");
        await second.Create("parent-mentors", Cafe("second") with { DepthChanges = [] }, Author);
        var direct = await second.Transition(new StoryTransition { Action = StoryAction.Submit }, Author);

        var change = Assert.Single(created.DepthChanges);
        Assert.Equal(("west", DepthLevel.Networking, DepthLevel.Collaborating), (created.RegionId, change.From, change.To));
        Assert.Equal(StoryStatus.Submitted, submitted.Status);
        Assert.Equal(StoryStatus.Published, published.Status);
        Assert.Equal(StoryStatus.Published, direct.Status);
        Assert.Equal("CAFÉ: from a defensive position to an offensive one", (await first.Read(Member)).Title);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => first.Read(Outsider));
        Assert.Equal(["first", "second"], await Grains.GetGrain<ICommunityStoriesGrain>(GrainKeys.Of(tenantId, "parent-mentors")).ListStoryIds());
        Assert.Equal((StoryStatus.Published, 3L), (ClusterFixture.StoryIndex.EntryOf(tenantId, "first")!.Status, ClusterFixture.StoryIndex.EntryOf(tenantId, "first")!.Version));
    }

    [Fact]
    public async Task A_depth_change_the_ratings_do_not_show_is_refused_and_nothing_is_stored()
    {
        var tenantId = await NewWorld();
        TenantScope.Enter(tenantId);
        var story = Story(tenantId, "typed");

        var refused = await Assert.ThrowsAsync<DomainValidationException>(() => story.Create("parent-mentors",
            Cafe("typed") with { DepthChanges = [new DepthChangeDraft { RowId = "consensus-decisions", From = DepthLevel.Informing, To = DepthLevel.Transforming }] }, Author));
        var notOnTeam = await Assert.ThrowsAsync<DomainValidationException>(() => story.Create("parent-mentors", Cafe("typed"), Member));

        Assert.Equal(["depthChanges[0]"], refused.Errors.Keys);
        Assert.Equal(["teamId"], notOnTeam.Errors.Keys);
        Assert.Null(await story.TryGet(Author));
        Assert.Empty(await Grains.GetGrain<ICommunityStoriesGrain>(GrainKeys.Of(tenantId, "parent-mentors")).ListStoryIds());
        Assert.Null(ClusterFixture.StoryIndex.EntryOf(tenantId, "typed"));
    }

    [Fact]
    public async Task Someone_outside_the_community_cannot_write_there_and_only_the_author_edits_a_draft()
    {
        var tenantId = await NewWorld();
        TenantScope.Enter(tenantId);
        var story = Story(tenantId, "edit");

        await Assert.ThrowsAsync<AccessDeniedException>(() => story.Create("parent-mentors", Cafe("edit") with { TeamId = null, DepthChanges = [] }, Outsider));
        await story.Create("parent-mentors", Cafe("edit"), Author);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => story.Update(Cafe("edit") with { Title = "Mine now" }, Member));
        var edited = await story.Update(Cafe("edit") with { Title = "CAFÉ, edited" }, Author);
        await story.Transition(new StoryTransition { Action = StoryAction.Submit }, Author);
        var locked = await Assert.ThrowsAsync<EntityConflictException>(() => story.Update(Cafe("edit"), Author));

        Assert.Equal(("CAFÉ, edited", 2L), (edited.Title, edited.Version));
        Assert.Equal(ErrorCodes.StoryStatus, locked.Code);
    }

    [Fact]
    public async Task Comments_and_reactions_go_under_a_published_story_and_count_per_person()
    {
        var tenantId = await NewWorld();
        TenantScope.Enter(tenantId);
        var story = Story(tenantId, "talk");
        await story.Create("parent-mentors", Cafe("talk") with { Visibility = StoryVisibility.State }, Author);
        await Assert.ThrowsAsync<EntityConflictException>(() => story.AddComment(new StoryCommentDraft { Text = "Early" }, Author));
        await story.Transition(new StoryTransition { Action = StoryAction.Submit }, Author);
        await story.Transition(new StoryTransition { Action = StoryAction.Publish }, Facilitator);

        var comment = await story.AddComment(new StoryCommentDraft { Text = " We are trying this in Troup County. " }, Outsider);
        await story.React(StoryReaction.Inspiring, true, Outsider);
        await story.React(StoryReaction.Inspiring, true, Outsider);
        await story.React(StoryReaction.Inspiring, true, Member);
        await Assert.ThrowsAsync<AccessDeniedException>(() => story.RemoveComment(comment.Id, Member));
        await ClusterFixture.Deactivate(story);
        var read = await story.Read(Outsider);

        Assert.Equal("We are trying this in Troup County.", Assert.Single(await story.ListComments(Member)).Text);
        Assert.Equal((1, 2), (read.CommentCount, read.Reactions[StoryReaction.Inspiring]));
        Assert.Equal([StoryReaction.Inspiring], read.MyReactions);
        await story.RemoveComment(comment.Id, Facilitator);
        Assert.Empty(await story.ListComments(Member));
    }

    [Fact]
    public async Task A_comment_is_edited_by_its_writer_alone_kept_across_activations_and_a_refused_edit_changes_nothing()
    {
        var tenantId = await NewWorld();
        TenantScope.Enter(tenantId);
        var story = Story(tenantId, "edit");
        await story.Create("parent-mentors", Cafe("edit") with { Visibility = StoryVisibility.State }, Author);
        await story.Transition(new StoryTransition { Action = StoryAction.Submit }, Author);
        await story.Transition(new StoryTransition { Action = StoryAction.Publish }, Facilitator);
        var comment = await story.AddComment(new StoryCommentDraft { Text = "We are trying this." }, Outsider);

        var tooLong = await Assert.ThrowsAsync<DomainValidationException>(() => story.EditComment(comment.Id, new StoryCommentDraft { Text = new string('x', StoryRules.CommentMaxLength + 1) }, Outsider));
        await Assert.ThrowsAsync<AccessDeniedException>(() => story.EditComment(comment.Id, new StoryCommentDraft { Text = "Put in their mouth." }, Facilitator));
        await Assert.ThrowsAsync<AccessDeniedException>(() => story.EditComment(comment.Id, new StoryCommentDraft { Text = "Not mine." }, Member));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => story.EditComment("c99", new StoryCommentDraft { Text = "Nothing." }, Outsider));
        Assert.Equal(comment, Assert.Single(await story.ListComments(Member)));
        var edited = await story.EditComment(comment.Id, new StoryCommentDraft { Text = " We are trying this in Troup. " }, Outsider);
        await ClusterFixture.Deactivate(story);

        Assert.Contains("text", tooLong.Errors.Keys);
        Assert.Equal(("We are trying this in Troup.", comment.At, ClusterFixture.Clock.GetUtcNow()), (edited.Text, edited.At, edited.EditedAt));
        Assert.Equal(edited, Assert.Single(await story.ListComments(Member)));
        await story.Transition(new StoryTransition { Action = StoryAction.Withdraw }, Author);
        // Withdrawn: its writer no longer reads the story (404), and the story's author is told it is not published (409).
        await Assert.ThrowsAsync<EntityNotFoundException>(() => story.EditComment(comment.Id, new StoryCommentDraft { Text = "After." }, Outsider));
        await Assert.ThrowsAsync<EntityConflictException>(() => story.EditComment(comment.Id, new StoryCommentDraft { Text = "After." }, Author));
        Assert.Equal(edited, Assert.Single(await story.ListComments(Author)));
    }

    [Fact]
    public async Task A_change_stored_while_the_index_is_down_reaches_the_index_when_the_grain_comes_back()
    {
        var tenantId = await NewWorld();
        TenantScope.Enter(tenantId);
        var story = Story(tenantId, "outbox");
        var index = ClusterFixture.StoryIndex;
        await story.Create("parent-mentors", Cafe("outbox"), Author);

        Story submitted;
        index.Down = true;
        try
        {
            submitted = await story.Transition(new StoryTransition { Action = StoryAction.Submit }, Author);
            Assert.Equal(1L, index.EntryOf(tenantId, "outbox")!.Version);
        }
        finally
        {
            index.Down = false;
        }

        await ClusterFixture.Deactivate(story);
        await story.Read(Author);

        Assert.Equal(StoryStatus.Submitted, submitted.Status);
        Assert.Equal((2L, StoryStatus.Submitted), (index.EntryOf(tenantId, "outbox")!.Version, index.EntryOf(tenantId, "outbox")!.Status));
        var writes = index.Writes;
        await ClusterFixture.Deactivate(story);
        await story.Read(Author);
        Assert.Equal(writes, index.Writes);
    }
}
