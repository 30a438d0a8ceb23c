using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using LbcCommunity.Host.Storage;
using LbcCommunity.Stories;
using Microsoft.Data.Sqlite;

namespace LbcCommunity.Host.Stories;

/// <summary>The stories' search index in the embedded SQLite file: FTS5 (Porter stemming, BM25 with the title weighted 10, the summary 4).</summary>
internal sealed class SqliteStoryIndex(StorageOptions options) : SqlStoryIndex(options)
{
    protected override async Task<DbConnection> Open(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(StorageConnections.SqliteConnectionString(Options, createIfMissing: false));
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    protected override async Task<long?> UpsertRow(DbConnection connection, DbTransaction transaction, StoryIndexEntry entry, CancellationToken cancellationToken)
    {
        var parameters = RowParameters(entry).Append(("published", entry.PublishedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))).ToArray();
        await using var command = Command(connection, transaction, """
            INSERT INTO story_index (tenant_id, story_id, version, status, visibility, community_id, team_id, region_id, year, title, summary, author_name, depth_json, published_at)
            VALUES (@tenant, @story, @version, @status, @visibility, @community, @team, @region, @year, @title, @summary, @author, @depth, @published)
            ON CONFLICT (tenant_id, story_id) DO UPDATE SET
                version = excluded.version, status = excluded.status, visibility = excluded.visibility, community_id = excluded.community_id,
                team_id = excluded.team_id, region_id = excluded.region_id, year = excluded.year, title = excluded.title,
                summary = excluded.summary, author_name = excluded.author_name, depth_json = excluded.depth_json, published_at = excluded.published_at
            WHERE story_index.version < excluded.version
            RETURNING doc_id
            """, parameters);
        var docId = await command.ExecuteScalarAsync(cancellationToken);
        return docId is null or DBNull ? null : Convert.ToInt64(docId, CultureInfo.InvariantCulture);
    }

    protected override async Task WriteText(DbConnection connection, DbTransaction transaction, long docId, StoryIndexEntry entry, CancellationToken cancellationToken)
    {
        await Execute(connection, transaction, "DELETE FROM story_fts WHERE rowid = @doc", cancellationToken, ("doc", docId));
        await Execute(connection, transaction, "INSERT INTO story_fts (rowid, title, summary, body) VALUES (@doc, @title, @summary, @body)", cancellationToken,
            ("doc", docId), ("title", entry.Title), ("summary", entry.Summary ?? string.Empty), ("body", entry.Text));
    }

    protected override string DeleteSql =>
        "DELETE FROM story_fts WHERE rowid = @doc; DELETE FROM story_facet WHERE doc_id = @doc; DELETE FROM story_depth WHERE doc_id = @doc; DELETE FROM story_index WHERE doc_id = @doc";

    protected override (string From, string Rank, string Match) TextSearch() =>
        // The full-text match drives the join (CROSS JOIN fixes SQLite's join order): each matching document is looked
        // up by its doc id, and the filters checked on it. Joined the other way round (as the planner chose when the
        // match was a subquery), the match ran again for every published story: 7.5 s for a common word over 10,000
        // stories (benchmarks.md, "Story search").
        ("story_fts CROSS JOIN story_index s ON s.doc_id = story_fts.rowid", "-bm25(story_fts, 10.0, 4.0, 1.0)", "story_fts MATCH @words");

    protected override string CommunityIn(DbCommand command, IReadOnlyList<string> communityIds)
    {
        Add(command, "communities", JsonSerializer.Serialize(communityIds));
        return "s.community_id IN (SELECT value FROM json_each(@communities))";
    }

    // Each word a quoted FTS5 string: no operator, column filter or syntax error can come from what a person types.
    protected override string? Words(string? text)
    {
        var words = WordsOf(text).Select(w => "\"" + w + "\"").ToList();
        return words.Count == 0 ? null : string.Join(' ', words);
    }
}
