namespace LbcCommunity.Deploy.Tests.Chart;

/// <summary>
/// The sets of values the chart is checked with: its own files, and the variants an operator picks by value
/// (the Azure storage mode, an existing Secret, the Application Gateway ingress).
/// </summary>
internal static class ValueSets
{
    public const string Default = "default";
    public const string Demo = "demo";
    public const string Cluster = "cluster";
    public const string ClusterAzure = "cluster-azure";
    public const string ClusterExistingSecret = "cluster-existing-secret";
    public const string ClusterApplicationGateway = "cluster-application-gateway";

    public static readonly string[] Names = [Default, Demo, Cluster, ClusterAzure, ClusterExistingSecret, ClusterApplicationGateway];

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names)
        {
            data.Add(name);
        }

        return data;
    }

    public static (string[] Files, string[] Sets) Of(string name) => name switch
    {
        Default => ([], []),
        Demo => (["values-demo.yaml"], []),
        Cluster => (["values-cluster.yaml"], []),
        ClusterAzure => (["values-cluster.yaml"], ["storage.mode=Azure"]),
        ClusterExistingSecret => (["values-cluster.yaml"], ["secrets.source=existingSecret", "secrets.existingSecret.name=lbc-secrets", "workloadIdentity.enabled=false"]),
        ClusterApplicationGateway => (["values-cluster.yaml"],
            ["ingress.controller=azure-application-gateway", "ingress.className=azure-application-gateway", "networkPolicy.httpFrom=[{ipBlock: {cidr: 10.40.2.0/24}}]"]),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a value set"),
    };

    public static Task<string> RenderAsync(string name, params string[] moreSets)
    {
        var (files, sets) = Of(name);
        return ChartRenderer.RenderAsync(files, [.. sets, .. moreSets]);
    }

    public static async Task<Manifests> ReadAsync(string name, params string[] moreSets) =>
        Manifests.Read(await RenderAsync(name, moreSets));
}
