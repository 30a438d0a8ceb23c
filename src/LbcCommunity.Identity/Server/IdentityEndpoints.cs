using System.Security.Claims;
using LbcCommunity.Access;
using LbcCommunity.Contracts;
using LbcCommunity.Identity.Federation;
using LbcCommunity.Tenancy;
using LbcCommunity.Validation;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Client;
using OpenIddict.Client.AspNetCore;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace LbcCommunity.Identity.Server;

/// <summary>
/// The authorization server's endpoints (<c>/connect/…</c>) and the sign-in pages (<c>/signin/…</c>): sign in through
/// the tenant's identity provider (found by e-mail domain or tenant), or through the development sign-in when it is on.
/// The protocol endpoints and sign-out are here; the sign-in pages, which end in the sign-in session these endpoints
/// read, are in <c>IdentityEndpoints.SignInPages.cs</c>.
/// </summary>
public static partial class IdentityEndpoints
{
    /// <summary>The cookie scheme of the sign-in session that the authorization endpoint reads.</summary>
    public const string SessionScheme = "lbc.session";

    /// <summary>
    /// Set when someone signs out, cleared by their next sign-in: the next sign-in at an identity provider asks the
    /// provider to prompt for the login again (<c>prompt=login</c>), so a provider session that outlived ours does not
    /// sign the next person in as the previous one.
    /// </summary>
    public const string RepromptCookie = "lbc.reprompt";

    /// <summary>Where an identity provider sends the browser back after signing the person out there (RP-initiated logout).</summary>
    public const string PostLogoutPath = "signin/signedout";

    /// <summary>The log category of sign-in refusals and sign-outs.</summary>
    public const string LogCategory = "LbcCommunity.Identity.SignIn";

    public static IEndpointRouteBuilder MapLbcIdentity(this IEndpointRouteBuilder app)
    {
        var connect = app.MapGroup("/connect").ExcludeFromDescription().AllowAnonymous();
        connect.MapMethods("/authorize", [HttpMethods.Get, HttpMethods.Post], (Delegate)Authorize);
        connect.MapPost("/token", (Delegate)Token);
        connect.MapMethods("/endsession", [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSession);

        var signin = app.MapGroup("/signin").ExcludeFromDescription().AllowAnonymous();
        signin.MapGet("/", (Delegate)SignInPageFor);
        signin.MapPost("/email", (Delegate)SignInByEmail);
        signin.MapPost("/development", (Delegate)DevelopmentSignIn);
        signin.MapGet("/operators", (Delegate)ChallengeOperators);
        signin.MapMethods("/operators/callback", [HttpMethods.Get, HttpMethods.Post], (Delegate)OperatorsCallback);
        signin.MapGet("/{tenantId}", (Delegate)ChooseProvider);
        signin.MapGet("/{tenantId}/{providerId}", (Delegate)ChallengeProvider);
        signin.MapMethods("/callback/{tenantId}/{providerId}", [HttpMethods.Get, HttpMethods.Post], (Delegate)ProviderCallback);
        signin.MapMethods("/signedout", [HttpMethods.Get, HttpMethods.Post], (Delegate)SignedOutAtProvider);
        app.MapGet("/signout", async (HttpContext http, OpenIddictClientService client, ILoggerFactory loggers) => await SignOut(http, client, loggers, "/") ?? Results.Redirect("/"))
            .ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Loads the tenant's identity providers before OpenIddict's client reads a callback, so a provider added on
    /// another silo (or before a restart) is known here too. Runs before authentication.
    /// </summary>
    public static IApplicationBuilder UseFederationCallbacks(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var segments = http.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        if (segments is ["signin", "callback", var tenantId, var providerId] && Validator.IsSlug(tenantId) && Validator.IsSlug(providerId))
        {
            await http.RequestServices.GetRequiredService<FederationRegistrations>().EnsureCurrent(tenantId, providerId);
        }

        await next(http);
    });

    private static async Task<IResult> Authorize(HttpContext http, PrincipalFactory principals)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await http.AuthenticateAsync(SessionScheme);
        if (!session.Succeeded || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(OidcErrors.LoginRequired, "Sign-in is required.");
            }

            // Back here once signed in; the same request, so PKCE and state carry through.
            var parameters = http.Request.HasFormContentType ? [.. http.Request.Form] : http.Request.Query.ToList();
            var returnUrl = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters.Where(p => p.Key != Parameters.Prompt));
            return Results.Redirect($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        var (subject, tenantId, email, isOperator) = PrincipalFactory.Describe(session.Principal);
        var identity = subject is null ? null : await principals.ForSubject(subject, tenantId, email, isOperator);
        if (identity is null)
        {
            await http.SignOutAsync(SessionScheme);
            return Forbid(OidcErrors.AccessDenied, "This account may not sign in.");
        }

        identity.SetScopes(request.GetScopes().Intersect([Scopes.OpenId, Scopes.Email, Scopes.Profile, Scopes.OfflineAccess, LbcClaims.ApiScope]));
        identity.SetResources(LbcClaims.ApiAudience);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> Token(
        HttpContext http,
        PrincipalFactory principals,
        ClientRegistrar clients,
        IOpenIddictApplicationManager applications,
        IGrainFactory grains,
        IOptions<LbcIdentityOptions> options,
        TimeProvider time,
        JoinCodeAttempts attempts)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var granted = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var (subject, tenantId, email, isOperator) = PrincipalFactory.Describe(granted.Principal!);
            // Roles are read again: a refresh after a person was disabled, or lost a role, does not carry the old rights.
            var identity = subject is null ? null : await principals.ForSubject(subject, tenantId, email, isOperator);
            if (identity is null)
            {
                return Forbid(OidcErrors.InvalidGrant, "This account may no longer sign in.");
            }

            identity.SetScopes(granted.Principal!.GetScopes());
            identity.SetResources(LbcClaims.ApiAudience);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!, http.RequestAborted);
            var tenantId = application is null ? null : await clients.TenantOf(application, http.RequestAborted);
            if (application is null || tenantId is null)
            {
                return Forbid(OidcErrors.UnauthorizedClient, "This client may not use client credentials.");
            }

