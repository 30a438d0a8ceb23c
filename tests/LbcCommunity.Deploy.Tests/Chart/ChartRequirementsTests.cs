using k8s.Models;

namespace LbcCommunity.Deploy.Tests.Chart;

/// <summary>
/// What issue 17 asks of the chart, on the rendered objects: Orleans' Kubernetes hosting, the Role, rollouts that never
/// take the last ready pod, the grace period, the probes, the PodDisruptionBudget, the NetworkPolicy and the security
/// context.
/// </summary>
public sealed class ChartRequirementsTests
{
    [Fact]
    public async Task A_cluster_rolls_out_one_extra_pod_at_a_time_and_never_takes_a_ready_one_first()
    {
        var deployment = (await ValueSets.ReadAsync(ValueSets.Cluster)).Deployment;

        Assert.Equal(3, deployment.Spec.Replicas);
        Assert.Equal("RollingUpdate", deployment.Spec.Strategy.Type);
        Assert.Equal("0", deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.Equal("1", deployment.Spec.Strategy.RollingUpdate.MaxSurge.Value);
        Assert.True(deployment.Spec.MinReadySeconds > 0);
    }

    [Fact]
    public async Task The_silo_gets_longer_to_hand_its_grains_over_than_the_host_takes_and_Kubernetes_waits_longer_still()
    {
        var manifests = await ValueSets.ReadAsync(ValueSets.Cluster);
        var pod = manifests.Deployment.Spec.Template.Spec;

        var shutdown = int.Parse(manifests.Env("Host__ShutdownTimeoutSeconds"), System.Globalization.CultureInfo.InvariantCulture);
        var preStop = manifests.Host.Lifecycle.PreStop.Sleep.Seconds;
        Assert.Equal(120, shutdown);
        Assert.Equal(180, pod.TerminationGracePeriodSeconds);
        Assert.True(preStop + shutdown < pod.TerminationGracePeriodSeconds);
        Assert.Contains("shorter than shutdown.terminationGracePeriodSeconds",
            await ChartRenderer.RefusalAsync(["values-cluster.yaml"], "shutdown.timeoutSeconds=180"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pods_run_under_Orleans_Kubernetes_hosting_with_the_downward_API_and_the_orleans_labels()
    {
        var manifests = await ValueSets.ReadAsync(ValueSets.Cluster);
        var template = manifests.Deployment.Spec.Template;
        var env = manifests.Host.Env.ToDictionary(e => e.Name);

        Assert.Equal("true", manifests.Env("Orleans__Kubernetes__Enabled"));
        Assert.Equal("metadata.name", env["POD_NAME"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.namespace", env["POD_NAMESPACE"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("status.podIP", env["POD_IP"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.labels['orleans/serviceId']", env["ORLEANS_SERVICE_ID"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal("metadata.labels['orleans/clusterId']", env["ORLEANS_CLUSTER_ID"].ValueFrom.FieldRef.FieldPath);
        Assert.Equal(manifests.Env("Storage__ServiceId"), template.Metadata.Labels["orleans/serviceId"]);
        Assert.Equal(manifests.Env("Storage__ClusterId"), template.Metadata.Labels["orleans/clusterId"]);
        Assert.Equal("Cluster", manifests.Env("Storage__Mode"));
        Assert.True(template.Spec.AutomountServiceAccountToken);
    }

    [Fact]
    public async Task The_service_account_may_get_watch_list_delete_and_patch_pods_and_nothing_else()
    {
        var manifests = await ValueSets.ReadAsync(ValueSets.Cluster);

        var rule = Assert.Single(manifests.Single<V1Role>().Rules);
        Assert.Equal([""], rule.ApiGroups);
        Assert.Equal(["pods"], rule.Resources);
        Assert.Equal(["delete", "get", "list", "patch", "watch"], rule.Verbs.Order(StringComparer.Ordinal));
        var binding = manifests.Single<V1RoleBinding>();
        Assert.Equal(manifests.Single<V1Role>().Metadata.Name, binding.RoleRef.Name);
        Assert.Equal("Role", binding.RoleRef.Kind);
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(manifests.Deployment.Spec.Template.Spec.ServiceAccountName, subject.Name);
        Assert.Equal(manifests.Single<V1ServiceAccount>().Metadata.Name, subject.Name);
    }

    [Fact]
    public async Task Liveness_asks_the_process_and_readiness_the_store()
    {
        var host = (await ValueSets.ReadAsync(ValueSets.Cluster)).Host;

        Assert.Equal("/health/live", host.LivenessProbe.HttpGet.Path);
        Assert.Equal("/health/ready", host.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/health/live", host.StartupProbe.HttpGet.Path);
        Assert.All([host.LivenessProbe, host.ReadinessProbe, host.StartupProbe], probe => Assert.Equal("http", probe.HttpGet.Port.Value));
        Assert.Contains(host.Ports, port => port.Name == "http" && port.ContainerPort == 8080);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    public async Task A_disruption_budget_exists_from_two_replicas(int replicas, bool expected)
    {
        var manifests = await ValueSets.ReadAsync(ValueSets.Cluster, $"replicaCount={replicas}");

        var budgets = manifests.All<V1PodDisruptionBudget>().ToList();
        Assert.Equal(expected, budgets.Count == 1);
        if (expected)
        {
            Assert.Equal("1", budgets[0].Spec.MinAvailable.Value);
            Assert.Equal(manifests.Deployment.Spec.Selector.MatchLabels, budgets[0].Spec.Selector.MatchLabels);
        }
    }

    [Fact]
    public async Task The_network_policy_keeps_the_silo_port_between_the_pods_and_HTTP_for_the_ingress()
    {
        var manifests = await ValueSets.ReadAsync(ValueSets.Cluster);
        var policy = manifests.Single<V1NetworkPolicy>();
        var selector = manifests.Deployment.Spec.Selector.MatchLabels;

        Assert.Equal(["Ingress"], policy.Spec.PolicyTypes);
        Assert.Equal(selector, policy.Spec.PodSelector.MatchLabels);
        Assert.Equal(2, policy.Spec.Ingress.Count);
        var silo = Assert.Single(policy.Spec.Ingress, rule => rule.Ports.Any(p => p.Port.Value == "11111"));
        Assert.Equal("TCP", Assert.Single(silo.Ports).Protocol);
        Assert.Equal(selector, Assert.Single(silo.FromProperty).PodSelector.MatchLabels);
        Assert.Null(Assert.Single(silo.FromProperty).NamespaceSelector);
        var http = Assert.Single(policy.Spec.Ingress, rule => rule.Ports.Any(p => p.Port.Value == "8080"));
        Assert.Single(http.Ports);
        Assert.Equal("app-routing-system", Assert.Single(http.FromProperty).NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        // No Orleans gateway: not opened by the host, not exposed by the pod, the Service or the policy.
        Assert.Equal("0", manifests.Env("Storage__GatewayPort"));
        Assert.Equal(["http", "silo"], manifests.Host.Ports.Select(p => p.Name));
        Assert.Equal(["http"], manifests.Single<V1Service>().Spec.Ports.Select(p => p.Name));
    }

    [Fact]
    public async Task Behind_the_Application_Gateway_HTTP_is_open_to_its_subnet_only()
    {
        var manifests = await ValueSets.ReadAsync(ValueSets.ClusterApplicationGateway);

        var http = Assert.Single(manifests.Single<V1NetworkPolicy>().Spec.Ingress, rule => rule.Ports.Any(p => p.Port.Value == "8080"));
        Assert.Equal("10.40.2.0/24", Assert.Single(http.FromProperty).IpBlock.Cidr);
        var annotations = manifests.Single<V1Ingress>().Metadata.Annotations;
        Assert.Equal("true", annotations["appgw.ingress.kubernetes.io/cookie-based-affinity"]);
        Assert.DoesNotContain(annotations.Keys, key => key.StartsWith("nginx.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_ingress_keeps_a_browser_on_its_pod_with_a_cookie_and_holds_WebSockets_open()
    {
        var ingress = (await ValueSets.ReadAsync(ValueSets.Cluster)).Single<V1Ingress>();

        var annotations = ingress.Metadata.Annotations;
        Assert.Equal("cookie", annotations["nginx.ingress.kubernetes.io/affinity"]);
        Assert.Equal("lbc-affinity", annotations["nginx.ingress.kubernetes.io/session-cookie-name"]);
        Assert.Equal("3600", annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]);
        Assert.Equal("webapprouting.kubernetes.azure.com", ingress.Spec.IngressClassName);
        Assert.Equal("lbc.example.org", Assert.Single(Assert.Single(ingress.Spec.Tls).Hosts));
        Assert.Equal("http", Assert.Single(Assert.Single(ingress.Spec.Rules).Http.Paths).Backend.Service.Port.Name);
    }

    [Fact]
    public async Task Behind_the_ingress_the_host_takes_the_scheme_and_address_it_forwards()
    {
        Assert.Equal("true", (await ValueSets.ReadAsync(ValueSets.Cluster)).Env("ASPNETCORE_FORWARDEDHEADERS_ENABLED"));
        Assert.DoesNotContain((await ValueSets.ReadAsync(ValueSets.Cluster, "http.forwardedHeaders=false")).Host.Env,
            e => e.Name == "ASPNETCORE_FORWARDEDHEADERS_ENABLED");
    }

    [Theory]
    [InlineData(ValueSets.Default)]
    [InlineData(ValueSets.Demo)]
    [InlineData(ValueSets.Cluster)]
    public async Task The_pods_run_as_a_user_without_privileges_on_a_read_only_root(string set)
    {
        var manifests = await ValueSets.ReadAsync(set);
        var pod = manifests.Deployment.Spec.Template.Spec;
        var container = manifests.Host.SecurityContext;

        Assert.True(pod.SecurityContext.RunAsNonRoot);
        Assert.NotEqual(0, pod.SecurityContext.RunAsUser);
        Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
        Assert.True(container.RunAsNonRoot);
        Assert.False(container.AllowPrivilegeEscalation);
        Assert.True(container.ReadOnlyRootFilesystem);
        Assert.Equal(["ALL"], container.Capabilities.Drop);
        Assert.Null(container.Capabilities.Add);
        Assert.Null(container.Privileged);
        // What the host writes is on volumes: /tmp, and the data folder.
        var mounts = manifests.Host.VolumeMounts.ToDictionary(m => m.MountPath, m => m.Name);
        Assert.NotNull(Assert.Single(pod.Volumes, v => v.Name == mounts["/tmp"]).EmptyDir);
        Assert.Equal(manifests.Env("Storage__DataFolder"), Assert.Single(mounts, m => m.Value == "data").Key);
    }

    [Fact]
    public async Task The_demo_is_one_pod_on_a_persistent_SQLite_volume_with_the_demo_data()
    {
        var manifests = await ValueSets.ReadAsync(ValueSets.Demo);
        var deployment = manifests.Deployment;

        Assert.Equal(1, deployment.Spec.Replicas);
        // One SQLite file has one writer: the old pod goes before the new one mounts the volume.
        Assert.Equal("Recreate", deployment.Spec.Strategy.Type);
        Assert.Null(deployment.Spec.Strategy.RollingUpdate);
        Assert.Equal(["--seed-demo"], manifests.Host.Args);
        Assert.Equal("Embedded", manifests.Env("Storage__Mode"));
        Assert.Equal("false", manifests.Env("Orleans__Kubernetes__Enabled"));
        var claim = manifests.Single<V1PersistentVolumeClaim>();
        Assert.Equal(claim.Metadata.Name, Assert.Single(deployment.Spec.Template.Spec.Volumes, v => v.Name == "data").PersistentVolumeClaim.ClaimName);
        Assert.Empty(manifests.All<V1Role>());
        Assert.Empty(manifests.All<V1PodDisruptionBudget>());
        Assert.DoesNotContain(manifests.Host.Env, e => e.Name == "Storage__PostgresConnectionString");
        Assert.DoesNotContain(manifests.Host.Ports, p => p.Name == "silo");
        Assert.False(deployment.Spec.Template.Spec.AutomountServiceAccountToken);
    }

    [Fact]
    public async Task Key_Vault_secrets_reach_the_host_through_the_CSI_driver_as_the_workload_identity()
    {
        var manifests = await ValueSets.ReadAsync(ValueSets.Cluster);
        var providerClass = manifests.Single<SecretProviderClass>();
        var pod = manifests.Deployment.Spec.Template.Spec;

        Assert.Equal("azure", providerClass.Spec.Provider);
        Assert.Equal("lbc-prod-kv", providerClass.Spec.Parameters["keyvaultName"]);
        foreach (var alias in new[] { "postgres-connection-string", "signing-key.pem", "encryption-key.pem" })
        {
            Assert.Contains($"objectAlias: {alias}", providerClass.Spec.Parameters["objects"], StringComparison.Ordinal);
        }

        var csi = Assert.Single(pod.Volumes, v => v.Name == "secrets").Csi;
        Assert.Equal("secrets-store.csi.k8s.io", csi.Driver);
        Assert.Equal(providerClass.Metadata.Name, csi.VolumeAttributes["secretProviderClass"]);
        var synced = Assert.Single(providerClass.Spec.SecretObjects);
        var connection = Assert.Single(manifests.Host.Env, e => e.Name == "Storage__PostgresConnectionString").ValueFrom.SecretKeyRef;
        Assert.Equal(synced.SecretName, connection.Name);
        Assert.Contains(synced.Data, d => d.Key == connection.Key);
        Assert.Equal("/etc/lbc/secrets/signing-key.pem", manifests.Env("Identity__SigningKeyPath"));
        Assert.Equal("true", manifests.Deployment.Spec.Template.Metadata.Labels["azure.workload.identity/use"]);
        Assert.Equal(providerClass.Spec.Parameters["clientID"], manifests.Single<V1ServiceAccount>().Metadata.Annotations["azure.workload.identity/client-id"]);
    }

    [Fact]
    public async Task An_existing_Secret_is_mounted_and_read_instead()
    {
        var manifests = await ValueSets.ReadAsync(ValueSets.ClusterExistingSecret);

        Assert.Empty(manifests.All<SecretProviderClass>());
        var secret = Assert.Single(manifests.Deployment.Spec.Template.Spec.Volumes, v => v.Name == "secrets").Secret;
        Assert.Equal("lbc-secrets", secret.SecretName);
        Assert.Equal(["encryption-key.pem", "signing-key.pem"], secret.Items.Select(i => i.Key).Order(StringComparer.Ordinal));
        Assert.Equal("lbc-secrets", Assert.Single(manifests.Host.Env, e => e.Name == "Storage__PostgresConnectionString").ValueFrom.SecretKeyRef.Name);
    }

    [Fact]
    public async Task The_Azure_mode_names_its_endpoints_for_the_host()
    {
        var manifests = await ValueSets.ReadAsync(ValueSets.ClusterAzure);

        Assert.Equal("Azure", manifests.Env("Storage__Mode"));
        Assert.Equal("https://lbcprodstore.table.core.windows.net", manifests.Env("Storage__Azure__TableServiceUri"));
        Assert.Equal("https://lbcprodstore.blob.core.windows.net", manifests.Env("Storage__Azure__BlobServiceUri"));
        Assert.Equal("attachments", manifests.Env("Storage__Azure__BlobContainer"));
    }

    [Theory]
    [InlineData(new[] { "replicaCount=2" }, "replicaCount must be 1")]
    [InlineData(new[] { "orleans.kubernetesHosting=true", "storage.mode=Embedded" }, "needs a shared store")]
    [InlineData(new[] { "storage.mode=Cluster" }, "needs secrets")]
    [InlineData(new[] { "storage.mode=Sqlite" }, "Embedded, Cluster or Azure")]
    public async Task Values_the_host_would_refuse_are_refused_at_install(string[] sets, string message)
    {
        Assert.Contains(message, await ChartRenderer.RefusalAsync([], sets), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_needs_its_public_issuer()
    {
        Assert.Contains("identity.issuer", await ChartRenderer.RefusalAsync(["values-cluster.yaml"], "identity.issuer="), StringComparison.Ordinal);
    }
}
