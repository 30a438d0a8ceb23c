using LbcCommunity.Host.Tests.Infrastructure;
using Npgsql;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>The real host in cluster mode: membership, grain state and reminders in PostgreSQL.</summary>
public sealed class ClusterModeTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Host_in_cluster_mode_keeps_the_state_in_postgresql_across_a_restart()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var folder = new TemporaryFolder();
        var settings = LbcHostFactory.ClusterSettings(database);
        string state;
        await using (var first = new LbcHostFactory(folder.Path, settings))
        {
            var api = first.Api();
            state = await ApiWorld.NewStateWithTeam(api);
            Assert.Equal("Healthy", await api.Http.GetStringAsync("/health/ready"));
        }

        await using var second = new LbcHostFactory(folder.Path, settings);
        var again = second.Api();

        Assert.Equal("CAFÉ", (await again.GetTeamAsync(state, "cafe")).Name);
        Assert.Equal("west", (await again.GetDistrictAsync(state, "meriwether")).RegionId);
        Assert.False(File.Exists(Path.Combine(folder.Path, "lbc.db")), "Cluster mode writes nothing to the embedded SQLite file.");
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM orleansstorage WHERE graintypestring LIKE '%team%'", connection);
        Assert.True((long)(await count.ExecuteScalarAsync())! >= 1, "team state rows are in PostgreSQL");
    }
}
