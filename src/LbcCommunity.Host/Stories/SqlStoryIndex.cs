using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LbcCommunity.Host.Storage;
using LbcCommunity.Stories;

namespace LbcCommunity.Host.Stories;

/// <summary>
/// The stories' search read model in the host's SQL store: SQLite FTS5 embedded, PostgreSQL full text (a weighted
/// tsvector with a GIN index) in a cluster and in Azure mode. Each write is one transaction guarded by the story's
/// version; filters are facet and depth rows joined by <c>EXISTS</c>; visibility is part of every query.
/// </summary>
internal abstract partial class SqlStoryIndex(StorageOptions options) : IStoryIndex
{
    /// <summary>At most this many words of a query are searched.</summary>
    public const int MaxWords = 12;

    protected StorageOptions Options => options;

    protected abstract Task<DbConnection> Open(CancellationToken cancellationToken);

    /// <summary>Inserts or, for a newer version, replaces the story's row and returns its doc id; null when the stored version is as new.</summary>
    protected abstract Task<long?> UpsertRow(DbConnection connection, DbTransaction transaction, StoryIndexEntry entry, CancellationToken cancellationToken);

    /// <summary>Writes the full-text document of the row (SQLite's separate FTS table; PostgreSQL's is a generated column).</summary>
    protected abstract Task WriteText(DbConnection connection, DbTransaction transaction, long docId, StoryIndexEntry entry, CancellationToken cancellationToken);

    /// <summary>The FROM clause, rank expression and match condition of a search with words (<c>@words</c>).</summary>
    protected abstract (string From, string Rank, string Match) TextSearch();

    /// <summary>The condition "community_id is one of @communities".</summary>
    protected abstract string CommunityIn(DbCommand command, IReadOnlyList<string> communityIds);

    public async Task<long> Apply(StoryIndexEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var docId = await UpsertRow(connection, transaction, entry, cancellationToken);
        if (docId is not { } id)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await StoredVersion(connection, entry.TenantId, entry.StoryId, cancellationToken) ?? entry.Version;
        }

        await Execute(connection, transaction, "DELETE FROM story_facet WHERE doc_id = @doc; DELETE FROM story_depth WHERE doc_id = @doc", cancellationToken, ("doc", id));
        await WriteText(connection, transaction, id, entry, cancellationToken);
        var facets = entry.Habits.Select(h => ("habit", h.ToString()))
            .Concat(entry.RowIds.Select(r => ("row", r)))
            .Concat(entry.Measures.Select(m => ("measure", m.ToLowerInvariant())))
            .Concat(entry.Tags.Select(t => ("tag", t)))
            .Distinct();
        foreach (var (kind, value) in facets)
        {
            await Execute(connection, transaction, "INSERT INTO story_facet (doc_id, kind, value) VALUES (@doc, @kind, @value)", cancellationToken, ("doc", id), ("kind", kind), ("value", value));
        }

        foreach (var change in entry.DepthChanges.DistinctBy(d => d.RowId))
        {
            await Execute(connection, transaction, "INSERT INTO story_depth (doc_id, row_id, from_level, to_level) VALUES (@doc, @row, @from, @to)", cancellationToken,
                ("doc", id), ("row", change.RowId), ("from", (int)change.From), ("to", (int)change.To));
        }

