using System.Net;
using System.Net.Sockets;

namespace LbcCommunity.Browser.Tests.Infrastructure;

/// <summary>
/// A loopback TCP link between a browser and the host that a test can break the way a phone's network breaks.
/// Playwright's offline mode does not touch open WebSockets (microsoft/playwright#4910), so a participant who "goes
/// offline" connects through this link instead, and the link itself fails:
/// <list type="bullet">
/// <item><see cref="Stall"/>: bytes stop flowing both ways and new connections wait, with no reset (a train in a
/// tunnel); neither end learns of it until its own timeouts fire.</item>
/// <item><see cref="Cut"/>: every open connection is reset and new ones are refused for a while (the phone left the
/// Wi-Fi); both ends learn at once and the client reconnects when it can.</item>
/// </list>
/// </summary>
public sealed class NetworkLink : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<(TcpClient Browser, TcpClient Host)> _open = [];
    private readonly Task _accepting;
    private TaskCompletionSource _flowing = Open();
    private DateTimeOffset _refusingUntil = DateTimeOffset.MinValue;

    public NetworkLink(int port, int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        Port = port;
        _accepting = AcceptAsync();
    }

    /// <summary>The port the browser connects to (the origin <c>http://localhost:{Port}</c>).</summary>
    public int Port { get; }

    /// <summary>Stops every byte for <paramref name="duration"/>; the connections stay open and carry on afterwards.</summary>
    public async Task Stall(TimeSpan duration)
    {
        _flowing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Task.Delay(duration);
        _flowing.TrySetResult();
    }

    /// <summary>Resets every open connection and refuses new ones for <paramref name="duration"/>.</summary>
    public async Task Cut(TimeSpan duration)
    {
        _refusingUntil = DateTimeOffset.UtcNow + duration;
        List<(TcpClient Browser, TcpClient Host)> open;
        lock (_open)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var (browser, host) in open)
        {
            Reset(browser);
            Reset(host);
        }

        await Task.Delay(duration);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        _flowing.TrySetResult();
        lock (_open)
        {
            foreach (var (browser, host) in _open)
            {
                browser.Dispose();
                host.Dispose();
            }

            _open.Clear();
        }

        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }

    private static TaskCompletionSource Open()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient browser;
            try
            {
                browser = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = ServeAsync(browser);
        }
    }

    private async Task ServeAsync(TcpClient browser)
    {
        await _flowing.Task;
        if (DateTimeOffset.UtcNow < _refusingUntil)
        {
            Reset(browser);
            return;
        }

        var host = new TcpClient();
        try
        {
            await host.ConnectAsync(IPAddress.Loopback, _targetPort, _stopping.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            Reset(browser);
            host.Dispose();
            return;
        }

        lock (_open)
        {
            _open.Add((browser, host));
        }

        await Task.WhenAny(PumpAsync(browser, host), PumpAsync(host, browser));
        lock (_open)
        {
            _open.Remove((browser, host));
        }

        browser.Dispose();
        host.Dispose();
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var source = from.GetStream();
            var target = to.GetStream();
            while (true)
            {
                var read = await source.ReadAsync(buffer, _stopping.Token);
                if (read == 0)
                {
                    return;
                }

                // A stall holds what was read until the link flows again: nothing is lost, only late.
                await _flowing.Task;
                await target.WriteAsync(buffer.AsMemory(0, read), _stopping.Token);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException or InvalidOperationException)
        {
            // One side closed or was reset: the other is closed by ServeAsync.
        }
    }

    /// <summary>Closes with a TCP reset rather than a graceful FIN, as a dropped network looks to the other end.</summary>
    private static void Reset(TcpClient client)
    {
        try
        {
            // Null once the other pump has already closed this connection.
            if (client.Client is { } socket)
            {
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
            // Already gone.
        }

        client.Dispose();
    }
}
