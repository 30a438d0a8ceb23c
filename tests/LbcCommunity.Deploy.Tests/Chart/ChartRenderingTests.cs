using k8s.Models;
using LbcCommunity.Deploy.Tests.Infrastructure;
using YamlDotNet.Core;

namespace LbcCommunity.Deploy.Tests.Chart;

/// <summary>
/// The chart renders for every set of values, the output is clean YAML (yamllint), and every object reads back
/// strictly into the Kubernetes API's models with the standard labels.
/// </summary>
public sealed class ChartRenderingTests
{
    private static readonly string LintConfig = Repository.Path("tests", "deploy", "yamllint.yaml");

    public static TheoryData<string> Sets => ValueSets.All();

    [Theory]
    [MemberData(nameof(Sets))]
    public async Task The_rendered_manifests_pass_yamllint(string set)
    {
        var yaml = await ValueSets.RenderAsync(set);

        var lint = await Tool.RunAsync("yamllint", ["-s", "-c", LintConfig, "-"], standardInput: yaml);

        Assert.True(lint.ExitCode == 0, $"yamllint: {lint}\n{yaml}");
    }

    [Fact]
    public async Task The_chart_and_its_values_files_pass_yamllint()
    {
        var files = Directory.GetFiles(ChartRenderer.ChartFolder, "*.yaml");

        var lint = await Tool.RunAsync("yamllint", ["-s", "-c", LintConfig, .. files]);

        Assert.True(lint.ExitCode == 0, $"yamllint: {lint}");
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public async Task Every_rendered_object_is_a_Kubernetes_type_with_only_known_fields_and_the_standard_labels(string set)
    {
        var manifests = await ValueSets.ReadAsync(set);

        Assert.NotEmpty(manifests.Objects);
        foreach (var item in manifests.Objects)
        {
            var what = $"{item.Kind} {item.Metadata.Name}";
            Assert.Equal(ChartRenderer.Namespace, item.Metadata.NamespaceProperty);
            Assert.StartsWith(ChartRenderer.ReleaseName, item.Metadata.Name, StringComparison.Ordinal);
            var labels = item.Metadata.Labels;
            Assert.True(labels is not null, $"{what} has no labels");
            Assert.Equal("lbc-community", labels["app.kubernetes.io/name"]);
            Assert.Equal(ChartRenderer.ReleaseName, labels["app.kubernetes.io/instance"]);
            Assert.Equal("Helm", labels["app.kubernetes.io/managed-by"]);
            Assert.Matches(@"^lbc-community-\d+\.\d+\.\d+$", labels["helm.sh/chart"]);
        }
    }

    [Fact]
    public async Task The_strict_reader_refuses_a_field_the_API_does_not_have()
    {
        var yaml = await ValueSets.RenderAsync(ValueSets.Cluster);
        var misspelt = yaml.Replace("  minReadySeconds:", "  minReadySecond:", StringComparison.Ordinal);
        var misplaced = yaml.Replace("          imagePullPolicy:", "          replicas: 2\n          imagePullPolicy:", StringComparison.Ordinal);

        Assert.NotEqual(yaml, misspelt);
        Assert.NotEqual(yaml, misplaced);
        Assert.ThrowsAny<YamlException>(() => Manifests.Read(misspelt));
        Assert.ThrowsAny<YamlException>(() => Manifests.Read(misplaced));
        Assert.Single(Manifests.Read(yaml).All<V1Deployment>());
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public async Task The_notes_render_and_name_the_rollout(string set)
    {
        var (files, sets) = ValueSets.Of(set);

        var notes = await ChartRenderer.RenderNotesAsync(files, sets);

        Assert.Contains($"rollout status deployment/{ChartRenderer.ReleaseName}-lbc-community", notes, StringComparison.Ordinal);
        Assert.Contains($"storage mode {(set == ValueSets.ClusterAzure ? "Azure" : set is ValueSets.Demo or ValueSets.Default ? "Embedded" : "Cluster")}", notes, StringComparison.Ordinal);
    }
}
