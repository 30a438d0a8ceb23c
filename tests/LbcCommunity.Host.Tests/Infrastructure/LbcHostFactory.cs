using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LbcCommunity.Client;
using LbcCommunity.Client.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace LbcCommunity.Host.Tests.Infrastructure;

/// <summary>
/// The real host (Program.cs: REST API, Orleans silo, storage) in this process, on its own silo and gateway ports.
/// Embedded mode on a SQLite file in <paramref name="dataFolder"/> unless <paramref name="settings"/> say otherwise.
/// </summary>
public sealed class LbcHostFactory(string dataFolder, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>The platform operator the test hosts know (through the development sign-in).</summary>
    public const string OperatorEmail = "operator@lbc.test";

    private readonly ConcurrentDictionary<string, Lazy<Task<(TokenSet Tokens, DateTimeOffset Until)>>> _tokens = new(StringComparer.Ordinal);

    private bool _onKestrel;

    public string DataFolder { get; } = dataFolder;

    /// <summary>Services the test puts in place of the host's own (a fake domain clock), after Program's registrations.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>The e-mail of the state admin the typed client provisions in every tenant it touches.</summary>
    public static string StateAdminEmail(string tenantId) => $"admin@{tenantId}.test";

    /// <summary>Cluster mode on a PostgreSQL database, advertising loopback: hosts made with these settings form one cluster.</summary>
    public static Dictionary<string, string?> ClusterSettings(string postgresConnectionString) => new()
    {
        ["Storage:Mode"] = "Cluster",
        ["Storage:PostgresConnectionString"] = postgresConnectionString,
        ["Storage:AdvertisedIPAddress"] = "127.0.0.1",
        // Every silo of a cluster signs and decrypts tokens with the same keys, under one issuer.
        ["Identity:SigningKeyPath"] = TestKeys.SigningKeyPath,
        ["Identity:EncryptionKeyPath"] = TestKeys.EncryptionKeyPath,
        ["Identity:Issuer"] = "http://localhost/",
    };

    /// <summary>
    /// Azure mode on <paramref name="azureConnectionString"/> (Azurite's) with OpenIddict's stores in PostgreSQL; a service
    /// and cluster id of their own, so hosts made with the same settings form one cluster and no other test's silos are seen.
    /// </summary>
    public static Dictionary<string, string?> AzureSettings(string postgresConnectionString, string azureConnectionString)
    {
        var settings = ClusterSettings(postgresConnectionString);
        var id = "azure-" + Guid.NewGuid().ToString("N")[..12];
        settings["Storage:Mode"] = "Azure";
        settings["Storage:Azure:ConnectionString"] = azureConnectionString;
        settings["Storage:ServiceId"] = id;
        settings["Storage:ClusterId"] = id;
        return settings;
    }

    /// <summary>
    /// A typed client of this host's API that acts as the platform operator on <c>/api/tenants</c> and as the tenant's
    /// state admin on a tenant's routes (made state admin by the operator on first use). Every request carries a real
    /// token from the development sign-in.
    /// </summary>
    public LbcCommunityClient Api() => new(CreateDefaultClient(ClientOptions.BaseAddress, new AdministratorTokens(this)));

    /// <summary>A typed client that sends <paramref name="accessToken"/>.</summary>
    public LbcCommunityClient ApiAs(string accessToken) => new(ClientWith(accessToken));

    /// <summary>A plain HTTP client that sends <paramref name="accessToken"/> (or none).</summary>
    public HttpClient ClientWith(string? accessToken)
    {
        var client = CreateClient();
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    /// <summary>A browser of its own: cookies kept, redirects not followed (the test server's address, or Kestrel's).</summary>
    public HttpClient Browser() => _onKestrel
        // A real socket client: the factory's client options do not reach the handler it uses for Kestrel.
        ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = ClientOptions.BaseAddress }
        : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Serves on Kestrel at <paramref name="port"/> (real sockets) instead of the test server, and starts.</summary>
    public void StartOnKestrel(int port)
    {
        UseKestrel(port);
        StartServer();
        _onKestrel = true;
    }

    /// <summary>The tokens of a person signed in through the development sign-in (tenant null: a platform operator).</summary>
    public Task<TokenSet> SignInAsync(string? tenantId, string email) => LbcSignIn.SignInAsync(Browser(), tenantId, email);

    /// <summary>An access token of the person, signed in once per host and kept while it has a while to live.</summary>
    public Task<string> TokenFor(string? tenantId, string email) => Kept($"{tenantId}|{email}", () => SignInAsync(tenantId, email));

    /// <summary>The tenant's state admin's access token; the operator makes them state admin on first use.</summary>
    public Task<string> StateAdminToken(string tenantId) => Kept($"admin|{tenantId}", async () =>
    {
        using var asOperator = ClientWith(await TokenFor(null, OperatorEmail));
        var made = await asOperator.PutAsJsonAsync($"/api/tenants/{tenantId}/people/staff", new { email = StateAdminEmail(tenantId), stateAdmin = true });
        made.EnsureSuccessStatusCode();
        return await SignInAsync(tenantId, StateAdminEmail(tenantId));
    });

    private async Task<string> Kept(string key, Func<Task<TokenSet>> signIn)
    {
        var kept = _tokens.GetOrAdd(key, _ => new Lazy<Task<(TokenSet Tokens, DateTimeOffset Until)>>(() => Obtain(signIn)));
        var (tokens, until) = await kept.Value;
        if (DateTimeOffset.UtcNow < until)
        {
            return tokens.AccessToken;
        }

        // Expired (hosts with short-lived tokens): sign in again.
        _tokens.TryUpdate(key, new Lazy<Task<(TokenSet, DateTimeOffset)>>(() => Obtain(signIn)), kept);
        return (await _tokens[key].Value).Tokens.AccessToken;
    }

    private static async Task<(TokenSet, DateTimeOffset)> Obtain(Func<Task<TokenSet>> signIn)
    {
        var started = DateTimeOffset.UtcNow;
        var tokens = await signIn();
        return (tokens, started + TimeSpan.FromSeconds(tokens.ExpiresIn) - TimeSpan.FromSeconds(1));
    }

    /// <summary>A guest's token for the convening a join code opens.</summary>
    public async Task<string> GuestToken(string joinCode, string displayName) =>
        (await LbcSignIn.JoinAsync(CreateClient(), joinCode, displayName)).AccessToken;

    /// <summary>A started MonitoringHub client on a real SignalR connection (WebSockets over the test server).</summary>
    public async Task<MonitoringClient> Monitoring(string accessToken)
    {
        var client = new MonitoringClient(new Uri(Server.BaseAddress, "/hubs/monitoring"), options => OverTestServer(options, accessToken));
        await client.StartAsync();
        return client;
    }

    /// <summary>A started ConveningHub client on a real SignalR connection (WebSockets over the test server).</summary>
    public async Task<ConveningClient> Convening(string accessToken)
    {
        var client = new ConveningClient(new Uri(Server.BaseAddress, "/hubs/convening"), options => OverTestServer(options, accessToken));
        await client.StartAsync();
        return client;
    }

    /// <summary>WebSockets over the test server, with the token as browsers send it to a hub (the query string).</summary>
    public void OverTestServer(Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions options, string? accessToken)
    {
        var server = Server;
        options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
        options.SkipNegotiation = true;
        options.AccessTokenProvider = () => Task.FromResult(accessToken);
        options.WebSocketFactory = async (context, cancellationToken) =>
        {
            var socket = server.CreateWebSocketClient();
            var uri = context.Uri;
            if (accessToken is not null)
            {
                // The test server's WebSocket client sends no headers of the handshake request: the token goes in the query.
                uri = new Uri(QueryHelpers.AddQueryString(uri.ToString(), "access_token", accessToken));
            }

            return await socket.ConnectAsync(uri, cancellationToken);
        };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataFolder", DataFolder);
        builder.UseSetting("Storage:ServiceId", "lbc-test-" + Path.GetFileName(DataFolder));
        builder.UseSetting("Storage:SiloPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Storage:GatewayPort", FreePorts.Next().ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Identity:DevelopmentSignIn", "true");
        builder.UseSetting("Identity:RequireHttps", "false");
        builder.UseSetting("Identity:WebOrigins:0", "http://localhost");
        builder.UseSetting("Identity:Operators:0", OperatorEmail);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (TestServices is not null)
        {
            builder.ConfigureTestServices(TestServices);
        }
    }
}

/// <summary>
/// Chooses the token per request: the platform operator's on <c>/api/tenants</c> and for a tenant that has no state
/// admin yet (the tenant may not exist), the tenant's state admin's on its routes.
/// </summary>
internal sealed class AdministratorTokens(LbcHostFactory host) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var segments = request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        string token;
        if (segments is ["api", "tenants", var tenantId, ..])
        {
            try
            {
                token = await host.StateAdminToken(tenantId);
            }
            catch (HttpRequestException)
            {
                token = await host.TokenFor(null, LbcHostFactory.OperatorEmail);
            }
        }
        else
        {
            token = await host.TokenFor(null, LbcHostFactory.OperatorEmail);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
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

/// <summary>RSA keys for cluster-mode test hosts, made once per test run.</summary>
internal static class TestKeys
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), $"lbc-test-keys-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        foreach (var name in new[] { "signing-key.pem", "encryption-key.pem" })
        {
            using var rsa = System.Security.Cryptography.RSA.Create(2048);
            File.WriteAllText(Path.Combine(folder, name), rsa.ExportRSAPrivateKeyPem());
        }

        return folder;
    });

    public static string SigningKeyPath => Path.Combine(Folder.Value, "signing-key.pem");

    public static string EncryptionKeyPath => Path.Combine(Folder.Value, "encryption-key.pem");
}
