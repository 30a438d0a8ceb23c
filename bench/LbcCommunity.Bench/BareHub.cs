using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Bench;

/// <summary>
/// The baseline: a SignalR hub that does nothing but broadcast, hosted by this program in a process of its own. The
/// same clients, payload sizes and load as the product's ConveningHub, without grains or storage. It also serves the
/// stateful-reconnect reproduction (<see cref="StatefulReconnectRepro"/>): <see cref="Flood"/> and <see cref="Tick"/>.
/// </summary>
internal sealed class BareHub(IHubContext<BareHub> hubContext) : Hub
{
    private static long _votes;

    public Task Join() => Groups.AddToGroupAsync(Context.ConnectionId, "all");

    public Task Broadcast(BareEvent conveningEvent) => Clients.Group("all").SendAsync("ConveningEvent", conveningEvent);

    public async Task<long> Vote(int level, string padding)
    {
        var sequence = Interlocked.Increment(ref _votes);
        await Clients.Group("all").SendAsync("ConveningEvent", new BareEvent(sequence, "VoteCast", padding + level));
        return sequence;
    }

    /// <summary>Sends the caller <paramref name="count"/> messages of <paramref name="bytes"/> characters, one after the other, in the background.</summary>
    public void Flood(int count, int bytes)
    {
        var caller = hubContext.Clients.Client(Context.ConnectionId);
        var payload = new string('x', bytes);
        _ = Task.Run(async () =>
        {
            for (var i = 0; i < count; i++)
            {
                await caller.SendAsync("Flood", payload);
            }
        });
    }

    /// <summary>Does nothing: a message from the client that the server's stateful-reconnect buffer acknowledges.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "A hub method is an instance method: SignalR does not call static ones.")]
    public void Tick()
    {
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR(hub => hub.StatefulReconnectBufferSize = builder.Configuration.GetValue("StatefulReconnectBufferSize", 100_000L))
            .AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        var app = builder.Build();
        // Like the product's hub when the run has clients ask for stateful reconnect, so both carry its cost.
        app.MapHub<BareHub>("/hubs/bare", hub =>
        {
            hub.AllowStatefulReconnects = app.Configuration.GetValue<bool>("StatefulReconnect");
            hub.TransportMaxBufferSize = app.Configuration.GetValue("TransportMaxBufferSize", hub.TransportMaxBufferSize);
        });
        app.MapGet("/health/ready", () => "Healthy");
        await app.RunAsync();
        return 0;
    }
}

internal sealed record BareEvent(long Sequence, string Type, string Payload);
