using System.Net;
using LbcCommunity.Access;
using LbcCommunity.Contracts;
using LbcCommunity.Identity.Federation;
using LbcCommunity.Tenancy;
using LbcCommunity.Validation;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Client;
using static OpenIddict.Client.OpenIddictClientEvents;

namespace LbcCommunity.Identity.SignIn;

/// <summary>
/// Every way a sign-in through an identity provider can fail on OpenIddict's side, as a page a person can act on:
/// the provider's refusal at the callback (the person cancelled, <c>access_denied</c>), a sign-in that lost its state
/// or correlation cookie, a provider that does not answer, and a provider that refuses our client (a pushed
/// authorization request or a token request answered <c>invalid_client</c>…). Without this OpenIddict writes its
/// error as plain protocol text with no way back. Failures that are the provider's or its set-up's fault are also
/// recorded as the provider's status and last error, for the state admin.
/// </summary>
public static partial class SignInFailures
{
    private const string RemoteErrorItem = "lbc.sign-in.remote-error";

    /// <summary>The pages, the recording of the provider's status, and the checks a state admin's save and test run.</summary>
    public static IServiceCollection AddSignInFailurePages(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddHttpClient(IdentityProviderProbe.HttpClientName, http => http.Timeout = IdentityProviderProbe.Timeout);
        services.AddSingleton<IdentityProviderProbe>();
        services.AddOpenIddict().AddClient()
            .AddEventHandler(FailurePage.Descriptor)
            .AddEventHandler(SignInWorked.Descriptor)
            .AddEventHandler<HandlePushedAuthorizationResponseContext>(builder => builder
                .UseSingletonHandler<RemoteErrorRecorder<HandlePushedAuthorizationResponseContext>>()
                // Before OpenIddict turns the provider's error into its own (which drops what the provider said).
                .SetOrder(OpenIddictClientHandlers.Authentication.HandlePushedAuthorizationErrorResponse.Descriptor.Order - 1))
            .AddEventHandler<HandleTokenResponseContext>(builder => builder
                .UseSingletonHandler<RemoteErrorRecorder<HandleTokenResponseContext>>()
                .SetOrder(OpenIddictClientHandlers.Exchange.HandleErrorResponse.Descriptor.Order - 1));
        return services;
    }

    /// <summary>What a person is told, and what (if anything) the provider's status records.</summary>
    internal sealed record Failure(HttpStatusCode Status, string Title, string WhatHappened, string WhatToDo, string? ProviderError);

    /// <summary>What the provider itself answered to a back-channel request (pushed authorization, token), when it refused.</summary>
    internal sealed record RemoteError(string Request, string Error, string? Description)
    {
        public override string ToString() => Description is null ? $"{Request} request answered {Error}" : $"{Request} request answered {Error} ({Description})";
    }

    /// <summary>
    /// Decides what a failure was. <paramref name="atCallback"/>: at the callback (not while starting the sign-in at the
    /// provider); <paramref name="providerError"/> is the <c>error</c> the provider sent back to the callback;
    /// <paramref name="stateVerified"/>: the callback's state token was ours and valid.
    /// </summary>
    internal static Failure Classify(bool atCallback, string? error, string? description, string? errorUri, RemoteError? remote, string? providerError, string? providerErrorDescription, bool stateVerified)
    {
        var id = errorUri is null ? null : errorUri[(errorUri.LastIndexOf('/') + 1)..];
        if (remote is not null)
        {
            var credentials = remote.Error is "invalid_client" or "unauthorized_client";
            return Misconfigured($"The provider refused this server: its {remote}."
                + (credentials ? " Check the client id and secret registered for LbcCommunity at the provider." : string.Empty));
        }

        if (atCallback && (!stateVerified || id is "ID2129" or "ID2163" or "ID2164" or "ID2130" or "ID2139" or "ID2142"))
        {
            return new(HttpStatusCode.BadRequest, "This sign-in has expired",
                "The answer from your state's sign-in could not be matched to a sign-in started in this browser: it was opened in another browser or tab, used twice, or took too long.",
                "Start again from the sign-in page, in the same browser all the way.", null);
        }

        if (atCallback && providerError is not null)
        {
            var said = providerErrorDescription is null ? providerError : $"{providerError}: {providerErrorDescription}";
            return providerError switch
            {
                "access_denied" => new(HttpStatusCode.Forbidden, "Sign-in cancelled",
                    "The sign-in was cancelled at your state's sign-in page, or it did not let you in.",
                    "If you meant to sign in, start again. If your state's sign-in keeps turning you away, ask your state administrator.", null),
                "login_required" or "interaction_required" or "consent_required" or "account_selection_required" => new(HttpStatusCode.Forbidden, "Sign in again",
                    "Your state's sign-in needs you to sign in there again.", "Start again and sign in at your state's page.", null),
                "temporarily_unavailable" or "server_error" => Unavailable($"The provider answered the sign-in with {said}."),
                _ => Misconfigured($"The provider refused the sign-in request: {said}."),
            };
        }

        if (id is "ID2170" or "ID2144" or "ID2145" or "ID2096" or "ID2097")
        {
            return Unavailable($"{description} (the provider's discovery document or keys could not be read).");
        }

        return Misconfigured($"{description ?? error} ({error}{(id is null ? string.Empty : ", " + id)}).");
    }

