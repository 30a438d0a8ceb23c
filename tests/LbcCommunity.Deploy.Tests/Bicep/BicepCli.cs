using System.Reflection;
using LbcCommunity.Deploy.Tests.Infrastructure;

namespace LbcCommunity.Deploy.Tests.Bicep;

/// <summary>
/// The Bicep CLI of the NuGet package Azure.Bicep.CommandLine.linux-x64 (referenced by this project only to have it
/// restored): its folder is written into the test assembly at build time.
/// </summary>
internal static class BicepCli
{
    /// <summary>
    /// A placeholder for the one secure parameter the parameter files read from the environment; never a real password,
    /// and nothing is deployed.
    /// </summary>
    public const string PlaceholderPassword = "ci-placeholder-not-a-password-0";

    private static readonly Lazy<string> Binary = new(() =>
    {
        var folder = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "BicepPackageFolder").Value;
        var binary = Path.Combine(folder ?? string.Empty, "tools", "bicep");
        Assert.True(File.Exists(binary), $"the Bicep CLI is not at {binary}: restore tests/LbcCommunity.Deploy.Tests");
        return binary;
    });

    public static string InfraFolder => Repository.Path("infra");

    public static Task<ToolResult> RunAsync(params string[] arguments) =>
        Tool.RunAsync(Binary.Value, arguments,
            environment: new Dictionary<string, string>
            {
                ["LBC_POSTGRES_PASSWORD"] = PlaceholderPassword,
                // No update check, no telemetry: the CLI runs offline.
                ["BICEP_TELEMETRY_ENABLED"] = "false",
            },
            workingDirectory: InfraFolder);
}
