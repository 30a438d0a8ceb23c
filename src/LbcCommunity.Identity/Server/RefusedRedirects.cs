using LbcCommunity.Identity.SignIn;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace LbcCommunity.Identity.Server;

/// <summary>
/// A redirect the web app's registration does not hold, explained: OpenIddict alone answers a bare 400, which leaves an
/// operator who started the host on another address nothing to go on. These handlers run just before OpenIddict's own
/// check of the web app's redirect URIs (which still refuses the request), log a warning and answer a page (browsers) or
/// a problem (anything else) naming <c>Identity:WebOrigins</c> and the origin to add.
/// </summary>
internal static partial class RefusedRedirects
{
    private const string TransactionProperty = ".lbc_refused_redirect";

    public static OpenIddictServerBuilder AddRefusedRedirectPages(this OpenIddictServerBuilder server) => server
        .AddEventHandler(ExplainRefusedRedirectUri.Descriptor)
        .AddEventHandler(ExplainRefusedPostLogoutRedirectUri.Descriptor)
        .AddEventHandler(AnswerRefusedRedirect<ApplyAuthorizationResponseContext>.Descriptor(
            OpenIddictServerAspNetCoreHandlers.ProcessPassthroughErrorResponse<ApplyAuthorizationResponseContext,
                OpenIddictServerAspNetCoreHandlerFilters.RequireAuthorizationEndpointPassthroughEnabled>.Descriptor.Order - 1))
        .AddEventHandler(AnswerRefusedRedirect<ApplyEndSessionResponseContext>.Descriptor(
            OpenIddictServerAspNetCoreHandlers.ProcessPassthroughErrorResponse<ApplyEndSessionResponseContext,
                OpenIddictServerAspNetCoreHandlerFilters.RequireEndSessionEndpointPassthroughEnabled>.Descriptor.Order - 1));

    internal static void Refuse(BaseValidatingContext context, RefusedRedirect refused, ILogger logger)
    {
        LogRefused(logger, refused.Parameter, refused.Uri, refused.OriginToAdd ?? "(none: not the web app's shape)", WebOrigins.Setting);
        context.Transaction.Properties[TransactionProperty] = refused;
        context.Reject(error: OpenIddictConstants.Errors.InvalidRequest, description: refused.Message);
    }

    internal static RefusedRedirect? Refused(OpenIddictServerTransaction transaction) =>
        transaction.Properties.TryGetValue(TransactionProperty, out var refused) ? refused as RefusedRedirect : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused a {Parameter} the web app's registration does not hold: {Uri}. To serve the web app there, add {Origin} to {Setting} (on every host of a cluster) and restart.")]
    private static partial void LogRefused(ILogger logger, string parameter, string uri, string origin, string setting);
}

/// <summary>What was refused and what to add.</summary>
internal sealed record RefusedRedirect(string Parameter, string Uri, string? OriginToAdd)
{
    public string Message => OriginToAdd is { } origin
        ? $"The {Parameter} {Uri} is not registered for the web app. The host registers the addresses it listens on and the origins in {WebOrigins.Setting}; to sign in from {origin}, add {origin} to {WebOrigins.Setting} (on every host of a cluster) and restart."
        : $"The {Parameter} {Uri} is not one of the web app's: they are {{origin}}{(Parameter == OpenIddictConstants.Parameters.RedirectUri ? WebOrigins.CallbackPath : "/")} for each address the host listens on and each origin in {WebOrigins.Setting}.";
}

/// <summary>Before OpenIddict refuses an unregistered <c>redirect_uri</c> of the web app: says which setting to change.</summary>
internal sealed class ExplainRefusedRedirectUri(IOpenIddictApplicationManager applications, ILogger<ExplainRefusedRedirectUri> logger)
    : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
        .UseScopedHandler<ExplainRefusedRedirectUri>()
        .SetOrder(OpenIddictServerHandlers.Authentication.ValidateClientRedirectUri.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
    {
        if (context.ClientId != LbcClaims.WebClientId || string.IsNullOrEmpty(context.RedirectUri)
            || await applications.FindByClientIdAsync(context.ClientId) is not { } application
            || await applications.ValidateRedirectUriAsync(application, context.RedirectUri))
        {
            return;
        }

        RefusedRedirects.Refuse(context, new RefusedRedirect(OpenIddictConstants.Parameters.RedirectUri, context.RedirectUri, WebOrigins.OfCallback(context.RedirectUri)), logger);
    }
}

