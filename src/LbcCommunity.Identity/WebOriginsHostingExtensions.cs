using LbcCommunity.Identity.Server;
using LbcCommunity.Identity.Store;
using Microsoft.Extensions.DependencyInjection;

namespace LbcCommunity.Identity;

public static class WebOriginsHostingExtensions
{
    /// <summary>
    /// Once the host listens: adds its web origins (<c>Identity:WebOrigins</c> and the origins of
    /// <paramref name="listeningAddresses"/>) to the web app's registration under <paramref name="hostKey"/>, and drops
    /// the origins of hosts for which <paramref name="isRunning"/> says no. Returns the running hosts whose configured
    /// origins differ from this host's (they are logged too).
    /// </summary>
    public static Task<IReadOnlyList<DifferingWebOrigins>> RegisterLbcWebOriginsAsync(this IServiceProvider services, string hostKey,
        IEnumerable<string> listeningAddresses, Func<string, bool> isRunning, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<IdentityStoreInitializer>().RegisterHostOrigins(hostKey, listeningAddresses, isRunning, cancellationToken);
}
