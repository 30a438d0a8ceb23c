using Orleans.Storage;

namespace LbcCommunity.Host.Storage;

/// <summary>
/// Lets one grain-state write at a time reach the SQLite file. SQLite allows one writer; concurrent writers from the
/// silo's threads otherwise collide, and the driver answers a busy database by sleeping 150 ms before it retries,
/// which turned a sub-millisecond write into a 150 ms one under load. Reads go straight through (WAL lets them run
/// beside the writer). Only the embedded store uses this: PostgreSQL takes concurrent writers.
/// </summary>
internal sealed class SingleWriterGrainStorage(IGrainStorage inner) : IGrainStorage, IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _writer.WaitAsync();
        try
        {
            await inner.WriteStateAsync(stateName, grainId, grainState);
        }
        finally
        {
            _writer.Release();
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
