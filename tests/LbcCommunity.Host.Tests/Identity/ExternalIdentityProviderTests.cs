using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Identity;

/// <summary>One running test identity provider shared by the tests of <see cref="ExternalIdentityProviderTests"/>.</summary>
public sealed class ExternalIdentityProviderFixture : IAsyncLifetime
{
    // Nothing listens there: the test reads the code off the redirect instead of following it.
    public static readonly Uri RedirectUri = new("http://127.0.0.1:9/signin-oidc");

    public static readonly Uri PostLogoutRedirectUri = new("http://127.0.0.1:9/signout-callback-oidc");

    public static readonly IdentityProviderClient Client = new("lbc-community-ohio", "ohio-client-secret", [RedirectUri], [PostLogoutRedirectUri]);

    public static readonly IdentityProviderAccount Ada = new(
        "ohio-0001", "ada@ohio.example", "Ada Byron", ["lbc-state-admins", "district-7"]);

    public static readonly IdentityProviderAccount Grace = new(
        "ohio-0002", "grace@ohio.example", "Grace Hopper", ["lbc-coaches"], Password: "correct horse");

    public ExternalIdentityProvider Provider { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Provider = await ExternalIdentityProvider.StartAsync([Client], [Ada, Grace]);

    public async Task DisposeAsync() => await Provider.DisposeAsync();
}

public sealed class ExternalIdentityProviderTests(ExternalIdentityProviderFixture fixture) : IClassFixture<ExternalIdentityProviderFixture>, IDisposable
{
    private readonly ExternalIdentityProvider _provider = fixture.Provider;
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Discovery_document_lists_the_endpoints_of_the_authorization_code_flow()
    {
        var discovery = await _http.GetFromJsonAsync<JsonElement>(_provider.DiscoveryDocument);

        Assert.Equal(_provider.IssuerIdentifier, discovery.GetProperty("issuer").GetString());
        foreach (var endpoint in new[] { "authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint" })
        {
            Assert.StartsWith(_provider.IssuerIdentifier + "/", discovery.GetProperty(endpoint).GetString(), StringComparison.Ordinal);
        }

        Assert.Contains("code", Strings(discovery, "response_types_supported"));
        Assert.Contains("S256", Strings(discovery, "code_challenge_methods_supported"));
        Assert.Superset(new HashSet<string> { "openid", "email", "profile", "groups" }, Strings(discovery, "scopes_supported").ToHashSet());
    }

    [Fact]
    public async Task Code_flow_with_pkce_issues_a_signed_id_token_with_the_accounts_claims()
    {
        var discovery = await _http.GetFromJsonAsync<JsonElement>(_provider.DiscoveryDocument);
        var login = new LoginRequest();

        using var browser = new SignInDriver();
        var callback = await browser.SignInAsync(login.AuthorizationUrl(discovery), ExternalIdentityProviderFixture.Ada.Email);

        Assert.Equal(ExternalIdentityProviderFixture.RedirectUri.GetLeftPart(UriPartial.Path), callback.GetLeftPart(UriPartial.Path));
        var parameters = QueryOf(callback);
        Assert.Equal(login.State, parameters["state"]);
        Assert.Equal(_provider.IssuerIdentifier, parameters["iss"]);

        using var tokenResponse = await RedeemAsync(discovery, parameters["code"], login.CodeVerifier, ExternalIdentityProviderFixture.Client.ClientSecret);
        var tokens = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString(), ignoreCase: true);

        var idToken = await VerifiedPayloadAsync(discovery, tokens.GetProperty("id_token").GetString()!);
        var ada = ExternalIdentityProviderFixture.Ada;
        Assert.Equal(_provider.IssuerIdentifier, idToken.GetProperty("iss").GetString());
        Assert.Equal(ExternalIdentityProviderFixture.Client.ClientId, idToken.GetProperty("aud").GetString());
        Assert.Equal(ada.Sub, idToken.GetProperty("sub").GetString());
        Assert.Equal(ada.Email, idToken.GetProperty("email").GetString());
        Assert.True(idToken.GetProperty("email_verified").GetBoolean());
        Assert.Equal(ada.Name, idToken.GetProperty("name").GetString());
        Assert.Equal(ada.Groups, Strings(idToken, "groups"));
        Assert.Equal(login.Nonce, idToken.GetProperty("nonce").GetString());
    }