            var identity = LbcClaims.Identity(request.ClientId!, tenantId, await applications.GetDisplayNameAsync(application, http.RequestAborted), null, [new Grant { Role = AccessRole.Integration }]);
            identity.SetScopes(request.GetScopes().Intersect([LbcClaims.ApiScope]));
            identity.SetResources(LbcClaims.ApiAudience);
            return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.GrantType == LbcClaims.JoinCodeGrantType)
        {
            return await ExchangeJoinCode(request, grains, options.Value, time, attempts, http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        }

        return Forbid(OidcErrors.UnsupportedGrantType, "This grant type is not supported.");
    }

    /// <summary>A guest enters a join code and a display name, and gets a short-lived token for that one convening.</summary>
    private static async Task<IResult> ExchangeJoinCode(OpenIddictRequest request, IGrainFactory grains, LbcIdentityOptions options, TimeProvider time, JoinCodeAttempts attempts, string address)
    {
        if (attempts.IsBlocked(address))
        {
            return Forbid(OidcErrors.InvalidRequest, "Too many wrong join codes from here: wait a minute, then try again.");
        }

        var displayName = ((string?)request["display_name"])?.Trim();
        if (string.IsNullOrEmpty(displayName) || displayName.Length > 80)
        {
            return Forbid(OidcErrors.InvalidRequest, "'display_name' is required: 1–80 characters.");
        }

        var hash = JoinCodes.Hash((string?)request["join_code"]);
        var target = hash is null ? null : await TenantScope.AsPlatform(() => grains.GetGrain<IJoinCodeGrain>(hash).Resolve());
        if (target is null || !await TenantScope.For(target.TenantId, () =>
                grains.GetGrain<IConveningGrain>(GrainKeys.Of(target.TenantId, target.ConveningId)).IsJoinCodeActive(target.JoinCodeId)))
        {
            attempts.RecordFailure(address);
            return Forbid(OidcErrors.InvalidGrant, "The join code is not valid (any more). Ask the facilitator for a new one.");
        }

        var guestId = "guest-" + Guid.NewGuid().ToString("N")[..12];
        var identity = LbcClaims.Identity(guestId, target.TenantId, displayName, null, [new Grant { Role = AccessRole.Guest, ScopeId = target.ConveningId }], target.JoinCodeId);
        identity.SetScopes(LbcClaims.ApiScope);
        identity.SetResources(LbcClaims.ApiAudience);
        var untilCodeExpires = target.ExpiresAt - time.GetUtcNow();
        identity.SetAccessTokenLifetime(untilCodeExpires < options.GuestTokenLifetime ? untilCodeExpires : options.GuestTokenLifetime);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// The web app's sign-out (OpenID Connect RP-initiated logout, after it revoked its refresh token): ends our sign-in
    /// session and, when the person signed in at an identity provider that offers it, their session there too.
    /// </summary>
    private static async Task<IResult> EndSession(HttpContext http, OpenIddictClientService client, ILoggerFactory loggers)
    {
        var request = http.GetOpenIddictServerRequest();
        // OpenIddict has checked the post_logout_redirect_uri against the client's registration; ours are this site's root.
        var back = Uri.TryCreate(request?.PostLogoutRedirectUri, UriKind.Absolute, out var uri) && SameOrigin(http, uri) ? LocalOrRoot(uri.PathAndQuery) : "/";
        var atProvider = await SignOut(http, client, loggers, back);
        return atProvider ?? Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>
    /// Ends the sign-in session and marks the browser so that its next sign-in at a provider prompts for the login. Answers
    /// the redirect to the provider's end-session endpoint when the session came from a provider that has one (it sends
    /// the browser back to <see cref="PostLogoutPath"/>, then to <paramref name="back"/>); else <c>null</c>.
    /// </summary>
    private static async Task<IResult?> SignOut(HttpContext http, OpenIddictClientService client, ILoggerFactory loggers, string back)
    {
        var session = await http.AuthenticateAsync(SessionScheme);
        await http.SignOutAsync(SessionScheme);
        http.Response.Cookies.Append(RepromptCookie, "1", new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(30),
        });
        var registrationId = session.Principal?.GetClaim(PrincipalFactory.ProviderRegistrationClaim);
        if (registrationId is null)
        {
            return null;
        }

        try
        {
            var configuration = await client.GetServerConfigurationByRegistrationIdAsync(registrationId, http.RequestAborted);
            if (configuration.EndSessionEndpoint is null)
            {
                return null;
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or OperationCanceledException)
        {
            // The provider was removed, or does not answer: our session has ended, and the next sign-in prompts again.
            LogProviderSignOutSkipped(loggers.CreateLogger(LogCategory), exception, registrationId);
            return null;
        }

        var properties = new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictClientAspNetCoreConstants.Properties.RegistrationId] = registrationId,
            [OpenIddictClientAspNetCoreConstants.Properties.IdentityTokenHint] = session.Principal!.GetClaim(PrincipalFactory.ProviderIdentityTokenClaim),
        })
        {
            RedirectUri = back,
        };
        return Results.SignOut(properties, [OpenIddictClientAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>Back from the provider's end-session endpoint: on to where the sign-out began.</summary>
    private static async Task<IResult> SignedOutAtProvider(HttpContext http)
    {
        var result = await http.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        return Results.Redirect(LocalOrRoot(result.Properties?.RedirectUri));
    }

    private static bool SameOrigin(HttpContext http, Uri uri) =>
        string.Equals(uri.Scheme, http.Request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing out at provider {RegistrationId} was skipped: its configuration could not be read. The next sign-in there prompts for the login.")]
    private static partial void LogProviderSignOutSkipped(ILogger logger, Exception exception, string registrationId);

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    /// <summary>Only paths of this site: a sign-in never sends anyone elsewhere (no open redirect).</summary>
    private static string LocalOrRoot(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
