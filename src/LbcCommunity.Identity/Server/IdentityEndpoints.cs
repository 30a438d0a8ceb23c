using System.Security.Claims;
using LbcCommunity.Access;
using LbcCommunity.Grains;
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
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Client.AspNetCore;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using OidcErrors = OpenIddict.Abstractions.OpenIddictConstants.Errors;

namespace LbcCommunity.Identity.Server;

/// <summary>
/// The authorization server's endpoints (<c>/connect/…</c>) and the sign-in pages (<c>/signin/…</c>): sign in through
/// the tenant's identity provider (found by e-mail domain or tenant), or through the development sign-in when it is on.
/// </summary>
public static class IdentityEndpoints
{
    /// <summary>The cookie scheme of the sign-in session that the authorization endpoint reads.</summary>
    public const string SessionScheme = "lbc.session";

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
        app.MapGet("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(SessionScheme);
            return Results.Redirect("/");
        }).ExcludeFromDescription().AllowAnonymous();
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

    private static async Task<IResult> EndSession(HttpContext http)
    {
        await http.SignOutAsync(SessionScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

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

    private static async Task<IResult> DevelopmentSignIn(HttpContext http, IAntiforgery antiforgery, IGrainFactory grains, IdentityRuntime runtime)
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
        }, returnUrl);
    }

    private static IResult ChallengeOperators(string? returnUrl, IOptions<LbcIdentityOptions> options)
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

        await http.SignInAsync(SessionScheme, PrincipalFactory.Session("operator:" + AccessRules.NormalizeEmail(email), null, email, isOperator: true));
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

    private static async Task<IResult> ChallengeProvider(string tenantId, string providerId, string? returnUrl, string? loginHint, FederationRegistrations registrations)
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
        }

        return Results.Challenge(properties, [OpenIddictClientAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> ProviderCallback(HttpContext http, string tenantId, string providerId, IGrainFactory grains, FederationRegistrations registrations)
    {
        var result = await http.AuthenticateAsync(OpenIddictClientAspNetCoreDefaults.AuthenticationScheme);
        var principal = result.Principal;
        var provider = await registrations.EnsureCurrent(tenantId, providerId);
        if (!result.Succeeded || principal is null || provider is null
            || First(principal, Claims.Private.RegistrationId) != FederationRegistrations.RegistrationId(tenantId, providerId))
        {
            return Failed("The sign-in at your identity provider did not complete. Try again.");
        }

        var email = First(principal, Claims.Email);
        if (string.IsNullOrWhiteSpace(email) || First(principal, Claims.EmailVerified) is "false" or "False")
        {
            return Failed("Your identity provider did not share a verified e-mail address, which LbcCommunity needs to know who you are.");
        }

        var returnUrl = LocalOrRoot(result.Properties?.RedirectUri);
        return await CompleteSignIn(http, grains, tenantId, new SignInAssertion
        {
            ProviderId = providerId,
            ExternalSubject = First(principal, Claims.Subject) ?? email,
            Email = email,
            DisplayName = First(principal, Claims.Name),
            ProviderGrants = AccessRules.MapRoles(provider.Provider.RoleMappings, claim => principal.FindAll(claim).Select(c => c.Value).Distinct(StringComparer.Ordinal)),
        }, returnUrl);
    }

    private static async Task<IResult> CompleteSignIn(HttpContext http, IGrainFactory grains, string tenantId, SignInAssertion assertion, string returnUrl)
    {
        Person person;
        try
        {
            person = await TenantScope.For(tenantId, () => grains.GetGrain<ITenantAccessGrain>(tenantId).SignIn(assertion));
        }
        catch (SignInRefusedException refused)
        {
            return Failed(refused.Message);
        }

        await http.SignInAsync(SessionScheme, PrincipalFactory.Session(person.Id, tenantId, person.Email, isOperator: false));
        return Results.Redirect(returnUrl);
    }

    /// <summary>
    /// A claim of the provider's principal. The identity token's and the userinfo endpoint's claims are merged, so the
    /// same claim can appear twice with one value.
    /// </summary>
    private static string? First(ClaimsPrincipal principal, string type) => principal.FindFirst(type)?.Value;

    private static IResult Failed(string message) => Results.Content(
        SignInPage.Render("Sign-in refused", $"""<h1>Sign-in refused</h1>{SignInPage.Error(message)}<p><a href="/signin">Back to sign-in</a></p>"""),
        "text/html; charset=utf-8",
        statusCode: StatusCodes.Status403Forbidden);

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
