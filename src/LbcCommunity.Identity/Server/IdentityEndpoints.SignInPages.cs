using System.Security.Claims;
using LbcCommunity.Access;
using LbcCommunity.Contracts;
using LbcCommunity.Identity.Federation;
using LbcCommunity.Identity.SignIn;
using LbcCommunity.Tenancy;
using LbcCommunity.Validation;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Client.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LbcCommunity.Identity.Server;

// The sign-in pages (/signin/…): the person says who they are (an e-mail, an operator, a provider, or the development
// sign-in), is sent to their identity provider and back, and leaves with our sign-in session. The protocol endpoints
// that read that session are in IdentityEndpoints.cs.
public static partial class IdentityEndpoints
{
    /// <summary>The challenge property that carries the e-mail the person typed on our sign-in page to the callback.</summary>
    private const string TypedEmailProperty = "lbc_typed_email";

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
}
