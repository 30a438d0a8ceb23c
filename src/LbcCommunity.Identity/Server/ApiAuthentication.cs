using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace LbcCommunity.Identity.Server;

/// <summary>
/// Authentication for the API and the hubs without the sign-in machinery. ASP.NET Core's authentication middleware
/// first offers every request to each scheme that handles requests itself (OpenIddict's server, for its
/// <c>/connect/*</c> endpoints, and its client, for the providers' callbacks) and only then authenticates with the
/// default scheme (the bearer token). Under <c>/api</c> and <c>/hubs</c> neither of the two ever takes a request, yet
/// asking them cost about 5 % of the host's CPU at 2,000 API calls a second (perf, docs/benchmarks.md). There only the
/// default scheme (OpenIddict's validation) is offered the request and authenticates, and the request ends up exactly as the middleware leaves it (the user, the authentication
/// result features, the original path); everywhere else the standard middleware runs unchanged.
/// </summary>
public static class ApiAuthentication
{
    private static readonly PathString Api = new("/api");
    private static readonly PathString Hubs = new("/hubs");

    /// <summary>
    /// <c>UseAuthentication()</c>'s key in <see cref="IApplicationBuilder.Properties"/>: a <c>WebApplication</c> without it
    /// puts another authentication middleware at the very start of the pipeline, which would run everything twice.
    /// </summary>
    private const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    /// <summary>In place of <c>UseAuthentication()</c>.</summary>
    public static IApplicationBuilder UseLbcAuthentication(this IApplicationBuilder app)
    {
        app.Properties[AuthenticationMiddlewareSetKey] = true;
        return app.Use(next =>
        {
            var standard = new AuthenticationMiddleware(next, app.ApplicationServices.GetRequiredService<IAuthenticationSchemeProvider>());
            return http => IsApi(http.Request.Path) ? AuthenticateDefault(http, next) : standard.Invoke(http);
        });
    }

    internal static bool IsApi(PathString path) =>
        path.StartsWithSegments(Api, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(Hubs, StringComparison.OrdinalIgnoreCase);

    private static async Task AuthenticateDefault(HttpContext http, RequestDelegate next)
    {
        http.Features.Set<IAuthenticationFeature>(new AuthenticationFeature
        {
            OriginalPath = http.Request.Path,
            OriginalPathBase = http.Request.PathBase,
        });

        var schemes = http.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>();
        if (await schemes.GetDefaultAuthenticateSchemeAsync() is { } scheme)
        {
            // Offered the request first, as the standard middleware does: OpenIddict's validation sets up its transaction
            // there (and would end a request it handles itself).
            var handlers = http.RequestServices.GetRequiredService<IAuthenticationHandlerProvider>();
            if (await handlers.GetHandlerAsync(http, scheme.Name) is IAuthenticationRequestHandler handler && await handler.HandleRequestAsync())
            {
                return;
            }

            var result = await http.AuthenticateAsync(scheme.Name);
            if (result.Principal is not null)
            {
                http.User = result.Principal;
            }

            if (result.Succeeded)
            {
                var features = new AuthenticatedFeatures(result);
                http.Features.Set<IHttpAuthenticationFeature>(features);
                http.Features.Set<IAuthenticateResultFeature>(features);
            }
        }

        await next(http);
    }

    /// <summary>What the standard middleware sets after a successful authentication (its own class is internal).</summary>
    private sealed class AuthenticatedFeatures(AuthenticateResult result) : IAuthenticateResultFeature, IHttpAuthenticationFeature
    {
        private AuthenticateResult? _result = result;
        private ClaimsPrincipal? _user = result.Principal;

        public AuthenticateResult? AuthenticateResult
        {
            get => _result;
            set
            {
                _result = value;
                _user = value?.Principal;
            }
        }

        public ClaimsPrincipal? User
        {
            get => _user;
            set
            {
                _user = value;
                _result = null;
            }
        }
    }
}
