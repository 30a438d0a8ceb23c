using LbcCommunity.Rubrics;

namespace LbcCommunity.Stories;

/// <summary>
/// One story as the search read model holds it, written by the story's grain after every change (the outbox,
/// docs/stories.md). Written only when <see cref="Version"/> is newer than the stored one: a replay or a late write of
/// an older version changes nothing.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StoryIndexEntry
{
    [Id(0)] public required string TenantId { get; init; }

    [Id(1)] public required string StoryId { get; init; }

    [Id(2)] public required long Version { get; init; }

    [Id(3)] public required StoryStatus Status { get; init; }

    [Id(4)] public required StoryVisibility Visibility { get; init; }

    [Id(5)] public required string CommunityId { get; init; }

    [Id(6)] public string? TeamId { get; init; }

    [Id(7)] public string? RegionId { get; init; }

    /// <summary>The year it was (last) published, else created.</summary>
    [Id(8)] public required int Year { get; init; }

    [Id(9)] public required string Title { get; init; }

    [Id(10)] public string? Summary { get; init; }

    /// <summary>Everything else a word may be found in: the body, the challenge, outcomes, quotes, tools.</summary>
    [Id(11)] public required string Text { get; init; }

    [Id(12)] public IReadOnlyList<Habit> Habits { get; init; } = [];

    [Id(13)] public IReadOnlyList<string> RowIds { get; init; } = [];

    [Id(14)] public IReadOnlyList<string> Measures { get; init; } = [];

    [Id(15)] public IReadOnlyList<string> Tags { get; init; } = [];

    [Id(16)] public IReadOnlyList<DepthChange> DepthChanges { get; init; } = [];

    [Id(17)] public DateTimeOffset? PublishedAt { get; init; }

    [Id(18)] public required string AuthorName { get; init; }
}

/// <summary>A depth-change filter: on a row, from a level (and, optionally, to exactly a level; otherwise any deeper one).</summary>
[GenerateSerializer, Immutable]
public sealed record DepthFilter
{
    [Id(0)] public required string RowId { get; init; }

    [Id(1)] public required DepthLevel From { get; init; }

    [Id(2)] public DepthLevel? To { get; init; }
}

/// <summary>A search: words, filters (all must hold; the depth filters any one), and a page.</summary>
[GenerateSerializer, Immutable]
public sealed record StorySearchQuery
{
    /// <summary>Words, all of which must occur (stemmed); none: every story that passes the filters, newest first.</summary>
    [Id(0)] public string? Text { get; init; }

    [Id(1)] public Habit? Habit { get; init; }

    [Id(2)] public string? RowId { get; init; }

    /// <summary>Stories with a depth change matching any one of these.</summary>
    [Id(3)] public IReadOnlyList<DepthFilter> DepthChanges { get; init; } = [];

    /// <summary>A word or phrase the outcome's measure contains (case ignored).</summary>
    [Id(4)] public string? Measure { get; init; }

    [Id(5)] public string? RegionId { get; init; }

    [Id(6)] public int? Year { get; init; }

    [Id(7)] public string? CommunityId { get; init; }

    [Id(8)] public string? Tag { get; init; }

    /// <summary>Stories of this team left out ("teams like mine" leaves the asking team's own out).</summary>
    [Id(9)] public string? ExceptTeamId { get; init; }

    [Id(10)] public int Limit { get; init; } = 20;

    [Id(11)] public int Offset { get; init; }
}

/// <summary>Whose search it is: published stories of the state and link visibility, and community-only ones of these communities; state staff see all.</summary>
[GenerateSerializer, Immutable]
public sealed record StorySearchScope
{
    [Id(0)] public required bool AllCommunities { get; init; }

    [Id(1)] public IReadOnlyList<string> CommunityIds { get; init; } = [];
}

/// <summary>One search result.</summary>
[GenerateSerializer, Immutable]
public sealed record StorySearchHit
{
    [Id(0)] public required string StoryId { get; init; }

    [Id(1)] public required string Title { get; init; }

    [Id(2)] public string? Summary { get; init; }

    [Id(3)] public required string CommunityId { get; init; }

    [Id(4)] public string? TeamId { get; init; }

    [Id(5)] public string? RegionId { get; init; }

    [Id(6)] public required int Year { get; init; }

    [Id(7)] public required StoryVisibility Visibility { get; init; }

    [Id(8)] public DateTimeOffset? PublishedAt { get; init; }

    [Id(9)] public required string AuthorName { get; init; }

    [Id(10)] public IReadOnlyList<DepthChange> DepthChanges { get; init; } = [];

    /// <summary>Higher is better; 0 when the search has no words.</summary>
    [Id(11)] public required double Rank { get; init; }
}

/// <summary>A page of results and the number of all that match.</summary>
[GenerateSerializer, Immutable]
public sealed record StorySearchPage
{
    [Id(0)] public required IReadOnlyList<StorySearchHit> Hits { get; init; }

    [Id(1)] public required int Total { get; init; }
}

/// <summary>
/// The search read model of stories (SQLite FTS5 embedded, PostgreSQL full text in a cluster and in Azure mode).
/// The story grain writes it; the search endpoints read it.
/// </summary>
public interface IStoryIndex
{
    /// <summary>Writes the entry unless the index holds the same or a newer version of the story; returns the version the index holds after.</summary>
    Task<long> Apply(StoryIndexEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The version of the story the index holds, or <c>null</c>.</summary>
    Task<long?> VersionOf(string tenantId, string storyId, CancellationToken cancellationToken = default);

    /// <summary>Published stories the scope may read that match the query, best first.</summary>
    Task<StorySearchPage> Search(string tenantId, StorySearchQuery query, StorySearchScope scope, CancellationToken cancellationToken = default);

    /// <summary>Removes the tenant's entries of stories not in <paramref name="keep"/> (a rebuild's last step); returns how many.</summary>
    Task<int> RemoveExcept(string tenantId, IReadOnlyCollection<string> keep, CancellationToken cancellationToken = default);
}

/// <summary>The bytes of stories' attachments: the data folder embedded, a PostgreSQL table in a cluster, a blob container in Azure mode.</summary>
public interface IAttachmentStore
{
    Task Put(string tenantId, string storyId, string attachmentId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>The bytes, or <c>null</c> when none are stored.</summary>
    Task<byte[]?> Read(string tenantId, string storyId, string attachmentId, CancellationToken cancellationToken = default);

    Task Delete(string tenantId, string storyId, string attachmentId, CancellationToken cancellationToken = default);
}
