using Microsoft.Extensions.DependencyInjection.Extensions;
using LbcCommunity.Grains.Tenancy;

namespace LbcCommunity.Grains;

/// <summary>Wires the grains' cross-cutting parts into a silo.</summary>
public static class GrainsSiloBuilderExtensions
{
    /// <summary>Adds the tenant call filter and the time source grains use.</summary>
    public static ISiloBuilder AddLbcGrains(this ISiloBuilder silo)
    {
        silo.AddIncomingGrainCallFilter<TenantCallFilter>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        return silo;
    }
}
