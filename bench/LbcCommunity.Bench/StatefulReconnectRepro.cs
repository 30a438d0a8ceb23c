using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;

namespace LbcCommunity.Bench;

/// <summary>
/// The <c>stateful-reconnect-repro</c> command: reproduces, on the bare hub and nothing of ours, SignalR aborting a
/// stateful-reconnect connection with "Concurrent reads or writes are not supported".
/// </summary>
/// <remarks>
/// What it sets up: the server writes to a client faster than the client reads, so the connection's outgoing pipe
/// reaches its pause threshold (<c>TransportMaxBufferSize</c>, 64 KB by default) and a write's flush waits; meanwhile
/// the client keeps invoking a hub method, so the server's stateful-reconnect buffer has messages to acknowledge and its
/// once-a-second ack timer flushes the same pipe. SignalR's <c>MessageBuffer</c> releases its write lock before it
/// awaits a write's flush, so the ack's flush becomes a second flush waiting on one pipe, which the pipe refuses by
/// failing the connection. In the benchmark the pipe filled because 5,000 connections' transports fell behind the
/// server's writes on two busy cores; here a client that stops reading does it on purpose. With SignalR's defaults
/// (stateful buffer 100 KB, transport buffer 64 KB) most connections die; with the ConveningHub's settings
/// (<c>--buffer 1048576 --transport-buffer 3145728</c>: a transport buffer larger than the stateful buffer plus the
/// largest message) none do.
/// </remarks>
internal static class StatefulReconnectRepro
{
    public static async Task<int> RunAsync(string[] args)
    {
        var clients = Options.Number(args, "--clients", 4);
        var buffer = Options.Value(args, "--buffer", "100000");
        var transportBuffer = Options.Value(args, "--transport-buffer", "65536");
        var messages = Options.Number(args, "--messages", 3000);
        var bytes = Options.Number(args, "--bytes", 8192);
        var stallSeconds = Options.Number(args, "--stall-seconds", 3);
        var work = Directory.CreateTempSubdirectory("lbc-repro-");
        var log = Path.Combine(work.FullName, "bare.log");
        await using var server = await HostProcess.StartAsync(string.Empty, new Dictionary<string, string>
        {
            ["StatefulReconnect"] = "true",
            ["StatefulReconnectBufferSize"] = buffer,
            ["TransportMaxBufferSize"] = transportBuffer,
        }, log, dll: typeof(StatefulReconnectRepro).Assembly.Location, leadingArguments: ["bare-hub"]);

        using var stall = new ManualResetEventSlim();
        var closed = 0;
        var received = 0;
        var connections = new List<HubConnection>();
        for (var i = 0; i < clients; i++)
        {
            var connection = new HubConnectionBuilder().WithUrl(new Uri(server.BaseAddress, "hubs/bare")).WithStatefulReconnect().Build();
            // Handlers run one after the other on the connection's receive loop: blocking one stops the client reading.
            connection.On<string>("Flood", _ =>
            {
                stall.Wait(TimeSpan.FromSeconds(stallSeconds));
                Interlocked.Increment(ref received);
            });
            connection.Closed += _ =>
            {
                Interlocked.Increment(ref closed);
                return Task.CompletedTask;
            };
            await connection.StartAsync();
            connections.Add(connection);
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(stallSeconds + 20));
        var ticks = connections.Select(async c =>
        {
            try
            {
                while (!stop.IsCancellationRequested && c.State == HubConnectionState.Connected)
                {
                    await c.SendAsync("Tick");
                    await Task.Delay(100, stop.Token);
                }
            }
            catch (Exception)
            {
                // Closed or stopped: the counts below say which.
            }
        }).ToList();
        foreach (var connection in connections)
        {
            await connection.InvokeAsync("Flood", messages, bytes);
        }

        await Task.Delay(TimeSpan.FromSeconds(stallSeconds));
        stall.Set();
        var expected = clients * messages;
        // Until everything arrived, or nothing more arrives for 3 s (a closed connection gets no more).
        var quietSince = DateTime.UtcNow;
        var seen = -1;
        while (!stop.IsCancellationRequested && Volatile.Read(ref received) < expected && DateTime.UtcNow - quietSince < TimeSpan.FromSeconds(3))
        {
            if (Volatile.Read(ref received) != seen)
            {
                seen = Volatile.Read(ref received);
                quietSince = DateTime.UtcNow;
            }

            await Task.Delay(200);
        }

        await stop.CancelAsync();
        await Task.WhenAll(ticks);
        var aborts = File.ReadLines(log).Count(l => l.Contains("Failed writing message", StringComparison.Ordinal));
        var concurrent = File.ReadLines(log).Count(l => l.Contains("Concurrent reads or writes are not supported", StringComparison.Ordinal));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"clients {clients} with stateful reconnect, each sent {messages} × {bytes} B while not reading for {stallSeconds} s; server buffer {buffer} B, TransportMaxBufferSize {transportBuffer} B"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"messages received {Volatile.Read(ref received)} / {expected}; connections closed {Volatile.Read(ref closed)} / {clients}; server log: 'Failed writing message' {aborts}, 'Concurrent reads or writes are not supported' {concurrent} (log: {log})"));
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        return concurrent > 0 ? 1 : 0;
    }
}
