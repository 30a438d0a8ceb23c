using LbcCommunity.Deploy.Tests.Infrastructure;

namespace LbcCommunity.Deploy.Tests.Image;

/// <summary>
/// The image, as far as a machine without Docker can check it: the Dockerfile's build steps run by
/// scripts/check-image-build (the web stage's npm ci and build, the publish, the final stage's start) give a host that
/// serves the web app and is ready; and the Dockerfile's final stage is the chiseled runtime, as a non-root user,
/// holding only the published host.
/// </summary>
public sealed class ImageBuildTests
{
    private static readonly string Dockerfile = File.ReadAllText(Repository.Path("Dockerfile"));

    [Fact]
    public async Task The_dockerfiles_build_steps_give_a_host_that_serves_the_web_app_and_is_ready()
    {
        var result = await Tool.RunAsync("bash", [Repository.Path("scripts/check-image-build")], deadlineAfter: TimeSpan.FromMinutes(15));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("image build: ok", result.Output.Trim().Split('\n')[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_final_stage_is_the_chiseled_runtime_as_a_non_root_user_with_only_the_published_host()
    {
        var final = Dockerfile[Dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        var lines = final.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/aspnet:[0-9.]+-[a-z]+-chiseled", lines[0]);
        Assert.Contains("USER $APP_UID", lines);
        Assert.All(lines.Where(l => l.StartsWith("COPY", StringComparison.Ordinal)), l => Assert.Contains("--from=build", l, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("RUN", StringComparison.Ordinal));
        Assert.Equal("ENTRYPOINT [\"dotnet\", \"LbcCommunity.Host.dll\"]", lines[^1]);
    }
}
