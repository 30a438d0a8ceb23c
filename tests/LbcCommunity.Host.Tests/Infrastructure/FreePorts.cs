using System.Net;
using System.Net.Sockets;

namespace LbcCommunity.Host.Tests.Infrastructure;

/// <summary>Loopback ports no other listener holds, each handed to one silo of the test run only.</summary>
internal static class FreePorts
{
    private static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        // The OS may hand the same ephemeral port out twice in a row once it is released.
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
