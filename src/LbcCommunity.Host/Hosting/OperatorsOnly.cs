using System.Net;
using LbcCommunity.Identity.Server;
using Microsoft.AspNetCore.Authentication;

namespace LbcCommunity.Host.Hosting;

/// <summary>
/// Keeps operator pages (the Orleans dashboard) to platform operators signed in through /signin, and to requests from
/// the machine itself (a port-forward or an SSH tunnel). Others get a plain 404: the pages' existence is not advertised.
/// </summary>
internal static class OperatorsOnly
{
    public const string PathPrefix = "/ops";

    public static IApplicationBuilder UseOperatorsOnlyPaths(this IApplicationBuilder app) =>
        app.UseWhen(
            http => http.Request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase),
            branch => branch.Use(async (http, next) =>
            {
                var session = await http.AuthenticateAsync(IdentityEndpoints.SessionScheme);
                var isOperator = session.Succeeded && PrincipalFactory.Describe(session.Principal).IsOperator;
                if (!isOperator && http.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await next(http);
            }));
}
