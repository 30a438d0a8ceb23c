using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LbcCommunity.Client;
using LbcCommunity.Host.Storage;
using LbcCommunity.Host.Stories;
using LbcCommunity.Stories;
using LbcCommunity.Organization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LbcCommunity.Bench;

/// <summary>
/// <c>stories-search</c>: search over N stories of about 2 KB each, a word plus two filters, on the embedded store
/// (SQLite FTS5) and PostgreSQL (tsvector + GIN). The product runs as its own process; its search read model is filled
/// through the product's own index (<see cref="IStoryIndex.Apply"/>, the write the story grain makes, with entries from
/// <see cref="StoryIndexing.EntryOf"/>). Each query then runs, interleaved, four ways: the raw SQL on the same store (the
/// baseline), the product's <see cref="IStoryIndex.Search"/> as state staff and as a member of three communities, and
/// the host's HTTP endpoint <c>GET /api/tenants/{t}/stories</c>. The totals of the three state-staff paths must agree.
/// </summary>
internal static class StorySearchBenchmark
{
    public const string Command = "stories-search";

    private const string Tenant = "bench-stories";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var stories = Options.Number(args, "--stories", 10_000);
        var count = Options.Number(args, "--queries", 1_000);
        var warmup = Options.Number(args, "--warmup", 100);
        var store = Options.Value(args, "--store", "both");
        var postgresOption = Options.Value(args, "--postgres", string.Empty) is { Length: > 0 } pg ? pg : Environment.GetEnvironmentVariable("LBC_BENCH_POSTGRES");
        var root = Options.RepositoryRoot();

        Console.WriteLine($"Generating {stories:N0} stories and {count:N0} queries…");
        var corpus = StoryCorpus.Create(stories, seed: 15);
        var entries = corpus.Stories.Select(s => StoryIndexing.EntryOf(Tenant, s)).ToList();
        var averageBytes = entries.Average(e => Encoding.UTF8.GetByteCount(e.Title + e.Summary + e.Text));
        var queries = StoryCorpus.Queries(count + warmup, seed: 16);

        var runs = new List<StoreRun>();
        if (store is "both" or "embedded")
        {
            runs.Add(await RunStore("embedded", null, root, entries, queries, warmup));
        }