        await transaction.CommitAsync(cancellationToken);
        return entry.Version;
    }

    public async Task<long?> VersionOf(string tenantId, string storyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        return await StoredVersion(connection, tenantId, storyId, cancellationToken);
    }

    public async Task<int> RemoveExcept(string tenantId, IReadOnlyCollection<string> keep, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        var stored = new List<(long DocId, string StoryId)>();
        await using (var command = Command(connection, null, "SELECT doc_id, story_id FROM story_index WHERE tenant_id = @tenant", ("tenant", tenantId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stored.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        var gone = stored.Where(s => !keep.Contains(s.StoryId)).ToList();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var (docId, _) in gone)
        {
            await Execute(connection, transaction, DeleteSql, cancellationToken, ("doc", docId));
        }

        await transaction.CommitAsync(cancellationToken);
        return gone.Count;
    }

    /// <summary>Removes one row and what hangs on it.</summary>
    protected abstract string DeleteSql { get; }

    public async Task<StorySearchPage> Search(string tenantId, StorySearchQuery query, StorySearchScope scope, CancellationToken cancellationToken = default)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        var words = Words(query.Text);
        var (from, rank, match) = words is null ? ("story_index s", "0.0", "1 = 1") : TextSearch();
        if (words is not null)
        {
            Add(command, "words", words);
        }

        var where = new StringBuilder(match).Append(" AND s.tenant_id = @tenant AND s.status = 'Published'");
        Add(command, "tenant", tenantId);
        if (!scope.AllCommunities)
        {
            where.Append(" AND (s.visibility <> 'Community' OR ").Append(CommunityIn(command, scope.CommunityIds)).Append(')');
        }

        void Facet(string kind, string? value, bool like = false)
        {
            if (value is null)
            {
                return;
            }

            var name = "f_" + kind;
            where.Append(CultureInfo.InvariantCulture, $" AND EXISTS (SELECT 1 FROM story_facet x WHERE x.doc_id = s.doc_id AND x.kind = '{kind}' AND x.value {(like ? "LIKE" : "=")} @{name}{(like ? " ESCAPE '\\'" : string.Empty)})");
            Add(command, name, like ? "%" + EscapeLike(value.ToLowerInvariant()) + "%" : value);
        }

        Facet("habit", query.Habit?.ToString());
        Facet("row", query.RowId);
        Facet("tag", query.Tag);
        Facet("measure", query.Measure, like: true);
        Equal(where, command, "region_id", "region", query.RegionId);
        Equal(where, command, "community_id", "community", query.CommunityId);
        Equal(where, command, "year", "year", query.Year);
        if (query.ExceptTeamId is { } except)
        {
            where.Append(" AND (s.team_id IS NULL OR s.team_id <> @except)");
            Add(command, "except", except);
        }

        if (query.DepthChanges.Count > 0)
        {
            var any = query.DepthChanges.Select((d, i) =>
            {
                Add(command, $"dr{i}", d.RowId);
                Add(command, $"df{i}", (int)d.From);
                var to = d.To is { } level ? $" AND d.to_level = @dt{i}" : $" AND d.to_level > @df{i}";
                if (d.To is { } t)
                {
                    Add(command, $"dt{i}", (int)t);
                }

                return $"(d.row_id = @dr{i} AND d.from_level = @df{i}{to})";
            });
            where.Append(" AND EXISTS (SELECT 1 FROM story_depth d WHERE d.doc_id = s.doc_id AND (").Append(string.Join(" OR ", any)).Append("))");
        }

        Add(command, "limit", query.Limit);
        Add(command, "offset", query.Offset);
        // The rank is computed in the query that filters (SQLite's bm25() must be in the query of its MATCH), only for
        // the rows that pass; the count of all and the page come from the outer query.
        command.CommandText = $"""
            SELECT story_id, title, summary, community_id, team_id, region_id, year, visibility, published_at,
                   author_name, depth_json, score, count(*) OVER () AS total
            FROM (
                SELECT s.story_id, s.title, s.summary, s.community_id, s.team_id, s.region_id, s.year, s.visibility, s.published_at,
                       s.author_name, s.depth_json, {rank} AS score
                FROM {from}
                WHERE {where}) hits
            ORDER BY score DESC, published_at DESC, story_id
            LIMIT @limit OFFSET @offset
            """;
        var hits = new List<StorySearchHit>();
        var total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            total = Convert.ToInt32(reader.GetValue(12), CultureInfo.InvariantCulture);
            hits.Add(new StorySearchHit
            {
                StoryId = reader.GetString(0),
                Title = reader.GetString(1),
                Summary = reader.IsDBNull(2) ? null : reader.GetString(2),
                CommunityId = reader.GetString(3),
                TeamId = reader.IsDBNull(4) ? null : reader.GetString(4),
                RegionId = reader.IsDBNull(5) ? null : reader.GetString(5),
                Year = Convert.ToInt32(reader.GetValue(6), CultureInfo.InvariantCulture),
                Visibility = Enum.Parse<StoryVisibility>(reader.GetString(7)),
                PublishedAt = reader.IsDBNull(8) ? null : ReadTime(reader.GetValue(8)),
                AuthorName = reader.GetString(9),
                DepthChanges = JsonSerializer.Deserialize<List<DepthChange>>(reader.GetString(10)) ?? [],
                Rank = Convert.ToDouble(reader.GetValue(11), CultureInfo.InvariantCulture),
            });
        }

        if (hits.Count == 0 && query.Offset > 0)
        {
            // Past the last page: count alone.
            total = (await Search(tenantId, query with { Offset = 0, Limit = 1 }, scope, cancellationToken)).Total;
        }

        return new StorySearchPage { Hits = hits, Total = total };
    }

    /// <summary>The words of a query, each a quoted term (FTS5) or plain (PostgreSQL's plainto_tsquery); null for none.</summary>
    protected abstract string? Words(string? text);

    protected static IEnumerable<string> WordsOf(string? text) =>
        text is null ? [] : WordPattern().Matches(text).Select(m => m.Value).Take(MaxWords);

    protected static DateTimeOffset ReadTime(object value) => value switch
    {
        DateTimeOffset time => time,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => throw new InvalidOperationException($"A time of type {value.GetType()} was read."),
    };

    protected static string DepthJson(StoryIndexEntry entry) => JsonSerializer.Serialize(entry.DepthChanges);

    private static void Equal(StringBuilder where, DbCommand command, string column, string name, object? value)
    {
        if (value is not null)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND s.{column} = @{name}");
            Add(command, name, value);
        }
    }

    private static string EscapeLike(string value) => value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private static async Task<long?> StoredVersion(DbConnection connection, string tenantId, string storyId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null, "SELECT version FROM story_index WHERE tenant_id = @tenant AND story_id = @story", ("tenant", tenantId), ("story", storyId));
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }

        return command;
    }

    protected static async Task Execute(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>The row's columns, in the order both stores' upserts name them.</summary>
    protected static (string Name, object? Value)[] RowParameters(StoryIndexEntry entry) =>
    [
        ("tenant", entry.TenantId), ("story", entry.StoryId), ("version", entry.Version), ("status", entry.Status.ToString()),
        ("visibility", entry.Visibility.ToString()), ("community", entry.CommunityId), ("team", entry.TeamId), ("region", entry.RegionId),
        ("year", entry.Year), ("title", entry.Title), ("summary", entry.Summary), ("author", entry.AuthorName), ("depth", DepthJson(entry)),
    ];

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
