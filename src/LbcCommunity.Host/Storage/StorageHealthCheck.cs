using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LbcCommunity.Host.Storage;

/// <summary>
/// Ready when the store answers a query over the project's schema: the SQLite file opens (it is
/// never created here) or PostgreSQL accepts a connection, and the provider queries are installed.
/// </summary>
internal sealed class StorageHealthCheck(StorageOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await StorageConnections.OpenAsync(options, createIfMissing: false, cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM OrleansQuery";
            var queries = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            return queries > 0
                ? HealthCheckResult.Healthy($"{options.Mode} store reachable ({queries} provider queries installed).")
                : HealthCheckResult.Unhealthy($"{options.Mode} store reachable but no provider queries are installed; run the migrations.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"{options.Mode} store unreachable: {exception.Message}", exception);
        }
    }
}
