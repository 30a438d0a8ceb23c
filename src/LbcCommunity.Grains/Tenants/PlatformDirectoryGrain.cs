namespace LbcCommunity.Grains.Tenants;

[GenerateSerializer]
public sealed class PlatformDirectoryState
{
    [Id(0)] public List<string> TenantIds { get; set; } = [];
}

/// <summary>The platform's list of tenant ids.</summary>
internal sealed class PlatformDirectoryGrain(
    [PersistentState("platform", StorageNames.Grains)] IPersistentState<PlatformDirectoryState> state)
    : PersistentGrain<PlatformDirectoryState>(state), IPlatformDirectoryGrain
{
    public async Task Add(string tenantId)
    {
        if (!State.TenantIds.Contains(tenantId))
        {
            State.TenantIds.Add(tenantId);
            await Save();
        }
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>([.. State.TenantIds]);
}
