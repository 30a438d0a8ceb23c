using System.Collections.Concurrent;
using LbcCommunity.Stories;

namespace LbcCommunity.Tests.Stories;

/// <summary>
/// The grain tests' search index: entries in memory with the same version guard as the SQL stores, and a switch that
/// makes writes fail (the index down) so a test can watch the outbox pay what it owes. The SQL stores themselves are
/// tested in the host tests (StorySearchTests) on real SQLite and PostgreSQL.
/// </summary>
public sealed class MemoryStoryIndex : IStoryIndex
{
    private readonly ConcurrentDictionary<(string, string), StoryIndexEntry> _entries = new();

    /// <summary>While true, every write throws, as a store that cannot be reached would.</summary>
    public bool Down { get; set; }

    public int Writes { get; private set; }

    public StoryIndexEntry? EntryOf(string tenantId, string storyId) => _entries.GetValueOrDefault((tenantId, storyId));

    public Task<long> Apply(StoryIndexEntry entry, CancellationToken cancellationToken = default)
    {
        if (Down)
        {
            throw new InvalidOperationException("The search index is down.");
        }

        Writes++;
        var stored = _entries.AddOrUpdate((entry.TenantId, entry.StoryId), entry, (_, old) => old.Version >= entry.Version ? old : entry);
        return Task.FromResult(stored.Version);
    }

    public Task<long?> VersionOf(string tenantId, string storyId, CancellationToken cancellationToken = default) =>
        Task.FromResult(EntryOf(tenantId, storyId)?.Version);

    public Task<StorySearchPage> Search(string tenantId, StorySearchQuery query, StorySearchScope scope, CancellationToken cancellationToken = default)
    {
        var hits = _entries.Values
            .Where(e => e.TenantId == tenantId && e.Status == StoryStatus.Published)
            .Where(e => scope.AllCommunities || e.Visibility != StoryVisibility.Community || scope.CommunityIds.Contains(e.CommunityId))
            .Where(e => query.Text is null || (e.Title + " " + e.Text).Contains(query.Text, StringComparison.OrdinalIgnoreCase))
            .Select(e => new StorySearchHit { StoryId = e.StoryId, Title = e.Title, CommunityId = e.CommunityId, Year = e.Year, Visibility = e.Visibility, AuthorName = e.AuthorName, Rank = 0 })
            .ToList();
        return Task.FromResult(new StorySearchPage { Hits = [.. hits.Skip(query.Offset).Take(query.Limit)], Total = hits.Count });
    }

    public Task<int> RemoveExcept(string tenantId, IReadOnlyCollection<string> keep, CancellationToken cancellationToken = default)
    {
        var gone = _entries.Keys.Where(k => k.Item1 == tenantId && !keep.Contains(k.Item2)).ToList();
        gone.ForEach(k => _entries.TryRemove(k, out _));
        return Task.FromResult(gone.Count);
    }
}
