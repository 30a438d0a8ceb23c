namespace LbcCommunity.Grains;

/// <summary>
/// A grain reference kept by a grain that calls the same other grain on every request (a team its initiative, tenant
/// and region): <see cref="IGrainFactory.GetGrain{TGrainInterface}(string, string)"/> resolves the interface's grain
/// type through reflection over its attributes on every call, about 2 % of the host's CPU at 2,000 ratings/s (perf,
/// docs/benchmarks.md). The reference is made again only when the key changes (a team moved to another region).
/// Not thread-safe; a grain's turns are not concurrent.
/// </summary>
internal sealed class GrainReference<TGrain>(IGrainFactory grains)
    where TGrain : IGrainWithStringKey
{
    private string? _key;
    private TGrain? _grain;

    public TGrain For(string key)
    {
        if (_grain is null || !string.Equals(_key, key, StringComparison.Ordinal))
        {
            _grain = grains.GetGrain<TGrain>(key);
            _key = key;
        }

        return _grain;
    }
}
