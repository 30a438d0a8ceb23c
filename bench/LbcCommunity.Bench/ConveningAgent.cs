using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using LbcCommunity.Client;
using LbcCommunity.Convenings;
using Microsoft.AspNetCore.SignalR.Client;

namespace LbcCommunity.Bench;

/// <summary>
/// The hidden <c>convening-agent</c> command: one child load-generating process of the <c>convenings</c> benchmark. It
/// holds a share of the participants' connections (to the ConveningHub or to the bare hub), reports when the last of
/// its own clients has each event, and casts the votes the parent names. It talks to the parent in lines: commands
/// on standard input, answers on standard output.
/// </summary>
/// <remarks>
/// Times are raw <see cref="Stopwatch.GetTimestamp"/> values. On Linux that is CLOCK_MONOTONIC, one clock for every
/// process on the machine, so the parent compares them with its own directly.
/// Commands: <c>reset</c> (forget receipts; answers <c>ok</c>), <c>vote LOCAL LEVEL</c> (client LOCAL votes; answers
/// <c>sent SEQUENCE TIMESTAMP</c> or <c>failed</c>), <c>count SEQUENCE</c> (answers <c>count SEQUENCE CLIENTS</c>: how many of
/// this process's clients have it), <c>cpu</c> (answers <c>cpu SECONDS</c>), <c>quit</c>.
/// Unprompted: <c>ready</c> once connected, <c>done SEQUENCE TIMESTAMP FIRST</c> when every client of this process has an event (FIRST: when the first of them had it).
/// </remarks>
internal static class ConveningAgent
{
    public const string Command = "convening-agent";

    private static bool _quitting;

    private static readonly TextWriter Out = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true });

    public static async Task<int> RunAsync(string[] args)
    {
        var target = Options.Value(args, "--target", "product");
        var hubUrl = new Uri(Options.Value(args, "--url", string.Empty));
        var first = Options.Number(args, "--first", 0);
        var count = Options.Number(args, "--count", 0);
        var tenant = Options.Value(args, "--tenant", string.Empty);
        var conveningId = Options.Value(args, "--convening", string.Empty);
        var statefulReconnect = args.Contains("--stateful-reconnect");
        var joinCode = Options.Value(args, "--join-code", string.Empty);
        using var tokens = new HttpClient { BaseAddress = new Uri(hubUrl.GetLeftPart(UriPartial.Authority)) };
        var receipts = new LocalReceipts(count);

        IReadOnlyList<Func<int, Task<long>>> voters;
        List<IAsyncDisposable> connections;
        if (target == "product")
        {
            var clients = await ConnectAll(count, async i =>
            {
                // Each participant is a guest with a token of their own, from the join code.
                var token = await BenchSignIn.GuestTokenAsync(tokens, joinCode, $"Participant {first + i}");
                var client = new ConveningClient(hubUrl, options => options.AccessTokenProvider = () => Task.FromResult<string?>(token), statefulReconnect: statefulReconnect);
                client.EventReceived += e => receipts.Received(e.Sequence);
                client.Connection.Closed += Closed;
                await client.StartAsync();
                await client.JoinAsync(tenant, conveningId, new JoinRequest());
                return client;
            });
            voters = [.. clients.Select(c => (Func<int, Task<long>>)(async level => (await c.CastVoteAsync(tenant, conveningId, level)).Sequence))];
            connections = [.. clients];
        }
        else
        {
            var payload = new string('x', 180);
            var clients = await ConnectAll(count, async _ =>
            {
                var builder = new HubConnectionBuilder().WithUrl(hubUrl);
                var connection = (statefulReconnect ? builder.WithStatefulReconnect() : builder).Build();
                connection.On<BareEvent>("ConveningEvent", e => receipts.Received(e.Sequence));
                connection.Closed += Closed;
                await connection.StartAsync();
                await connection.InvokeAsync("Join");
                return connection;
            });
            voters = [.. clients.Select(c => (Func<int, Task<long>>)(level => c.InvokeAsync<long>("Vote", level, payload)))];
            connections = [.. clients];
        }

        Out.WriteLine("ready");
        string? line;
        while ((line = await Console.In.ReadLineAsync()) is not null)
        {
            var words = line.Split(' ');
            switch (words[0])
            {
                case "reset":
                    receipts.Reset();
                    Out.WriteLine("ok");
                    break;
                case "vote":
                    var voter = voters[int.Parse(words[1], CultureInfo.InvariantCulture)];
                    var level = int.Parse(words[2], CultureInfo.InvariantCulture);
                    _ = Task.Run(async () =>
                    {
                        var sent = Stopwatch.GetTimestamp();
                        try
                        {
                            var sequence = await voter(level);
                            Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent {sequence} {sent}"));
                        }
                        catch (Exception)
                        {
                            Out.WriteLine("failed");
                        }
                    });
                    break;
                case "count":
                    Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"count {words[1]} {receipts.Count(long.Parse(words[1], CultureInfo.InvariantCulture))}"));
                    break;
                case "cpu":
                    Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu {Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds}"));
                    break;
                case "quit":
                    Volatile.Write(ref _quitting, true);
                    foreach (var connection in connections)
                    {
                        await connection.DisposeAsync();
                    }

                    return 0;
            }
        }

        return 0;
    }

    /// <summary>A connection this process did not close itself: the driver counts these lines in the agents' logs.</summary>
    private static async Task Closed(Exception? exception)
    {
        if (!Volatile.Read(ref _quitting))
        {
            await Console.Error.WriteLineAsync($"{DateTime.UtcNow:HH:mm:ss} connection closed: {exception?.GetType().Name}: {exception?.Message}");
        }
    }

    private static async Task<List<T>> ConnectAll<T>(int count, Func<int, Task<T>> connect)
    {
        // Indexed, not bagged: the parent names a voter by its place in this process's share.
        var clients = new T[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                clients[i] = await connect(i);
                if ((i + 1) % 500 == 0)
                {
                    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} connected and joined about {i + 1} of {count}"));
                }
            }
        }));
        return [.. clients];
    }

    /// <summary>How many of this process's clients have each event, and when the first had it; the moment the last one had it is reported once.</summary>
    private sealed class LocalReceipts(int clients)
    {
        private ConcurrentDictionary<long, (int Count, long First)> _receipts = new();

        public void Reset() => _receipts = new ConcurrentDictionary<long, (int Count, long First)>();

        public int Count(long sequence) => _receipts.GetValueOrDefault(sequence).Count;

        public void Received(long sequence)
        {
            var now = Stopwatch.GetTimestamp();
            var (count, first) = _receipts.AddOrUpdate(sequence, (1, now), (_, held) => (held.Count + 1, held.First));
            if (count == clients)
            {
                Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done {sequence} {now} {first}"));
            }
        }
    }
}
