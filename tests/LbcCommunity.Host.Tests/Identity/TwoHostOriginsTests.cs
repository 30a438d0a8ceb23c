using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using LbcCommunity.Client.Auth;
using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Identity;

/// <summary>
/// The README's two hosts on one PostgreSQL database, each its own process: the first on one port with one extra
/// configured origin, the second on another port (and, as the README once had it, an Orleans gateway port), both under
/// the first one's issuer. Both are started before any test looks.
/// </summary>
public sealed class TwoHostOriginsFixture : IAsyncLifetime, IDisposable
{
    /// <summary>An origin only the first host is configured with (behind a proxy, say).</summary>
    public const string FirstHostsConfiguredOrigin = "https://lbc.example.test";

    private readonly PostgresFixture _postgres = new();
    private readonly TemporaryFolder _data = new();

    public HostProcess First { get; private set; } = null!;

    public HostProcess Second { get; private set; } = null!;

    public int FirstHttpPort { get; } = FreePorts.Next();

    public int FirstSiloPort { get; } = FreePorts.Next();

    public int SecondHttpPort { get; } = FreePorts.Next();

    public int SecondSiloPort { get; } = FreePorts.Next();

    public int SecondGatewayPort { get; } = FreePorts.Next();

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        string[] common =
        [
            "--Storage:Mode=Cluster",
            $"--Storage:PostgresConnectionString={_postgres.ConnectionString}",
            $"--Storage:DataFolder={_data.Path}",
            $"--Identity:SigningKeyPath={TestKeys.SigningKeyPath}",
            $"--Identity:EncryptionKeyPath={TestKeys.EncryptionKeyPath}",
            $"--Identity:Issuer=http://localhost:{FirstHttpPort.ToString(CultureInfo.InvariantCulture)}/",
            "--Identity:RequireHttps=false",
            // Off in a cluster by default; the web app's code flow needs someone to sign in as.
            "--Identity:DevelopmentSignIn=true",
        ];
        First = await HostProcess.StartAsync(new Uri($"http://localhost:{FirstHttpPort}"),
            [.. common, $"--Storage:SiloPort={FirstSiloPort.ToString(CultureInfo.InvariantCulture)}", $"--Identity:WebOrigins:0={FirstHostsConfiguredOrigin}"]);
        Second = await HostProcess.StartAsync(new Uri($"http://localhost:{SecondHttpPort}"),
            [.. common, $"--Storage:SiloPort={SecondSiloPort.ToString(CultureInfo.InvariantCulture)}", $"--Storage:GatewayPort={SecondGatewayPort.ToString(CultureInfo.InvariantCulture)}"]);
    }

    public async Task DisposeAsync()
    {
        if (Second is not null)
        {
            await Second.DisposeAsync();
        }

        if (First is not null)
        {
            await First.DisposeAsync();
        }

        await _postgres.DisposeAsync();
    }

    public void Dispose() => _data.Dispose();
}

public sealed class TwoHostOriginsTests(TwoHostOriginsFixture hosts) : IClassFixture<TwoHostOriginsFixture>
{
    private const string Operator = "operator@lbc.example";

    [Fact]
    public async Task The_second_host_signs_the_web_app_in_on_its_own_origin_and_its_token_works_on_the_first()
    {
        using var browser = hosts.Second.Browser();
        var tokens = await LbcSignIn.SignInAsync(browser, tenantId: null, Operator);

        // One issuer for the cluster: the first host takes the second's token.
        using var onFirst = hosts.First.Browser();
        onFirst.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var me = await onFirst.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Starting_the_second_host_keeps_the_first_hosts_origins()
    {
        // The first host's own address still signs in after the second host registered its origins.
        using var browser = hosts.First.Browser();
        var tokens = await LbcSignIn.SignInAsync(browser, tenantId: null, Operator);
        Assert.False(string.IsNullOrEmpty(tokens.AccessToken));

        // And the origin only the first host is configured with is still registered, on either host: the authorization
        // request goes on to the sign-in page rather than being refused.
        foreach (var host in new[] { hosts.First, hosts.Second })
        {
            using var anonymous = host.Browser();
            var (authorize, _, _) = LbcSignIn.AuthorizeUrl(new Uri(TwoHostOriginsFixture.FirstHostsConfiguredOrigin));
            using var answer = await anonymous.GetAsync(authorize);
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.StartsWith("/signin", new Uri(host.BaseAddress, answer.Headers.Location!).AbsolutePath, StringComparison.Ordinal);
        }

        // The lists differ, which the second host says when it starts.
        Assert.Contains(hosts.Second.Output, line => line.Contains("\"LogLevel\":\"Warning\"", StringComparison.Ordinal)
            && line.Contains("Identity:WebOrigins differs between hosts", StringComparison.Ordinal)
            && line.Contains(TwoHostOriginsFixture.FirstHostsConfiguredOrigin, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_host_configured_with_a_gateway_port_listens_on_one()
    {
        Assert.Equal(new[] { hosts.FirstHttpPort, hosts.FirstSiloPort }.Order(), hosts.First.ListeningPorts().Order());
        Assert.Equal(new[] { hosts.SecondHttpPort, hosts.SecondSiloPort, hosts.SecondGatewayPort }.Order(), hosts.Second.ListeningPorts().Order());

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, hosts.SecondGatewayPort);
        Assert.True(client.Connected);
    }
}
