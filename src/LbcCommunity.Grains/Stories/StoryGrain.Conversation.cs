using System.Globalization;
using LbcCommunity.Errors;
using LbcCommunity.Stories;

namespace LbcCommunity.Grains.Stories;

/// <summary>
/// A story's comments and reactions, stored beside the story in a state of their own (written only when they change,
/// and not part of the search entry). Bounded: <see cref="StoryRules.MaxComments"/> comments of at most
/// <see cref="StoryRules.CommentMaxLength"/> characters, one reaction of each kind per person.
/// </summary>
[GenerateSerializer]
internal sealed class StoryConversation
{
    [Id(0)] public List<StoryComment> Comments { get; set; } = [];

    [Id(1)] public Dictionary<StoryReaction, HashSet<string>> Reactions { get; set; } = [];

    [Id(2)] public int NextComment { get; set; } = 1;

    /// <summary>Comments not yet handed to the tenant's activity grain: stored with the comment, paid by the story's outbox.</summary>
    [Id(3)] public List<StoryActivity> OwedActivities { get; set; } = [];
}

internal sealed partial class StoryGrain
{
    public Task<IReadOnlyList<StoryComment>> ListComments(StoryViewer viewer)
    {
        _ = Readable(viewer);
        return Task.FromResult<IReadOnlyList<StoryComment>>([.. conversation.State.Comments]);
    }

    public async Task<StoryComment> AddComment(StoryCommentDraft draft, StoryViewer viewer)
    {
        var story = Readable(viewer);
        var talk = conversation.State;
        var text = StoryRules.ValidateComment(story, draft, viewer, talk.Comments.Count);
        var comment = new StoryComment
        {
            Id = "c" + talk.NextComment.ToString(CultureInfo.InvariantCulture),
            AuthorPersonId = viewer.PersonId,
            AuthorName = viewer.DisplayName,
            Text = text,
            At = time.GetUtcNow(),
        };
        var earlier = talk.Comments.ToList();
        await EnsureOutboxReminder();
        talk.Comments.Add(comment);
        talk.NextComment++;
        // Owed with the comment, in the same write: acknowledged means its participants and followers will hear of it.
        talk.OwedActivities.Add(StoryRules.Commented(story, comment, earlier));
        await Save(conversation);
        await DrainOutbox();
        return comment;
    }

    public async Task<StoryComment> EditComment(string commentId, StoryCommentDraft draft, StoryViewer viewer)
    {
        var story = Readable(viewer);
        var comments = conversation.State.Comments;
        var index = comments.FindIndex(c => c.Id == commentId);
        if (index < 0)
        {
            throw new EntityNotFoundException("Comment", commentId);
        }

        var edited = StoryRules.EditComment(story, comments[index], draft, viewer, time.GetUtcNow());
        comments[index] = edited;
        await Save(conversation);
        return edited;
    }

    public async Task RemoveComment(string commentId, StoryViewer viewer)
    {
        var story = Readable(viewer);
        var comment = conversation.State.Comments.FirstOrDefault(c => c.Id == commentId) ?? throw new EntityNotFoundException("Comment", commentId);
        if (comment.AuthorPersonId != viewer.PersonId && !StoryRules.CanFacilitate(story, viewer))
        {
            throw new AccessDeniedException("Only the comment's writer or a facilitator of the community may remove it.");
        }

        conversation.State.Comments.Remove(comment);
        await Save(conversation);
    }

    public async Task<Story> React(StoryReaction reaction, bool present, StoryViewer viewer)
    {
        var story = Readable(viewer);
        if (!Enum.IsDefined(reaction))
        {
            throw DomainValidationException.For("reaction", $"'reaction' must be one of: {string.Join(", ", Enum.GetNames<StoryReaction>())}.");
        }

        StoryRules.RequireConversation(story, viewer);
        var reactions = conversation.State.Reactions;
        if (!reactions.TryGetValue(reaction, out var people))
        {
            people = new HashSet<string>(StringComparer.Ordinal);
            reactions[reaction] = people;
        }

        if (present ? people.Add(viewer.PersonId) : people.Remove(viewer.PersonId))
        {
            await Save(conversation);
        }

        return View(story, viewer);
    }

    public Task RequireAttachable(StoryViewer author)
    {
        var story = Readable(author);
        StoryRules.RequireEditable(story, author);
        if (story.Attachments.Count >= StoryRules.MaxAttachments)
        {
            throw DomainValidationException.For("file", $"The story holds its {StoryRules.MaxAttachments} attachments.", ErrorCodes.AttachmentRefused);
        }

        return Task.CompletedTask;
    }

    public async Task<Story> AddAttachment(StoryAttachment attachment, StoryViewer author)
    {
        await RequireAttachable(author);
        var story = Current with
        {
            Attachments = [.. Current.Attachments, attachment],
            Version = Current.Version + 1,
            UpdatedAt = time.GetUtcNow(),
        };
        await Commit(story);
        return View(story, author);
    }

    public async Task<bool> RemoveAttachment(string attachmentId, StoryViewer author)
    {
        var story = Readable(author);
        StoryRules.RequireEditable(story, author);
        if (story.Attachments.All(a => a.Id != attachmentId))
        {
            return false;
        }

        await Commit(story with { Attachments = [.. story.Attachments.Where(a => a.Id != attachmentId)], Version = story.Version + 1, UpdatedAt = time.GetUtcNow() });
        return true;
    }

    public Task<StoryAttachment> GetAttachment(string attachmentId, StoryViewer viewer, string? shareToken = null)
    {
        var story = Current;
        if (!StoryRules.CanRead(story, viewer, shareToken))
        {
            throw new EntityNotFoundException("Story", StoryId);
        }

        return Task.FromResult(story.Attachments.FirstOrDefault(a => a.Id == attachmentId) ?? throw new EntityNotFoundException("Attachment", attachmentId));
    }

    /// <summary>The story for one reader: the conversation's counts, their own reactions, the link's secret only for those who manage it.</summary>
    private Story View(Story story, StoryViewer viewer)
    {
        var talk = conversation.State;
        return StoryRules.ForViewer(story, viewer) with
        {
            CommentCount = talk.Comments.Count,
            Reactions = talk.Reactions.Where(r => r.Value.Count > 0).ToDictionary(r => r.Key, r => r.Value.Count),
            MyReactions = [.. talk.Reactions.Where(r => r.Value.Contains(viewer.PersonId)).Select(r => r.Key).Order()],
        };
    }
}