    private static Failure Misconfigured(string providerError) => new(HttpStatusCode.BadGateway, "Your state's sign-in is not working",
        "Your state's sign-in service did not accept this site's sign-in request, so LbcCommunity could not sign you in. This is a problem with how the sign-in is set up, not with your account.",
        "Tell your state administrator: they can see the problem on the identity provider's status. Try again once it is fixed.", providerError);

    private static Failure Unavailable(string providerError) => new(HttpStatusCode.ServiceUnavailable, "Your state's sign-in is not answering",
        "Your state's sign-in service did not answer, so LbcCommunity could not sign you in.",
        "Try again in a few minutes. If it goes on, tell your state administrator.", providerError);

    /// <summary>Where a failed request was: the tenant and provider of <c>/signin/{t}/{p}</c> or <c>/signin/callback/{t}/{p}</c> (none for the operators' sign-in).</summary>
    internal static (bool IsSignIn, bool AtCallback, string? TenantId, string? ProviderId) Locate(PathString path)
    {
        var segments = path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return segments switch
        {
            ["signin", "callback", var t, var p] when Validator.IsSlug(t) && Validator.IsSlug(p) => (true, true, t, p),
            ["signin", "operators", "callback"] => (true, true, null, null),
            ["signin", "operators"] => (true, false, null, null),
            ["signin", var t, var p] when Validator.IsSlug(t) && Validator.IsSlug(p) => (true, false, t, p),
            ["signin", ..] => (true, false, null, null),
            _ => (false, false, null, null),
        };
    }

    /// <summary>Renders a failure of the OpenIddict client (a challenge or a callback) as a sign-in page, before OpenIddict writes its plain text.</summary>
    internal sealed partial class FailurePage(IGrainFactory grains, TimeProvider time, ILogger<FailurePage> logger) : IOpenIddictClientHandler<ProcessErrorContext>
    {
        public static OpenIddictClientHandlerDescriptor Descriptor { get; } = OpenIddictClientHandlerDescriptor.CreateBuilder<ProcessErrorContext>()
            .UseSingletonHandler<FailurePage>()
            // Before the redirection endpoint's own error response (500 000) and the plain-text fallback.
            .SetOrder(400_000)
            .Build();

        public async ValueTask HandleAsync(ProcessErrorContext context)
        {
            if (context.Transaction.GetHttpRequest() is not { } request)
            {
                return;
            }

            var (isSignIn, atCallback, tenantId, providerId) = Locate(request.Path);
            if (!isSignIn)
            {
                return;
            }

            var parameters = request.HasFormContentType ? (IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>>)await request.ReadFormAsync(context.CancellationToken) : request.Query;
            var received = parameters.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
            var failure = Classify(atCallback, context.Error, context.ErrorDescription, context.ErrorUri,
                request.HttpContext.Items[RemoteErrorItem] as RemoteError,
                received.GetValueOrDefault("error") is { Length: > 0 } e ? e : null,
                received.GetValueOrDefault("error_description") is { Length: > 0 } d ? d : null,
                // OpenIddict keeps the callback's authentication, which validated the state token first, if there was one.
                atCallback && context.Transaction.Properties.TryGetValue(typeof(ProcessAuthenticationContext).FullName!, out var authentication)
                    && authentication is ProcessAuthenticationContext { StateTokenPrincipal: not null });
            if (failure.ProviderError is { } providerError)
            {
                LogProviderFailure(logger, tenantId ?? "(platform)", providerId ?? "operators", providerError);
                if (tenantId is not null && providerId is not null)
                {
                    await Record(tenantId, providerId, providerError);
                }
            }
            else
            {
                LogPersonFailure(logger, tenantId ?? "(platform)", providerId ?? "operators", context.Error, context.ErrorDescription);
            }

            var response = request.HttpContext.Response;
            response.StatusCode = (int)failure.Status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            var again = tenantId is not null && providerId is not null ? $"/signin/{tenantId}/{providerId}" : "/signin";
            await response.WriteAsync(SignInPage.Failure(failure.Title, failure.WhatHappened, failure.WhatToDo, ("Try this sign-in again", again)), context.CancellationToken);
            context.HandleRequest();
        }

