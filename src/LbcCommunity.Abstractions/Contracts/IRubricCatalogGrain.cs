using Orleans.Concurrency;
using LbcCommunity.Rubrics;

namespace LbcCommunity.Contracts;

/// <summary>The published versions of a tenant's rubric. Keyed by the tenant id. Versions never change once published.</summary>
public interface IRubricCatalogGrain : IGrainWithStringKey
{
    /// <summary>Publishes the default rubric as version 1 if nothing is published yet (idempotent).</summary>
    Task EnsureDefault();

    /// <summary>Publishes a new version, numbered one past the newest.</summary>
    Task<RubricVersion> Publish(RubricDraft draft);

    /// <summary>A published version; not found when it does not exist.</summary>
    [AlwaysInterleave]
    Task<RubricVersion> GetVersion(int version);

    /// <summary>The newest published version number.</summary>
    [AlwaysInterleave]
    Task<int> LatestVersion();

    [AlwaysInterleave]
    Task<IReadOnlyList<RubricVersionSummary>> List();
}