/// <summary>Before OpenIddict refuses an unregistered <c>post_logout_redirect_uri</c> of the web app: the same.</summary>
internal sealed class ExplainRefusedPostLogoutRedirectUri(IOpenIddictApplicationManager applications, ILogger<ExplainRefusedPostLogoutRedirectUri> logger)
    : IOpenIddictServerHandler<ValidateEndSessionRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateEndSessionRequestContext>()
        .UseScopedHandler<ExplainRefusedPostLogoutRedirectUri>()
        .SetOrder(OpenIddictServerHandlers.Session.ValidateClientPostLogoutRedirectUri.Descriptor.Order - 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ValidateEndSessionRequestContext context)
    {
        if (string.IsNullOrEmpty(context.PostLogoutRedirectUri) || context.ClientId is { Length: > 0 } clientId && clientId != LbcClaims.WebClientId
            || await applications.FindByClientIdAsync(LbcClaims.WebClientId) is not { } application
            || await applications.ValidatePostLogoutRedirectUriAsync(application, context.PostLogoutRedirectUri))
        {
            return;
        }

        // Without a client_id, OpenIddict accepts the URI of any client: only the web app has post-logout URIs today,
        // but say nothing when another one holds it.
        if (context.ClientId is null or "")
        {
            await foreach (var _ in applications.FindByPostLogoutRedirectUriAsync(context.PostLogoutRedirectUri))
            {
                return;
            }
        }

        RefusedRedirects.Refuse(context, new RefusedRedirect(OpenIddictConstants.Parameters.PostLogoutRedirectUri, context.PostLogoutRedirectUri, WebOrigins.OfRoot(context.PostLogoutRedirectUri)), logger);
    }
}

/// <summary>
/// Answers a request refused for its redirect: a page for a browser, an RFC 9457 problem otherwise, both with the
/// setting's name and the origin to add (<c>setting</c>, <c>value</c>). Runs before OpenIddict's bare error response.
/// </summary>
internal sealed class AnswerRefusedRedirect<TContext> : IOpenIddictServerHandler<TContext> where TContext : BaseRequestContext
{
    public static OpenIddictServerHandlerDescriptor Descriptor(int order) => OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
        .UseSingletonHandler<AnswerRefusedRedirect<TContext>>()
        .SetOrder(order)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(TContext context)
    {
        if (RefusedRedirects.Refused(context.Transaction) is not { } refused || context.Transaction.GetHttpRequest() is not { } request)
        {
            return;
        }

        var http = request.HttpContext;
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        var title = "This address is not set up for sign-in";
        if (request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true))
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            var setting = refused.OriginToAdd is { } origin
                ? $"""<p>Setting: <code>{SignInPage.Encode(WebOrigins.Setting)}</code>, value to add: <code>{SignInPage.Encode(origin)}</code></p>"""
                : string.Empty;
            await http.Response.WriteAsync(SignInPage.Render(title, $"<h1>{SignInPage.Encode(title)}</h1>{SignInPage.Error(refused.Message)}{setting}"), http.RequestAborted);
        }
        else
        {
            var extensions = new Dictionary<string, object?> { ["setting"] = WebOrigins.Setting, ["error"] = OpenIddictConstants.Errors.InvalidRequest };
            if (refused.OriginToAdd is { } origin)
            {
                extensions["value"] = origin;
            }

            await Results.Problem(detail: refused.Message, statusCode: StatusCodes.Status400BadRequest, title: title, extensions: extensions).ExecuteAsync(http);
        }

        context.HandleRequest();
    }
}
