using System.Diagnostics;
using LbcCommunity.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LbcCommunity.Host.Tests.Storage;

public sealed class ClusterTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan ConvergenceTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Two_silos_on_one_PostgreSQL_database_see_each_other_and_share_one_activation_per_grain()
    {
        var options = TestSilo.PostgresOptions(postgres.ConnectionString, "cluster-" + Guid.NewGuid().ToString("N"));
        var first = await TestSilo.StartAsync(options);
        IHost? second = null;
        try
        {
            second = await TestSilo.StartAsync(TestSilo.OnNewPorts(options));

            Assert.Equal(2, await ActiveHostsWhenConvergedAsync(first, expected: 2));
            Assert.Equal(2, await ActiveHostsWhenConvergedAsync(second, expected: 2));
            Assert.True(await DirectoriesAgreeWhenConvergedAsync(first, second), "the silos' grain directories never agreed");

            var throughFirst = await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IStorageProbeGrain>("shared").WhoAmI();
            var throughSecond = await second.Services.GetRequiredService<IGrainFactory>().GetGrain<IStorageProbeGrain>("shared").WhoAmI();
            Assert.True(throughFirst == throughSecond, $"first: {throughFirst}, second: {throughSecond}");

            // The grain lives on one silo, so one of the two calls above crossed to the other silo.
            // More grains, activated through alternating silos, each still one activation seen alike from both.
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

            Assert.Subset(new HashSet<string> { Address(first), Address(second) }, siloAddresses);
        }
        finally
        {
            if (second is not null)
            {
                await TestSilo.StopAsync(second);
            }

            await TestSilo.StopAsync(first);
        }
    }

    internal static string Address(IHost silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();

    /// <summary>
    /// Each silo updates its grain directory ring from membership asynchronously, so right after a join
    /// the two may briefly disagree on where a grain lives. Polls with a fresh grain each time until a
    /// grain reached through both silos is one activation, or time runs out.
    /// </summary>
    internal static async Task<bool> DirectoriesAgreeWhenConvergedAsync(IHost first, IHost second)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ConvergenceTimeout)
        {
            var key = "warm-up-" + Guid.NewGuid().ToString("N");
            var a = await first.Services.GetRequiredService<IGrainFactory>().GetGrain<IStorageProbeGrain>(key).WhoAmI();
            var b = await second.Services.GetRequiredService<IGrainFactory>().GetGrain<IStorageProbeGrain>(key).WhoAmI();
            if (a == b)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        return false;
    }

    /// <summary>Polls the silo's view of the membership until it has the expected active hosts or time runs out.</summary>
    internal static async Task<int> ActiveHostsWhenConvergedAsync(IHost silo, int expected)
    {
        var management = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var active = (await management.GetHosts(onlyActive: true)).Count;
            if (active == expected || clock.Elapsed > ConvergenceTimeout)
            {
                return active;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
