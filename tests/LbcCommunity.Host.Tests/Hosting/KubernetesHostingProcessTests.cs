using LbcCommunity.Host.Hosting;
using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Hosting;

/// <summary>
/// The switch reaches Orleans: the real host, in cluster mode with <c>Orleans:Kubernetes:Enabled</c> on but outside a
/// pod, refuses to start for want of what Kubernetes hosting needs (the pod's namespace, the in-cluster API), instead
/// of running as a silo that no pod watch knows. No cluster runs here, so this is as far as the switch is tested.
/// </summary>
public sealed class KubernetesHostingProcessTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Outside_a_pod_the_switch_stops_the_host_at_start_naming_what_Kubernetes_hosting_lacks()
    {
        var settings = LbcHostFactory.ClusterSettings(await postgres.CreateDatabaseAsync());
        settings[KubernetesHosting.Setting] = "true";

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ClusterHostProcess.StartAsync(FreePorts.Next(), settings));

        Assert.Contains("exited", refused.Message, StringComparison.Ordinal);
        Assert.True(
            refused.Message.Contains("POD_NAMESPACE", StringComparison.Ordinal) || refused.Message.Contains("KUBERNETES_SERVICE_HOST", StringComparison.Ordinal),
            refused.Message);
    }
}
