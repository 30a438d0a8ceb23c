using LbcCommunity.Identity.Server;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LbcCommunity.Identity.Store;

/// <summary>
/// Creates the identity tables when they are missing and registers the first-party clients, before the host serves
/// requests; adds each host's web origins once it listens. The tables follow OpenIddict's Entity Framework Core model of the pinned package version; an upgrade
/// that changes that model brings an EF Core migration (docs/storage.md).
/// </summary>
internal sealed class IdentityStoreInitializer(IServiceProvider services, IdentityStore store)
{
    // Any fixed number: silos starting together take turns creating the tables.
    private const long AdvisoryLockKey = 0x4C4243_1D;

    public async Task Initialize(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LbcIdentityDbContext>();
        if (store.IsCluster)
        {
            // Silos starting together take turns: creating the tables, then reading and writing the web app's registration.
            await using var held = await TakeTurn(cancellationToken);
            await CreatePostgresTables(db, held.Connection, cancellationToken);
            await scope.ServiceProvider.GetRequiredService<ClientRegistrar>().RegisterFirstPartyClients(cancellationToken);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(store.SqlitePath!))!);
        await db.Database.EnsureCreatedAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<ClientRegistrar>().RegisterFirstPartyClients(cancellationToken);
    }

    /// <summary>
    /// Once the host listens: adds its origins to the web app's registration (see
    /// <see cref="ClientRegistrar.RegisterHostOrigins"/>), in turn with the other silos of a cluster.
    /// </summary>
    public async Task<IReadOnlyList<DifferingWebOrigins>> RegisterHostOrigins(string hostKey, IEnumerable<string> listeningAddresses, Func<string, bool> isRunning, CancellationToken cancellationToken)
    {
        await using var held = store.IsCluster ? await TakeTurn(cancellationToken) : null;
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ClientRegistrar>().RegisterHostOrigins(hostKey, listeningAddresses, isRunning, cancellationToken);
    }

    private static async Task CreatePostgresTables(LbcIdentityDbContext db, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var exists = new NpgsqlCommand($"SELECT to_regclass('{LbcIdentityDbContext.Schema}.\"OpenIddictApplications\"') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
        {
            await using var schema = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS {LbcIdentityDbContext.Schema}", connection);
            await schema.ExecuteNonQueryAsync(cancellationToken);
            await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(cancellationToken);
        }
    }

    private async Task<AdvisoryLock> TakeTurn(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(store.PostgresConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var locking = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", connection);
            await locking.ExecuteNonQueryAsync(cancellationToken);
            return new AdvisoryLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The session-level advisory lock, held while its connection is open.</summary>
    private sealed class AdvisoryLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public NpgsqlConnection Connection => connection;

        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var unlocking = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", connection);
                await unlocking.ExecuteNonQueryAsync(CancellationToken.None);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
