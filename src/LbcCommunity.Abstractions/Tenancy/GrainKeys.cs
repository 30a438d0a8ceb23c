namespace LbcCommunity.Tenancy;

/// <summary>
/// Grain keys of tenant-owned grains: the tenant id, then <c>/</c>, then the local id
/// (<c>ga/graduatefirst</c>). A tenant's own grain is keyed by the tenant id alone.
/// </summary>
public static class GrainKeys
{
    /// <summary>Separates the tenant id from the local id in a grain key.</summary>
    public const char Separator = '/';

    /// <summary>The key of the tenant-owned entity <paramref name="localId"/>.</summary>
    public static string Of(string tenantId, string localId) => string.Concat(tenantId, "/", localId);

    /// <summary>The key of something that belongs to <paramref name="parentId"/> within a tenant (a region of an initiative).</summary>
    public static string Of(string tenantId, string parentId, string localId) => string.Concat(tenantId, "/", parentId, "/", localId);

    /// <summary>The tenant id a grain key starts with.</summary>
    public static string TenantOf(string grainKey)
    {
        var separator = grainKey.IndexOf(Separator, StringComparison.Ordinal);
        return separator < 0 ? grainKey : grainKey[..separator];
    }

    /// <summary>The local id of a tenant-owned grain key (after the tenant id).</summary>
    public static string LocalIdOf(string grainKey)
    {
        var separator = grainKey.IndexOf(Separator, StringComparison.Ordinal);
        return separator < 0 ? string.Empty : grainKey[(separator + 1)..];
    }
}
