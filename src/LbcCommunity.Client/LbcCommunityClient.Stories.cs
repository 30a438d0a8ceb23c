using System.Globalization;
using System.Net.Http.Headers;
using LbcCommunity.Rubrics;
using LbcCommunity.Stories;

namespace LbcCommunity.Client;

/// <summary>Success stories: drafts, review, reading, search, comments, reactions, attachments and the link (docs/stories.md).</summary>
public sealed partial class LbcCommunityClient
{
    /// <summary>Writes a draft in the community (<c>draft.Id</c> chosen, or generated).</summary>
    public Task<Story> CreateStoryAsync(string tenantId, string communityId, StoryDraft draft, CancellationToken ct = default) =>
        Send<Story>(HttpMethod.Post, $"{Community(tenantId, communityId)}/stories", draft, ct);

    /// <summary>Changes a draft (its author; 409 <c>story-status</c> once it is submitted).</summary>
    public Task<Story> UpdateStoryAsync(string tenantId, string storyId, StoryDraft draft, CancellationToken ct = default) =>
        Send<Story>(HttpMethod.Put, StoryPath(tenantId, storyId), draft, ct);

    public Task<Story> GetStoryAsync(string tenantId, string storyId, CancellationToken ct = default) =>
        Send<Story>(HttpMethod.Get, StoryPath(tenantId, storyId), null, ct);

    /// <summary>The community's stories the caller may read, newest first (a facilitator's include those awaiting review).</summary>
    public Task<IReadOnlyList<Story>> ListCommunityStoriesAsync(string tenantId, string communityId, CancellationToken ct = default) =>
        Send<IReadOnlyList<Story>>(HttpMethod.Get, $"{Community(tenantId, communityId)}/stories", null, ct);

    /// <summary>Any change of status; <paramref name="comment"/> is what a return tells the author.</summary>
    public Task<Story> TransitionStoryAsync(string tenantId, string storyId, StoryAction action, string? comment = null, CancellationToken ct = default) =>
        Send<Story>(HttpMethod.Post, $"{StoryPath(tenantId, storyId)}/transitions", new StoryTransition { Action = action, Comment = comment }, ct);

    /// <summary>Submits a draft: published at once for an author published here before (or a facilitator), else awaiting review.</summary>
    public Task<Story> SubmitStoryAsync(string tenantId, string storyId, CancellationToken ct = default) => TransitionStoryAsync(tenantId, storyId, StoryAction.Submit, null, ct);

    public Task<Story> PublishStoryAsync(string tenantId, string storyId, CancellationToken ct = default) => TransitionStoryAsync(tenantId, storyId, StoryAction.Publish, null, ct);

    public Task<Story> ReturnStoryAsync(string tenantId, string storyId, string comment, CancellationToken ct = default) => TransitionStoryAsync(tenantId, storyId, StoryAction.Return, comment, ct);

    public Task<Story> WithdrawStoryAsync(string tenantId, string storyId, CancellationToken ct = default) => TransitionStoryAsync(tenantId, storyId, StoryAction.Withdraw, null, ct);

    public Task<Story> ReopenStoryAsync(string tenantId, string storyId, CancellationToken ct = default) => TransitionStoryAsync(tenantId, storyId, StoryAction.Reopen, null, ct);

    /// <summary>Published stories the caller may read, by words and filters (every filter of <see cref="StoryFilters"/>).</summary>
    public Task<StorySearchPage> SearchStoriesAsync(string tenantId, StoryFilters filters, CancellationToken ct = default) =>
        Send<StorySearchPage>(HttpMethod.Get, $"{Tenant(tenantId)}/stories{filters.ToQuery()}", null, ct);

    /// <summary>"Teams like mine": stories of other teams that moved on from where this team stands (on one row, or any).</summary>
    public Task<StorySearchPage> StoriesLikeMineAsync(string tenantId, string teamId, string? rowId = null, int? limit = null, CancellationToken ct = default) =>
        Send<StorySearchPage>(HttpMethod.Get, $"{Team(tenantId, teamId)}/stories-like-mine{QueryOf(("rowId", rowId), ("limit", limit?.ToString(CultureInfo.InvariantCulture)))}", null, ct);

    public Task<IReadOnlyList<StoryComment>> ListStoryCommentsAsync(string tenantId, string storyId, CancellationToken ct = default) =>
        Send<IReadOnlyList<StoryComment>>(HttpMethod.Get, $"{StoryPath(tenantId, storyId)}/comments", null, ct);

    public Task<StoryComment> AddStoryCommentAsync(string tenantId, string storyId, string text, CancellationToken ct = default) =>
        Send<StoryComment>(HttpMethod.Post, $"{StoryPath(tenantId, storyId)}/comments", new StoryCommentDraft { Text = text }, ct);

    /// <summary>Changes one's own comment (403 for anyone else, facilitators included).</summary>
    public Task<StoryComment> EditStoryCommentAsync(string tenantId, string storyId, string commentId, string text, CancellationToken ct = default) =>
        Send<StoryComment>(HttpMethod.Put, $"{StoryPath(tenantId, storyId)}/comments/{Esc(commentId)}", new StoryCommentDraft { Text = text }, ct);