    [Fact]
    public async Task Userinfo_answers_with_the_groups_for_a_code_redeemed_with_basic_client_authentication()
    {
        var discovery = await _http.GetFromJsonAsync<JsonElement>(_provider.DiscoveryDocument);
        var login = new LoginRequest();
        using var browser = new SignInDriver();
        var callback = await browser.SignInAsync(login.AuthorizationUrl(discovery), ExternalIdentityProviderFixture.Grace.Sub, "correct horse");

        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, discovery.GetProperty("token_endpoint").GetString())
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = QueryOf(callback)["code"],
                ["redirect_uri"] = ExternalIdentityProviderFixture.RedirectUri.AbsoluteUri,
                ["code_verifier"] = login.CodeVerifier,
            }),
        };
        var client = ExternalIdentityProviderFixture.Client;
        tokenRequest.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(client.ClientId)}:{Uri.EscapeDataString(client.ClientSecret)}")));
        using var tokenResponse = await _http.SendAsync(tokenRequest);
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        var tokens = await tokenResponse.Content.ReadFromJsonAsync<JsonElement>();

        using var userinfoRequest = new HttpRequestMessage(HttpMethod.Get, discovery.GetProperty("userinfo_endpoint").GetString());
        userinfoRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("access_token").GetString());
        using var userinfoResponse = await _http.SendAsync(userinfoRequest);
        var userinfo = await userinfoResponse.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, userinfoResponse.StatusCode);
        Assert.Equal(ExternalIdentityProviderFixture.Grace.Sub, userinfo.GetProperty("sub").GetString());
        Assert.Equal(ExternalIdentityProviderFixture.Grace.Email, userinfo.GetProperty("email").GetString());
        Assert.Equal(ExternalIdentityProviderFixture.Grace.Groups, Strings(userinfo, "groups"));
    }

    [Fact]
    public async Task Token_endpoint_refuses_a_wrong_client_secret()
    {
        var discovery = await _http.GetFromJsonAsync<JsonElement>(_provider.DiscoveryDocument);
        var login = new LoginRequest();
        using var browser = new SignInDriver();
        var callback = await browser.SignInAsync(login.AuthorizationUrl(discovery), ExternalIdentityProviderFixture.Ada.Sub);

        using var response = await RedeemAsync(discovery, QueryOf(callback)["code"], login.CodeVerifier, "not-the-secret");
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", error.GetProperty("error").GetString());
        Assert.False(error.TryGetProperty("id_token", out _));
    }

    [Fact]
    public async Task Token_endpoint_refuses_a_code_without_its_pkce_verifier()
    {
        var discovery = await _http.GetFromJsonAsync<JsonElement>(_provider.DiscoveryDocument);
        var login = new LoginRequest();
        using var browser = new SignInDriver();
        var callback = await browser.SignInAsync(login.AuthorizationUrl(discovery), ExternalIdentityProviderFixture.Ada.Sub);

        using var response = await RedeemAsync(discovery, QueryOf(callback)["code"], new LoginRequest().CodeVerifier, ExternalIdentityProviderFixture.Client.ClientSecret);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Sign_in_page_refuses_an_unknown_account_and_a_wrong_password()
    {
        var discovery = await _http.GetFromJsonAsync<JsonElement>(_provider.DiscoveryDocument);
        using var browser = new SignInDriver();

        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(
            () => browser.SignInAsync(new LoginRequest().AuthorizationUrl(discovery), "nobody@ohio.example"));
        var wrongPassword = await Assert.ThrowsAsync<InvalidOperationException>(
            () => browser.SignInAsync(new LoginRequest().AuthorizationUrl(discovery), ExternalIdentityProviderFixture.Grace.Email, "wrong"));

        Assert.Contains("Unknown account or wrong password", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown account or wrong password", wrongPassword.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_post_response_mode_comes_back_as_a_form_posted_to_the_redirect_uri()
    {
        var discovery = await _http.GetFromJsonAsync<JsonElement>(_provider.DiscoveryDocument);
        var login = new LoginRequest();
        using var browser = new SignInDriver();

        var callback = await browser.SignInToCallbackAsync(
            new Uri(login.AuthorizationUrl(discovery).AbsoluteUri + "&response_mode=form_post"), ExternalIdentityProviderFixture.Ada.Email);

        Assert.Equal(HttpMethod.Post, callback.Method);
        Assert.Equal(ExternalIdentityProviderFixture.RedirectUri, callback.Target);
        var form = callback.Form.ToDictionary(f => f.Key, f => f.Value);
        Assert.Equal(login.State, form["state"]);
        using var response = await RedeemAsync(discovery, form["code"], login.CodeVerifier, ExternalIdentityProviderFixture.Client.ClientSecret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Sign_out_returns_to_the_post_logout_redirect_uri_and_ends_the_providers_session()
    {
        var discovery = await _http.GetFromJsonAsync<JsonElement>(_provider.DiscoveryDocument);
        using var browser = new SignInDriver();
        await browser.SignInAsync(new LoginRequest().AuthorizationUrl(discovery), ExternalIdentityProviderFixture.Ada.Email);

        // Signed in: the provider does not ask again, so the login given does not matter.
        var again = await browser.SignInAsync(new LoginRequest().AuthorizationUrl(discovery), "nobody@ohio.example");
        Assert.Contains("code", QueryOf(again).Keys);

        var endSession = new Uri(discovery.GetProperty("end_session_endpoint").GetString()
            + "?client_id=" + Uri.EscapeDataString(ExternalIdentityProviderFixture.Client.ClientId)
            + "&post_logout_redirect_uri=" + Uri.EscapeDataString(ExternalIdentityProviderFixture.PostLogoutRedirectUri.AbsoluteUri)
            + "&state=bye");
        var signedOut = await browser.SignOutAsync(endSession);

        Assert.NotNull(signedOut);
        Assert.Equal(ExternalIdentityProviderFixture.PostLogoutRedirectUri.GetLeftPart(UriPartial.Path), signedOut.Target.GetLeftPart(UriPartial.Path));
        Assert.Equal("bye", QueryOf(signedOut.Target)["state"]);
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => browser.SignInAsync(new LoginRequest().AuthorizationUrl(discovery), "nobody@ohio.example"));
    }

    private async Task<HttpResponseMessage> RedeemAsync(JsonElement discovery, string code, string codeVerifier, string clientSecret)
    {
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = ExternalIdentityProviderFixture.RedirectUri.AbsoluteUri,
            ["code_verifier"] = codeVerifier,
            ["client_id"] = ExternalIdentityProviderFixture.Client.ClientId,
            ["client_secret"] = clientSecret,
        });
        return await _http.PostAsync(discovery.GetProperty("token_endpoint").GetString(), body);
    }

    /// <summary>The payload of an RS256 JWT whose signature checks out against the provider's published keys.</summary>
    private async Task<JsonElement> VerifiedPayloadAsync(JsonElement discovery, string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        var header = JsonSerializer.Deserialize<JsonElement>(Base64Url.DecodeFromChars(parts[0]));
        Assert.Equal("RS256", header.GetProperty("alg").GetString());

        var jwks = await _http.GetFromJsonAsync<JsonElement>(discovery.GetProperty("jwks_uri").GetString());
        var kid = header.GetProperty("kid").GetString();
        var key = jwks.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("kid").GetString() == kid);
        using var rsa = RSA.Create(new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars(key.GetProperty("n").GetString()),
            Exponent = Base64Url.DecodeFromChars(key.GetProperty("e").GetString()),
        });
        Assert.True(
            rsa.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), Base64Url.DecodeFromChars(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            "The ID token's signature does not match the provider's key.");

        return JsonSerializer.Deserialize<JsonElement>(Base64Url.DecodeFromChars(parts[1]));
    }

    private static List<string> Strings(JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(e => e.GetString() ?? "").ToList();

    private static Dictionary<string, string> QueryOf(Uri uri)
    {
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        return query.AllKeys.OfType<string>().ToDictionary(k => k, k => query[k]!);
    }

    /// <summary>What a client makes up for one sign-in: state, nonce and the PKCE verifier.</summary>
    private sealed class LoginRequest
    {
        public string State { get; } = Random();

        public string Nonce { get; } = Random();

        public string CodeVerifier { get; } = Random();

        public Uri AuthorizationUrl(JsonElement discovery)
        {
            var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(CodeVerifier)));
            var parameters = new Dictionary<string, string>
            {
                ["client_id"] = ExternalIdentityProviderFixture.Client.ClientId,
                ["response_type"] = "code",
                ["redirect_uri"] = ExternalIdentityProviderFixture.RedirectUri.AbsoluteUri,
                ["scope"] = "openid email profile",
                ["state"] = State,
                ["nonce"] = Nonce,
                ["code_challenge"] = challenge,
                ["code_challenge_method"] = "S256",
            };
            var query = string.Join('&', parameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
            return new Uri($"{discovery.GetProperty("authorization_endpoint").GetString()}?{query}");
        }

        private static string Random() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
    }
}
