namespace LbcCommunity.Host.Storage;

/// <summary>
/// The storage account of <see cref="StorageMode.Azure"/>, bound from <c>Storage:Azure</c>. Either a connection string
/// (the emulator, or account keys) or the two service endpoints with a managed identity; never both, so that which one
/// is used is never a guess.
/// </summary>
public sealed class AzureStorageOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = StorageOptions.SectionName + ":Azure";

    /// <summary>A storage connection string (Azurite's, or one with an account key); when set, the endpoints below are not.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The Table service endpoint (<c>https://ACCOUNT.table.core.windows.net</c>), reached with a managed identity.</summary>
    public string? TableServiceUri { get; set; }

    /// <summary>The Blob service endpoint (<c>https://ACCOUNT.blob.core.windows.net</c>), reached with a managed identity.</summary>
    public string? BlobServiceUri { get; set; }

    /// <summary>
    /// The client id of a user-assigned managed identity. Set, the silo signs in as that identity only; unset, it uses
    /// <c>DefaultAzureCredential</c> (workload identity, the machine's identity, or a developer's sign-in).
    /// </summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>
    /// The blob container of grain state; by default <c>grains-</c> and the service id. The blob provider does not put the
    /// service id in a blob's name (the table providers do in their keys), so the container keeps services apart.
    /// </summary>
    public string? GrainStateContainer { get; set; }
}
