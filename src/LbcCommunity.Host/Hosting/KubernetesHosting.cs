using LbcCommunity.Host.Storage;

namespace LbcCommunity.Host.Hosting;

/// <summary>
/// The switch for running the silo as a Kubernetes pod (charts/lbc-community, docs/deploy.md). Off unless
/// <c>Orleans:Kubernetes:Enabled</c> is true: the downward-API variables alone do not turn it on, because a
/// developer's shell or a CI runner inside a cluster may carry <c>POD_NAME</c> without wanting the silo to watch (and
/// delete) pods.
/// </summary>
internal static class KubernetesHosting
{
    /// <summary>
    /// The section bound to Orleans' <c>KubernetesHostingOptions</c> (<c>DeleteDefunctSiloPods</c>, <c>MaxAgents</c>);
    /// it also holds the switch.
    /// </summary>
    public const string Section = "Orleans:Kubernetes";

    /// <summary>The configuration key of the switch (<c>Orleans__Kubernetes__Enabled=true</c> in the chart).</summary>
    public const string Setting = Section + ":Enabled";

    /// <summary>The downward-API variable holding the pod's IP, which other silos reach this one on.</summary>
    public const string PodIPVariable = "POD_IP";

    /// <summary>
    /// Whether the silo runs under Kubernetes hosting. When it does and no advertised address is configured, the pod's
    /// IP becomes the advertised address: without one the cluster mode advertises loopback, and the other pods could
    /// never reach this silo.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The switch is on in the embedded mode (localhost clustering cannot span pods, and Kubernetes hosting would
    /// advertise the pod's address to a cluster that only listens on loopback), or neither an advertised address nor
    /// <c>POD_IP</c> is set (the silo would advertise loopback and no other pod could reach it).
    /// </exception>
    public static bool Configure(IConfiguration configuration, StorageOptions storage, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(environment);
        if (!configuration.GetValue<bool>(Setting))
        {
            return false;
        }

        if (storage.Mode == StorageMode.Embedded)
        {
            throw new InvalidOperationException(
                $"{Setting} is true but {StorageOptions.SectionName}:{nameof(StorageOptions.Mode)} is {StorageMode.Embedded}: " +
                $"Kubernetes hosting needs a shared store ({StorageOptions.SectionName}:{nameof(StorageOptions.Mode)}={StorageMode.Cluster}); run the embedded demo with it off.");
        }

        if (string.IsNullOrWhiteSpace(storage.AdvertisedIPAddress))
        {
            var podIP = environment(PodIPVariable);
            if (string.IsNullOrWhiteSpace(podIP))
            {
                throw new InvalidOperationException(
                    $"{Setting} is true but neither {PodIPVariable} (the downward API's status.podIP) nor " +
                    $"{StorageOptions.SectionName}:{nameof(StorageOptions.AdvertisedIPAddress)} is set: the silo would advertise loopback.");
            }

            storage.AdvertisedIPAddress = podIP;
        }

        return true;
    }
}
