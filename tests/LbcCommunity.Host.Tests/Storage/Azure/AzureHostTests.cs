using LbcCommunity.Host.Tests.Api;
using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Storage.Azure;

/// <summary>The real host in Azure mode on Azurite, OpenIddict's stores in PostgreSQL.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureHostTests(Azurite azurite, PostgresFixture postgres)
{
    [Fact]
    public async Task A_host_in_Azure_mode_is_ready_once_its_store_answers()
    {
        using var folder = new TemporaryFolder();
        await using var host = new LbcHostFactory(folder.Path, LbcHostFactory.AzureSettings(await postgres.CreateDatabaseAsync(), azurite.ConnectionString));
        using var http = host.CreateClient();
        using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var body = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.IsSuccessStatusCode, body);
    }

    [Fact]
    public async Task A_long_convenings_events_and_earlier_action_ids_come_back_from_Azure_storage_after_a_restart()
    {
        using var folder = new TemporaryFolder();
        await ConveningWorld.LongConveningAcrossARestart(folder.Path, LbcHostFactory.AzureSettings(await postgres.CreateDatabaseAsync(), azurite.ConnectionString));
    }
}
