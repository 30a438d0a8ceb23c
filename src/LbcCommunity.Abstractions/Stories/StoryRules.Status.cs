using System.Text.RegularExpressions;
using LbcCommunity.Errors;
using LbcCommunity.Validation;

namespace LbcCommunity.Stories;

/// <summary>The story's readers, its status machine, its conversation and the activity records it makes.</summary>
public static partial class StoryRules
{
    /// <summary>Whether the viewer may read the story as it stands (a story they may not read is "not found" to them).</summary>
    public static bool CanRead(Story story, StoryViewer viewer, string? shareToken = null)
    {
        if (IsAuthor(story, viewer) || CanFacilitate(story, viewer))
        {
            return true;
        }

        if (story.Status != StoryStatus.Published)
        {
            return false;
        }

        return story.Visibility switch
        {
            StoryVisibility.Community => viewer.CommunityIds.Contains(story.CommunityId),
            StoryVisibility.State => viewer.IsTenantPerson,
            StoryVisibility.Link => viewer.IsTenantPerson || (shareToken is not null && story.ShareToken is not null && FixedTimeEquals(shareToken, story.ShareToken)),
            _ => false,
        };
    }

    public static bool IsAuthor(Story story, StoryViewer viewer) =>
        viewer.PersonId.Length > 0 && string.Equals(story.AuthorPersonId, viewer.PersonId, StringComparison.Ordinal);

    /// <summary>The community's facilitators and state staff: they review, publish, return and withdraw.</summary>
    public static bool CanFacilitate(Story story, StoryViewer viewer) =>
        viewer.IsStateAdmin || viewer.FacilitatedCommunityIds.Contains(story.CommunityId);

    /// <summary>May write a story in the community: its members and facilitators, and state staff.</summary>
    public static bool CanWriteIn(string communityId, StoryViewer viewer) =>
        viewer.IsStateAdmin || viewer.CommunityIds.Contains(communityId) || viewer.FacilitatedCommunityIds.Contains(communityId);

    /// <summary>The story as this viewer sees it: the link's secret only for the author, facilitators and state staff.</summary>
    public static Story ForViewer(Story story, StoryViewer viewer) =>
        IsAuthor(story, viewer) || CanFacilitate(story, viewer) ? story : story with { ShareToken = null, ReviewComment = null };

