using k8s;
using k8s.Models;

namespace LbcCommunity.Deploy.Tests.Chart;

/// <summary>
/// Rendered manifests read back into the Kubernetes API's models of the KubernetesClient package, strictly: a field
/// the model does not have (a typo, a field at the wrong level, one of a newer API) is refused, and so is a duplicate
/// key or an apiVersion/kind the package does not know. This is the check of the objects' shape that helm's install
/// would leave to the API server.
/// </summary>
internal sealed class Manifests
{
    private static readonly Dictionary<string, Type> CustomResources = new()
    {
        ["secrets-store.csi.x-k8s.io/v1/SecretProviderClass"] = typeof(SecretProviderClass),
    };

    private Manifests(IReadOnlyList<IKubernetesObject<V1ObjectMeta>> objects) => Objects = objects;

    public IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects { get; }

    public static Manifests Read(string yaml)
    {
        var objects = KubernetesYaml.LoadAllFromString(yaml, CustomResources, strict: true);
        return new Manifests([.. objects.Select(o => Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(o))]);
    }

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public T Single<T>() => Assert.Single(Objects.OfType<T>());

    public V1Deployment Deployment => Single<V1Deployment>();

    public V1Container Host => Assert.Single(Deployment.Spec.Template.Spec.Containers);

    public string Env(string name) => Assert.Single(Host.Env, e => e.Name == name).Value;
}
