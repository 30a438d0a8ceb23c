using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orleans.Storage;

namespace LbcCommunity.Host.Storage;

/// <summary>
/// Lets one grain-state write at a time reach the SQLite file. SQLite allows one writer; concurrent writers from the
/// silo's threads otherwise collide, and the driver answers a busy database by sleeping 150 ms before it retries,
/// which turned a sub-millisecond write into a 150 ms one under load. Reads go straight through (WAL lets them run
/// beside the writer). Only the embedded store uses this: PostgreSQL takes concurrent writers.
/// The gate is the embedded store's ceiling (every acknowledged rating is one write through it), so it reports how
/// long writes wait for it and hold it (<see cref="MeterName"/>): held close to all the time means the store is the limit.
/// </summary>
internal sealed class SingleWriterGrainStorage(IGrainStorage inner) : IGrainStorage, IDisposable
{
    /// <summary>The meter of the gate's instruments, exported with the host's other metrics.</summary>
    public const string MeterName = "LbcCommunity.Storage";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> Waited = Meter.CreateHistogram<double>(
        "lbc.storage.write.wait", "ms", "How long a grain-state write waited for the embedded store's single writer.");

    private static readonly Histogram<double> Held = Meter.CreateHistogram<double>(
        "lbc.storage.write.duration", "ms", "How long a grain-state write held the embedded store's single writer.");

    private readonly SemaphoreSlim _writer = new(1, 1);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var queued = Stopwatch.GetTimestamp();
        await _writer.WaitAsync();
        var entered = Stopwatch.GetTimestamp();
        try
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
        }
        finally
        {
            _writer.Release();
            Waited.Record(Stopwatch.GetElapsedTime(queued, entered).TotalMilliseconds);
            Held.Record(Stopwatch.GetElapsedTime(entered).TotalMilliseconds);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _writer.WaitAsync();
        try
        {
            await inner.ClearStateAsync(stateName, grainId, grainState);
        }
        finally
        {
            _writer.Release();
        }
    }

    public void Dispose() => _writer.Dispose();
}
