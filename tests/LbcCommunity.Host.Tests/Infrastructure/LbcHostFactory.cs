using System.Globalization;
using LbcCommunity.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LbcCommunity.Host.Tests.Infrastructure;

/// <summary>
/// The real host (Program.cs: REST API, Orleans silo, storage) in this process, on its own silo and gateway ports.
/// Embedded mode on a SQLite file in <paramref name="dataFolder"/> unless <paramref name="settings"/> say otherwise.
/// </summary>
public sealed class LbcHostFactory(string dataFolder, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public string DataFolder { get; } = dataFolder;

    /// <summary>Cluster mode on a PostgreSQL database, advertising loopback: hosts made with these settings form one cluster.</summary>
    public static Dictionary<string, string?> ClusterSettings(string postgresConnectionString) => new()
    {
        ["Storage:Mode"] = "Cluster",
        ["Storage:PostgresConnectionString"] = postgresConnectionString,
        ["Storage:AdvertisedIPAddress"] = "127.0.0.1",
    };

    /// <summary>A typed client of this host's API.</summary>
    public LbcCommunityClient Api() => new(CreateClient());

    /// <summary>A started MonitoringHub client on a real SignalR connection (WebSockets over the test server).</summary>
    public async Task<MonitoringClient> Monitoring()
    {
        var client = new MonitoringClient(new Uri(Server.BaseAddress, "/hubs/monitoring"), OverTestServer);
        await client.StartAsync();
        return client;
    }

    /// <summary>A started ConveningHub client on a real SignalR connection (WebSockets over the test server).</summary>
    public async Task<ConveningClient> Convening()
    {
        var client = new ConveningClient(new Uri(Server.BaseAddress, "/hubs/convening"), OverTestServer);
        await client.StartAsync();
        return client;
    }

    private void OverTestServer(Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions options)
    {
        var server = Server;
        options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
        options.SkipNegotiation = true;
        options.WebSocketFactory = async (context, cancellationToken) =>
            await server.CreateWebSocketClient().ConnectAsync(context.Uri, cancellationToken);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataFolder", DataFolder);
        builder.UseSetting("Storage:ServiceId", "lbc-test-" + Path.GetFileName(DataFolder));
        builder.UseSetting("Storage:SiloPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Storage:GatewayPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }
}

/// <summary>One embedded-mode host shared by the API tests of a collection (a host costs seconds on two cores).</summary>
public sealed class ApiHostFixture : IAsyncLifetime, IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public LbcHostFactory Host { get; private set; } = null!;

    public LbcCommunityClient Api { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Host = new LbcHostFactory(_folder.Path);
        Api = Host.Api();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public void Dispose() => _folder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ApiHostCollection : ICollectionFixture<ApiHostFixture>
{
    public const string Name = "API host (embedded)";
}