        if (store is "both" or "postgres")
        {
            ThrowawayPostgres? throwaway = null;
            if (postgresOption is null)
            {
                Console.WriteLine("Starting a throwaway PostgreSQL cluster…");
                throwaway = await ThrowawayPostgres.StartAsync();
            }

            try
            {
                runs.Add(await RunStore("postgres", postgresOption ?? throwaway!.ConnectionString, root, entries, queries, warmup));
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                if (throwaway is not null)
                {
                    await throwaway.DisposeAsync();
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{stories:N0} stories, {averageBytes / 1024:F1} KB of text each on average; {count:N0} queries of one word and two filters, one at a time");
        Console.WriteLine();
        Console.WriteLine("| store | path | p50 | p95 | p99 | max | hits per query (mean) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var run in runs)
        {
            Console.WriteLine($"| {run.Store} | index fill ({run.FillSeconds:F1} s, {run.Stories / run.FillSeconds:F0} stories/s) | | | | | |");
            foreach (var path in run.Paths)
            {
                Console.WriteLine($"| {run.Store} | {path.Name} | {path.P50Ms:F2} ms | {path.P95Ms:F2} ms | {path.P99Ms:F2} ms | {path.MaxMs:F2} ms | {path.MeanTotal:F0} |");
            }
        }

        Console.WriteLine();
        foreach (var run in runs)
        {
            Console.WriteLine($"{run.Store}: totals disagree in {run.Mismatches} of {count} queries; p99 of the index path {(run.Paths[1].P99Ms <= 50 ? "≤" : ">")} 50 ms; slowest query kinds (index p99): " +
                string.Join(", ", run.ByKinds.OrderByDescending(k => k.Value).Take(3).Select(k => $"{k.Key} {k.Value:F1} ms")));
        }

        var results = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(results);
        var file = Path.Combine(results, $"stories-search-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { stories, queries = count, warmup, averageTextBytes = averageBytes, runs, machine = new { Environment.ProcessorCount } },
            Indented));
        Console.WriteLine($"\nwrote {file}");
        return runs.All(r => r.Mismatches == 0) ? 0 : 1;
    }

    private static async Task<StoreRun> RunStore(string store, string? postgresAdmin, string root, List<StoryIndexEntry> entries, IReadOnlyList<BenchQuery> queries, int warmup)
    {
        var work = Directory.CreateTempSubdirectory("lbc-bench-stories-");
        var run = await RunStoreIn(work, store, postgresAdmin, root, entries, queries, warmup);
        // The host has stopped: its data folder (the SQLite file of the stories) goes, unless the run failed (its log is
        // there). PostgreSQL's database stays for a look at its plans (or goes with the throwaway cluster).
        work.Delete(recursive: true);
        return run;
    }

    private static async Task<StoreRun> RunStoreIn(DirectoryInfo work, string store, string? postgresAdmin, string root, List<StoryIndexEntry> entries, IReadOnlyList<BenchQuery> queries, int warmup)
    {
        var settings = new Dictionary<string, string>();
        var storage = new StorageOptions();
        Func<DbConnection> raw;
        if (postgresAdmin is not null)
        {
            var database = "lbc_bench_stories_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            await using (var connection = new NpgsqlConnection(postgresAdmin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync();
            }

            var connectionString = new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = database }.ConnectionString;
            settings["Storage:Mode"] = "Cluster";
            settings["Storage:PostgresConnectionString"] = connectionString;
            // A cluster's host signs and encrypts its tokens with keys of its own: two fresh RSA keys for the run.
            foreach (var (setting, name) in new[] { ("Identity:SigningKeyPath", "signing-key.pem"), ("Identity:EncryptionKeyPath", "encryption-key.pem") })
            {
                using var key = System.Security.Cryptography.RSA.Create(3072);
                var path = Path.Combine(work.FullName, name);
                await File.WriteAllTextAsync(path, key.ExportPkcs8PrivateKeyPem());
                settings[setting] = path;
            }

            storage.Mode = StorageMode.Cluster;
            storage.PostgresConnectionString = connectionString;
            raw = () => new NpgsqlConnection(connectionString);
        }
        else
        {
            var data = Path.Combine(work.FullName, "data");
            settings["Storage:DataFolder"] = data;
            storage.DataFolder = data;
            raw = () => new SqliteConnection(StorageConnections.SqliteConnectionString(storage, createIfMissing: false));
        }

        Console.WriteLine($"[{store}] starting the host…");
        await using var host = await HostProcess.StartAsync(root, settings, Path.Combine(work.FullName, "host.log"));
        using var http = new HttpClient(new AdministratorTokens(host.BaseAddress)) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await new LbcCommunityClient(http).CreateTenantAsync(new TenantDraft { Id = Tenant, Name = "Benchmark state", StateCode = "GA" });

        IStoryIndex index = postgresAdmin is null ? new SqliteStoryIndex(storage) : new PostgresStoryIndex(storage);
        try
        {
            Console.WriteLine($"[{store}] filling the index with {entries.Count:N0} stories…");
            var fill = Stopwatch.StartNew();
            var next = -1;
            // SQLite takes one writer at a time; PostgreSQL several.
            await Task.WhenAll(Enumerable.Range(0, postgresAdmin is null ? 1 : 8).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < entries.Count)
                {
                    await index.Apply(entries[i]);
                }
            }));
            var fillSeconds = fill.Elapsed.TotalSeconds;
            if (postgresAdmin is not null)
            {
                // What autovacuum does on its own a minute after a bulk load: the planner's statistics.
                await using var connection = raw();
                await connection.OpenAsync();
                await using var analyze = connection.CreateCommand();
                analyze.CommandText = "ANALYZE";
                await analyze.ExecuteNonQueryAsync();
            }

            var member = new StorySearchScope { AllCommunities = false, CommunityIds = [StoryCorpus.CommunityId(1), StoryCorpus.CommunityId(2), StoryCorpus.CommunityId(3)] };
            var staff = new StorySearchScope { AllCommunities = true };
            var paths = new (string Name, Func<BenchQuery, Task<int>> Run)[]
            {
                ("baseline: raw SQL", q => RawSearch(raw, postgresAdmin is not null, q)),
                ("IStoryIndex.Search (state staff)", async q => (await index.Search(Tenant, q.ToSearch(), staff)).Total),
                ("IStoryIndex.Search (member of 3 communities)", async q => (await index.Search(Tenant, q.ToSearch(), member)).Total),
                ("HTTP GET /api/tenants/{t}/stories (state admin)", async q =>
                    (await http.GetFromJsonAsync<JsonElement>($"/api/tenants/{Tenant}/stories?{q.ToQueryString()}")).GetProperty("total").GetInt32()),
            };

            Console.WriteLine($"[{store}] {warmup} warm-up queries, then {queries.Count - warmup} measured, each on all {paths.Length} paths in turn…");
            var times = paths.Select(_ => new List<double>()).ToArray();
            var totals = paths.Select(_ => new List<int>()).ToArray();
            var mismatches = 0;
            var byKinds = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            for (var i = 0; i < queries.Count; i++)
            {
                var query = queries[i];
                var got = new int[paths.Length];
                var took = new double[paths.Length];
                // A different path first each time, so none always runs on a cache the one before warmed.
                for (var k = 0; k < paths.Length; k++)
                {
                    var p = (i + k) % paths.Length;
                    var started = Stopwatch.GetTimestamp();
                    got[p] = await paths[p].Run(query);
                    took[p] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }

                if (i < warmup)
                {
                    continue;
                }

                for (var p = 0; p < paths.Length; p++)
                {
                    times[p].Add(took[p]);
                    totals[p].Add(got[p]);
                }

                if (got[0] != got[1] || got[1] != got[3])
                {
                    mismatches++;
                }

                if (!byKinds.TryGetValue(query.Kinds, out var list))
                {
                    byKinds[query.Kinds] = list = [];
                }

                list.Add(took[1]);
            }

            var size = await StoreSize(raw, postgresAdmin is not null, storage);
            return new StoreRun
            {
                Store = store == "embedded" ? "embedded (SQLite FTS5)" : "PostgreSQL (tsvector + GIN)",
                Stories = entries.Count,
                FillSeconds = fillSeconds,
                IndexBytes = size,
                Mismatches = mismatches,
                Paths = [.. paths.Select((p, k) => PathResult.Of(p.Name, times[k], totals[k]))],
                ByKinds = byKinds.ToDictionary(k => k.Key, k => Stats.Percentile([.. k.Value.Order()], 99), StringComparer.Ordinal),
            };
        }
        finally
        {
            (index as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// The baseline: the same search written out as plain SQL against the store's own tables, on a pooled connection,
    /// with nothing of the product around it (no query building, no JSON of the depth changes, no HTTP).
    /// </summary>
    private static async Task<int> RawSearch(Func<DbConnection> connect, bool postgres, BenchQuery query)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var where = new StringBuilder("s.tenant_id = @tenant AND s.status = 'Published'");
        Add(command, "tenant", Tenant);
        if (query.Habit is { } habit)
        {
            where.Append(" AND EXISTS (SELECT 1 FROM story_facet x WHERE x.doc_id = s.doc_id AND x.kind = 'habit' AND x.value = @habit)");
            Add(command, "habit", habit.ToString());
        }

        if (query.RowId is { } row && query.From is null)
        {
            where.Append(" AND EXISTS (SELECT 1 FROM story_facet x WHERE x.doc_id = s.doc_id AND x.kind = 'row' AND x.value = @row)");
            Add(command, "row", row);
        }

        if (query.From is { } from)
        {
            where.Append(" AND EXISTS (SELECT 1 FROM story_depth d WHERE d.doc_id = s.doc_id AND d.row_id = @row AND d.from_level = @from AND d.to_level > @from)");
            Add(command, "row", query.RowId);
            Add(command, "from", (int)from);
        }

        if (query.Measure is { } measure)
        {
            where.Append(" AND EXISTS (SELECT 1 FROM story_facet x WHERE x.doc_id = s.doc_id AND x.kind = 'measure' AND x.value LIKE @measure)");
            Add(command, "measure", "%" + measure + "%");
        }

        if (query.RegionId is { } region)
        {
            where.Append(" AND s.region_id = @region");
            Add(command, "region", region);
        }

        if (query.Year is { } year)
        {
            where.Append(" AND s.year = @year");
            Add(command, "year", year);
        }

        Add(command, "words", postgres ? query.Word : "\"" + query.Word + "\"");
        var (from_, rank, match) = postgres
            ? ("story_index s CROSS JOIN plainto_tsquery('english', @words) q", "ts_rank_cd(s.document, q)", " AND s.document @@ q")
            : ("story_fts CROSS JOIN story_index s ON s.doc_id = story_fts.rowid", "-bm25(story_fts, 10.0, 4.0, 1.0)", " AND story_fts MATCH @words");
        command.CommandText = $"""
            SELECT story_id, title, summary, depth_json, score, count(*) OVER () AS total FROM (
                SELECT s.story_id, s.title, s.summary, s.depth_json, s.published_at, {rank} AS score
                FROM {from_} WHERE {where}{match}) hits
            ORDER BY score DESC, published_at DESC, story_id LIMIT 20
            """;
        var total = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            total = Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture);
        }

        return total;
    }

    private static async Task<long> StoreSize(Func<DbConnection> connect, bool postgres, StorageOptions storage)
    {
        if (!postgres)
        {
            return new FileInfo(StorageConnections.SqliteFilePath(storage)).Length;
        }

        await using var connection = connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_total_relation_size('story_index') + pg_total_relation_size('story_facet') + pg_total_relation_size('story_depth')";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    internal sealed record StoreRun
    {
        public required string Store { get; init; }

        public required int Stories { get; init; }

        public required double FillSeconds { get; init; }

        public required long IndexBytes { get; init; }

        public required int Mismatches { get; init; }

        public required IReadOnlyList<PathResult> Paths { get; init; }

        /// <summary>The index path's p99 by the query's two filter kinds.</summary>
        public required IReadOnlyDictionary<string, double> ByKinds { get; init; }
    }

    internal sealed record PathResult(string Name, double P50Ms, double P95Ms, double P99Ms, double MaxMs, double MeanTotal, IReadOnlyList<double> TimesMs)
    {
        public static PathResult Of(string name, List<double> times, List<int> totals)
        {
            var sorted = times.Order().ToList();
            return new PathResult(name, Stats.Percentile(sorted, 50), Stats.Percentile(sorted, 95), Stats.Percentile(sorted, 99), sorted[^1], totals.Average(), times);
        }
    }
}
