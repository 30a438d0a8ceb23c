using LbcCommunity.Contracts;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Host.Stories;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.Rubrics;
using LbcCommunity.Stories;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary>
/// <c>/api/tenants/{tenantId}/…stories…</c>: success stories of communities of practice, their search, comments,
/// reactions and the operators' rebuild of the search index (docs/stories.md). Who may read a story is the story's
/// grain's decision (<see cref="StoryRules.CanRead"/>): one the caller may not read answers 404.
/// </summary>
internal static class StoriesEndpoints
{
    public static void MapStories(this RouteGroupBuilder tenant)
    {
        var community = tenant.MapGroup("/communities/{communityId}/stories").WithTags("Stories");
        community.MapPost("/", async Task<Created<Story>> (string tenantId, string communityId, StoryDraft draft, HttpContext http, IGrainFactory grains, StoryMarkdown markdown) =>
        {
            StoryRules.Validate(draft);
            var id = draft.Id ?? OrganizationRules.NewId();
            var story = await Story(grains, tenantId, id).Create(communityId, draft, Viewer(http));
            return TypedResults.Created($"/api/tenants/{tenantId}/stories/{id}", Rendered(story, markdown));
        })
        .WithName("CreateStory")
        .RequireAccess(AccessRule.CommunityReader)
        .WithSummary("Write a story (a draft) in the community, from the template.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        community.MapGet("/", async Task<Ok<IReadOnlyList<Story>>> (string tenantId, string communityId, HttpContext http, IGrainFactory grains) =>
        {
            ApiRoutes.Found(await grains.GetGrain<ICommunityGrain>(ApiRoutes.Key(tenantId, communityId)).TryGet(), "Community of practice", communityId);
            var viewer = Viewer(http);
            var ids = await grains.GetGrain<ICommunityStoriesGrain>(ApiRoutes.Key(tenantId, communityId)).ListStoryIds();
            var stories = await ApiRoutes.Collect(ids, id => Story(grains, tenantId, id).TryGet(viewer));
            return TypedResults.Ok<IReadOnlyList<Story>>([.. stories.OrderByDescending(s => s.PublishedAt ?? s.UpdatedAt)]);
        })
        .WithName("ListCommunityStories")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("The community's stories the caller may read, newest first (facilitators also see those awaiting review).")
        .ProducesProblem(StatusCodes.Status404NotFound);

        var stories = tenant.MapGroup("/stories").WithTags("Stories");
        stories.MapGet("/", async Task<Ok<StorySearchPage>> (
            string tenantId, string? q, Habit? habit, string? rowId, DepthLevel? from, DepthLevel? to, string? measure, string? regionId,
            int? year, string? communityId, string? tag, int? limit, int? offset, HttpContext http, IStoryIndex index) =>
        {
            var query = StoryViewers.Query(new StorySearchQuery
            {
                Text = q, Habit = habit, RowId = rowId, Measure = measure, RegionId = regionId, Year = year, CommunityId = communityId, Tag = tag,
                Limit = limit ?? 20, Offset = offset ?? 0,
            }, from, to);
            return TypedResults.Ok(await index.Search(tenantId, query, StoryViewers.ScopeOf(Viewer(http)), http.RequestAborted));
        })
        .WithName("SearchStories")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Search published stories: words, and filters by habit, rubric row, depth change, outcome measure, region, year, community and tag.")
        .ProducesValidationProblem();

        var story = stories.MapGroup("/{storyId}");
        story.MapGet("/", async Task<Ok<Story>> (string tenantId, string storyId, HttpContext http, IGrainFactory grains, StoryMarkdown markdown) =>
            TypedResults.Ok(Rendered(await Story(grains, tenantId, storyId).Read(Viewer(http)), markdown)))
        .WithName("GetStory")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Read a story, with its Markdown rendered as safe HTML.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        story.MapPut("/", async Task<Ok<Story>> (string tenantId, string storyId, StoryDraft draft, HttpContext http, IGrainFactory grains, StoryMarkdown markdown) =>
        {
            StoryRules.Validate(draft);
            return TypedResults.Ok(Rendered(await Story(grains, tenantId, storyId).Update(draft, Viewer(http)), markdown));
        })
        .WithName("UpdateStory")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Change a draft (its author).")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        story.MapPost("/transitions", async Task<Ok<Story>> (string tenantId, string storyId, StoryTransition transition, HttpContext http, IGrainFactory grains, StoryMarkdown markdown) =>
            TypedResults.Ok(Rendered(await Story(grains, tenantId, storyId).Transition(transition, Viewer(http)), markdown)))
        .WithName("TransitionStory")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Submit, publish, return (with a comment), withdraw or reopen a story.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        story.MapGet("/comments", async Task<Ok<IReadOnlyList<StoryComment>>> (string tenantId, string storyId, HttpContext http, IGrainFactory grains) =>
            TypedResults.Ok(await Story(grains, tenantId, storyId).ListComments(Viewer(http))))
        .WithName("ListStoryComments")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("The discussion under a story, oldest first.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        story.MapPost("/comments", async Task<Created<StoryComment>> (string tenantId, string storyId, StoryCommentDraft draft, HttpContext http, IGrainFactory grains) =>
        {
            var comment = await Story(grains, tenantId, storyId).AddComment(draft, Viewer(http));
            return TypedResults.Created($"/api/tenants/{tenantId}/stories/{storyId}/comments/{comment.Id}", comment);
        })
        .WithName("AddStoryComment")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Comment on a published story.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        story.MapPut("/comments/{commentId}", async Task<Ok<StoryComment>> (string tenantId, string storyId, string commentId, StoryCommentDraft draft, HttpContext http, IGrainFactory grains) =>
            TypedResults.Ok(await Story(grains, tenantId, storyId).EditComment(commentId, draft, Viewer(http))))
        .WithName("EditStoryComment")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Change a comment's text (its writer only; at most 2,000 characters).")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        story.MapDelete("/comments/{commentId}", async Task<NoContent> (string tenantId, string storyId, string commentId, HttpContext http, IGrainFactory grains) =>
        {
            await Story(grains, tenantId, storyId).RemoveComment(commentId, Viewer(http));
            return TypedResults.NoContent();
        })
        .WithName("RemoveStoryComment")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Remove a comment (its writer, or a facilitator of the community).")
        .ProducesProblem(StatusCodes.Status404NotFound);

        story.MapPut("/reactions/{reaction}", async Task<Ok<Story>> (string tenantId, string storyId, StoryReaction reaction, HttpContext http, IGrainFactory grains, StoryMarkdown markdown) =>
            TypedResults.Ok(Rendered(await Story(grains, tenantId, storyId).React(reaction, true, Viewer(http)), markdown)))
        .WithName("AddStoryReaction")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Leave a reaction (Thanks, Inspiring, WillTry) on a published story; once per person and kind.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        story.MapDelete("/reactions/{reaction}", async Task<Ok<Story>> (string tenantId, string storyId, StoryReaction reaction, HttpContext http, IGrainFactory grains, StoryMarkdown markdown) =>
            TypedResults.Ok(Rendered(await Story(grains, tenantId, storyId).React(reaction, false, Viewer(http)), markdown)))
        .WithName("RemoveStoryReaction")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("Take one's reaction back.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        story.MapStoryAttachments();

        tenant.MapGet("/teams/{teamId}/stories-like-mine", async Task<Ok<StorySearchPage>> (string tenantId, string teamId, string? rowId, int? limit, HttpContext http, IGrainFactory grains, IStoryIndex index) =>
        {
            var team = grains.GetGrain<ITeamGrain>(ApiRoutes.Key(tenantId, teamId));
            ApiRoutes.Found(await team.TryGet(), "Team", teamId);
            var levels = StoryRules.CurrentLevels(await team.ListRatings(RatingKind.Consensus));
            var filters = levels.Where(l => rowId is null || l.Key == rowId).Select(l => new DepthFilter { RowId = l.Key, From = l.Value }).ToList();
            var query = StoryViewers.Query(new StorySearchQuery { DepthChanges = filters, ExceptTeamId = teamId, Limit = limit ?? 20 }, null, null);
            return TypedResults.Ok(filters.Count == 0 || levels.Values.All(l => l == DepthLevel.Transforming) && rowId is null
                ? new StorySearchPage { Hits = [], Total = 0 }
                : await index.Search(tenantId, query, StoryViewers.ScopeOf(Viewer(http)), http.RequestAborted));
        })
        .WithTags("Stories")
        .WithName("StoriesLikeMine")
        .RequireAccess(AccessRule.TeamReader)
        .WithSummary("Stories of other teams whose depth change on a row starts at the level this team stands at there and goes deeper.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        tenant.MapPost("/story-index/rebuild", async Task<Ok<StoryIndexRebuild>> (string tenantId, IGrainFactory grains, IStoryIndex index, CancellationToken cancellationToken) =>
        {
            var kept = new List<string>();
            foreach (var communityId in await grains.GetGrain<ITenantGrain>(tenantId).ListCommunityIds())
            {
                foreach (var storyId in await grains.GetGrain<ICommunityStoriesGrain>(ApiRoutes.Key(tenantId, communityId)).ListStoryIds())
                {
                    if (await Story(grains, tenantId, storyId).Reindex())
                    {
                        kept.Add(storyId);
                    }
                }
            }

            var removed = await index.RemoveExcept(tenantId, kept, cancellationToken);
            return TypedResults.Ok(new StoryIndexRebuild(kept.Count, removed));
        })
        .WithTags("Stories")
        .WithName("RebuildStoryIndex")
        .RequireAccess(AccessRule.StateAdmin)
        .WithSummary("Write every story's search entry again from the stories themselves, and drop entries of stories that do not exist.");
    }

    internal static IStoryGrain Story(IGrainFactory grains, string tenantId, string storyId) =>
        grains.GetGrain<IStoryGrain>(ApiRoutes.Key(tenantId, storyId));

    internal static StoryViewer Viewer(HttpContext http) => StoryViewers.Of(http.Caller());

    internal static Story Rendered(Story story, StoryMarkdown markdown) => story with { BodyHtml = markdown.ToSafeHtml(story.Body) };
}

/// <summary>What a rebuild of the story index did: stories written again, entries removed.</summary>
internal sealed record StoryIndexRebuild(int Stories, int Removed);
