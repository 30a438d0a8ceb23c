using LbcCommunity.Deploy.Tests.Infrastructure;

namespace LbcCommunity.Deploy.Tests.Chart;

/// <summary>
/// Renders charts/lbc-community with tests/deploy/render: Go's text/template and sprig, the engine and function library
/// of helm itself, built once per test run from Debian's Go packages (GOPATH mode, no module download).
/// </summary>
internal static class ChartRenderer
{
    public const string ReleaseName = "lbc";
    public const string Namespace = "lbc-ns";

    private static readonly Lazy<Task<string>> Binary = new(BuildAsync);

    public static string ChartFolder => Repository.Path("charts", "lbc-community");

    /// <summary>The manifests for the chart's values.yaml, then the given values files of the chart and -set pairs.</summary>
    public static async Task<string> RenderAsync(IEnumerable<string> valueFiles, params string[] sets)
    {
        var result = await RunAsync(valueFiles, sets, notes: false);
        Assert.True(result.ExitCode == 0, $"the chart did not render: {result}");
        return result.Output;
    }

    /// <summary>The rendered NOTES.txt.</summary>
    public static async Task<string> RenderNotesAsync(IEnumerable<string> valueFiles, params string[] sets)
    {
        var result = await RunAsync(valueFiles, sets, notes: true);
        Assert.True(result.ExitCode == 0, $"NOTES.txt did not render: {result}");
        return result.Output;
    }

    /// <summary>The renderer's error when the values are refused (the chart's fail and required).</summary>
    public static async Task<string> RefusalAsync(IEnumerable<string> valueFiles, params string[] sets)
    {
        var result = await RunAsync(valueFiles, sets, notes: false);
        Assert.True(result.ExitCode != 0, $"the chart rendered values it should refuse: {result}");
        return result.Errors;
    }

    private static async Task<ToolResult> RunAsync(IEnumerable<string> valueFiles, string[] sets, bool notes)
    {
        List<string> arguments = ["-chart", ChartFolder, "-name", ReleaseName, "-namespace", Namespace];
        foreach (var file in valueFiles)
        {
            arguments.AddRange(["-f", Path.Combine(ChartFolder, file)]);
        }

        foreach (var set in sets)
        {
            arguments.AddRange(["-set", set]);
        }

        if (notes)
        {
            arguments.Add("-notes");
        }

        return await Tool.RunAsync(await Binary.Value, arguments);
    }

    private static async Task<string> BuildAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"lbc-deploy-tests-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        var binary = Path.Combine(folder, "render");
        var result = await Tool.RunAsync("go", ["build", "-o", binary, "."],
            environment: new Dictionary<string, string>
            {
                // Debian's golang-github-masterminds-sprig-dev and golang-gopkg-yaml.v2-dev, found without modules.
                ["GO111MODULE"] = "off",
                ["GOPATH"] = "/usr/share/gocode",
                ["GOFLAGS"] = string.Empty,
                ["GOCACHE"] = Path.Combine(Path.GetTempPath(), "lbc-deploy-tests-gocache"),
            },
            workingDirectory: Repository.Path("tests", "deploy", "render"));
        Assert.True(result.ExitCode == 0, $"tests/deploy/render did not build (apt-get install golang-go golang-github-masterminds-sprig-dev): {result}");
        return binary;
    }
}
