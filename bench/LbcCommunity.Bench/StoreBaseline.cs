using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace LbcCommunity.Bench;

/// <summary>
/// The raw store on the same machine in the same run: one-row upserts of a payload the size of a team's state, at the
/// same concurrency, as fast as they go. The product cannot store ratings faster than this.
/// </summary>
internal static class StoreBaseline
{
    public static async Task<Result> RunAsync(Func<DbConnection> connect, bool postgres, int writes, int concurrency, int payloadBytes)
    {
        await using (var setup = connect())
        {
            await setup.OpenAsync();
            await Execute(setup, postgres
                ? "DROP TABLE IF EXISTS bench_baseline; CREATE TABLE bench_baseline (id text PRIMARY KEY, payload bytea NOT NULL, version integer NOT NULL)"
                : "PRAGMA journal_mode=WAL; DROP TABLE IF EXISTS bench_baseline; CREATE TABLE bench_baseline (id text PRIMARY KEY, payload blob NOT NULL, version integer NOT NULL)");
        }

        var payload = new byte[payloadBytes];
        Random.Shared.NextBytes(payload);
        var latencies = new double[writes];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < writes)
            {
                var started = clock.Elapsed;
                await using var connection = connect();
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO bench_baseline (id, payload, version) VALUES (@id, @payload, 1) " +
                    "ON CONFLICT (id) DO UPDATE SET payload = excluded.payload, version = bench_baseline.version + 1";
                Add(command, "id", $"team-{i % 5000}");
                Add(command, "payload", payload);
                await command.ExecuteNonQueryAsync();
                latencies[i] = (clock.Elapsed - started).TotalMilliseconds;
            }
        }));
        var elapsed = clock.Elapsed;
        Array.Sort(latencies);
        return new Result(writes / elapsed.TotalSeconds, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99));
    }

    public static Func<DbConnection> Sqlite(string file) =>
        () => new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 30 }.ConnectionString);

    public static Func<DbConnection> Postgres(string connectionString) => () => new NpgsqlConnection(connectionString);

    private static async Task Execute(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    public sealed record Result(double WritesPerSecond, double P50Ms, double P99Ms);
}
