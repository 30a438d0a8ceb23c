using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using LbcCommunity.Client;
using LbcCommunity.Convenings;
using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>On a real socket: a participant whose client stops reading does not hold up everyone else's events.</summary>
public sealed class SlowClientTests
{
    [Fact]
    public async Task A_client_that_stops_reading_cannot_stall_the_broadcast_to_the_others()
    {
        using var folder = new TemporaryFolder();
        // SignalR's default transport buffer (64 KB) rather than the product's 3 MiB, so the answers below (~300 KB)
        // back up on the stalled connection: the broadcast to the others must not wait for it.
        // The web app's redirect URI is registered per origin: the port is chosen first so the origin is known.
        var port = FreePorts.Next();
        await using var host = new LbcHostFactory(folder.Path, new Dictionary<string, string?>
        {
            [LbcCommunity.Host.Hubs.ConveningEndpoint.TransportBufferSetting] = "65536",
            ["Identity:WebOrigins:1"] = $"http://127.0.0.1:{port}",
            ["Identity:WebOrigins:2"] = $"http://localhost:{port}",
        });
        host.StartOnKestrel(port);
        // Kestrel, not the test server: the API, signing in and the hub all go over real sockets.
        var api = host.Api();
        var session = await ConveningWorld.Plan(host, api);
        var planned = await api.CreateConveningAsync(session.State, new ConveningDraft
        {
            Title = "Questions",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = "cafe",
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.FourSimpleQuestions, Title = "Four Simple Questions" }],
        });
        var hubUrl = new Uri(host.ClientOptions.BaseAddress, "/hubs/convening");
        // One code for everyone invited; each guest exchanges it for a token of their own.
        var code = (await ConveningWorld.IssueJoinCode(host, session.FacilitatorToken, session.State, planned.Id)).Code;

        using var stalled = await JoinAndStopReading(hubUrl, await host.GuestToken(code, "Stops reading"), session.State, planned.Id);
        await using var facilitator = Client(hubUrl, session.FacilitatorToken);
        var stalledJoined = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        facilitator.EventReceived += e =>
        {
            if (e.Participant?.DisplayName == "Stops reading")
            {
                stalledJoined.TrySetResult();
            }
        };
        await facilitator.StartAsync();
        var asFacilitator = await facilitator.JoinAsync(session.State, planned.Id, new JoinRequest { MemberId = session.FacilitatorId });
        if (asFacilitator.Snapshot.Participants.Any(p => p.DisplayName == "Stops reading") || (asFacilitator.Events ?? []).Any(e => e.Participant?.DisplayName == "Stops reading"))
        {
            stalledJoined.TrySetResult();
        }

        // The client that stops reading is in the room (signed in as a guest), so every event is sent to it too.
        await stalledJoined.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await using var reader = Client(hubUrl, await host.GuestToken(code, "Reads everything"));
        var last = 0L;
        reader.EventReceived += e => Interlocked.Exchange(ref last, Math.Max(Interlocked.Read(ref last), e.Sequence));
        await reader.StartAsync();
        await reader.JoinAsync(session.State, planned.Id, new JoinRequest());

        await facilitator.StartActivityAsync(session.State, planned.Id, "item-1");
        // Eight writers, each within its rate limit, send ~300 KB of answers that the stalled client never reads.
        var writers = new List<ConveningClient>();
        for (var w = 0; w < 8; w++)
        {
            var writer = Client(hubUrl, await host.GuestToken(code, $"Writer {w}"));
            await writer.StartAsync();
            await writer.JoinAsync(session.State, planned.Id, new JoinRequest());
            writers.Add(writer);
        }

        var acks = await Task.WhenAll(writers.Select(async (writer, w) =>
        {
            ActionAck latest = null!;
            for (var i = 0; i < 35; i++)
            {
                latest = await writer.AnswerQuestionAsync(session.State, planned.Id, (i % 4) + 1, new string('a', 990) + $"{w}-{i}");
            }

            return latest;
        }));
        var ack = acks.MaxBy(a => a.Sequence)!;

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Interlocked.Read(ref last) < ack.Sequence && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(ack.Sequence, Interlocked.Read(ref last));
        Assert.Equal(WebSocketState.Open, stalled.State);
        foreach (var writer in writers)
        {
            await writer.DisposeAsync();
        }
    }

    /// <summary>A hub client over a real socket that sends <paramref name="accessToken"/>.</summary>
    private static ConveningClient Client(Uri hubUrl, string accessToken) =>
        new(hubUrl, options => options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken));

    /// <summary>
    /// Speaks WebSocket and the SignalR JSON protocol far enough to join (signed in with <paramref name="accessToken"/>),
    /// over a socket with a 4 KB receive buffer, then never reads again: the server's sends to it back up at once.
    /// </summary>
    private static async Task<WebSocket> JoinAndStopReading(Uri hubUrl, string accessToken, string tenantId, string conveningId)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(hubUrl.Host, hubUrl.Port);
        var stream = new NetworkStream(socket, ownsSocket: true);
        var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"GET {hubUrl.AbsolutePath} HTTP/1.1\r\nHost: {hubUrl.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Authorization: Bearer {accessToken}\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        var response = new StringBuilder();
        var one = new byte[1];
        while (!response.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one) == 1)
        {
            response.Append((char)one[0]);
        }

        Assert.StartsWith("HTTP/1.1 101", response.ToString(), StringComparison.Ordinal);
        var webSocket = WebSocket.CreateFromStream(stream, isServer: false, subProtocol: null, keepAliveInterval: TimeSpan.FromSeconds(30));
        await Send(webSocket, "{\"protocol\":\"json\",\"version\":1}\u001e");
        await webSocket.ReceiveAsync(new byte[4096], CancellationToken.None);
        await Send(webSocket, $"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"Join\",\"arguments\":[\"{tenantId}\",\"{conveningId}\",{{}}]}}\u001e");
        return webSocket;
    }

    private static Task Send(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
}
