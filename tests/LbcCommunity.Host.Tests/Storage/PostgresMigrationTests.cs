using LbcCommunity.Host.Storage;
using LbcCommunity.Host.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace LbcCommunity.Host.Tests.Storage;

public sealed class PostgresMigrationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
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

    private static SchemaMigrator NewMigrator(StorageOptions options) => new(options, NullLogger<SchemaMigrator>.Instance);

    private static Task<List<string>> HistoryAsync(StorageOptions options) => StoreQueries.HistoryAsync(options);

    private static Task<string> DescribeAsync(StorageOptions options, string sql) => StoreQueries.DescribeAsync(options, sql);
}
