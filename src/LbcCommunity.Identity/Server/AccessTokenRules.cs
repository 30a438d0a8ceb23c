using System.Globalization;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace LbcCommunity.Identity.Server;

/// <summary>
/// Where the API takes an access token from and when it starts to count, beyond OpenIddict's defaults.
/// </summary>
internal static class AccessTokenRules
{
    /// <summary>The paths under which the <c>access_token</c> query parameter is read: the SignalR hubs.</summary>
    public static readonly PathString HubPaths = new("/hubs");

    /// <summary>
    /// How far in the future a token's <c>nbf</c> may lie and still count: the hosts of a cluster sign tokens on their
    /// own clocks, which differ by a little.
    /// </summary>
    public static readonly TimeSpan NotBeforeTolerance = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Reads <c>?access_token=</c> on the hubs' paths only, where browsers' WebSocket and Server-Sent Events requests
    /// cannot send an Authorization header; everywhere else a token in the query string (which lands in logs, proxies
    /// and browser history) is not looked at, so the request is anonymous. Refuses tokens whose <c>nbf</c> lies ahead.
    /// </summary>
    public static OpenIddictValidationBuilder UseLbcAccessTokenRules(this OpenIddictValidationBuilder validation)
    {
        validation.UseAspNetCore().DisableAccessTokenExtractionFromQueryString();
        validation.AddEventHandler(HubQueryStringToken.Descriptor);
        validation.AddEventHandler(RefuseTokenNotYetValid.Descriptor);
        validation.AddEventHandler(VerifiedAccessTokens.ReuseHandler.Descriptor);
        validation.AddEventHandler(VerifiedAccessTokens.RememberHandler.Descriptor);
        validation.Services.AddSingleton<VerifiedAccessTokens>();
        return validation;
    }

    /// <summary>The <c>access_token</c> query parameter, on the hubs' paths only.</summary>
    internal sealed class HubQueryStringToken : IOpenIddictValidationHandler<ProcessAuthenticationContext>
    {
        public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
            OpenIddictValidationHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
                .AddFilter<OpenIddictValidationHandlerFilters.RequireAccessTokenExtracted>()
                .UseSingletonHandler<HubQueryStringToken>()
                // Where OpenIddict's own query-string handler (disabled above) would run: after the header and the form.
                .SetOrder(OpenIddictValidationAspNetCoreHandlers.ExtractAccessTokenFromQueryString.Descriptor.Order)
                .SetType(OpenIddictValidationHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(ProcessAuthenticationContext context)
        {
            if (!string.IsNullOrEmpty(context.AccessToken))
            {
                return default;
            }

            var request = context.Transaction.GetHttpRequest();
            if (request is not null && request.Path.StartsWithSegments(HubPaths, StringComparison.OrdinalIgnoreCase)
                && request.Query.TryGetValue(Parameters.AccessToken, out var token) && token.Count == 1)
            {
                context.AccessToken = token;
            }

            return default;
        }
    }

    /// <summary>
    /// Refuses a token whose <c>nbf</c> (not before) lies in the future. OpenIddict checks <c>exp</c> itself and turns
    /// off IdentityModel's lifetime check, which would have looked at <c>nbf</c> too.
    /// </summary>
    internal sealed class RefuseTokenNotYetValid(TimeProvider time) : IOpenIddictValidationHandler<ValidateTokenContext>
    {
        public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
            OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
                .UseSingletonHandler<RefuseTokenNotYetValid>()
                .SetOrder(OpenIddictValidationHandlers.Protection.ValidateExpirationDate.Descriptor.Order + 1)
                .SetType(OpenIddictValidationHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(ValidateTokenContext context)
        {
            if (context.Principal?.GetClaim(Claims.NotBefore) is not { } notBefore)
            {
                return default;
            }

            var latest = time.GetUtcNow() + context.TokenValidationParameters.ClockSkew + NotBeforeTolerance;
            if (!long.TryParse(notBefore, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                || seconds > latest.ToUnixTimeSeconds())
            {
                context.Reject(error: OpenIddictConstants.Errors.InvalidToken, description: "The token is not valid yet (its 'nbf' lies in the future).");
            }

            return default;
        }
    }
}
