using System.Net;

namespace LbcCommunity.Host.Hosting;

/// <summary>
/// Keeps operator pages (the Orleans dashboard) to requests from the machine itself, reached through a
/// port-forward or an SSH tunnel, until operator sign-in exists. Others get a plain 404.
/// </summary>
internal static class OperatorsOnly
{
    public const string PathPrefix = "/ops";

    public static IApplicationBuilder UseOperatorsOnlyPaths(this IApplicationBuilder app) =>
        app.UseWhen(
            http => http.Request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase),
            branch => branch.Use(async (http, next) =>
            {
                if (http.Connection.RemoteIpAddress is { } remote && !IPAddress.IsLoopback(remote))
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await next(http);
            }));
}
