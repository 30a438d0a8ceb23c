using System.Globalization;
using Npgsql;

namespace LbcCommunity.Host.Tests.Infrastructure;

/// <summary>
/// A fresh, uniquely named PostgreSQL database per fixture on the server named by
/// <c>LBC_TEST_POSTGRES</c> (an admin connection string), dropped afterwards.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "LBC_TEST_POSTGRES";

    private readonly List<string> _databases = [];
    private string? _adminConnectionString;

    /// <summary>The connection string of this fixture's own database.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(_adminConnectionString))
        {
            // Never skip silently: a missing server must fail the PostgreSQL tests loudly.
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. PostgreSQL tests need a server: run them with scripts/test, " +
                $"which starts a throwaway PostgreSQL, or set {EnvironmentVariable} to an admin connection string.");
        }

        ConnectionString = await CreateDatabaseAsync();
    }

    /// <summary>Creates one more empty database, dropped with the fixture, and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "lbc_test_" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        _databases.Add(name);
        // A session time zone far from UTC: a timestamp written or read as local time shows up as hours off.
        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name, Pooling = true, Timezone = "Pacific/Auckland" }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_adminConnectionString is null)
        {
            return;
        }

        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        foreach (var name in _databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
