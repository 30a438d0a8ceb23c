using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LbcCommunity.Deploy.Tests.Bicep;

/// <summary>
/// infra/ compiles and lints with the Bicep CLI with no warning at all (a warning fails the test: an unknown resource
/// type or API version, a property the type index does not know, a linter rule of infra/bicepconfig.json), and the
/// compiled template grants the workload only the roles it needs.
/// </summary>
public sealed partial class BicepTests
{
    public static TheoryData<string> ParameterFiles => new() { "params/small.bicepparam", "params/production.bicepparam" };

    [Fact]
    public async Task Main_builds_with_no_warning()
    {
        var result = await BicepCli.RunAsync("build", "main.bicep", "--stdout");

        Assert.True(result.ExitCode == 0 && result.Errors.Length == 0, $"bicep build: {result.Errors}");
    }

    [Fact]
    public async Task Main_and_its_modules_lint_with_no_warning()
    {
        var result = await BicepCli.RunAsync("lint", "main.bicep");

        Assert.True(result.ExitCode == 0 && result.Output.Length == 0 && result.Errors.Length == 0, $"bicep lint: {result}");
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public async Task Each_parameter_file_builds_and_lints_with_no_warning(string file)
    {
        var build = await BicepCli.RunAsync("build-params", file, "--stdout");
        var lint = await BicepCli.RunAsync("lint", file);

        Assert.True(build.ExitCode == 0 && build.Errors.Length == 0, $"bicep build-params: {build.Errors}");
        Assert.True(lint.ExitCode == 0 && lint.Output.Length == 0 && lint.Errors.Length == 0, $"bicep lint: {lint}");
        var parameters = JsonNode.Parse(Assert.IsType<JsonObject>(JsonNode.Parse(build.Output))["parametersJson"]!.GetValue<string>())!["parameters"]!;
        Assert.Equal(BicepCli.PlaceholderPassword, parameters["postgresAdministratorPassword"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_lint_check_sees_a_warning_when_there_is_one()
    {
        var folder = Directory.CreateTempSubdirectory("lbc-bicep-");
        try
        {
            File.Copy(Path.Combine(BicepCli.InfraFolder, "bicepconfig.json"), Path.Combine(folder.FullName, "bicepconfig.json"));
            var file = Path.Combine(folder.FullName, "unknown.bicep");
            await File.WriteAllTextAsync(file, "resource unknown 'Microsoft.Storage/storageAccounts@2001-01-01' = {\n  name: 'lbc'\n}\n");

            var result = await BicepCli.RunAsync("lint", file);

            Assert.Contains("BCP081", result.Output + result.Errors, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_template_grants_only_the_data_roles_the_workload_needs_and_the_pull_and_officer_roles()
    {
        var build = await BicepCli.RunAsync("build", "main.bicep", "--stdout");

        var roles = RoleDefinitionIds().Matches(build.Output).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.Equal(
            new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor (workload, on the account)
                "ba92f5b4-2d11-453d-a403-e96b0029c9fe", // Storage Blob Data Contributor (workload, on the account)
                "4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User (workload, on the vault)
                "b86a8fe4-44ce-4948-aee5-eccb2c155cd7", // Key Vault Secrets Officer (operators, on the vault)
                "7f951dda-4ed3-4680-a7ca-43fe172d538d", // AcrPull (the kubelet, on the registry)
            },
            roles);
        // Storage is reached with Entra ID only, and not from the internet.
        Assert.Contains("\"allowSharedKeyAccess\": false", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"allowSharedKeyAccess\": true", build.Output, StringComparison.Ordinal);
    }

    // The role GUIDs are variables of the modules: every GUID assigned to a variable is one.
    [GeneratedRegex("\"[a-zA-Z]+\": \"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\"")]
    private static partial Regex RoleDefinitionIds();
}
