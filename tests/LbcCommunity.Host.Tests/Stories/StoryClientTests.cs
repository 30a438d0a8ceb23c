using System.Net;
using LbcCommunity.Client;
using LbcCommunity.Rubrics;
using LbcCommunity.Stories;

namespace LbcCommunity.Host.Tests.Stories;

/// <summary>
/// Stories through the typed client (LbcCommunity.Client) on SQLite and PostgreSQL: the life of a story, search with
/// filters, comments (and their editing), reactions, attachments and the link; refusals reach the caller as
/// <see cref="LbcApiException"/> with the code and the field. The raw protocol is pinned by <see cref="StoryApiTests"/>.
/// </summary>
public sealed class StoryClientTests(StoryHosts hosts) : IClassFixture<StoryHosts>
{
    public static TheoryData<string> Stores => new() { "sqlite", "postgres" };

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_draft_gets_a_captioned_picture_is_published_found_by_filters_withdrawn_reopened_and_read_by_its_link(string store)
    {
        var world = hosts.Worlds[store];
        var (author, facilitator, member, anonymous) = (StoryWorld.Typed(world.Author), StoryWorld.Typed(world.Facilitator), StoryWorld.Typed(world.Member), StoryWorld.Typed(world.Anonymous));
        var word = "k" + Guid.NewGuid().ToString("N")[..8];
        var id = Unique("client");

        var draft = await author.CreateStoryAsync(world.TenantId, "parent-mentors", StoryWorld.TypedDraft(id, "Draft title", StoryVisibility.Link));
        var updated = await author.UpdateStoryAsync(world.TenantId, id, StoryWorld.TypedDraft(id, $"The {word} story", StoryVisibility.Link));
        var picture = await author.AddStoryAttachmentAsync(world.TenantId, id, "team.png", Png, "The CAFÉ team at its table");
        var submitted = await author.SubmitStoryAsync(world.TenantId, id);
        var published = submitted.Status == StoryStatus.Published ? submitted : await facilitator.PublishStoryAsync(world.TenantId, id);
        var file = await member.GetStoryAttachmentAsync(world.TenantId, id, picture.Id);
        var found = await member.SearchStoriesAsync(world.TenantId, new StoryFilters
        {
            Text = word, Habit = Habit.CoalescingAroundIssues, RowId = "consensus-decisions", From = DepthLevel.Networking, To = DepthLevel.Collaborating,
            Measure = "graduation", RegionId = "west", Year = published.PublishedAt!.Value.Year, CommunityId = "parent-mentors", Tag = "graduation", Limit = 5, Offset = 0,
        });
        var notFound = await member.SearchStoriesAsync(world.TenantId, new StoryFilters { Text = word, RowId = "consensus-decisions", From = DepthLevel.Collaborating });
        var shared = await anonymous.GetSharedStoryAsync(world.TenantId, id, published.ShareToken!);
        var sharedFile = await anonymous.GetSharedStoryAttachmentAsync(world.TenantId, id, published.ShareToken!, picture.Id);
        var listed = await member.ListCommunityStoriesAsync(world.TenantId, "parent-mentors");
        var withdrawn = await author.WithdrawStoryAsync(world.TenantId, id);
        var gone = await Assert.ThrowsAsync<LbcApiException>(() => member.GetStoryAsync(world.TenantId, id));
        var linkGone = await Assert.ThrowsAsync<LbcApiException>(() => anonymous.GetSharedStoryAsync(world.TenantId, id, published.ShareToken!));
        var reopened = await author.ReopenStoryAsync(world.TenantId, id);

        Assert.Equal(StoryStatus.Draft, draft.Status);
        Assert.Equal($"The {word} story", updated.Title);
        Assert.Equal(("image/png", "The CAFÉ team at its table"), (picture.ContentType, picture.AltText));
        Assert.Equal(StoryStatus.Published, published.Status);
        Assert.Equal([("consensus-decisions", DepthLevel.Networking, DepthLevel.Collaborating)], published.DepthChanges.Select(d => (d.RowId, d.From, d.To)));
        Assert.Equal(Png, file.Content);
        Assert.Equal("image/png", file.ContentType);
        Assert.Equal([id], found.Hits.Select(h => h.StoryId));
        Assert.Equal(1, found.Total);
        Assert.Empty(notFound.Hits);
        Assert.Equal((id, null), (shared.Id, shared.ShareToken));
        Assert.Equal(Png, sharedFile.Content);
        Assert.Contains(id, listed.Select(s => s.Id));
        Assert.Equal(StoryStatus.Withdrawn, withdrawn.Status);
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (gone.Status, gone.Code));
        Assert.Equal(HttpStatusCode.NotFound, linkGone.Status);
        Assert.Equal(StoryStatus.Draft, reopened.Status);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_comment_is_edited_by_its_writer_alone_within_the_limits_and_a_refused_edit_changes_nothing(string store)
    {
        var world = hosts.Worlds[store];
        var (author, facilitator, outsider) = (StoryWorld.Typed(world.Author), StoryWorld.Typed(world.Facilitator), StoryWorld.Typed(world.Outsider));
        var id = (await world.Publish(StoryWorld.Draft(Unique("talk"), "Talk", "State"))).GetProperty("id").GetString()!;
        var comment = await outsider.AddStoryCommentAsync(world.TenantId, id, "We start this in Troup.");

        var tooLong = await Assert.ThrowsAsync<LbcApiException>(() => outsider.EditStoryCommentAsync(world.TenantId, id, comment.Id, new string('x', 2001)));
        var blank = await Assert.ThrowsAsync<LbcApiException>(() => outsider.EditStoryCommentAsync(world.TenantId, id, comment.Id, "   "));
        var byFacilitator = await Assert.ThrowsAsync<LbcApiException>(() => facilitator.EditStoryCommentAsync(world.TenantId, id, comment.Id, "Words put in their mouth."));
        var byAuthor = await Assert.ThrowsAsync<LbcApiException>(() => author.EditStoryCommentAsync(world.TenantId, id, comment.Id, "Not mine."));
        var missing = await Assert.ThrowsAsync<LbcApiException>(() => outsider.EditStoryCommentAsync(world.TenantId, id, "c9999", "Nothing there."));
        var unchanged = Assert.Single(await outsider.ListStoryCommentsAsync(world.TenantId, id), c => c.Id == comment.Id);
        var edited = await outsider.EditStoryCommentAsync(world.TenantId, id, comment.Id, "  We start this in Troup **next fall**.  ");
        var reacted = await outsider.ReactToStoryAsync(world.TenantId, id, StoryReaction.WillTry);
        var unreacted = await outsider.ReactToStoryAsync(world.TenantId, id, StoryReaction.WillTry, present: false);
        var listed = Assert.Single(await author.ListStoryCommentsAsync(world.TenantId, id), c => c.Id == comment.Id);
        await facilitator.RemoveStoryCommentAsync(world.TenantId, id, comment.Id);

        foreach (var refused in new[] { tooLong, blank })
        {
            Assert.Equal((HttpStatusCode.BadRequest, "invalid"), (refused.Status, refused.Code));
            Assert.Equal(["text"], refused.Errors.Keys);
        }

        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (byFacilitator.Status, byFacilitator.Code));
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (byAuthor.Status, byAuthor.Code));
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (missing.Status, missing.Code));
        Assert.Equal(comment, unchanged);
        Assert.Null(comment.EditedAt);
        Assert.Equal("We start this in Troup **next fall**.", edited.Text);
        Assert.NotNull(edited.EditedAt);
        Assert.Equal((comment.Id, comment.At, comment.AuthorPersonId), (edited.Id, edited.At, edited.AuthorPersonId));
        Assert.Equal(edited, listed);
        Assert.Equal(1, reacted.Reactions[StoryReaction.WillTry]);
        Assert.False(unreacted.Reactions.ContainsKey(StoryReaction.WillTry));
        Assert.DoesNotContain(comment.Id, (await author.ListStoryCommentsAsync(world.TenantId, id)).Select(c => c.Id));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Teams_like_mine_through_the_client_finds_the_team_that_moved_on_and_a_refusal_names_its_field(string store)
    {
        var world = hosts.Worlds[store];
        var (author, outsider) = (StoryWorld.Typed(world.Author), StoryWorld.Typed(world.Outsider));
        var id = (await world.Publish(StoryWorld.Draft(Unique("like"), "Like mine", "State"))).GetProperty("id").GetString()!;

        var like = await outsider.StoriesLikeMineAsync(world.TenantId, "troup", "consensus-decisions");
        var own = await author.StoriesLikeMineAsync(world.TenantId, "cafe");
        var noRow = await Assert.ThrowsAsync<LbcApiException>(() => outsider.SearchStoriesAsync(world.TenantId, new StoryFilters { From = DepthLevel.Networking }));
        var badDraft = await Assert.ThrowsAsync<LbcApiException>(() => author.CreateStoryAsync(world.TenantId, "parent-mentors", StoryWorld.TypedDraft(Unique("bad"), "Bad") with { Outcomes = [new StoryOutcome { Measure = "Rate", Result = 1, Period = "2025", Source = "DOE" }] }));

        Assert.Contains(id, like.Hits.Select(h => h.StoryId));
        Assert.DoesNotContain(id, own.Hits.Select(h => h.StoryId));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid"), (noRow.Status, noRow.Code));
        Assert.Contains("rowId", noRow.Errors.Keys);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid"), (badDraft.Status, badDraft.Code));
        Assert.Contains("outcomes[0].baseline", badDraft.Errors.Keys);
    }
}
