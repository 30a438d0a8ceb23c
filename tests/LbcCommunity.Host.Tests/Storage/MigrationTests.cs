using System.Data.Common;
using System.Globalization;
using System.Text;
using LbcCommunity.Host.Storage;
using LbcCommunity.Host.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace LbcCommunity.Host.Tests.Storage;

public sealed class MigrationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task Migrating_a_SQLite_store_twice_changes_nothing_and_records_each_script_once()
    {
        var options = new StorageOptions { Mode = StorageMode.Embedded, DataFolder = _folder.Path };
        var expected = SchemaMigrator.LoadScripts(StorageMode.Embedded).Select(script => script.Id).ToList();

        var firstRun = await NewMigrator(options).MigrateAsync(CancellationToken.None);
        Assert.Equal(expected, firstRun);
        Assert.True(File.Exists(Path.Combine(_folder.Path, "lbc.db")));
        var schemaAfterFirst = await DescribeAsync(options,
            "SELECT type || ' ' || name || ' ' || IFNULL(sql, '') FROM sqlite_master ORDER BY type, name");

        var secondRun = await NewMigrator(options).MigrateAsync(CancellationToken.None);

        Assert.Empty(secondRun);
        Assert.Equal(schemaAfterFirst, await DescribeAsync(options,
            "SELECT type || ' ' || name || ' ' || IFNULL(sql, '') FROM sqlite_master ORDER BY type, name"));
        Assert.Equal(expected, await HistoryAsync(options));
        Assert.Equal("wal", await DescribeAsync(options, "PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Migrating_a_PostgreSQL_store_twice_changes_nothing_and_records_each_script_once()
    {
        var options = new StorageOptions { Mode = StorageMode.Cluster, PostgresConnectionString = await postgres.CreateDatabaseAsync() };
        var expected = SchemaMigrator.LoadScripts(StorageMode.Cluster).Select(script => script.Id).ToList();
        const string DescribeSchema = """
            SELECT table_name || '.' || column_name || ' ' || data_type
            FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name
            """;

        var firstRun = await NewMigrator(options).MigrateAsync(CancellationToken.None);
        Assert.Equal(expected, firstRun);
        var schemaAfterFirst = await DescribeAsync(options, DescribeSchema);
        var queriesAfterFirst = await DescribeAsync(options, "SELECT QueryKey || ':' || md5(QueryText) FROM OrleansQuery ORDER BY QueryKey");

        var secondRun = await NewMigrator(options).MigrateAsync(CancellationToken.None);

        Assert.Empty(secondRun);
        Assert.Equal(schemaAfterFirst, await DescribeAsync(options, DescribeSchema));
        Assert.Equal(queriesAfterFirst, await DescribeAsync(options, "SELECT QueryKey || ':' || md5(QueryText) FROM OrleansQuery ORDER BY QueryKey"));
        Assert.Equal(expected, await HistoryAsync(options));
    }

    [Fact]
    public async Task Migrators_starting_together_on_one_PostgreSQL_database_all_succeed_and_apply_each_script_once()
    {
        var options = new StorageOptions { Mode = StorageMode.Cluster, PostgresConnectionString = await postgres.CreateDatabaseAsync() };
        var expected = SchemaMigrator.LoadScripts(StorageMode.Cluster).Select(script => script.Id).ToList();

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => NewMigrator(options).MigrateAsync(CancellationToken.None))));

        // Exactly one of them did the work; the others found it done.
        Assert.Equal(expected, runs.SelectMany(applied => applied).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(expected, await HistoryAsync(options));
    }

    [Fact]
    public async Task The_migrate_command_exits_with_0_when_the_store_is_migrated_and_1_when_it_cannot_be_reached()
    {
        var reachable = new StorageOptions { Mode = StorageMode.Cluster, PostgresConnectionString = await postgres.CreateDatabaseAsync() };
        var unreachable = new StorageOptions
        {
            Mode = StorageMode.Cluster,
            PostgresConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Password=x;Timeout=3",
        };

        Assert.Equal(0, await StorageHostingExtensions.RunMigrateCommandAsync(reachable, null, CancellationToken.None));
        Assert.Equal(SchemaMigrator.LoadScripts(StorageMode.Cluster).Select(script => script.Id).ToList(), await HistoryAsync(reachable));
        Assert.Equal(1, await StorageHostingExtensions.RunMigrateCommandAsync(unreachable, null, CancellationToken.None));
    }

    [Fact]
    public void Cluster_mode_without_a_connection_string_is_refused_with_a_message_naming_the_setting()
    {
        var options = new StorageOptions { Mode = StorageMode.Cluster };

        var error = Assert.Throws<InvalidOperationException>(() => new SchemaMigrator(options, NullLogger<SchemaMigrator>.Instance));

        Assert.Contains("Storage:PostgresConnectionString", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static SchemaMigrator NewMigrator(StorageOptions options) => new(options, NullLogger<SchemaMigrator>.Instance);

    private static async Task<List<string>> HistoryAsync(StorageOptions options)
    {
        var rows = await DescribeAsync(options, $"SELECT id FROM {SchemaMigrator.HistoryTable} ORDER BY id");
        return [.. rows.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>The first column of every row, one per line.</summary>
    private static async Task<string> DescribeAsync(StorageOptions options, string sql)
    {
        await using DbConnection connection = await StorageConnections.OpenAsync(options, createIfMissing: false, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        while (await reader.ReadAsync())
        {
            text.Append(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }
}
