using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>Mail and digest settings that cannot work stop the host at start, naming the key to set.</summary>
public sealed class MailSettingsTests
{
    [Theory]
    [InlineData("Mail:Smtp:From", "not-an-address")]
    [InlineData("Mail:Smtp:Security", "Sometimes")]
    [InlineData("Mail:Smtp:Port", "70000")]
    [InlineData("Mail:BaseUrl", "lbc.example.org")]
    [InlineData("Notifications:DigestHourUtc", "24")]
    public async Task A_setting_that_cannot_work_stops_the_host_naming_the_key(string key, string value)
    {
        using var folder = new TemporaryFolder();
        var settings = new Dictionary<string, string?> { ["Mail:Smtp:Host"] = "127.0.0.1", ["Mail:Smtp:From"] = "digest@lbc.test", [key] = value };
        var host = new LbcHostFactory(folder.Path, settings);

        var error = Assert.ThrowsAny<Exception>(() => host.Services);

        Assert.Contains(key, error.ToString(), StringComparison.Ordinal);
        try
        {
            await host.DisposeAsync();
        }
        catch (InvalidOperationException)
        {
            // A host that never started has nothing to stop.
        }
    }
}
