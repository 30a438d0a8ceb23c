using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Hosting;

/// <summary>
/// How large a request may be, in two tiers. The app's limits (below) are answered with problem details that say what
/// was too large. Kestrel's limits lie beyond them (twice the request target and headers, the largest body any endpoint
/// takes): a request past those is refused by Kestrel itself, before the app sees it, with an empty body. docs/api.md.
/// </summary>
internal static class RequestLimits
{
    /// <summary>The body any API endpoint takes unless it declares more: every draft is a few kilobytes.</summary>
    public const long DefaultBodyBytes = 64 * 1024;

    /// <summary>A rubric version: 60 rows of a 300-character title and four 1,500-character cells, in several languages.</summary>
    public const long RubricBodyBytes = 1024 * 1024;

    /// <summary>A story's attachment (LbcCommunity.Stories.AttachmentRules.MaxBytes, 4 MiB).</summary>
    public const long AttachmentBodyBytes = LbcCommunity.Stories.AttachmentRules.MaxBytes;

    /// <summary>The largest body of any endpoint: Kestrel refuses (and stops reading) past it.</summary>
    public const long ServerBodyBytes = AttachmentBodyBytes;

    /// <summary>Path and query string.</summary>
    public const int RequestTargetChars = 8 * 1024;

    /// <summary>All request headers, names and values (a token is about 1.5 KB; cookies a few).</summary>
    public const int HeaderBytes = 32 * 1024;

    /// <summary>Nesting of any JSON the API or a hub reads or writes (drafts nest 6 deep).</summary>
    public const int JsonDepth = 32;

    /// <summary>Kestrel's own request-line limit: the app answers 414 for targets up to here, Kestrel past it.</summary>
    public const int ServerRequestLineBytes = 2 * RequestTargetChars;

    /// <summary>Kestrel's own header limit: the app answers 431 up to here, Kestrel past it.</summary>
    public const int ServerHeaderBytes = 2 * HeaderBytes;

    public static WebApplicationBuilder AddLbcRequestLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = ServerBodyBytes;
            kestrel.Limits.MaxRequestLineSize = ServerRequestLineBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = ServerHeaderBytes;
        });
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.MaxDepth = JsonDepth);
        builder.Services.Configure<JsonHubProtocolOptions>(json => json.PayloadSerializerOptions.MaxDepth = JsonDepth);
        builder.Services.Configure<ProblemDetailsOptions>(problems =>
        {
            // A chunked body that passes the limit is cut off while the framework binds it; it answers a bare 413,
            // which the status-code pages turn into problem details: say there what the limit is.
            var earlier = problems.CustomizeProblemDetails;
            problems.CustomizeProblemDetails = context =>
            {
                earlier?.Invoke(context);
                if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge && context.ProblemDetails.Detail is null)
                {
                    context.ProblemDetails.Title = "The request body is too large.";
                    context.ProblemDetails.Detail = TooLargeDetail(BodyLimitOf(context.HttpContext));
                }
            };
        });
        return builder;
    }

    /// <summary>Declares that the endpoint takes a body of up to <paramref name="bytes"/> (instead of <see cref="DefaultBodyBytes"/>).</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new BodyLimit(bytes));

    /// <summary>
    /// Right after the exception handler: refuses over-long targets and headers, and bodies over the endpoint's limit
    /// before they are read (a declared length) or as soon as they pass it (chunked: Kestrel stops reading and the
    /// read throws, which <see cref="Api.ProblemExceptionHandler"/> answers with 413).
    /// </summary>
    public static IApplicationBuilder UseLbcRequestLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        // As sent (percent-encoded) where the server says so; the decoded path is shorter.
        var targetLength = http.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw.Length
            : (request.PathBase.Value?.Length ?? 0) + (request.Path.Value?.Length ?? 0) + (request.QueryString.Value?.Length ?? 0);
        if (targetLength > RequestTargetChars)
        {
            await Refuse(http, StatusCodes.Status414UriTooLong, "The request URI is too long.", Invariant($"Path and query string may be at most {RequestTargetChars:N0} characters; this one has {targetLength:N0}."));
            return;
        }

        var headerBytes = HeaderSize(request.Headers);
        if (headerBytes > HeaderBytes)
        {
            await Refuse(http, StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request headers are too large.", Invariant($"Headers may be at most {HeaderBytes:N0} bytes in all; these have {headerBytes:N0}."));
            return;
        }

        // The hubs have their own limit per message (SignalR's MaximumReceiveMessageSize); Kestrel's holds for their posts.
        if (!request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase))
        {
            var limit = BodyLimitOf(http);
            if (request.ContentLength > limit)
            {
                await Refuse(http, StatusCodes.Status413PayloadTooLarge, "The request body is too large.", TooLargeDetail(limit));
                return;
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
            {
                server.MaxRequestBodySize = limit;
            }
        }

        await next(http);
    });

    /// <summary>The body limit of the request's endpoint.</summary>
    public static long BodyLimitOf(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.MaxRequestBodySize ?? DefaultBodyBytes;

    public static string TooLargeDetail(long limit) =>
        Invariant($"This operation takes a body of at most {limit:N0} bytes; nothing was stored.");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static long HeaderSize(IHeaderDictionary headers)
    {
        long size = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                size += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        return size;
    }

    private static Task Refuse(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        // Answered without reading the body: closing the connection spares Kestrel draining a body nobody wants.
        http.Response.Headers.Connection = "close";
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    /// <summary>The largest body an endpoint takes.</summary>
    internal sealed record BodyLimit(long Bytes) : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => Bytes;
    }
}
