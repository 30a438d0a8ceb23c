using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using LbcCommunity.Client;
using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>One host on Kestrel (real sockets): the limits on a request's size are Kestrel's and the app's together.</summary>
public sealed class KestrelHostFixture : IAsyncLifetime, IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public LbcHostFactory Host { get; private set; } = null!;

    public LbcCommunityClient Api { get; private set; } = null!;

    public int Port { get; private set; }

    public Task InitializeAsync()
    {
        // The web app's redirect URI is registered per origin: the port is chosen first so the origin is known.
        Port = FreePorts.Next();
        Host = new LbcHostFactory(_folder.Path, new Dictionary<string, string?>
        {
            ["Identity:WebOrigins:1"] = $"http://127.0.0.1:{Port}",
            ["Identity:WebOrigins:2"] = $"http://localhost:{Port}",
        });
        Host.StartOnKestrel(Port);
        Api = Host.Api();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public void Dispose() => _folder.Dispose();
}

/// <summary>
/// Requests too large in their target, headers or body are answered with problem details that say what was too large,
/// up to Kestrel's own limits (past those, Kestrel answers alone); a body over its endpoint's limit is refused before
/// it is read, so the server never holds it.
/// </summary>
public sealed class RequestLimitTests(KestrelHostFixture fixture) : IClassFixture<KestrelHostFixture>
{
    private const int TenMegabytes = 10 * 1024 * 1024;

    [Fact]
    public async Task A_ten_megabyte_body_is_refused_with_413_before_the_server_reads_it()
    {
        var state = await ApiWorld.NewTenant(fixture.Api);
        var token = await fixture.Host.StateAdminToken(state);

        // A raw socket that announces 10 MB and sends one kilobyte: the answer comes while 10 MB are still owed, so the
        // server neither waited for the body nor buffered it.
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, fixture.Port);
        var stream = socket.GetStream();
        var head = $"POST /api/tenants/{state}/regions HTTP/1.1\r\nHost: 127.0.0.1:{fixture.Port}\r\nAuthorization: Bearer {token}\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {TenMegabytes}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(Encoding.ASCII.GetBytes("{\"name\":\"" + new string('x', 1024)));
        var answer = await ReadResponse(stream).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", answer, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("65,536 bytes", answer, StringComparison.Ordinal);
        Assert.Empty(await fixture.Api.ListRegionsAsync(state));
    }

    [Fact]
    public async Task A_body_without_a_declared_length_is_cut_off_at_the_limit_with_413()
    {
        var state = await ApiWorld.NewTenant(fixture.Api);
        var token = await fixture.Host.StateAdminToken(state);

        // Chunked: no Content-Length to refuse up front, so the server counts what it reads and stops at the limit
        // (64 KB): a megabyte in 64 KB chunks, and the answer is a 413 problem, not a region.
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, fixture.Port);
        var stream = socket.GetStream();
        var head = $"POST /api/tenants/{state}/regions HTTP/1.1\r\nHost: 127.0.0.1:{fixture.Port}\r\nAuthorization: Bearer {token}\r\n" +
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        try
        {
            await WriteChunk(stream, "{\"name\":\"x\",\"description\":\"");
            for (var i = 0; i < 16; i++)
            {
                await WriteChunk(stream, new string('x', 64 * 1024));
            }
        }
        catch (IOException)
        {
            // The server answered and closed the connection before taking the rest: that is the point.
        }

        var answer = await ReadResponse(stream).WaitAsync(TimeSpan.FromSeconds(15));

        Assert.StartsWith("HTTP/1.1 413", answer, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", answer, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("65,536 bytes", answer, StringComparison.Ordinal);
        Assert.Empty(await fixture.Api.ListRegionsAsync(state));
    }

    private static async Task WriteChunk(NetworkStream stream, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{bytes.Length:X}\r\n"));
        await stream.WriteAsync(bytes);
        await stream.WriteAsync("\r\n"u8.ToArray());
    }

    [Fact]
    public async Task A_rubric_may_be_larger_than_the_default_limit()
    {
        var state = await ApiWorld.NewTenant(fixture.Api);
        using var client = Client(await fixture.Host.StateAdminToken(state));
        // A body over the 64 KB default: within the rubric's 1 MB it is read (and refused for what it says, not its size).
        var padded = JsonSerializer.Serialize(new { name = "Padded", rows = Array.Empty<object>(), padding = new string('x', 200 * 1024) });

        var rubric = await client.PostAsync($"/api/tenants/{state}/rubrics", new StringContent(padded, Encoding.UTF8, "application/json"));
        var region = await client.PostAsync($"/api/tenants/{state}/regions", new StringContent(padded, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, rubric.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, region.StatusCode);
        Assert.Equal("application/problem+json", region.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_ten_kilobyte_path_is_a_414_problem_and_past_kestrels_limit_a_bare_414()
    {
        using var client = Client(null);

        var tenKilobytes = await client.GetAsync("/api/tenants/" + new string('a', 10 * 1024));
        var pastKestrel = await client.GetAsync("/api/tenants/" + new string('a', 20 * 1024));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, tenKilobytes.StatusCode);
        Assert.Equal("application/problem+json", tenKilobytes.Content.Headers.ContentType?.MediaType);
        Assert.Contains("8,192", (await tenKilobytes.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestUriTooLong, pastKestrel.StatusCode);
    }

    [Fact]
    public async Task Forty_kilobytes_of_headers_are_a_431_problem()
    {
        using var client = Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("X-Padding", new string('a', 40 * 1024));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_nul_in_the_path_is_refused_by_kestrel_before_the_app_with_a_bare_400()
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, fixture.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /api/tenants/a%00b/regions HTTP/1.1\r\nHost: 127.0.0.1:{fixture.Port}\r\nConnection: close\r\n\r\n"));

        var answer = await ReadResponse(stream).WaitAsync(TimeSpan.FromSeconds(15));

        // Kestrel's own answer (documented in docs/api.md): it never reaches the app, which would answer problem details.
        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("Content-Length: 0", answer, StringComparison.OrdinalIgnoreCase);
    }

    private HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{fixture.Port}") };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Reads one HTTP/1.1 response (head and a Content-Length body, or all until the server closes) off the socket.</summary>
    private static async Task<string> ReadResponse(NetworkStream stream)
    {
        var received = new StringBuilder();
        var buffer = new byte[8192];
        while (true)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                return received.ToString();
            }

            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            var text = received.ToString();
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }

            var length = text[..end].Split("\r\n").FirstOrDefault(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            if (length is null || text.Length - end - 4 >= int.Parse(length["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            {
                return text;
            }
        }
    }

}
