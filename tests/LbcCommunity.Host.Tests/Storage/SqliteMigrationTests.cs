using LbcCommunity.Host.Storage;
using LbcCommunity.Host.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace LbcCommunity.Host.Tests.Storage;

public sealed class SqliteMigrationTests : IDisposable
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
    public void Cluster_mode_without_a_connection_string_is_refused_with_a_message_naming_the_setting()
    {
        var options = new StorageOptions { Mode = StorageMode.Cluster };

        var error = Assert.Throws<InvalidOperationException>(() => new SchemaMigrator(options, NullLogger<SchemaMigrator>.Instance));

        Assert.Contains("Storage:PostgresConnectionString", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static SchemaMigrator NewMigrator(StorageOptions options) => new(options, NullLogger<SchemaMigrator>.Instance);

    private static Task<List<string>> HistoryAsync(StorageOptions options) => StoreQueries.HistoryAsync(options);

    private static Task<string> DescribeAsync(StorageOptions options, string sql) => StoreQueries.DescribeAsync(options, sql);
}
