using LbcCommunity.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LbcCommunity.Host.Hosting;

/// <summary>
/// Once the server is bound and the silo has joined: adds this host's web origins to the web app's registration, so a
/// first run on <c>--urls http://localhost:5090</c> signs in without configuring anything. Each host's origins are kept
/// under its silo address; a host that is no longer in the cluster (dead, or gone from the membership table) loses its
/// origins when the next host starts.
/// </summary>
internal sealed class WebOriginsRegistration(IServer server, IServiceProvider services, ILocalSiloDetails silo, IClusterMembershipService membership)
    : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        // The test server has no addresses; configured origins are all it has.
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        await services.RegisterLbcWebOriginsAsync(silo.SiloAddress.ToParsableString(), [.. addresses], IsRunning, cancellationToken);
    }

    private bool IsRunning(string hostKey) =>
        SiloAddress.TryParse(hostKey, out var address)
        && membership.CurrentSnapshot.Members.TryGetValue(address, out var member)
        && member.Status != SiloStatus.Dead;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
