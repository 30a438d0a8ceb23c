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
        await using var host = new LbcHostFactory(folder.Path);
        host.UseKestrel(0);
        host.StartServer();
        var api = new LbcCommunityClient(new HttpClient { BaseAddress = host.ClientOptions.BaseAddress });
        var session = await ConveningWorld.Plan(api);
        var planned = await api.CreateConveningAsync(session.State, new ConveningDraft
        {
            Title = "Questions",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = "cafe",
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.FourSimpleQuestions, Title = "Four Simple Questions" }],
        });
        var hubUrl = new Uri(host.ClientOptions.BaseAddress, "/hubs/convening");

        using var stalled = await JoinAndStopReading(hubUrl, session.State, planned.Id);
        await using var facilitator = new ConveningClient(hubUrl);
        await facilitator.StartAsync();
        await facilitator.JoinAsync(session.State, planned.Id, new JoinRequest { MemberId = session.FacilitatorId });
        await using var reader = new ConveningClient(hubUrl);
        var last = 0L;
        reader.EventReceived += e => Interlocked.Exchange(ref last, Math.Max(Interlocked.Read(ref last), e.Sequence));
        await reader.StartAsync();
        await reader.JoinAsync(session.State, planned.Id, new JoinRequest { GuestName = "Reads everything" });

        await facilitator.StartActivityAsync(session.State, planned.Id, "item-1");
        // Eight writers, each within its rate limit, send ~300 KB of answers that the stalled client never reads.
        var writers = new List<ConveningClient>();
        for (var w = 0; w < 8; w++)
        {
            var writer = new ConveningClient(hubUrl);
            await writer.StartAsync();
            await writer.JoinAsync(session.State, planned.Id, new JoinRequest { GuestName = $"Writer {w}" });
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

    /// <summary>
    /// Speaks WebSocket and the SignalR JSON protocol far enough to join, over a socket with a 4 KB receive buffer, then
    /// never reads again: the server's sends to it back up at once.
    /// </summary>
    private static async Task<WebSocket> JoinAndStopReading(Uri hubUrl, string tenantId, string conveningId)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await socket.ConnectAsync(hubUrl.Host, hubUrl.Port);
        var stream = new NetworkStream(socket, ownsSocket: true);
        var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"GET {hubUrl.AbsolutePath} HTTP/1.1\r\nHost: {hubUrl.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"));
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
        await Send(webSocket, $"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"Join\",\"arguments\":[\"{tenantId}\",\"{conveningId}\",{{\"guestName\":\"Stops reading\"}}]}}\u001e");
        return webSocket;
    }

    private static Task Send(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
}
