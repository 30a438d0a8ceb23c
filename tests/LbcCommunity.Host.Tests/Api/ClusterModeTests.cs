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

    [Fact]
    public async Task A_long_convenings_log_pages_in_postgresql_bring_back_missed_events_and_earlier_action_ids_after_a_restart()
    {
        using var folder = new TemporaryFolder();
        await ConveningWorld.LongConveningAcrossARestart(folder.Path, LbcHostFactory.ClusterSettings(await postgres.CreateDatabaseAsync()));
    }

    [Fact]
    public async Task A_cluster_has_no_development_sign_in_unless_it_is_turned_on_and_refuses_to_start_without_token_keys()
    {
        var database = await postgres.CreateDatabaseAsync();
        using var folder = new TemporaryFolder();
        var settings = LbcHostFactory.ClusterSettings(database);
        // The test hosts turn the development sign-in on; this one leaves the cluster's default.
        settings["Identity:DevelopmentSignIn"] = null;
        await using var cluster = new LbcHostFactory(folder.Path, settings);
        using var browser = cluster.Browser();

        var page = await browser.GetStringAsync("/signin");
        var developmentSignIn = await browser.PostAsync("/signin/development", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = LbcHostFactory.OperatorEmail }));

        Assert.DoesNotContain("Development sign-in", page, StringComparison.Ordinal);
        Assert.Contains("Your work e-mail", page, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, developmentSignIn.StatusCode);

        var withoutKeys = LbcHostFactory.ClusterSettings(await postgres.CreateDatabaseAsync());
        withoutKeys["Identity:SigningKeyPath"] = null;
        withoutKeys["Identity:EncryptionKeyPath"] = null;
        await using var keyless = new LbcHostFactory(folder.Path, withoutKeys);
        var refused = Assert.ThrowsAny<Exception>(() => keyless.CreateClient());
        Assert.Contains("SigningKeyPath", refused.ToString(), StringComparison.Ordinal);
    }
}

