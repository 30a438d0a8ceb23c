using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LbcCommunity.Access;
using Microsoft.Extensions.Logging;

namespace LbcCommunity.Identity.Federation;

/// <summary>What to check of a provider: its set-up as it would be saved, with the client secret in clear.</summary>
public sealed record IdentityProviderProbeRequest(string Issuer, string ClientId, string ClientSecret, IReadOnlyList<string> Scopes, bool ScopesGiven, Uri RedirectUri);

/// <summary>
/// What checking a provider found. <see cref="Refusals"/> (by request field) are set-ups that cannot work and must not
/// be saved; otherwise <see cref="Status"/> and <see cref="Message"/> are the provider's status from now on.
/// </summary>
public sealed record IdentityProviderProbeResult(IReadOnlyDictionary<string, string[]> Refusals, IdentityProviderStatus Status, string? Message)
{
    public bool Refused => Refusals.Count > 0;

    /// <summary>The refusals as one line for a status (a test-connection of a provider whose set-up stopped working).</summary>
    public string Describe() => Refused ? string.Join(" ", Refusals.SelectMany(r => r.Value).Distinct(StringComparer.Ordinal)) : Message ?? string.Empty;
}

/// <summary>
/// Checks an identity provider the way a sign-in will use it, without a person: reads its discovery document (the
/// issuer it names, the scopes and client authentication it supports) and then has the provider authenticate the
/// client. Where the provider offers pushed authorization requests (RFC 9126, which the sign-in itself then uses), the
/// real authorization request is pushed with the client's credentials: the provider checks the client id, secret,
/// redirect URI and scopes and answers <c>201</c> or an error, and the pushed request expires unused. Otherwise a
/// code that cannot exist is redeemed at the token endpoint: a provider authenticates the client before it looks at the
/// code, so <c>invalid_client</c> means wrong credentials and <c>invalid_grant</c> right ones. Any other answer cannot
/// tell, and the provider stays <see cref="IdentityProviderStatus.Untested"/> until someone signs in.
/// </summary>
public sealed partial class IdentityProviderProbe(IHttpClientFactory httpClients, ILogger<IdentityProviderProbe> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> the probe uses (short timeout, no retries).</summary>
    public const string HttpClientName = "lbc.identity-provider-probe";

    /// <summary>How long the probe waits for each answer of the provider.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private const string ClientSecretBasic = "client_secret_basic";
    private const string ClientSecretPost = "client_secret_post";

    public async Task<IdentityProviderProbeResult> Check(IdentityProviderProbeRequest request, CancellationToken cancellationToken)
    {
        var refusals = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var discoveryUri = new Uri(request.Issuer.TrimEnd('/') + "/.well-known/openid-configuration", UriKind.Absolute);
        var http = httpClients.CreateClient(HttpClientName);
        JsonElement discovery;
        try
        {
            using var response = await http.GetAsync(discoveryUri, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return Refuse("issuer", $"The issuer's discovery document {discoveryUri} answered {(int)response.StatusCode} {response.ReasonPhrase}: check 'issuer'.");
            }

            discovery = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(cancellationToken));
            if (discovery.ValueKind != JsonValueKind.Object)
            {
                return Refuse("issuer", $"The issuer's discovery document {discoveryUri} is not a JSON object: check 'issuer'.");
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, discoveryUri, e.Message);
            return Refuse("issuer", $"The issuer does not answer: its discovery document {discoveryUri} could not be read ({Reason(e)}). Check 'issuer', and that this server can reach it.");
        }

        var named = Text(discovery, "issuer");
        if (named is null || !Uri.TryCreate(named, UriKind.Absolute, out var namedUri) || !namedUri.Equals(new Uri(request.Issuer, UriKind.Absolute)))
        {
            return Refuse("issuer", $"The discovery document at {discoveryUri} names the issuer '{named}', not '{request.Issuer}': set 'issuer' to exactly what the provider names.");
        }

        var authorizationEndpoint = Text(discovery, "authorization_endpoint");
        var tokenEndpoint = Text(discovery, "token_endpoint");
        if (authorizationEndpoint is null || tokenEndpoint is null)
        {
            return Refuse("issuer", $"The discovery document at {discoveryUri} has no authorization or token endpoint: this is not an OpenID provider for the authorization code flow.");
        }

        if (Strings(discovery, "scopes_supported") is { } supportedScopes)
        {
            var scopes = request.Scopes.Prepend("openid").ToList();
            for (var i = 0; i < request.Scopes.Count; i++)
            {
                if (!supportedScopes.Contains(request.Scopes[i], StringComparer.Ordinal))
                {
                    var field = request.ScopesGiven ? $"scopes[{i}]" : "scopes";
                    refusals[field] = [$"The provider does not support the scope '{request.Scopes[i]}' (it supports: {string.Join(", ", supportedScopes)})."];
                }
            }
        }

        // Without a list, a provider supports client_secret_basic only (OpenID Connect Discovery 1.0, section 3).
        var authMethods = Strings(discovery, "token_endpoint_auth_methods_supported") ?? [ClientSecretBasic];
        // The same choice as OpenIddict's client makes at sign-in: client_secret_post when offered, otherwise basic.
        var authMethod = authMethods.Contains(ClientSecretPost, StringComparer.Ordinal) ? ClientSecretPost
            : authMethods.Contains(ClientSecretBasic, StringComparer.Ordinal) ? ClientSecretBasic
            : null;
        if (authMethod is null)
        {
            refusals["clientSecret"] = [$"The provider accepts no client secret at its token endpoint (it supports: {string.Join(", ", authMethods)}); LbcCommunity authenticates with client_secret_basic or client_secret_post."];
        }

        if (refusals.Count > 0)
        {
            return new(refusals, IdentityProviderStatus.Error, null);
        }

        return Text(discovery, "pushed_authorization_request_endpoint") is { } parEndpoint
            ? await PushAuthorizationRequest(http, new Uri(parEndpoint), authMethod!, request, cancellationToken)
            : await RedeemImpossibleCode(http, new Uri(tokenEndpoint), authMethod!, request, cancellationToken);
    }

    private async Task<IdentityProviderProbeResult> PushAuthorizationRequest(HttpClient http, Uri endpoint, string authMethod, IdentityProviderProbeRequest request, CancellationToken cancellationToken)
    {
        var verifier = Random();
        var parameters = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["redirect_uri"] = request.RedirectUri.AbsoluteUri,
            ["scope"] = string.Join(' ', request.Scopes.Prepend("openid").Distinct(StringComparer.Ordinal)),
            ["state"] = Random(),
            ["nonce"] = Random(),
            ["code_challenge"] = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            ["code_challenge_method"] = "S256",
        };
        var answer = await Send(http, endpoint, authMethod, request, parameters, cancellationToken);
        if (answer.Unreachable is { } unreachable)
        {
            return new(NoRefusals, IdentityProviderStatus.Error, $"The provider's pushed authorization endpoint {endpoint} did not answer ({unreachable}).");
        }

        if (answer.Status is HttpStatusCode.Created or HttpStatusCode.OK)
        {
            return new(NoRefusals, IdentityProviderStatus.Ok, null);
        }

        return answer.Error switch
        {
            "invalid_client" => RefuseClient(answer),
            "unauthorized_client" => Refuse("clientId", $"The provider does not let this client use the authorization code flow ({answer.Describe()})."),
            "invalid_scope" => Refuse("scopes", $"The provider refused the scopes {parameters["scope"]} for this client ({answer.Describe()})."),
            // A redirect URI depends on the address the set-up was saved through, so it is reported, not refused.
            _ when answer.Error == "invalid_redirect_uri" || answer.Description?.Contains("redirect_uri", StringComparison.OrdinalIgnoreCase) == true
                => new(NoRefusals, IdentityProviderStatus.Error, $"The provider does not accept the redirect URI {request.RedirectUri.AbsoluteUri} ({answer.Describe()}): register it at the provider for this client."),
            _ => new(NoRefusals, IdentityProviderStatus.Error, $"The provider refused the sign-in request this server would send ({answer.Describe()})."),
        };
    }

    private async Task<IdentityProviderProbeResult> RedeemImpossibleCode(HttpClient http, Uri endpoint, string authMethod, IdentityProviderProbeRequest request, CancellationToken cancellationToken)
    {
        var answer = await Send(http, endpoint, authMethod, request, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = "lbc-connection-test-" + Random(),
            ["redirect_uri"] = request.RedirectUri.AbsoluteUri,
            ["code_verifier"] = Random(),
        }, cancellationToken);
        return answer switch
        {
            { Unreachable: { } unreachable } => new(NoRefusals, IdentityProviderStatus.Error, $"The provider's token endpoint {endpoint} did not answer ({unreachable})."),
            { Error: "invalid_client" } => RefuseClient(answer),
            { Error: "invalid_grant" } => new(NoRefusals, IdentityProviderStatus.Ok, null),
            _ => new(NoRefusals, IdentityProviderStatus.Untested, $"The provider's answer ({answer.Describe()}) does not tell whether the client id and secret are right: sign in once to find out."),
        };
    }

    private static IdentityProviderProbeResult RefuseClient(ProviderAnswer answer)
    {
        // Providers give the same answer for an unknown client and a wrong secret, on purpose: both fields are named.
        var message = $"The provider refused this client id and secret ({answer.Describe()}): check both against the client registered there.";
        return new(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["clientId"] = [message], ["clientSecret"] = [message] }, IdentityProviderStatus.Error, null);
    }

    private async Task<ProviderAnswer> Send(HttpClient http, Uri endpoint, string authMethod, IdentityProviderProbeRequest request, Dictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        parameters["client_id"] = request.ClientId;
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint);
        if (authMethod == ClientSecretPost)
        {
            parameters["client_secret"] = request.ClientSecret;
        }
        else
        {
            // RFC 6749 section 2.3.1: both parts form-encoded before they are joined.
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
                $"{Uri.EscapeDataString(request.ClientId)}:{Uri.EscapeDataString(request.ClientSecret)}")));
        }

        message.Content = new FormUrlEncodedContent(parameters);
        try
        {
            using var response = await http.SendAsync(message, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            string? error = null, description = null;
            try
            {
                var json = JsonSerializer.Deserialize<JsonElement>(body);
                error = json.ValueKind == JsonValueKind.Object ? Text(json, "error") : null;
                description = json.ValueKind == JsonValueKind.Object ? Text(json, "error_description") : null;
            }
            catch (JsonException)
            {
                // Not JSON: the status code is all there is to go on.
            }

            return new ProviderAnswer(response.StatusCode, error ?? (response.StatusCode == HttpStatusCode.Unauthorized ? "invalid_client" : null), description, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, endpoint, e.Message);
            return new ProviderAnswer(null, null, null, Reason(e));
        }
    }

    private static IdentityProviderProbeResult Refuse(string field, string message) =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] }, IdentityProviderStatus.Error, null);

    private static readonly IReadOnlyDictionary<string, string[]> NoRefusals = new Dictionary<string, string[]>();

    private static string Reason(Exception e) => e is TaskCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : e.Message;

    private static string? Text(JsonElement json, string property) =>
        json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string>? Strings(JsonElement json, string property) =>
        json.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : null;

    private static string Random() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking an identity provider: {Endpoint} did not answer ({Reason})")]
    private static partial void LogUnreachable(ILogger logger, Uri endpoint, string reason);

    private sealed record ProviderAnswer(HttpStatusCode? Status, string? Error, string? Description, string? Unreachable)
    {
        public string Describe() => Error is null ? $"HTTP {(int?)Status}" : Description is null ? Error : $"{Error}: {Description}";
    }
}
