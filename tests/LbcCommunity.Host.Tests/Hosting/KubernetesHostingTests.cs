using LbcCommunity.Host.Hosting;
using LbcCommunity.Host.Storage;
using LbcCommunity.Host.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LbcCommunity.Host.Tests.Hosting;

/// <summary>
/// The host's two settings the Helm chart relies on: the Kubernetes hosting switch and the graceful-stop budget
/// (charts/lbc-community sets <c>Orleans__Kubernetes</c> and <c>Host__ShutdownTimeoutSeconds</c>).
/// </summary>
public sealed class KubernetesHostingTests
{
    private static readonly Dictionary<string, string?> PodVariables = new()
    {
        ["POD_NAME"] = "lbc-community-0",
        ["POD_NAMESPACE"] = "lbc",
        ["POD_IP"] = "10.244.1.7",
    };

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private static StorageOptions Cluster() => new() { Mode = StorageMode.Cluster, PostgresConnectionString = "Host=db" };

    [Fact]
    public void The_switch_is_off_by_default_even_inside_a_pod()
    {
        var storage = Cluster();

        Assert.False(KubernetesHosting.Configure(Configuration(), storage, name => PodVariables.GetValueOrDefault(name)));
        Assert.Null(storage.AdvertisedIPAddress);
    }

    [Fact]
    public void On_in_cluster_mode_the_silo_advertises_the_pod_ip()
    {
        var storage = Cluster();

        Assert.True(KubernetesHosting.Configure(Configuration((KubernetesHosting.Setting, "true")), storage, name => PodVariables.GetValueOrDefault(name)));
        Assert.Equal("10.244.1.7", storage.AdvertisedIPAddress);
    }

    [Fact]
    public void A_configured_advertised_address_wins_over_the_pod_ip()
    {
        var storage = Cluster();
        storage.AdvertisedIPAddress = "10.0.0.5";

        Assert.True(KubernetesHosting.Configure(Configuration((KubernetesHosting.Setting, "true")), storage, name => PodVariables.GetValueOrDefault(name)));
        Assert.Equal("10.0.0.5", storage.AdvertisedIPAddress);
    }

    [Fact]
    public void On_without_the_pod_ip_or_an_address_the_host_refuses_to_start()
    {
        var refused = Assert.Throws<InvalidOperationException>(() =>
            KubernetesHosting.Configure(Configuration((KubernetesHosting.Setting, "true")), Cluster(), name => name == "POD_IP" ? null : PodVariables.GetValueOrDefault(name)));

        Assert.Contains("POD_IP", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void On_in_the_embedded_mode_the_host_refuses_to_start()
    {
        var refused = Assert.Throws<InvalidOperationException>(() =>
            KubernetesHosting.Configure(Configuration((KubernetesHosting.Setting, "true")), new StorageOptions(), name => PodVariables.GetValueOrDefault(name)));

        Assert.Contains("Storage:Mode=Cluster", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 120)]
    [InlineData("120", 120)]
    public void The_shutdown_timeout_comes_from_configuration(string? seconds, int expected)
    {
        var builder = WebApplication.CreateBuilder();
        if (seconds is not null)
        {
            builder.Configuration.AddInMemoryCollection([new(ServiceDefaults.ShutdownTimeoutSetting, seconds)]);
        }

        builder.AddServiceDefaults();
        using var services = builder.Services.BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(expected), services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    [Fact]
    public void A_shutdown_timeout_of_zero_is_refused()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection([new(ServiceDefaults.ShutdownTimeoutSetting, "0")]);

        Assert.Throws<InvalidOperationException>(() => builder.AddServiceDefaults());
    }
}
