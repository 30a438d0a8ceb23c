namespace LbcCommunity.Grains;

/// <summary>
/// The platform's list of tenants. Its key is <see cref="Key"/>; only calls made with platform rights reach it.
/// </summary>
public interface IPlatformDirectoryGrain : IGrainWithStringKey, IPlatformGrain
{
    /// <summary>The one key of this grain.</summary>
    const string Key = "platform";

    /// <summary>Reserves a tenant id in the list (idempotent).</summary>
    Task Add(string tenantId);

    /// <summary>The ids of every tenant, in order.</summary>
    Task<IReadOnlyList<string>> List();
}

/// <summary>Marks a grain that belongs to the platform rather than a tenant: only platform calls reach it.</summary>
public interface IPlatformGrain;
