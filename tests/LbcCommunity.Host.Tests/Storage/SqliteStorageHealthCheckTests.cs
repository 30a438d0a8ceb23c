using LbcCommunity.Host.Storage;
using LbcCommunity.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;

namespace LbcCommunity.Host.Tests.Storage;

public sealed class SqliteStorageHealthCheckTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task The_SQLite_store_is_unhealthy_before_migration_and_healthy_after()
    {
        var options = new StorageOptions { Mode = StorageMode.Embedded, DataFolder = _folder.Path };

        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(options)).Status);
        Assert.False(File.Exists(Path.Combine(_folder.Path, "lbc.db")));

        await new SchemaMigrator(options, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(options)).Status);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Runs the check the way the host registers it, through the health check service.</summary>
    internal static async Task<HealthReportEntry> CheckAsync(StorageOptions options)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLbcStorage(options);
        services.AddHealthChecks().AddLbcStorageCheck();
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries[StorageHostingExtensions.HealthCheckName];
    }
}
