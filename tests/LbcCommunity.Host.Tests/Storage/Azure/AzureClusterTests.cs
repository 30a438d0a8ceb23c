using LbcCommunity.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LbcCommunity.Host.Tests.Storage.Azure;

/// <summary>Two silos on one Azurite account: membership in its table, one activation per grain, state written by one read by the other.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureClusterTests(Azurite azurite, PostgresFixture postgres)
{
    [Fact]
    public async Task Two_silos_on_Azure_Table_membership_see_each_other_share_one_activation_per_grain_and_read_each_others_state()
    {
        var options = TestSilo.AzureOptions(azurite.ConnectionString, postgres.ConnectionString, "cluster-" + Guid.NewGuid().ToString("N"));
        IHost? first = await TestSilo.StartAsync(options);
        IHost? second = null;
        try
        {
            second = await TestSilo.StartAsync(TestSilo.OnNewPorts(options));

            Assert.Equal(2, await ClusterTests.ActiveHostsWhenConvergedAsync(first, expected: 2));
            Assert.Equal(2, await ClusterTests.ActiveHostsWhenConvergedAsync(second, expected: 2));
            Assert.True(await ClusterTests.DirectoriesAgreeWhenConvergedAsync(first, second), "the silos' grain directories never agreed");

            var factories = new[] { first, second }.Select(host => host.Services.GetRequiredService<IGrainFactory>()).ToArray();
            var siloAddresses = new HashSet<string>();
            for (var i = 0; i < 12; i++)
            {
                var key = "spread-" + i;
                var activatedThrough = await factories[i % 2].GetGrain<IStorageProbeGrain>(key).WhoAmI();
                var calledThroughOther = await factories[(i + 1) % 2].GetGrain<IStorageProbeGrain>(key).WhoAmI();
                Assert.Equal(activatedThrough, calledThroughOther);
                siloAddresses.Add(activatedThrough.SiloAddress);
            }

            Assert.Subset(new HashSet<string> { ClusterTests.Address(first), ClusterTests.Address(second) }, siloAddresses);

            // Written through one silo; after that silo leaves, the grain comes back on the other from the blob.
            await factories[0].GetGrain<IStorageProbeGrain>("handed-over").Remember("depth 4");
            await TestSilo.StopAsync(first);
            first = null;
            Assert.Equal("depth 4", await factories[1].GetGrain<IStorageProbeGrain>("handed-over").Recall());
            Assert.Equal(1, await ClusterTests.ActiveHostsWhenConvergedAsync(second, expected: 1));
        }
        finally
        {
            if (second is not null)
            {
                await TestSilo.StopAsync(second);
            }

            if (first is not null)
            {
                await TestSilo.StopAsync(first);
            }
        }
    }
}
