using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using LbcCommunity.Grains.Notifications;
using LbcCommunity.Grains.Tenancy;

namespace LbcCommunity.Grains;

/// <summary>Wires the grains' cross-cutting parts into a silo.</summary>
public static class GrainsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the tenant call filter, the clocks grains use (<see cref="DomainClock"/>) and, unless the host gives its own,
    /// a digest mailer that sends nothing (<see cref="IDigestMailer"/>).
    /// </summary>
    public static ISiloBuilder AddLbcGrains(this ISiloBuilder silo)
    {
        silo.AddIncomingGrainCallFilter<TenantCallFilter>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddKeyedSingleton(DomainClock.Key, (services, _) => services.GetRequiredService<TimeProvider>());
        silo.Services.TryAddSingleton<IDigestMailer, NoDigestMailer>();
        silo.Services.AddOptions<NotificationOptions>();
        return silo;
    }
}
