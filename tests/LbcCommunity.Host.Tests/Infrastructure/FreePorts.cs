using System.Net;
using System.Net.Sockets;

namespace LbcCommunity.Host.Tests.Infrastructure;

/// <summary>
/// Loopback ports no other listener holds, each handed to one listener of the test run only. They come from below the
/// kernel's ephemeral range: a port the OS hands out for "any free port" is also what it gives outgoing connections, so
/// between being picked and being bound such a port could be taken by one (a silo once failed to start with "address
/// already in use" that way). Each test process starts at its own random place in the range, so the test projects,
/// which run side by side, rarely meet; a port another process holds is skipped because it cannot be bound.
/// </summary>
internal static class FreePorts
{
    private const int First = 20000;

    private static readonly object Gate = new();

    private static readonly int Last = EphemeralStart() - 1;

    private static int _next = First + Random.Shared.Next(Last - First);

    public static int Next()
    {
        lock (Gate)
        {
            for (var tried = 0; tried <= Last - First; tried++)
            {
                var port = _next;
                _next = _next >= Last ? First : _next + 1;
                if (Bindable(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {Last}.");
    }

    private static bool Bindable(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Where the kernel's ephemeral ports begin (Linux: net.ipv4.ip_local_port_range), 32768 when unknown.</summary>
    private static int EphemeralStart()
    {
        const string Range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(Range) && int.TryParse(File.ReadAllText(Range).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], out var start) && start > First + 1000
            ? start
            : 32768;
    }
}