    /// <summary>Removes a comment (its writer, or a facilitator of the community).</summary>
    public Task RemoveStoryCommentAsync(string tenantId, string storyId, string commentId, CancellationToken ct = default) =>
        Send<object>(HttpMethod.Delete, $"{StoryPath(tenantId, storyId)}/comments/{Esc(commentId)}", null, ct);

    /// <summary>Leaves (<paramref name="present"/>) or takes back the caller's reaction; idempotent. Returns the story with the counts.</summary>
    public Task<Story> ReactToStoryAsync(string tenantId, string storyId, StoryReaction reaction, bool present = true, CancellationToken ct = default) =>
        Send<Story>(present ? HttpMethod.Put : HttpMethod.Delete, $"{StoryPath(tenantId, storyId)}/reactions/{reaction}", null, ct);

    /// <summary>Attaches an image or a PDF to a draft; <paramref name="altText"/> says what a picture shows (required for images).</summary>
    public async Task<StoryAttachment> AddStoryAttachmentAsync(string tenantId, string storyId, string fileName, byte[] content, string? altText = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{StoryPath(tenantId, storyId)}/attachments{QueryOf(("fileName", fileName), ("altText", altText))}")
        {
            Content = new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
        };
        return await Read<StoryAttachment>(request, ct).ConfigureAwait(false);
    }

    /// <summary>An attachment's bytes and the type the server read from them.</summary>
    public Task<StoryFile> GetStoryAttachmentAsync(string tenantId, string storyId, string attachmentId, CancellationToken ct = default) =>
        Download($"{StoryPath(tenantId, storyId)}/attachments/{Esc(attachmentId)}", ct);

    public Task RemoveStoryAttachmentAsync(string tenantId, string storyId, string attachmentId, CancellationToken ct = default) =>
        Send<object>(HttpMethod.Delete, $"{StoryPath(tenantId, storyId)}/attachments/{Esc(attachmentId)}", null, ct);

    /// <summary>The story by its link (published with link visibility), as anyone holding the token reads it, without sign-in.</summary>
    public Task<Story> GetSharedStoryAsync(string tenantId, string storyId, string shareToken, CancellationToken ct = default) =>
        Send<Story>(HttpMethod.Get, SharedPath(tenantId, storyId, shareToken), null, ct);

    public Task<StoryFile> GetSharedStoryAttachmentAsync(string tenantId, string storyId, string shareToken, string attachmentId, CancellationToken ct = default) =>
        Download($"{SharedPath(tenantId, storyId, shareToken)}/attachments/{Esc(attachmentId)}", ct);

    /// <summary>The path of a story's link, relative to the host (what a person is given to share).</summary>
    public static string SharedPath(string tenantId, string storyId, string shareToken) => $"shared/{Esc(tenantId)}/stories/{Esc(storyId)}/{Esc(shareToken)}";

    private static string StoryPath(string tenantId, string storyId) => $"{Tenant(tenantId)}/stories/{Esc(storyId)}";

    internal static string QueryOf(params (string Name, string? Value)[] parameters)
    {
        var query = string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? string.Empty : "?" + query;
    }

    private async Task<StoryFile> Download(string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ToException(response, ct).ConfigureAwait(false);
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        return new StoryFile(bytes, response.Content.Headers.ContentType?.MediaType ?? "application/octet-stream", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
    }
}

/// <summary>The filters of a story search (docs/stories.md, "Search"); null leaves a filter out.</summary>
public sealed record StoryFilters
{
    /// <summary>Words, all of which must occur (<c>q</c>).</summary>
    public string? Text { get; init; }

    public Habit? Habit { get; init; }

    /// <summary>A row practised or a depth change's row; with <see cref="From"/> (and <see cref="To"/>), a depth change on it.</summary>
    public string? RowId { get; init; }

    public DepthLevel? From { get; init; }

    public DepthLevel? To { get; init; }

    /// <summary>An outcome's measure contains it (case ignored).</summary>
    public string? Measure { get; init; }

    public string? RegionId { get; init; }

    /// <summary>The year of the latest publication.</summary>
    public int? Year { get; init; }

    public string? CommunityId { get; init; }

    public string? Tag { get; init; }

    /// <summary>1–100 (the server's default 20).</summary>
    public int? Limit { get; init; }

    public int? Offset { get; init; }

    internal string ToQuery() => LbcCommunityClient.QueryOf(
        ("q", Text), ("habit", Habit?.ToString()), ("rowId", RowId), ("from", From?.ToString()), ("to", To?.ToString()), ("measure", Measure),
        ("regionId", RegionId), ("year", Year?.ToString(CultureInfo.InvariantCulture)), ("communityId", CommunityId), ("tag", Tag),
        ("limit", Limit?.ToString(CultureInfo.InvariantCulture)), ("offset", Offset?.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>A downloaded attachment: its bytes, the content type the server sends, and the file name when it sends one (PDFs).</summary>
public sealed record StoryFile(byte[] Content, string ContentType, string? FileName);
