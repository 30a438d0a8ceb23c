using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using LbcCommunity.Grains.Tenancy;

namespace LbcCommunity.Grains;

/// <summary>Wires the grains' cross-cutting parts into a silo.</summary>
public static class GrainsSiloBuilderExtensions
{
    /// <summary>Adds the tenant call filter and the clocks grains use (<see cref="DomainClock"/>).</summary>
    public static ISiloBuilder AddLbcGrains(this ISiloBuilder silo)
    {
        silo.AddIncomingGrainCallFilter<TenantCallFilter>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddKeyedSingleton(DomainClock.Key, (services, _) => services.GetRequiredService<TimeProvider>());
        return silo;
    }
}
