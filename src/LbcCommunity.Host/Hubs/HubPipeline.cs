using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// What every hub method gets by being a hub method, in this order around it: faults logged (<see cref="HubErrorLog"/>),
/// domain refusals answered as coded hub errors (<see cref="HubErrorMapping"/>), the caller's rate limit
/// (<see cref="HubRateLimit"/>), the ids and the caller's own tenant checked and entered (<see cref="HubTenant"/>), then a
/// convening call refused while the convening is handed over sent again (<see cref="HubHandOver"/>, innermost, so a
/// retry costs no rate and repeats no check). The rate limit comes before the tenant check so a flood costs the least
/// work; every refusal from either is already a coded hub error.
/// </summary>
internal static class HubPipeline
{
    public static IServiceCollection AddHubPipeline(this IServiceCollection services)
    {
        services.AddSingleton<ConveningMoves>();
        services.AddSingleton<HubErrorLog>();
        services.AddSingleton<HubErrorMapping>();
        services.AddSingleton<HubRateLimit>();
        services.AddSingleton<HubTenant>();
        services.AddSingleton<SiloDepartures>();
        services.AddHostedService(provider => provider.GetRequiredService<SiloDepartures>());
        services.AddSingleton<HubHandOver>();
        services.Configure<HubOptions>(hubs =>
        {
            hubs.AddFilter<HubErrorLog>();
            hubs.AddFilter<HubErrorMapping>();
            hubs.AddFilter<HubRateLimit>();
            hubs.AddFilter<HubTenant>();
            hubs.AddFilter<HubHandOver>();
        });
        // Its warnings stay; its errors are the hub methods' exceptions, which HubErrorLog logs when they are faults.
        services.Configure<LoggerFilterOptions>(logging => logging.AddFilter(HubErrorLog.DispatcherCategory, level => level is LogLevel.Warning or LogLevel.Critical));
        return services;
    }
}
