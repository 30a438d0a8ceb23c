using LbcCommunity.Identity.Server;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LbcCommunity.Identity.Store;

/// <summary>
/// Creates the identity tables when they are missing and registers the first-party clients, before the host serves
/// requests. The tables follow OpenIddict's Entity Framework Core model of the pinned package version; an upgrade
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
            await CreatePostgresTables(db, cancellationToken);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(store.SqlitePath!))!);
            await db.Database.EnsureCreatedAsync(cancellationToken);
        }

        await scope.ServiceProvider.GetRequiredService<ClientRegistrar>().RegisterFirstPartyClients(cancellationToken);
    }

    private async Task CreatePostgresTables(LbcIdentityDbContext db, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(store.PostgresConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var locking = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", connection))
        {
            await locking.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await using var exists = new NpgsqlCommand($"SELECT to_regclass('{LbcIdentityDbContext.Schema}.\"OpenIddictApplications\"') IS NOT NULL", connection);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                await using var schema = new NpgsqlCommand($"CREATE SCHEMA IF NOT EXISTS {LbcIdentityDbContext.Schema}", connection);
                await schema.ExecuteNonQueryAsync(cancellationToken);
                await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(cancellationToken);
            }
        }
        finally
        {
            await using var unlocking = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", connection);
            await unlocking.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
