using System.Globalization;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Clustering.AzureStorage;

namespace LbcCommunity.Host.Storage;

/// <summary>
/// Ready when the store answers a query over the project's schema: the SQLite file opens (it is
/// never created here) or PostgreSQL accepts a connection, and the provider queries are installed.
/// In Azure mode: PostgreSQL answers, the membership table can be read and the grain state container exists.
/// </summary>
internal sealed class StorageHealthCheck(StorageOptions options) : IHealthCheck
{
    // Built once: the clients (and a managed identity's cached token) outlive a probe.
    private readonly Lazy<(TableServiceClient Tables, BlobServiceClient Blobs)> _azure = new(() =>
    {
        var credential = AzureStorageClients.UsesConnectionString(options.Azure) ? null : AzureStorageClients.Credential(options.Azure);
        return (AzureStorageClients.Tables(options.Azure, credential), AzureStorageClients.Blobs(options.Azure, credential));
    });

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return options.Mode == StorageMode.Azure
                ? await CheckAzureAsync(cancellationToken).ConfigureAwait(false)
                : await CheckRelationalAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{options.Mode} store unreachable: {exception.Message}", exception);
        }
    }

    private async Task<HealthCheckResult> CheckRelationalAsync(CancellationToken cancellationToken)
    {
        await using var connection = await StorageConnections.OpenAsync(options, createIfMissing: false, cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM OrleansQuery";
        var queries = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        return queries > 0
            ? HealthCheckResult.Healthy($"{options.Mode} store reachable ({queries} provider queries installed).")
            : HealthCheckResult.Unhealthy($"{options.Mode} store reachable but no provider queries are installed; run the migrations.");
    }

    /// <summary>
    /// Reads what the silo itself reads and writes, with the data-plane rights the silo has (no account-level call a
    /// managed identity with only the data roles could not make).
    /// </summary>
    private async Task<HealthCheckResult> CheckAzureAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await StorageConnections.OpenAsync(options, createIfMissing: false, cancellationToken).ConfigureAwait(false))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }

        var (tables, blobs) = _azure.Value;
        var membership = tables.GetTableClient(AzureStorageClusteringOptions.DEFAULT_TABLE_NAME);
        await foreach (var _ in membership.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            break;
        }

        var container = AzureStorageClients.GrainStateContainer(options);
        return (await blobs.GetBlobContainerClient(container).ExistsAsync(cancellationToken).ConfigureAwait(false)).Value
            ? HealthCheckResult.Healthy($"Azure store reachable (PostgreSQL, table {membership.Name}, container {container}).")
            : HealthCheckResult.Unhealthy($"Azure store reachable but the grain state container {container} does not exist; the silo creates it when it starts.");
    }
}
