using LbcCommunity.Stories;
using Orleans.Concurrency;

namespace LbcCommunity.Contracts;

/// <summary>
/// A success story: its content, status, attachments' records, comments and reactions. Key: <c>{tenant}/{story}</c>.
/// The source of truth; the search index is written from it (docs/stories.md). Every method takes the viewer the host
/// read from the caller's token and answers "not found" to one who may not read the story.
/// </summary>
public interface IStoryGrain : IGrainWithStringKey
{
    /// <summary>Writes a new draft in the community (recorded in the community's list first). Conflict if the id is taken.</summary>
    Task<Story> Create(string communityId, StoryDraft draft, StoryViewer author);

    /// <summary>The story for the viewer, or not found. <paramref name="shareToken"/>: the link's secret, for a reader without sign-in.</summary>
    [AlwaysInterleave]
    Task<Story> Read(StoryViewer viewer, string? shareToken = null);

    /// <summary>The story for the viewer, or <c>null</c> when it does not exist or they may not read it (lists skip it).</summary>
    [AlwaysInterleave]
    Task<Story?> TryGet(StoryViewer viewer);

    /// <summary>Changes a draft (the author only).</summary>
    Task<Story> Update(StoryDraft draft, StoryViewer author);

    /// <summary>Submits, publishes, returns, withdraws or reopens (<see cref="StoryRules.Transition"/>).</summary>
    Task<Story> Transition(StoryTransition transition, StoryViewer viewer);

    [AlwaysInterleave]
    Task<IReadOnlyList<StoryComment>> ListComments(StoryViewer viewer);

    Task<StoryComment> AddComment(StoryCommentDraft draft, StoryViewer viewer);

    /// <summary>Changes a comment's text: its writer only (a facilitator may remove others' comments, never edit them).</summary>
    Task<StoryComment> EditComment(string commentId, StoryCommentDraft draft, StoryViewer viewer);

    /// <summary>Removes a comment: its writer, or a facilitator of the community.</summary>
    Task RemoveComment(string commentId, StoryViewer viewer);

    /// <summary>Sets or clears the viewer's reaction; returns the story with the counts.</summary>
    Task<Story> React(StoryReaction reaction, bool present, StoryViewer viewer);

    /// <summary>Records an attachment whose bytes are stored (the author, while the story is a draft).</summary>
    Task<Story> AddAttachment(StoryAttachment attachment, StoryViewer author);

    /// <summary>Forgets an attachment (the author of a draft); returns whether it was there.</summary>
    Task<bool> RemoveAttachment(string attachmentId, StoryViewer author);

    /// <summary>The attachment's record if the viewer may read the story and it has one by this id.</summary>
    [AlwaysInterleave]
    Task<StoryAttachment> GetAttachment(string attachmentId, StoryViewer viewer, string? shareToken = null);

    /// <summary>Whether the viewer may add an attachment now (checked before the bytes are stored).</summary>
    [AlwaysInterleave]
    Task RequireAttachable(StoryViewer author);

    /// <summary>
    /// Writes the story's search entry (and the author's standing in the community) again, whatever the outbox says: the
    /// operators' rebuild. Returns whether the story exists.
    /// </summary>
    Task<bool> Reindex();
}

/// <summary>
/// A community's shelf of stories: the ids of its stories (recorded before a story is created, "lists hold ids") and
/// the people who have had a story published there (whose later stories publish directly). Key: <c>{tenant}/{community}</c>.
/// </summary>
public interface ICommunityStoriesGrain : IGrainWithStringKey
{
    /// <summary>Records a story's id before the story is created; idempotent.</summary>
    Task Reserve(string storyId);

    [AlwaysInterleave]
    Task<IReadOnlyList<string>> ListStoryIds();

    /// <summary>Records that the person has had a story published here; idempotent.</summary>
    Task RecordPublished(string personId);

    [AlwaysInterleave]
    Task<bool> HasPublished(string personId);
}
