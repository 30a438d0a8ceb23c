using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Bench;

/// <summary>
/// The baseline: a SignalR hub that does nothing but broadcast, hosted by this program in a process of its own. The
/// same clients, payload sizes and load as the product's ConveningHub, without grains or storage.
/// </summary>
internal sealed class BareHub : Hub
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

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR().AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        var app = builder.Build();
        // Like the product's hub when the run has clients ask for stateful reconnect, so both carry its cost.
        app.MapHub<BareHub>("/hubs/bare", hub => hub.AllowStatefulReconnects = app.Configuration.GetValue<bool>("StatefulReconnect"));
        app.MapGet("/health/ready", () => "Healthy");
        await app.RunAsync();
        return 0;
    }
}

internal sealed record BareEvent(long Sequence, string Type, string Payload);
