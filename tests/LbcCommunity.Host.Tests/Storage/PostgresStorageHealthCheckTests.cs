using LbcCommunity.Host.Storage;
using LbcCommunity.Host.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;

namespace LbcCommunity.Host.Tests.Storage;

public sealed class PostgresStorageHealthCheckTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task The_PostgreSQL_store_is_healthy_when_migrated_and_unhealthy_when_unreachable()
    {
        var migrated = new StorageOptions { Mode = StorageMode.Cluster, PostgresConnectionString = await postgres.CreateDatabaseAsync() };
        await new SchemaMigrator(migrated, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var unreachable = new StorageOptions
        {
            Mode = StorageMode.Cluster,
            PostgresConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Password=x;Timeout=3",
        };

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(migrated)).Status);
        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(unreachable)).Status);
    }

    private static Task<HealthReportEntry> CheckAsync(StorageOptions options) => SqliteStorageHealthCheckTests.CheckAsync(options);
}
