namespace LbcCommunity.Host.Hosting;

/// <summary>
/// The web app's paths below which a page's address carries an id (<c>/convenings/{id}/run</c>). Static copies of
/// index.html (the build's <c>appPaths</c>) cover the fixed paths; these are answered with index.html by a fallback.
/// </summary>
internal static class WebAppPages
{
    public static readonly IReadOnlyList<string> Prefixes = ["convenings", "teams", "initiatives", "communities", "stories", "read"];
}
