using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace LbcCommunity.Client.Auth;

/// <summary>The tokens the authorization server answers with.</summary>
public sealed record TokenSet
{
    [JsonPropertyName("access_token")] public required string AccessToken { get; init; }

    [JsonPropertyName("refresh_token")] public string? RefreshToken { get; init; }

    [JsonPropertyName("id_token")] public string? IdToken { get; init; }

    /// <summary>Seconds the access token lives.</summary>
    [JsonPropertyName("expires_in")] public int ExpiresIn { get; init; }
}

/// <summary>The server refused a step of a sign-in or a token request; <see cref="Body"/> says why (an OAuth error or a page).</summary>
public sealed class LbcSignInException(int status, string body) : Exception($"Sign-in refused ({status}): {body}")
{
    public int Status { get; } = status;

    public string Body { get; } = body;
}

/// <summary>
/// Getting LbcCommunity's tokens from .NET: client credentials for a state's data system, a guest's join code, a refresh;
/// and, against a development or demo server, the web app's whole sign-in (authorization code with PKCE through the
/// development sign-in page), step by step as a browser does it. Every method takes an <see cref="HttpClient"/> whose
/// <see cref="HttpClient.BaseAddress"/> is the server; the sign-in needs one that keeps cookies and does not follow
/// redirects.
/// </summary>
public static partial class LbcSignIn
{
    /// <summary>The web app's client id (public client; the development sign-in and guests use it too).</summary>
    public const string WebClientId = "lbc-web";

    /// <summary>What the web app asks for: identity, profile, a refresh token, and the API.</summary>
    public const string WebScopes = "openid profile email offline_access lbc";

    /// <summary>The grant type guests use to exchange a join code.</summary>
    public const string JoinCodeGrantType = "urn:lbc:params:oauth:grant-type:join-code";

    /// <summary>The web app's redirect URI on a server: <c>{origin}/auth/callback</c>.</summary>
    public static string RedirectUri(Uri server) => new Uri(server, "/auth/callback").ToString();

    /// <summary>
    /// Signs in through the development sign-in as a known person (<paramref name="tenantId"/> null: a platform operator)
    /// and returns their tokens. Only development and demo servers have this sign-in.
    /// </summary>
    public static async Task<TokenSet> SignInAsync(HttpClient browser, string? tenantId, string email)
    {
        var (authorize, verifier, state) = AuthorizeUrl(browser.BaseAddress!);
        var toSignIn = await Redirected(browser.GetAsync(authorize));
        var signInPage = await browser.GetStringAsync(toSignIn);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(signInPage),
            ["returnUrl"] = QueryValue(new Uri(browser.BaseAddress!, toSignIn), "returnUrl") ?? "/",
            ["tenantId"] = tenantId ?? string.Empty,
            ["email"] = email,
        });
        var backToAuthorize = await Redirected(browser.PostAsync("/signin/development", form));
        return await CompleteAsync(browser, backToAuthorize.ToString(), verifier, state);
    }

    /// <summary>
    /// Follows an authorization request back to the redirect URI (the browser already has a sign-in session, from the
    /// development sign-in or an external identity provider) and redeems the code.
    /// </summary>
    public static async Task<TokenSet> CompleteAsync(HttpClient browser, string authorizeUrl, string verifier, string state)
    {
        var redirectUri = RedirectUri(browser.BaseAddress!);
        var toApp = await Redirected(browser.GetAsync(authorizeUrl));
        if (!toApp.ToString().StartsWith(redirectUri, StringComparison.Ordinal))
        {
            throw new LbcSignInException((int)HttpStatusCode.Redirect, $"The authorization request ended at {toApp}, not at the redirect URI.");
        }

        if (QueryValue(toApp, "state") != state)
        {
            throw new LbcSignInException((int)HttpStatusCode.Redirect, "The state did not come back unchanged.");
        }

        return await TokenAsync(browser, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = QueryValue(toApp, "code") ?? string.Empty,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = WebClientId,
            ["code_verifier"] = verifier,
        });
    }

    /// <summary>The web app's authorization request (relative URL), with its PKCE verifier and state.</summary>
    public static (string Url, string Verifier, string State) AuthorizeUrl(Uri server)
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var query = new Dictionary<string, string>
        {
            ["client_id"] = WebClientId,
            ["redirect_uri"] = RedirectUri(server),
            ["response_type"] = "code",
            ["scope"] = WebScopes,
            ["state"] = state,
            ["nonce"] = Base64Url(RandomNumberGenerator.GetBytes(16)),
            ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        };
        return ("/connect/authorize?" + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")), verifier, state);
    }

    public static Task<TokenSet> RefreshAsync(HttpClient client, string refreshToken) => TokenAsync(client, new Dictionary<string, string>
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
        ["client_id"] = WebClientId,
    });

    /// <summary>
    /// Revokes a token of the web app (RFC 7009), as it does when someone signs out: a revoked refresh token is refused
    /// from then on. Throws <see cref="LbcSignInException"/> when the server refuses the request.
    /// </summary>
    public static async Task RevokeAsync(HttpClient client, string token, string tokenTypeHint = "refresh_token")
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["token_type_hint"] = tokenTypeHint,
            ["client_id"] = WebClientId,
        });
        using var response = await client.PostAsync(new Uri("/connect/revoke", UriKind.Relative), content);
        if (!response.IsSuccessStatusCode)
        {
            throw new LbcSignInException((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>A guest's exchange of a join code and a display name for a short-lived token for one convening.</summary>
    public static Task<TokenSet> JoinAsync(HttpClient client, string joinCode, string displayName) => TokenAsync(client, new Dictionary<string, string>
    {
        ["grant_type"] = JoinCodeGrantType,
        ["client_id"] = WebClientId,
        ["join_code"] = joinCode,
        ["display_name"] = displayName,
    });

    /// <summary>A state's data system (an integration registered by a state admin) gets a token to read roll-ups.</summary>
    public static Task<TokenSet> ClientCredentialsAsync(HttpClient client, string clientId, string clientSecret) => TokenAsync(client, new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_secret"] = clientSecret,
        ["scope"] = "lbc",
    });

    /// <summary>Posts to the token endpoint; a refusal throws <see cref="LbcSignInException"/> with the OAuth error.</summary>
    public static async Task<TokenSet> TokenAsync(HttpClient client, Dictionary<string, string> parameters)
    {
        using var content = new FormUrlEncodedContent(parameters);
        using var response = await client.PostAsync(new Uri("/connect/token", UriKind.Relative), content);
        if (!response.IsSuccessStatusCode)
        {
            throw new LbcSignInException((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        return (await response.Content.ReadFromJsonAsync<TokenSet>())!;
    }

    /// <summary>The antiforgery token of a sign-in page's forms.</summary>
    public static string AntiforgeryToken(string html) =>
        AntiforgeryField().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new LbcSignInException((int)HttpStatusCode.OK, "The sign-in page has no antiforgery token.");

    private static async Task<Uri> Redirected(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is null)
        {
            throw new LbcSignInException((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        return response.Headers.Location;
    }

    private static string? QueryValue(Uri uri, string name) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => pair[0] == name)
            .Select(pair => Uri.UnescapeDataString(pair.Length > 1 ? pair[1].Replace('+', ' ') : string.Empty))
            .FirstOrDefault();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
