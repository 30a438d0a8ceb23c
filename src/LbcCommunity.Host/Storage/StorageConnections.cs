using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LbcCommunity.Host.Storage;

/// <summary>Connection strings and ADO.NET invariants of the configured store, in one place (Azure mode's relational part is PostgreSQL).</summary>
internal static class StorageConnections
{
    internal const string SqliteFileName = "lbc.db";

    // Orleans' own name for SQLite; its connection factory maps it to Microsoft.Data.Sqlite.
    internal const string SqliteInvariant = "System.Data.SQLite";

    internal const string PostgresInvariant = "Npgsql";

    internal static string Invariant(StorageOptions options) =>
        options.Mode == StorageMode.Embedded ? SqliteInvariant : PostgresInvariant;

    internal static void Validate(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Mode != StorageMode.Embedded && string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            throw new InvalidOperationException(
                $"{StorageOptions.SectionName}:{nameof(StorageOptions.PostgresConnectionString)} is required when " +
                $"{StorageOptions.SectionName}:{nameof(StorageOptions.Mode)} is {options.Mode}" +
                (options.Mode == StorageMode.Azure ? " (OpenIddict's stores stay relational)." : "."));
        }

        if (options.Mode == StorageMode.Azure)
        {
            AzureStorageClients.Validate(options);
        }

        if (options.GatewayPort is < 0 or > 65535)
        {
            throw new InvalidOperationException(
                $"{StorageOptions.SectionName}:{nameof(StorageOptions.GatewayPort)} is {options.GatewayPort}: a TCP port (1-65535), or 0 for no gateway.");
        }

        if (options.Mode == StorageMode.Embedded && string.IsNullOrWhiteSpace(options.DataFolder))
        {
            throw new InvalidOperationException(
                $"{StorageOptions.SectionName}:{nameof(StorageOptions.DataFolder)} must name a folder in {StorageMode.Embedded} mode.");
        }
    }

    internal static string SqliteFilePath(StorageOptions options) =>
        Path.GetFullPath(Path.Combine(options.DataFolder, SqliteFileName));

    /// <param name="options">The storage options.</param>
    /// <param name="createIfMissing">Only the migrator creates the file; readers must not conjure an empty one.</param>
    internal static string SqliteConnectionString(StorageOptions options, bool createIfMissing = true) =>
        new SqliteConnectionStringBuilder
        {
            DataSource = SqliteFilePath(options),
            Mode = createIfMissing ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy or locked database until this many seconds have
            // passed; in one process that covers a grain write waiting for another's commit.
            DefaultTimeout = 30,
        }.ToString();

    internal static string ConnectionString(StorageOptions options) =>
        options.Mode == StorageMode.Embedded ? SqliteConnectionString(options) : options.PostgresConnectionString!;

    internal static async Task<DbConnection> OpenAsync(
        StorageOptions options, bool createIfMissing, CancellationToken cancellationToken)
    {
        DbConnection connection = options.Mode == StorageMode.Embedded
            ? new SqliteConnection(SqliteConnectionString(options, createIfMissing))
            : new NpgsqlConnection(options.PostgresConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
