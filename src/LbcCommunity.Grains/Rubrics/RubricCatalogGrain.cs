using Microsoft.Extensions.DependencyInjection;
using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Rubrics;

namespace LbcCommunity.Grains.Rubrics;

[GenerateSerializer]
internal sealed class RubricCatalogState
{
    /// <summary>Published versions, oldest first; version n is at index n-1.</summary>
    [Id(0)] public List<RubricVersion> Versions { get; set; } = [];
}

/// <summary>A tenant's published rubric versions. Append-only: a version never changes once published.</summary>
internal sealed class RubricCatalogGrain(
    [PersistentState("rubrics", StorageNames.Grains)] IPersistentState<RubricCatalogState> state,
    [FromKeyedServices(DomainClock.Key)] TimeProvider time) : PersistentGrain<RubricCatalogState>(state), IRubricCatalogGrain
{
    public async Task EnsureDefault()
    {
        if (State.Versions.Count == 0)
        {
            State.Versions.Add(DefaultRubric.Create(time.GetUtcNow()));
            await Save();
        }
    }

    public async Task<RubricVersion> Publish(RubricDraft draft)
    {
        var rows = RubricRules.ToRows(draft);
        await EnsureDefault();
        var version = new RubricVersion
        {
            Version = State.Versions.Count + 1,
            Name = draft.Name!.Trim(),
            Description = draft.Description,
            Rows = rows,
            PublishedAt = time.GetUtcNow(),
        };
        State.Versions.Add(version);
        await Save();
        return version;
    }

    public Task<RubricVersion> GetVersion(int version) =>
        version >= 1 && version <= State.Versions.Count
            ? Task.FromResult(State.Versions[version - 1])
            : throw new EntityNotFoundException("Rubric version", version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task<int> LatestVersion() => Task.FromResult(Math.Max(State.Versions.Count, DefaultRubric.Version));

    public Task<IReadOnlyList<RubricVersionSummary>> List() =>
        Task.FromResult<IReadOnlyList<RubricVersionSummary>>(
        [
            .. State.Versions.Select(v => new RubricVersionSummary { Version = v.Version, Name = v.Name, RowCount = v.Rows.Count, PublishedAt = v.PublishedAt }),
        ]);
}
