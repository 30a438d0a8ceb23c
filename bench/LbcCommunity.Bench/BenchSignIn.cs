using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LbcCommunity.Client.Auth;

namespace LbcCommunity.Bench;

/// <summary>
/// Gets tokens from the product under test the way its clients do (<see cref="LbcSignIn"/>: the development sign-in,
/// client credentials for an integration, join codes for guests), and sets up who the benchmarks act as.
/// </summary>
internal static class BenchSignIn
{
    public const string OperatorEmail = "operator@lbc.bench";

    /// <summary>The settings the product needs so the benchmark can sign in (on top of its storage settings).</summary>
    public static IEnumerable<KeyValuePair<string, string>> HostSettings(Uri baseAddress) =>
    [
        new("Identity:DevelopmentSignIn", "true"),
        new("Identity:RequireHttps", "false"),
        new("Identity:Operators:0", OperatorEmail),
        new("Identity:WebOrigins:0", baseAddress.GetLeftPart(UriPartial.Authority)),
    ];

    /// <summary>An HTTP client that sends <paramref name="accessToken"/>.</summary>
    public static HttpClient ClientWith(Uri baseAddress, string accessToken)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>Signs in as the platform operator, makes a state admin for the tenant and signs in as them.</summary>
    public static async Task<string> StateAdminToken(Uri baseAddress, string tenantId)
    {
        var operatorToken = await SignInAsync(baseAddress, null, OperatorEmail);
        using var asOperator = ClientWith(baseAddress, operatorToken);
        var email = $"admin@{tenantId}.bench";
        (await asOperator.PutAsJsonAsync($"/api/tenants/{tenantId}/people/staff", new { email, stateAdmin = true })).EnsureSuccessStatusCode();
        return await SignInAsync(baseAddress, tenantId, email);
    }

    public static async Task<string> OperatorToken(Uri baseAddress) => await SignInAsync(baseAddress, null, OperatorEmail);

    /// <summary>The development sign-in, step by step as a browser and the web app do it; returns the access token.</summary>
    public static async Task<string> SignInAsync(Uri baseAddress, string? tenantId, string email)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = baseAddress };
        return (await LbcSignIn.SignInAsync(browser, tenantId, email)).AccessToken;
    }

    /// <summary>Registers an integration of the tenant; its client id and secret.</summary>
    public static async Task<(string ClientId, string Secret)> CreateIntegration(Uri baseAddress, string stateAdminToken, string tenantId)
    {
        using var client = ClientWith(baseAddress, stateAdminToken);
        var created = await (await client.PostAsJsonAsync($"/api/tenants/{tenantId}/integrations", new { displayName = "Benchmark data system" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("clientId").GetString()!, created.GetProperty("clientSecret").GetString()!);
    }

    /// <summary>Issues a join code for a convening (as its facilitator or a state admin); the code.</summary>
    public static async Task<string> IssueJoinCode(Uri baseAddress, string accessToken, string tenantId, string conveningId)
    {
        using var client = ClientWith(baseAddress, accessToken);
        var issued = await (await client.PostAsJsonAsync($"/api/tenants/{tenantId}/convenings/{conveningId}/join-codes", new { label = "Benchmark guests", validForHours = 24 }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return issued.GetProperty("code").GetString()!;
    }

    public static async Task<string> ClientCredentialsAsync(HttpClient client, string clientId, string secret) =>
        (await LbcSignIn.ClientCredentialsAsync(client, clientId, secret)).AccessToken;

    public static async Task<string> GuestTokenAsync(HttpClient client, string joinCode, string displayName) =>
        (await LbcSignIn.JoinAsync(client, joinCode, displayName)).AccessToken;
}

/// <summary>
/// Sends the platform operator's token on <c>/api/tenants</c> and, on a tenant's routes, that tenant's state admin's
/// (made state admin by the operator on first use), so one typed client can set a benchmark's world up.
/// </summary>
internal sealed class AdministratorTokens(Uri baseAddress) : DelegatingHandler(new SocketsHttpHandler { MaxConnectionsPerServer = 512 })
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<string>>> _tokens = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var segments = request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var token = segments is ["api", "tenants", var tenantId, ..]
            ? await _tokens.GetOrAdd(tenantId, id => new Lazy<Task<string>>(() => BenchSignIn.StateAdminToken(baseAddress, id))).Value
            : await _tokens.GetOrAdd(string.Empty, _ => new Lazy<Task<string>>(() => BenchSignIn.OperatorToken(baseAddress))).Value;
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
    }
}

