using LbcCommunity.RollUps;
using Microsoft.AspNetCore.SignalR.Client;

namespace LbcCommunity.Client;

/// <summary>
/// A typed client of the MonitoringHub (<c>/hubs/monitoring</c>): watch an initiative's state view or a region's view
/// and receive every change (at most ten a second per roll-up).
/// </summary>
public sealed class MonitoringClient : IAsyncDisposable
{
    private readonly HubConnection _connection;

    /// <param name="hubUrl">The hub's address, e.g. <c>http://localhost:5080/hubs/monitoring</c>.</param>
    /// <param name="configure">Transport settings (a test server's handler, an access token…).</param>
    public MonitoringClient(Uri hubUrl, Action<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions>? configure = null)
    {
        _connection = HubConnections.Builder(hubUrl, configure)
            .WithAutomaticReconnect()
            .Build();
        _connection.On<RollUpView>("RollUpUpdated", view => RollUpUpdated?.Invoke(view));
    }

    /// <summary>Raised for every roll-up view the hub sends.</summary>
    public event Action<RollUpView>? RollUpUpdated;

    public HubConnection Connection => _connection;

    public Task StartAsync(CancellationToken ct = default) => _connection.StartAsync(ct);

    /// <summary>Starts watching an initiative's state view; returns it as it is now.</summary>
    public Task<RollUpView> WatchInitiativeAsync(string tenantId, string initiativeId, CancellationToken ct = default) =>
        _connection.InvokeAsync<RollUpView>("WatchInitiative", tenantId, initiativeId, ct);

    /// <summary>Starts watching one region of an initiative; returns its view as it is now.</summary>
    public Task<RollUpView> WatchRegionAsync(string tenantId, string initiativeId, string regionId, CancellationToken ct = default) =>
        _connection.InvokeAsync<RollUpView>("WatchRegion", tenantId, initiativeId, regionId, ct);

    public Task StopWatchingAsync(string tenantId, string initiativeId, string? regionId = null, CancellationToken ct = default) =>
        _connection.InvokeAsync("StopWatching", tenantId, initiativeId, regionId, ct);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
