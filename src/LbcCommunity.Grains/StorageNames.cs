namespace LbcCommunity.Grains;

/// <summary>The names under which grains find their storage providers.</summary>
public static class StorageNames
{
    /// <summary>The grain-state store: SQLite in the embedded default, PostgreSQL in a cluster.</summary>
    public const string Grains = "lbc";
}
