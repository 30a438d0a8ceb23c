using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LbcCommunity.Client.Auth;
using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Identity;

/// <summary>
/// The host started as the README says, on another port and nothing else configured: <c>dotnet LbcCommunity.Host.dll
/// --urls http://localhost:{port}</c> (its own process, its appsettings.json, a data folder of its own).
/// </summary>
public sealed class FirstRunFixture : IAsyncLifetime, IDisposable
{
    private readonly TemporaryFolder _data = new();

    public HostProcess Host { get; private set; } = null!;

    public int HttpPort { get; } = FreePorts.Next();

    public int SiloPort { get; } = FreePorts.Next();

    public async Task InitializeAsync() =>
        Host = await HostProcess.StartAsync(new Uri($"http://localhost:{HttpPort}"),
            $"--Storage:DataFolder={_data.Path}", $"--Storage:SiloPort={SiloPort.ToString(CultureInfo.InvariantCulture)}");

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

    }

    public void Dispose() => _data.Dispose();
}

public sealed class FirstRunTests(FirstRunFixture fixture) : IClassFixture<FirstRunFixture>
{
    private const string Operator = "operator@lbc.example";

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task The_web_app_signs_in_on_the_port_the_host_listens_on(string hostName)
    {
        // The web app's whole authorization code flow, from the origin a browser shows on this port.
        using var browser = fixture.Host.Browser(new Uri($"http://{hostName}:{fixture.HttpPort}"));
        var tokens = await LbcSignIn.SignInAsync(browser, tenantId: null, Operator);

        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var answer = await browser.SendAsync(me);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("platform-operator", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_redirect_names_the_setting_and_the_origin_to_add()
    {
        const string elsewhere = "http://lbc.example.test:8443";
        var (authorize, _, _) = LbcSignIn.AuthorizeUrl(new Uri(elsewhere));
        using var browser = fixture.Host.Browser();

        using var pageRequest = new HttpRequestMessage(HttpMethod.Get, authorize);
        pageRequest.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        using var page = await browser.SendAsync(pageRequest);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<code>Identity:WebOrigins</code>", html, StringComparison.Ordinal);
        Assert.Contains($"<code>{elsewhere}</code>", html, StringComparison.Ordinal);

        using var problem = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.BadRequest, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
        var body = await problem.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Identity:WebOrigins", body.GetProperty("setting").GetString());
        Assert.Equal(elsewhere, body.GetProperty("value").GetString());
        Assert.Contains("add http://lbc.example.test:8443 to Identity:WebOrigins", body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        Assert.Contains(fixture.Host.Output, line => line.Contains("\"LogLevel\":\"Warning\"", StringComparison.Ordinal)
            && line.Contains("Identity:WebOrigins", StringComparison.Ordinal) && line.Contains(elsewhere + "/auth/callback", StringComparison.Ordinal));

        // Refused, not registered: the origin still cannot sign in.
        using var again = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task A_configured_web_origin_that_is_not_an_origin_stops_the_start_and_names_the_entry()
    {
        using var data = new TemporaryFolder();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => HostProcess.StartAsync(new Uri($"http://localhost:{FreePorts.Next()}"),
            $"--Storage:DataFolder={data.Path}", $"--Storage:SiloPort={FreePorts.Next().ToString(CultureInfo.InvariantCulture)}",
            "--Identity:WebOrigins:0=https://lbc.example.test/app"));

        Assert.Contains("Identity:WebOrigins:0 is 'https://lbc.example.test/app', which is not an origin", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_host_listens_on_its_HTTP_and_silo_ports_only_and_opens_no_Orleans_gateway()
    {
        // The gateway would take any Orleans client's word for the tenant of its calls (RequestContext).
        Assert.Equal(new[] { fixture.HttpPort, fixture.SiloPort }.Order(), fixture.Host.ListeningPorts().Order());
    }
}
