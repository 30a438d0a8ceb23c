using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace LbcCommunity.Host.Tests.Infrastructure;

/// <summary>The tokens the authorization server answers with.</summary>
public sealed record TokenSet
{
    [JsonPropertyName("access_token")] public required string AccessToken { get; init; }

    [JsonPropertyName("refresh_token")] public string? RefreshToken { get; init; }

    [JsonPropertyName("id_token")] public string? IdToken { get; init; }

    [JsonPropertyName("expires_in")] public int ExpiresIn { get; init; }
}

/// <summary>
/// What the web app and a person's browser do to get tokens, step by step over HTTP: the authorization code flow with
/// PKCE, signing in on the development sign-in page (or at an external identity provider), then the token endpoint.
/// </summary>
public static partial class DevelopmentSignIn
{
    public const string ClientId = "lbc-web";
    public const string RedirectUri = "http://localhost/auth/callback";
    public const string Scopes = "openid profile email offline_access lbc";

    /// <summary>Signs in as a known person (or a platform operator when <paramref name="tenantId"/> is null) and returns their tokens.</summary>
    public static async Task<TokenSet> SignInAsync(HttpClient browser, string? tenantId, string email)
    {
        var (authorize, verifier, state) = AuthorizeUrl();
        var toSignIn = await Expect(browser.GetAsync(authorize), HttpStatusCode.Redirect);
        var signInUrl = new Uri(browser.BaseAddress!, toSignIn.Headers.Location!);
        var signInPage = await browser.GetStringAsync(signInUrl);
        var returnUrl = QueryHelpers.ParseQuery(signInUrl.Query)["returnUrl"].ToString();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(signInPage),
            ["returnUrl"] = returnUrl,
            ["tenantId"] = tenantId ?? string.Empty,
            ["email"] = email,
        });
        var signedIn = await browser.PostAsync("/signin/development", form);
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new SignInFailedException((int)signedIn.StatusCode, await signedIn.Content.ReadAsStringAsync());
        }

        return await CompleteAsync(browser, signedIn.Headers.Location!.ToString(), verifier, state);
    }

    /// <summary>
    /// Follows the authorization request back to the redirect URI (the browser already has a session) and redeems the
    /// code. Used after a sign-in at an external identity provider too.
    /// </summary>
    public static async Task<TokenSet> CompleteAsync(HttpClient browser, string authorizeUrl, string verifier, string state)
    {
        var toApp = await browser.GetAsync(authorizeUrl);
        if (toApp.StatusCode != HttpStatusCode.Redirect || !toApp.Headers.Location!.ToString().StartsWith(RedirectUri, StringComparison.Ordinal))
        {
            throw new SignInFailedException((int)toApp.StatusCode, await toApp.Content.ReadAsStringAsync() + " " + toApp.Headers.Location);
        }

        var callback = QueryHelpers.ParseQuery(toApp.Headers.Location!.Query);
        if (callback["state"] != state)
        {
            throw new InvalidOperationException("The state did not come back unchanged.");
        }

        return await TokenAsync(browser, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = callback["code"].ToString(),
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = ClientId,
            ["code_verifier"] = verifier,
        });
    }

    public static Task<TokenSet> RefreshAsync(HttpClient client, string refreshToken) => TokenAsync(client, new Dictionary<string, string>
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
        ["client_id"] = ClientId,
    });

    /// <summary>A guest's exchange of a join code and a display name for a short-lived token.</summary>
    public static Task<TokenSet> JoinAsync(HttpClient client, string joinCode, string displayName) => TokenAsync(client, new Dictionary<string, string>
    {
        ["grant_type"] = "urn:lbc:params:oauth:grant-type:join-code",
        ["client_id"] = ClientId,
        ["join_code"] = joinCode,
        ["display_name"] = displayName,
    });

    public static Task<TokenSet> ClientCredentialsAsync(HttpClient client, string clientId, string clientSecret) => TokenAsync(client, new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_secret"] = clientSecret,
        ["scope"] = "lbc",
    });

    /// <summary>Posts to the token endpoint; a refusal throws with the OAuth error.</summary>
    public static async Task<TokenSet> TokenAsync(HttpClient client, Dictionary<string, string> parameters)
    {
        using var content = new FormUrlEncodedContent(parameters);
        var response = await client.PostAsync("/connect/token", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new SignInFailedException((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        return (await response.Content.ReadFromJsonAsync<TokenSet>())!;
    }

    /// <summary>An authorization request of the web app, with its PKCE verifier and state.</summary>
    public static (string Url, string Verifier, string State) AuthorizeUrl()
    {
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var url = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri,
            ["response_type"] = "code",
            ["scope"] = Scopes,
            ["state"] = state,
            ["nonce"] = Base64Url(RandomNumberGenerator.GetBytes(16)),
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });
        return (url, verifier, state);
    }

    public static string AntiforgeryToken(string html) =>
        AntiforgeryField().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on the page.");

    private static async Task<HttpResponseMessage> Expect(Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        var response = await request;
        return response.StatusCode == status
            ? response
            : throw new SignInFailedException((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

/// <summary>The server refused a step of the sign-in; the body says why.</summary>
public sealed class SignInFailedException(int status, string body) : Exception($"Sign-in refused ({status}): {body}")
{
    public int Status { get; } = status;

    public string Body { get; } = body;
}