        private async Task Record(string tenantId, string providerId, string providerError)
        {
            try
            {
                await TenantScope.For(tenantId, () => grains.GetGrain<ITenantAccessGrain>(tenantId).RecordIdentityProviderCheck(providerId, new IdentityProviderCheck
                {
                    Status = IdentityProviderStatus.Error,
                    Message = "A sign-in failed: " + (providerError.Length > 900 ? providerError[..900] + "…" : providerError),
                    At = time.GetUtcNow(),
                }));
            }
            catch (Exception e) when (e is Errors.EntityNotFoundException or TimeoutException or OrleansException)
            {
                // The person's page matters more than the record: a provider removed meanwhile, or a silo that is moving.
                LogNotRecorded(logger, tenantId, providerId, e.Message);
            }
        }

        [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in through identity provider {TenantId}/{ProviderId} failed at the provider or its set-up: {ProviderError}")]
        private static partial void LogProviderFailure(ILogger logger, string tenantId, string providerId, string providerError);

        [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in through identity provider {TenantId}/{ProviderId} did not complete: {Error} {ErrorDescription}")]
        private static partial void LogPersonFailure(ILogger logger, string tenantId, string providerId, string? error, string? errorDescription);

        [LoggerMessage(Level = LogLevel.Warning, Message = "The failure of identity provider {TenantId}/{ProviderId} could not be recorded on its status: {Reason}")]
        private static partial void LogNotRecorded(ILogger logger, string tenantId, string providerId, string reason);
    }

    /// <summary>A callback that OpenIddict accepted: the provider works (its status becomes ok if it was not).</summary>
    internal sealed class SignInWorked(IGrainFactory grains, TimeProvider time) : IOpenIddictClientHandler<ProcessAuthenticationContext>
    {
        public static OpenIddictClientHandlerDescriptor Descriptor { get; } = OpenIddictClientHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseSingletonHandler<SignInWorked>()
            // Last: the dispatcher stops at a rejection, so reaching this means every check of the callback passed.
            .SetOrder(int.MaxValue - 10_000)
            .Build();

        public async ValueTask HandleAsync(ProcessAuthenticationContext context)
        {
            if (context.EndpointType == OpenIddictClientEndpointType.Redirection
                && context.Transaction.GetHttpRequest() is { } request
                && Locate(request.Path) is { AtCallback: true, TenantId: { } tenantId, ProviderId: { } providerId })
            {
                try
                {
                    await TenantScope.For(tenantId, () => grains.GetGrain<ITenantAccessGrain>(tenantId).MarkIdentityProviderWorking(providerId, time.GetUtcNow()));
                }
                catch (Exception e) when (e is TimeoutException or OrleansException)
                {
                    // Bookkeeping: a sign-in does not fail because its provider's status could not be written now.
                }
            }
        }
    }

    /// <summary>Keeps what the provider answered to a refused back-channel request, for <see cref="FailurePage"/>.</summary>
    internal sealed class RemoteErrorRecorder<TContext>(IHttpContextAccessor http) : IOpenIddictClientHandler<TContext>
        where TContext : BaseContext
    {
        public ValueTask HandleAsync(TContext context)
        {
            var (request, response) = context switch
            {
                HandlePushedAuthorizationResponseContext par => ("pushed authorization", par.Response),
                HandleTokenResponseContext token => ("token", token.Response),
                _ => ("", null),
            };
            if (response?.Error is { Length: > 0 } error && http.HttpContext is { } httpContext)
            {
                httpContext.Items[RemoteErrorItem] = new RemoteError(request, error, response.ErrorDescription);
            }

            return default;
        }
    }
}
