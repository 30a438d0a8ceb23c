using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// How <c>/hubs/convening</c> is served: stateful reconnect allowed, with a transport buffer sized so that SignalR never
/// has two flushes waiting on one connection (which it answers by dropping the connection).
/// </summary>
/// <remarks>
/// SignalR 10's stateful-reconnect buffer (<c>MessageBuffer</c>) lets go of its write lock before it awaits a write's
/// flush, and its once-a-second timer that acknowledges the client's messages flushes the same pipe under that lock.
/// When the outgoing pipe holds more than <see cref="HttpConnectionDispatcherOptions.TransportMaxBufferSize"/> (64 KB
/// by default) a flush waits; if the ack timer flushes meanwhile, the pipe fails the connection ("Concurrent reads or
/// writes are not supported"). At 5,000 participants that happened while they joined: each join's answer carries the
/// whole participant list (hundreds of KB), and the transports lag behind on two busy cores. Reproduced without our code
/// by <c>bench … stateful-reconnect-repro</c>; see docs/benchmarks.md.
/// The pipe never holds more than the client has not yet acknowledged, and the stateful-reconnect buffer makes the
/// writer wait for acknowledgements once that passes <see cref="StatefulReconnectBufferSize"/>; so a transport buffer
/// larger than that plus the largest single message never makes a flush wait on a stateful-reconnect connection.
/// </remarks>
internal static class ConveningEndpoint
{
    /// <summary>
    /// Bytes sent but not yet acknowledged, per stateful-reconnect connection, before sends to it wait for the client's
    /// next acknowledgement (clients acknowledge once a second; SignalR drops a connection that stays over for 5 s,
    /// letting it reconnect). SignalR's default, 100 KB, is less than one join's answer beyond ~700 participants, so every
    /// join held that participant's events back until the next ack, and at 5,000 participants, with the load generator
    /// behind, about 200 connections were dropped. 1 MiB holds a join's answer for ~7,000 participants; for events
    /// shared by a group the buffer keeps a reference to the one serialized copy, not a copy per connection.
    /// </summary>
    public const long StatefulReconnectBufferSize = 1024 * 1024;

    /// <summary>
    /// Room for the largest single message: a join's or resume's snapshot, about 150 bytes per participant, so 2 MiB holds
    /// a convening of more than 13,000 people.
    /// </summary>
    public const long LargestMessage = 2 * 1024 * 1024;

    public static void ConfigureHubs(HubOptions hubs) => hubs.StatefulReconnectBufferSize = StatefulReconnectBufferSize;

    /// <summary>The setting that overrides <see cref="TransportBufferSize"/> (bytes).</summary>
    public const string TransportBufferSetting = "Hubs:ConveningTransportBufferBytes";

    /// <summary>The transport buffer per connection: the stateful-reconnect buffer plus the largest message.</summary>
    public const long TransportBufferSize = StatefulReconnectBufferSize + LargestMessage;

    /// <param name="endpoint">The hub's endpoint options.</param>
    /// <param name="transportBufferSize">
    /// Bytes a connection may have waiting to be sent before sends to it wait. A client without stateful reconnect that
    /// stops reading can hold this much of the server's memory until it catches up or its connection times out.
    /// Lower it only for clients without stateful reconnect (which then risk the abort described above).
    /// </param>
    public static void Configure(HttpConnectionDispatcherOptions endpoint, long transportBufferSize = TransportBufferSize)
    {
        endpoint.AllowStatefulReconnects = true;
        endpoint.TransportMaxBufferSize = transportBufferSize;
    }
}