    /// <summary>
    /// The status after <paramref name="transition"/>, or a refusal: 403 for an actor the action is not theirs,
    /// <c>story-status</c> (409) for an action the story's status does not allow. <paramref name="authorTrusted"/>: the
    /// author has had a story published in the community before, so a submission publishes directly.
    /// </summary>
    public static Story Transition(Story story, StoryTransition transition, StoryViewer viewer, bool authorTrusted, DateTimeOffset now)
    {
        var v = new Validator();
        if (transition.Action is not { } action)
        {
            v.Add("action", "'action' is required: submit, publish, return, withdraw or reopen.");
            v.ThrowIfInvalid();
            return story;
        }

        v.Defined("action", action);
        v.OptionalText("comment", transition.Comment, ReviewCommentMaxLength);
        if (action == StoryAction.Return && string.IsNullOrWhiteSpace(transition.Comment))
        {
            v.Add("comment", "'comment' is required when returning a story: tell the author what to change.");
        }

        v.ThrowIfInvalid();
        var author = IsAuthor(story, viewer);
        var facilitator = CanFacilitate(story, viewer);
        var allowed = action switch
        {
            StoryAction.Submit or StoryAction.Reopen => author,
            StoryAction.Publish or StoryAction.Return => facilitator,
            StoryAction.Withdraw => author || facilitator,
            _ => false,
        };
        if (!allowed)
        {
            throw new AccessDeniedException($"Only {(action is StoryAction.Publish or StoryAction.Return ? "a facilitator of the community" : "the story's author" + (action == StoryAction.Withdraw ? " or a facilitator" : string.Empty))} may {action.ToString().ToLowerInvariant()} this story.");
        }

        var from = story.Status;
        StoryStatus? to = (action, from) switch
        {
            (StoryAction.Submit, StoryStatus.Draft) => authorTrusted || facilitator ? StoryStatus.Published : StoryStatus.Submitted,
            (StoryAction.Publish, StoryStatus.Submitted) => StoryStatus.Published,
            (StoryAction.Return, StoryStatus.Submitted) => StoryStatus.Draft,
            (StoryAction.Withdraw, StoryStatus.Submitted or StoryStatus.Published) => StoryStatus.Withdrawn,
            (StoryAction.Reopen, StoryStatus.Withdrawn) => StoryStatus.Draft,
            _ => null,
        };
        if (to is null)
        {
            throw new EntityConflictException("action", $"A {from.ToString().ToLowerInvariant()} story cannot be {Past(action)}.", ErrorCodes.StoryStatus);
        }

        var published = to == StoryStatus.Published;
        return story with
        {
            Status = to.Value,
            Version = story.Version + 1,
            UpdatedAt = now,
            SubmittedAt = action == StoryAction.Submit ? now : story.SubmittedAt,
            PublishedAt = published ? now : story.PublishedAt,
            PublishCount = published ? story.PublishCount + 1 : story.PublishCount,
            ReviewComment = action == StoryAction.Return ? transition.Comment!.Trim() : action == StoryAction.Submit ? null : story.ReviewComment,
        };
    }

    private static string Past(StoryAction action) => action switch
    {
        StoryAction.Submit => "submitted",
        StoryAction.Publish => "published",
        StoryAction.Return => "returned",
        StoryAction.Withdraw => "withdrawn",
        _ => "reopened",
    };

    /// <summary>Only drafts change; the author changes them.</summary>
    public static void RequireEditable(Story story, StoryViewer viewer)
    {
        if (!IsAuthor(story, viewer))
        {
            throw new AccessDeniedException("Only the story's author may change it.");
        }

        if (story.Status != StoryStatus.Draft)
        {
            throw new EntityConflictException("status", $"A {story.Status.ToString().ToLowerInvariant()} story does not change: withdraw and reopen it, or wait for its review.", ErrorCodes.StoryStatus);
        }
    }

    /// <summary>A comment's text; comments go under published stories only, and only from readers who are people of the tenant.</summary>
    public static string ValidateComment(Story story, StoryCommentDraft draft, StoryViewer viewer, int commentCount)
    {
        new Validator().RequiredText("text", draft.Text, CommentMaxLength).ThrowIfInvalid();
        RequireConversation(story, viewer);
        if (commentCount >= MaxComments)
        {
            throw new EntityConflictException("text", $"The story holds its {MaxComments} comments: no more can be added.", ErrorCodes.StoryStatus);
        }

        return draft.Text!.Trim();
    }

    /// <summary>
    /// A comment's new text, by its writer alone, under the same limits as a new comment and while the story is
    /// published. A facilitator may remove another person's comment but never put words in it.
    /// </summary>
    public static StoryComment EditComment(Story story, StoryComment comment, StoryCommentDraft draft, StoryViewer viewer, DateTimeOffset now)
    {
        new Validator().RequiredText("text", draft.Text, CommentMaxLength).ThrowIfInvalid();
        RequireConversation(story, viewer);
        if (comment.AuthorPersonId != viewer.PersonId)
        {
            throw new AccessDeniedException("Only the comment's writer may edit it.");
        }

        return comment with { Text = draft.Text!.Trim(), EditedAt = now };
    }

    /// <summary>Comments and reactions: on a published story, by a signed-in person of the tenant who may read it.</summary>
    public static void RequireConversation(Story story, StoryViewer viewer)
    {
        if (story.Status != StoryStatus.Published)
        {
            throw new EntityConflictException("status", "Comments and reactions go under published stories.", ErrorCodes.StoryStatus);
        }

        if (viewer.PersonId.Length == 0 || !(viewer.IsTenantPerson || viewer.IsStateAdmin))
        {
            throw new AccessDeniedException("Sign in as a person of the state to comment or react.");
        }
    }

    /// <summary>The activity a publication makes (<c>{storyId}/published/{n}</c>, n the publish count), for the tenant's activity grain.</summary>
    public static StoryActivity Published(Story story, StoryViewer actor, DateTimeOffset at) => new()
    {
        ActivityId = $"{story.Id}/published/{story.PublishCount}",
        Kind = StoryActivityKind.Published,
        StoryId = story.Id,
        StoryTitle = story.Title,
        CommunityId = story.CommunityId,
        Tags = story.Tags,
        Visibility = story.Visibility,
        ActorPersonId = actor.PersonId,
        ActorDisplayName = actor.DisplayName,
        ParticipantPersonIds = [story.AuthorPersonId],
        Excerpt = Excerpt(story.Summary ?? story.Body),
        At = at,
    };

    /// <summary>The activity a comment makes (<c>{storyId}/comment/{commentId}</c>): told to the author and earlier commenters.</summary>
    public static StoryActivity Commented(Story story, StoryComment comment, IEnumerable<StoryComment> earlier) => new()
    {
        ActivityId = $"{story.Id}/comment/{comment.Id}",
        Kind = StoryActivityKind.Commented,
        StoryId = story.Id,
        StoryTitle = story.Title,
        CommunityId = story.CommunityId,
        Tags = story.Tags,
        Visibility = story.Visibility,
        ActorPersonId = comment.AuthorPersonId,
        ActorDisplayName = comment.AuthorName,
        ParticipantPersonIds = [.. new[] { story.AuthorPersonId }.Concat(earlier.Select(c => c.AuthorPersonId)).Where(p => p != comment.AuthorPersonId).Distinct(StringComparer.Ordinal)],
        Excerpt = Excerpt(comment.Text),
        At = comment.At,
    };

    /// <summary>Plain text of at most 300 characters: Markdown's marks dropped, white space folded, cut at a word with an ellipsis.</summary>
    public static string? Excerpt(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var plain = WhiteSpace().Replace(MarkdownMarks().Replace(text, " "), " ").Trim();
        if (plain.Length <= 300)
        {
            return plain;
        }

        var cut = plain.LastIndexOf(' ', 298);
        return string.Concat(plain.AsSpan(0, cut > 200 ? cut : 299), "…");
    }

    private static bool FixedTimeEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));

    [GeneratedRegex(@"[#*_`>\[\]()!~|]+")]
    private static partial Regex MarkdownMarks();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
