using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using LbcCommunity.Client;
using LbcCommunity.Client.Auth;
using LbcCommunity.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests.Infrastructure;

/// <summary>
/// The real host (with the demo tenant) on a loopback Kestrel port, and Debian's Chromium driven by Playwright. The
/// web app's redirect URI names the origin, so the port is chosen before the host is built.
/// </summary>
public sealed class BrowserHost : IAsyncLifetime
{
    public const string TenantId = "ga";
    public const string InitiativeId = "graduatefirst";
    public const string CafeTeamId = "cafe-manchester";
    public const string StateAdminEmail = "spdg.director@gadoe.example";
    public const string StateAdminName = "GraduateFIRST state director";
    public const string FacilitatorEmail = "facilitator@cafe.example";
    public const string OperatorEmail = "operator@lbc.test";

    /// <summary>How long an access token lives on this host.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(65);

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "lbc-browser-tests", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program> _factory = null!;
    private IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the browser opens the app, e.g. <c>http://localhost:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("Storage:DataFolder", _dataFolder);
            web.UseSetting("Storage:ServiceId", "lbc-browser-" + Path.GetFileName(_dataFolder));
            web.UseSetting("Storage:SiloPort", FreePort().ToString(CultureInfo.InvariantCulture));
            web.UseSetting("Storage:GatewayPort", FreePort().ToString(CultureInfo.InvariantCulture));
            web.UseSetting("Demo:Seed", "true");
            web.UseSetting("Identity:DevelopmentSignIn", "true");
            web.UseSetting("Identity:RequireHttps", "false");
            // Kestrel answers on localhost; either name of it is the web app's origin.
            web.UseSetting("Identity:WebOrigins:0", $"http://localhost:{port}");
            web.UseSetting("Identity:WebOrigins:1", $"http://127.0.0.1:{port}");
            web.UseSetting("Identity:Operators:0", OperatorEmail);
            // Short-lived access tokens, so the web app's silent renew (60 s before expiry) happens within a test.
            web.UseSetting("Identity:AccessTokenLifetime", AccessTokenLifetime.ToString("c", CultureInfo.InvariantCulture));
            web.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://localhost:{port}");
        });
        _factory.UseKestrel();
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri($"http://localhost:{port}/");
        if (!addresses.Any(a => new Uri(a).Port == port))
        {
            throw new InvalidOperationException($"Kestrel listens on {string.Join(", ", addresses)}, not on the reserved port {port}.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _factory.DisposeAsync();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    /// <summary>A plain HTTP client of the host (over the loopback port) that sends <paramref name="accessToken"/>.</summary>
    public HttpClient ClientWith(string? accessToken)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    /// <summary>The typed API client, as the holder of <paramref name="accessToken"/>.</summary>
    public LbcCommunityClient ApiAs(string accessToken) => new(ClientWith(accessToken));

    /// <summary>A person's tokens from the development sign-in, the way a browser gets them (code flow with PKCE).</summary>
    public Task<TokenSet> SignInAsync(string? tenantId, string email) =>
        LbcSignIn.SignInAsync(
            new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress },
            tenantId,
            email);

    /// <summary>A started ConveningHub client over a real WebSocket to Kestrel, sending the token as browsers do.</summary>
    public async Task<ConveningClient> ConveningAsync(string accessToken)
    {
        var client = new ConveningClient(new Uri(BaseAddress, "/hubs/convening"), options =>
        {
            options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
        });
        await client.StartAsync();
        return client;
    }

    private static int FreePort() => FreePorts.Next();
}

[CollectionDefinition(Name)]
public sealed class BrowserHostCollection : ICollectionFixture<BrowserHost>
{
    public const string Name = "Browser host (demo tenant)";
}

/// <summary>
/// A host of its own for the state view's test, which counts the demo's rated teams from zero: the other browser tests
/// run convenings that record the CAFÉ team's consensus ratings on the shared host.
/// </summary>
[CollectionDefinition(Name)]
public sealed class StateViewHostCollection : ICollectionFixture<BrowserHost>
{
    public const string Name = "Browser host (state view)";
}
