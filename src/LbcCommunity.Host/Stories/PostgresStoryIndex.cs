using System.Data.Common;
using System.Globalization;
using LbcCommunity.Host.Storage;
using LbcCommunity.Stories;
using Npgsql;

namespace LbcCommunity.Host.Stories;

/// <summary>
/// The stories' search index in PostgreSQL (cluster mode, and Azure mode's PostgreSQL): a stored tsvector of the
/// title (weight A), summary (B) and the rest (C) in the English configuration, a GIN index, <c>ts_rank_cd</c>.
/// </summary>
internal sealed class PostgresStoryIndex(StorageOptions options) : SqlStoryIndex(options), IDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(options.PostgresConnectionString!);

    public void Dispose() => _source.Dispose();

    protected override async Task<DbConnection> Open(CancellationToken cancellationToken) => await _source.OpenConnectionAsync(cancellationToken);

    protected override async Task<long?> UpsertRow(DbConnection connection, DbTransaction transaction, StoryIndexEntry entry, CancellationToken cancellationToken)
    {
        var parameters = RowParameters(entry).Append(("published", entry.PublishedAt)).Append(("body", entry.Text)).ToArray();
        await using var command = Command(connection, transaction, """
            INSERT INTO story_index (tenant_id, story_id, version, status, visibility, community_id, team_id, region_id, year, title, summary, author_name, depth_json, published_at, body)
            VALUES (@tenant, @story, @version, @status, @visibility, @community, @team, @region, @year, @title, @summary, @author, @depth, @published, @body)
            ON CONFLICT (tenant_id, story_id) DO UPDATE SET
                version = excluded.version, status = excluded.status, visibility = excluded.visibility, community_id = excluded.community_id,
                team_id = excluded.team_id, region_id = excluded.region_id, year = excluded.year, title = excluded.title,
                summary = excluded.summary, author_name = excluded.author_name, depth_json = excluded.depth_json,
                published_at = excluded.published_at, body = excluded.body
            WHERE story_index.version < excluded.version
            RETURNING doc_id
            """, parameters);
        var docId = await command.ExecuteScalarAsync(cancellationToken);
        return docId is null or DBNull ? null : Convert.ToInt64(docId, CultureInfo.InvariantCulture);
    }

    // The document is a generated column of the row.
    protected override Task WriteText(DbConnection connection, DbTransaction transaction, long docId, StoryIndexEntry entry, CancellationToken cancellationToken) => Task.CompletedTask;

    protected override string DeleteSql => "DELETE FROM story_index WHERE doc_id = @doc";

    protected override (string From, string Rank, string Match) TextSearch() =>
        ("story_index s CROSS JOIN plainto_tsquery('english', @words) q", "ts_rank_cd(s.document, q)", "s.document @@ q");

    protected override string CommunityIn(DbCommand command, IReadOnlyList<string> communityIds)
    {
        Add(command, "communities", communityIds.ToArray());
        return "s.community_id = ANY(@communities)";
    }

    protected override string? Words(string? text)
    {
        var words = WordsOf(text).ToList();
        return words.Count == 0 ? null : string.Join(' ', words);
    }
}
