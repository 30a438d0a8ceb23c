using LbcCommunity.Host.Storage;
using LbcCommunity.Host.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace LbcCommunity.Host.Tests.Storage;

/// <summary>Starts real silos (generic host + Orleans + the project's storage wiring) for tests.</summary>
internal static class TestSilo
{
    public static StorageOptions SqliteOptions(string dataFolder, string serviceId) => WithFreePorts(new StorageOptions
    {
        Mode = StorageMode.Embedded,
        DataFolder = dataFolder,
        ServiceId = serviceId,
        ClusterId = serviceId,
    });

    public static StorageOptions PostgresOptions(string connectionString, string serviceId) => WithFreePorts(new StorageOptions
    {
        Mode = StorageMode.Cluster,
        PostgresConnectionString = connectionString,
        ServiceId = serviceId,
        ClusterId = serviceId,
        AdvertisedIPAddress = "127.0.0.1",
    });

    /// <summary>
    /// Azure mode on Azurite. PostgreSQL is named because the mode requires it (OpenIddict's stores); a bare silo never
    /// opens it.
    /// </summary>
    public static StorageOptions AzureOptions(string azureConnectionString, string postgresConnectionString, string serviceId) => WithFreePorts(new StorageOptions
    {
        Mode = StorageMode.Azure,
        PostgresConnectionString = postgresConnectionString,
        Azure = new AzureStorageOptions { ConnectionString = azureConnectionString },
        ServiceId = serviceId,
        ClusterId = serviceId,
        AdvertisedIPAddress = "127.0.0.1",
    });

    /// <summary>The same store and identity on new ports, as a second silo or a restarted one would have.</summary>
    public static StorageOptions OnNewPorts(StorageOptions options) => WithFreePorts(new StorageOptions
    {
        Mode = options.Mode,
        DataFolder = options.DataFolder,
        PostgresConnectionString = options.PostgresConnectionString,
        ServiceId = options.ServiceId,
        ClusterId = options.ClusterId,
        AdvertisedIPAddress = options.AdvertisedIPAddress,
        Azure = options.Azure,
    });

    /// <param name="options">The store.</param>
    /// <param name="more">More for the silo, as a test needs it (another provider beside the project's).</param>
    public static async Task<IHost> StartAsync(StorageOptions options, Action<ISiloBuilder>? more = null)
    {
        var host = new HostBuilder()
            .ConfigureServices(services => services.AddLbcStorage(options))
            .UseOrleans(silo =>
            {
                silo.UseLbcStorage(options);
                more?.Invoke(silo);
            })
            .Build();
        await host.StartAsync();
        return host;
    }

    public static async Task StopAsync(IHost host)
    {
        await host.StopAsync();
        host.Dispose();
    }

    private static StorageOptions WithFreePorts(StorageOptions options)
    {
        options.SiloPort = FreePorts.Next();
        options.GatewayPort = FreePorts.Next();
        return options;
    }
}
