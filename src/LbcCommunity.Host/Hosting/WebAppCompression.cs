using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace LbcCommunity.Host.Hosting;

/// <summary>
/// The web app's scripts and styles go out compressed (Brotli, else gzip): a family member on a slow rural link
/// downloads about a third of the bytes (docs/benchmarks.md, "The participant's page on a slow link"). Only the built
/// files under <c>/assets</c> are compressed: they hold no secret, while compressing responses that mix a secret with
/// what a visitor sends (the sign-in pages' antiforgery tokens, API answers) is what BREACH-style attacks read.
/// </summary>
internal static class WebAppCompression
{
    private const string AssetsPath = "/assets";

    public static IServiceCollection AddWebAppCompression(this IServiceCollection services)
    {
        // "Optimal" costs a few milliseconds per file and request on this machine and saves a fifth over "Fastest".
        services.Configure<BrotliCompressionProviderOptions>(brotli => brotli.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(gzip => gzip.Level = CompressionLevel.Optimal);
        return services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["text/javascript", "application/javascript", "text/css"];
        });
    }

    public static IApplicationBuilder UseWebAppCompression(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments(AssetsPath, StringComparison.Ordinal), assets => assets.UseResponseCompression());
}
