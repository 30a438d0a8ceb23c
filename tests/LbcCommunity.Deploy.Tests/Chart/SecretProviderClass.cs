using k8s;
using k8s.Models;

namespace LbcCommunity.Deploy.Tests.Chart;

/// <summary>
/// The Secrets Store CSI driver's SecretProviderClass (secrets-store.csi.x-k8s.io/v1), a custom resource the
/// KubernetesClient package has no model of: the fields of the driver's CRD that the chart may use, so that the strict
/// reader refuses anything else there too.
/// </summary>
[KubernetesEntity(Group = "secrets-store.csi.x-k8s.io", ApiVersion = "v1", Kind = "SecretProviderClass", PluralName = "secretproviderclasses")]
public sealed class SecretProviderClass : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public V1ObjectMeta Metadata { get; set; } = new();

    public SecretProviderClassSpec Spec { get; set; } = new();
}

/// <summary>The CRD's spec: the provider, its parameters (strings, as the driver passes them on) and synced Secrets.</summary>
public sealed class SecretProviderClassSpec
{
    public string Provider { get; set; } = string.Empty;

    public Dictionary<string, string> Parameters { get; set; } = [];

    public List<SecretObject> SecretObjects { get; set; } = [];
}

/// <summary>A Kubernetes Secret the driver keeps in step with mounted objects.</summary>
public sealed class SecretObject
{
    public string SecretName { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    public Dictionary<string, string> Labels { get; set; } = [];

    public Dictionary<string, string> Annotations { get; set; } = [];

    public List<SecretObjectData> Data { get; set; } = [];
}

/// <summary>One key of a synced Secret and the mounted object (by alias) it comes from.</summary>
public sealed class SecretObjectData
{
    public string ObjectName { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;
}
