namespace LbcCommunity.Host.Storage;

/// <summary>Where the silo keeps its durable state.</summary>
public enum StorageMode
{
    /// <summary>One machine, no setup: localhost clustering and a SQLite file for grain state and reminders.</summary>
    Embedded,

    /// <summary>A cluster of silos sharing PostgreSQL for membership, grain state and reminders.</summary>
    Cluster,

    /// <summary>
    /// A cluster on Azure Storage: membership and reminders in Table storage, grain state in Blob storage; PostgreSQL
    /// keeps only what must stay relational (OpenIddict's stores). See docs/architecture.md, "Where the data lives".
    /// </summary>
    Azure,
}

/// <summary>Storage and clustering settings, bound from the configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Storage";

    /// <summary>Embedded (SQLite, single silo) or Cluster (PostgreSQL).</summary>
    public StorageMode Mode { get; set; } = StorageMode.Embedded;

    /// <summary>Embedded mode: the folder of the SQLite file <c>lbc.db</c>; created if missing.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Cluster and Azure mode: the PostgreSQL connection string (required).</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The Orleans cluster id: silos with the same id form one cluster.</summary>
    public string ClusterId { get; set; } = "lbc";

    /// <summary>The Orleans service id: grain state and reminders are keyed by it and survive redeployments.</summary>
    public string ServiceId { get; set; } = "lbc-community";

    /// <summary>
    /// The port silos talk to each other on. Private: a silo trusts what arrives on it (the tenant of a call among it),
    /// so only the cluster's own hosts may reach it.
    /// </summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>
    /// The port external Orleans clients connect to; 0 (the default) opens no gateway. The co-hosted API needs none, and
    /// a client on the gateway sets the tenant of its calls itself (RequestContext), so open one only for a trusted
    /// client on a private network.
    /// </summary>
    public int GatewayPort { get; set; }

    /// <summary>Cluster and Azure mode: the address other silos reach this one on; 127.0.0.1 when not set.</summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>Azure mode: where the storage account is and how to sign in to it (section <c>Storage:Azure</c>).</summary>
    public AzureStorageOptions Azure { get; set; } = new();
}
