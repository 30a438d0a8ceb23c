using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace LbcCommunity.Identity.Server;

/// <summary>
/// The origins the web app is served from. Its redirect URIs are <c>{origin}/auth/callback</c> and <c>{origin}/</c>; an
/// origin is what a browser shows in its address bar before the path (<c>https://lbc.example.org</c>,
/// <c>http://localhost:5090</c>).
/// </summary>
public static class WebOrigins
{
    /// <summary>The setting that lists the origins besides the ones a host listens on.</summary>
    public const string Setting = LbcIdentityOptions.SectionName + ":" + nameof(LbcIdentityOptions.WebOrigins);

    /// <summary>The web app's redirect path on every origin.</summary>
    public const string CallbackPath = "/auth/callback";

    private static readonly string[] LoopbackNames = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// The configured origins, normalized (lower case, no trailing slash, no default port).
    /// </summary>
    /// <exception cref="InvalidOperationException">An entry is not an http(s) origin; the message names it.</exception>
    public static IReadOnlyList<string> Configured(IEnumerable<string> configured)
    {
        var origins = new List<string>();
        var index = 0;
        foreach (var value in configured)
        {
            origins.Add(Normalize(value) ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{Setting}:{index} is '{value}', which is not an origin: write scheme://host[:port] as a browser shows it, without a path (https://lbc.example.org, http://localhost:5090).")));
            index++;
        }

        return [.. origins.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The origins a browser on this machine or the network reaches a host on, from the addresses its server is bound to
    /// (<c>IServerAddressesFeature</c>, after start): a loopback or any-address binding is reached as <c>localhost</c>,
    /// <c>127.0.0.1</c> and <c>[::1]</c> on its port; any other address as itself. Host names behind a proxy or DNS are
    /// not known here: those belong in <see cref="Setting"/>.
    /// </summary>
    public static IReadOnlyList<string> FromListeningAddresses(IEnumerable<string> addresses)
    {
        var origins = new List<string>();
        foreach (var address in addresses)
        {
            BindingAddress binding;
            try
            {
                binding = BindingAddress.Parse(address);
            }
            catch (FormatException)
            {
                continue;
            }

            if (binding.IsNamedPipe || binding.IsUnixPipe || binding.Scheme is not ("http" or "https"))
            {
                continue;
            }

            var hosts = IsLoopbackOrAny(binding.Host) ? LoopbackNames : [binding.Host];
            origins.AddRange(hosts.Select(host => Origin(binding.Scheme, host, binding.Port)));
        }

        return [.. origins.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The origin of a redirect URI of the web app's shape (<c>{origin}/auth/callback</c>), else null.</summary>
    public static string? OfCallback(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && string.Equals(uri.AbsolutePath.TrimEnd('/'), CallbackPath, StringComparison.Ordinal)
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;

    /// <summary>The origin of a post-logout redirect URI of the web app's shape (<c>{origin}/</c>), else null.</summary>
    public static string? OfRoot(string postLogoutRedirectUri) =>
        Uri.TryCreate(postLogoutRedirectUri, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && uri.AbsolutePath == "/" && uri.Query.Length == 0
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;

    internal static string? Normalize(string? value)
    {
        if (!Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority);
    }

    private static bool IsLoopbackOrAny(string host)
    {
        if (host is "*" or "+" or "" || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var ip)
            && (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));
    }

    // UriBuilder leaves out the scheme's default port, as browsers do in an origin.
    private static string Origin(string scheme, string host, int port) =>
        new UriBuilder(scheme, host, port).Uri.GetLeftPart(UriPartial.Authority);
}
