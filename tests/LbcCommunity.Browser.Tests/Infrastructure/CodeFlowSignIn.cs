using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace LbcCommunity.Browser.Tests.Infrastructure;

/// <summary>What the token endpoint answers.</summary>
public sealed record TokenSet
{
    [JsonPropertyName("access_token")] public required string AccessToken { get; init; }

    [JsonPropertyName("refresh_token")] public string? RefreshToken { get; init; }

    [JsonPropertyName("id_token")] public string? IdToken { get; init; }
}

/// <summary>
/// The web app's sign-in done over plain HTTP, for tokens the test itself acts with: authorize (code + PKCE), the
/// development sign-in form, back to the redirect URI, then the code redeemed at the token endpoint.
/// </summary>
public static partial class CodeFlowSignIn
{
    private const string ClientId = "lbc-web";

    /// <param name="browser">A client that keeps cookies and does not follow redirects.</param>
    /// <param name="origin">The web app's origin (its redirect URI is <c>{origin}/auth/callback</c>).</param>
    /// <param name="tenantId">The person's tenant; <c>null</c> for a platform operator.</param>
    /// <param name="email">Whom to sign in as: a person the development sign-in lists.</param>
    public static async Task<TokenSet> SignInAsync(HttpClient browser, Uri origin, string? tenantId, string email)
    {
        var redirectUri = new Uri(origin, "/auth/callback").ToString();
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var state = Base64Url(RandomNumberGenerator.GetBytes(16));
        var authorize = QueryHelpers.AddQueryString("/connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["scope"] = "openid profile email offline_access lbc",
            ["state"] = state,
            ["code_challenge"] = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
        });

        // Not signed in: the authorization endpoint sends the browser to the sign-in page, which posts back its form.
        var toSignIn = await Redirected(browser.GetAsync(authorize));
        var signInPage = await browser.GetStringAsync(toSignIn);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(AntiforgeryField().Match(signInPage).Groups[1].Value),
            ["returnUrl"] = QueryHelpers.ParseQuery(new Uri(browser.BaseAddress!, toSignIn).Query)["returnUrl"].ToString(),
            ["tenantId"] = tenantId ?? string.Empty,
            ["email"] = email,
        });
        var backToAuthorize = await Redirected(browser.PostAsync("/signin/development", form));

        // Signed in: the same authorization request now ends at the redirect URI with a code.
        var toApp = await Redirected(browser.GetAsync(backToAuthorize));
        if (!toApp.ToString().StartsWith(redirectUri, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The authorization request ended at {toApp}, not at the redirect URI.");
        }

        var callback = QueryHelpers.ParseQuery(toApp.Query);
        if (callback["state"] != state)
        {
            throw new InvalidOperationException("The state did not come back unchanged.");
        }

        using var redeem = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = callback["code"].ToString(),
            ["redirect_uri"] = redirectUri,
            ["client_id"] = ClientId,
            ["code_verifier"] = verifier,
        });
        var tokens = await browser.PostAsync("/connect/token", redeem);
        if (!tokens.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The token endpoint refused the code ({(int)tokens.StatusCode}): {await tokens.Content.ReadAsStringAsync()}");
        }

        return (await tokens.Content.ReadFromJsonAsync<TokenSet>())!;
    }

    private static async Task<Uri> Redirected(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is null)
        {
            throw new InvalidOperationException($"Expected a redirect, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return response.Headers.Location;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
