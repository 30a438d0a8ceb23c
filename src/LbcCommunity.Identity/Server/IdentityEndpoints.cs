using System.Security.Claims;
using LbcCommunity.Access;
using LbcCommunity.Contracts;
using LbcCommunity.Identity.Federation;
using LbcCommunity.Identity.SignIn;
using LbcCommunity.Tenancy;
using LbcCommunity.Validation;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
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

    /// <summary>The challenge property that carries the e-mail the person typed on our sign-in page to the callback.</summary>
    private const string TypedEmailProperty = "lbc_typed_email";

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

    private static async Task<IResult> SignInPageFor(HttpContext http, IAntiforgery antiforgery, IGrainFactory grains, IdentityRuntime runtime, IOptions<LbcIdentityOptions> options, string? returnUrl, string? error)
    {
        returnUrl = LocalOrRoot(returnUrl);
        var operatorsProvider = options.Value.OperatorProvider is { Issuer.Length: > 0 };
        var tokens = antiforgery.GetAndStoreTokens(http);
        var body = $"""
            <h1>Sign in to LbcCommunity</h1>
            {SignInPage.Error(error)}
            <form method="post" action="/signin/email">
              {SignInPage.Hidden(tokens.FormFieldName, tokens.RequestToken)}
              {SignInPage.Hidden("returnUrl", returnUrl)}
              <label for="email">Your work e-mail</label>
              <input id="email" name="email" type="email" autocomplete="email" required>
              <button type="submit">Continue to your state's sign-in</button>
            </form>
            {(operatorsProvider ? $"""<p>Platform operator? <a href="/signin/operators?returnUrl={Uri.EscapeDataString(returnUrl)}">Sign in as an operator</a>.</p>""" : string.Empty)}
            <p>Invited to a convening with a join code? Open the link you were given, or enter the code on the <a href="/join">join page</a>.</p>
            """;
        if (runtime.DevelopmentSignIn)
        {
            body += await DevelopmentSection(grains, runtime, tokens, returnUrl);
        }

        return Results.Content(SignInPage.Render("Sign in", body), "text/html; charset=utf-8");
    }

    private static async Task<string> DevelopmentSection(IGrainFactory grains, IdentityRuntime runtime, AntiforgeryTokenSet tokens, string returnUrl)
    {
        string Button(string? tenantId, string email, string label) => $"""
            <form method="post" action="/signin/development">
              {SignInPage.Hidden(tokens.FormFieldName, tokens.RequestToken)}
              {SignInPage.Hidden("returnUrl", returnUrl)}
              {SignInPage.Hidden("tenantId", tenantId)}
              {SignInPage.Hidden("email", email)}
              <button type="submit">{SignInPage.Encode(label)}</button>
            </form>
            """;

        var items = runtime.Operators.Select(o => Button(null, o, $"{o} — platform operator")).ToList();
        var tenantIds = await TenantScope.AsPlatform(() => grains.GetGrain<IPlatformDirectoryGrain>(IPlatformDirectoryGrain.Key).List());
        foreach (var tenantId in tenantIds)
        {
            var people = await TenantScope.For(tenantId, () => grains.GetGrain<ITenantAccessGrain>(tenantId).ListPeople());
            items.AddRange(people.Where(p => p.Enabled && p.Grants.Count > 0).Take(40).Select(p =>
                Button(tenantId, p.Email, $"{p.DisplayName} — {p.Email} ({tenantId}: {string.Join(", ", p.Grants.Select(g => Grant.NameOf(g.Role)).Distinct())})")));
        }

        return $"""
            <section class="development" aria-labelledby="dev">
              <h2 id="dev"><strong>Development sign-in</strong> — not for real use</h2>
              <p>This server lets anyone sign in as a known person without a password. It is on because this is a
              development or demo installation; a cluster runs with it off.</p>
              {SignInPage.List(items)}
            </section>
            """;
    }

    private static async Task<IResult> SignInByEmail(HttpContext http, IAntiforgery antiforgery, IGrainFactory grains)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        var form = await http.Request.ReadFormAsync();
        var returnUrl = LocalOrRoot(form["returnUrl"]);
        var email = form["email"].ToString().Trim();
        if (new Validator().Email("email", email).IsValid is false || !email.Contains('@', StringComparison.Ordinal))
        {
            return Results.Redirect($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}&error={Uri.EscapeDataString("Enter an e-mail address.")}");
        }

        var route = await TenantScope.AsPlatform(() => grains.GetGrain<IPlatformDirectoryGrain>(IPlatformDirectoryGrain.Key).FindEmailDomain(AccessRules.DomainOf(email)));
        if (route is null)
        {
            return Results.Redirect($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}&error={Uri.EscapeDataString("No state signs in with that e-mail domain here. Ask your state administrator for your sign-in link.")}");
        }

        return Results.Redirect($"/signin/{route.TenantId}/{route.ProviderId}?returnUrl={Uri.EscapeDataString(returnUrl)}&loginHint={Uri.EscapeDataString(email)}");
    }

    private static async Task<IResult> DevelopmentSignIn(HttpContext http, IAntiforgery antiforgery, IGrainFactory grains, IdentityRuntime runtime, ILoggerFactory loggers)
    {
        if (!runtime.DevelopmentSignIn)
        {
            return Results.NotFound();
        }

        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest();
        }

        var form = await http.Request.ReadFormAsync();
        var returnUrl = LocalOrRoot(form["returnUrl"]);
        var email = form["email"].ToString();
        var tenantId = form["tenantId"].ToString();
        if (string.IsNullOrEmpty(tenantId) && runtime.IsOperator(email))
        {
            await http.SignInAsync(SessionScheme, PrincipalFactory.Session("operator:" + AccessRules.NormalizeEmail(email), null, email, isOperator: true));
            return Results.Redirect(returnUrl);
        }

        if (!Validator.IsSlug(tenantId))
        {
            return Results.Redirect($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}&error={Uri.EscapeDataString("Choose a person to sign in as.")}");
        }

        return await CompleteSignIn(http, grains, tenantId, new SignInAssertion
        {
            ProviderId = AccessRules.DevelopmentProviderId,
            ExternalSubject = AccessRules.NormalizeEmail(email),
            Email = email,
            MayProvision = false,
        }, returnUrl, loggers.CreateLogger(LogCategory));
    }

    private static IResult ChallengeOperators(HttpContext http, string? returnUrl, IOptions<LbcIdentityOptions> options)
    {
        if (options.Value.OperatorProvider is not { Issuer.Length: > 0 })
        {
            return Results.NotFound();
        }

        var properties = new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictClientAspNetCoreConstants.Properties.RegistrationId] = FederationRegistrations.OperatorsRegistrationId,
        })
        {
            RedirectUri = LocalOrRoot(returnUrl),
        };
        if (http.Request.Cookies.ContainsKey(RepromptCookie))
        {
            properties.Parameters[Parameters.Prompt] = PromptValues.Login;
        }

        return Results.Challenge(properties, [OpenIddictClientAspNetCoreDefaults.AuthenticationScheme]);
    }

    /// <summary>An operator back from the platform's provider: let in only when their e-mail is on the operators' list.</summary>
    private static async Task<IResult> OperatorsCallback(HttpContext http, IdentityRuntime runtime)
    {
        var result = await http.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        var principal = result.Principal;
        if (!result.Succeeded || principal is null || First(principal, Claims.Private.RegistrationId) != FederationRegistrations.OperatorsRegistrationId)
        {
            return Failed("The sign-in at the operators' identity provider did not complete. Try again.");
        }

        var email = First(principal, Claims.Email);
        if (email is null || First(principal, Claims.EmailVerified) is "false" or "False" || !runtime.IsOperator(email))
        {
            return Failed("This account is not a platform operator.");
        }

        await http.SignInAsync(SessionScheme, PrincipalFactory.Session("operator:" + AccessRules.NormalizeEmail(email), null, email, isOperator: true,
            FederationRegistrations.OperatorsRegistrationId, ProviderIdentityToken(result.Properties)));
        http.Response.Cookies.Delete(RepromptCookie);
        return Results.Redirect(LocalOrRoot(result.Properties?.RedirectUri));
    }

    private static async Task<IResult> ChooseProvider(string tenantId, string? returnUrl, IGrainFactory grains)
    {
        returnUrl = LocalOrRoot(returnUrl);
        if (!Validator.IsSlug(tenantId))
        {
            return Results.NotFound();
        }

        var providers = await TenantScope.For(tenantId, () => grains.GetGrain<ITenantAccessGrain>(tenantId).ListIdentityProviders());
        if (providers.Count == 1)
        {
            return Results.Redirect($"/signin/{tenantId}/{providers[0].Id}?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }

        // The same answer for a tenant with no provider and a tenant that does not exist.
        var links = providers.Select(p => $"""<a href="/signin/{tenantId}/{p.Id}?returnUrl={Uri.EscapeDataString(returnUrl)}">{SignInPage.Encode(p.DisplayName)}</a>""");
        var body = providers.Count == 0
            ? $"""<h1>Sign in</h1>{SignInPage.Error("No sign-in is set up here. Ask your state administrator.")}<p><a href="/signin?returnUrl={Uri.EscapeDataString(returnUrl)}">Back</a></p>"""
            : $"<h1>Choose how to sign in</h1>{SignInPage.List(links)}";
        return Results.Content(SignInPage.Render("Sign in", body), "text/html; charset=utf-8");
    }

    private static async Task<IResult> ChallengeProvider(HttpContext http, string tenantId, string providerId, string? returnUrl, string? loginHint, string? prompt, FederationRegistrations registrations)
    {
        if (!Validator.IsSlug(tenantId) || !Validator.IsSlug(providerId) || await registrations.EnsureCurrent(tenantId, providerId) is null)
        {
            return Results.NotFound();
        }

        var properties = new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictClientAspNetCoreConstants.Properties.RegistrationId] = FederationRegistrations.RegistrationId(tenantId, providerId),
        })
        {
            RedirectUri = LocalOrRoot(returnUrl),
        };
        if (!string.IsNullOrWhiteSpace(loginHint))
        {
            properties.Items[OpenIddictClientAspNetCoreConstants.Properties.LoginHint] = loginHint;
            // Travels in the state token: the callback compares it with the e-mail the provider answers with.
            properties.Items[TypedEmailProperty] = AccessRules.NormalizeEmail(loginHint);
        }

        // After a sign-out here (or when the person asks to sign in as someone else), the provider must ask who signs in.
        if (prompt == PromptValues.Login || http.Request.Cookies.ContainsKey(RepromptCookie))
        {
            properties.Parameters[Parameters.Prompt] = PromptValues.Login;
        }

        return Results.Challenge(properties, [OpenIddictClientAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> ProviderCallback(HttpContext http, string tenantId, string providerId, IGrainFactory grains, FederationRegistrations registrations, ILoggerFactory loggers)
    {
        // A provider that is not (or no longer) set up has no redirection endpoint for OpenIddict to read: say so first.
        var provider = await registrations.EnsureCurrent(tenantId, providerId);
        if (provider is null)
        {
            return Results.Content(
                SignInPage.Failure("Sign-in not set up", "This sign-in is not set up here (any more), so LbcCommunity could not finish it.",
                    "Start again from the sign-in page with your work e-mail, or ask your state administrator for your sign-in link."),
                "text/html; charset=utf-8",
                statusCode: StatusCodes.Status404NotFound);
        }

        var result = await http.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        var principal = result.Principal;
        var registrationId = FederationRegistrations.RegistrationId(tenantId, providerId);
        if (!result.Succeeded || principal is null || First(principal, Claims.Private.RegistrationId) != registrationId)
        {
            return Failed("The sign-in at your identity provider did not complete. Try again.");
        }

        var logger = loggers.CreateLogger(LogCategory);
        var email = First(principal, Claims.Email);
        var subject = First(principal, Claims.Subject);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(subject) || First(principal, Claims.EmailVerified) is "false" or "False")
        {
            LogRefused(logger, tenantId, providerId, "email_verified", email ?? "(none)", subject ?? "(none)", "no verified e-mail");
            return Failed("Your identity provider did not share a verified e-mail address, which LbcCommunity needs to know who you are.");
        }

        var returnUrl = LocalOrRoot(result.Properties?.RedirectUri);
        // The person typed one e-mail on our page, and the provider signed in another: a provider session left by the
        // previous person on this browser. Never carry on as someone the person did not say they are.
        if (result.Properties?.Items.TryGetValue(TypedEmailProperty, out var typed) is true && typed is { Length: > 0 }
            && !string.Equals(typed, AccessRules.NormalizeEmail(email), StringComparison.Ordinal))
        {
            LogRefused(logger, tenantId, providerId, "email", email, subject, $"the person typed '{typed}'");
            var again = $"/signin/{tenantId}/{providerId}?returnUrl={Uri.EscapeDataString(returnUrl)}&loginHint={Uri.EscapeDataString(typed)}&prompt=login";
            return Failed(
                $"You entered '{typed}', but {provider.Provider.DisplayName} signed you in as '{AccessRules.NormalizeEmail(email)}' — "
                + "probably someone who used this browser before you. Nobody has been signed in here.",
                ("Sign in as " + typed, again));
        }

        return await CompleteSignIn(http, grains, tenantId, new SignInAssertion
        {
            ProviderId = providerId,
            ExternalSubject = subject,
            Email = email,
            DisplayName = First(principal, Claims.Name),
            ProviderGrants = AccessRules.MapRoles(provider.Provider.RoleMappings, claim => principal.FindAll(claim).Select(c => c.Value).Distinct(StringComparer.Ordinal)),
        }, returnUrl, logger, registrationId, ProviderIdentityToken(result.Properties));
    }

    /// <summary>The provider's identity token of a completed sign-in there: the hint of a later sign-out at that provider.</summary>
    private static string? ProviderIdentityToken(AuthenticationProperties? properties) =>
        properties?.GetTokenValue(OpenIddictClientAspNetCoreConstants.Tokens.BackchannelIdentityToken)
        ?? properties?.GetTokenValue(OpenIddictClientAspNetCoreConstants.Tokens.FrontchannelIdentityToken);

    private static async Task<IResult> CompleteSignIn(
        HttpContext http, IGrainFactory grains, string tenantId, SignInAssertion assertion, string returnUrl, ILogger logger,
        string? providerRegistrationId = null, string? providerIdentityToken = null)
    {
        Person person;
        try
        {
            person = await TenantScope.For(tenantId, () => grains.GetGrain<ITenantAccessGrain>(tenantId).SignIn(assertion));
        }
        catch (SignInRefusedException refused)
        {
            LogRefused(logger, tenantId, assertion.ProviderId, "email", assertion.Email, assertion.ExternalSubject, refused.Refusal.ToString());
            return Failed(refused.Message);
        }

        await http.SignInAsync(SessionScheme, PrincipalFactory.Session(person.Id, tenantId, person.Email, isOperator: false, providerRegistrationId, providerIdentityToken));
        http.Response.Cookies.Delete(RepromptCookie);
        return Results.Redirect(returnUrl);
    }

    /// <summary>
    /// A claim of the provider's principal. The identity token's and the userinfo endpoint's claims are merged, so the
    /// same claim can appear twice with one value.
    /// </summary>
    private static string? First(ClaimsPrincipal principal, string type) => principal.FindFirst(type)?.Value;

    private static IResult Failed(string message, params (string Label, string Href)[] links) => Results.Content(
        SignInPage.Failure("Sign-in refused", message, whatToDo: null, links),
        "text/html; charset=utf-8",
        statusCode: StatusCodes.Status403Forbidden);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in through provider {TenantId}/{ProviderId} refused on claim '{Claim}': e-mail '{Email}', subject '{Subject}' ({Reason}).")]
    private static partial void LogRefused(ILogger logger, string tenantId, string providerId, string claim, string email, string subject, string reason);

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
