using LbcCommunity.Grains;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>A waiting digest across a restart of the embedded host: its reminder is in the SQLite file, not in memory.</summary>
public sealed class DigestRestartTests
{
    [Fact]
    public async Task A_digest_that_waits_when_the_host_stops_goes_after_the_restart_and_a_second_record_tells_nobody_twice()
    {
        using var folder = new TemporaryFolder();
        await using var smtp = await SmtpSink.StartAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = smtp.HostSettings();
        settings["Notifications:DigestCheckPeriod"] = "00:00:01";
        NotificationWorld world;
        TestPerson reader;
        LbcCommunity.Stories.StoryActivity activity;
        await using (var first = Host(folder, settings, clock))
        {
            world = await NotificationWorld.Create(first, clock);
            var author = await world.Member("Author", "cop", facilitator: true);
            reader = await world.Member("Reader", "cop");
            (await reader.Client.PutAsync(world.Path("follows/communities/cop"), null)).EnsureSuccessStatusCode();
            activity = world.Published("cafe", "The CAFÉ story", author);
            await world.Record(activity);
            Assert.Equal(1, (await reader.Api.GetMyPreferencesAsync(world.TenantId)).Digest.Pending);
        }

        await using var second = Host(folder, settings, clock);
        var again = world.On(second);
        _ = second.Services;
        // Only the stored reminder can send it now: nothing is delivered after the restart until the digest is in.
        clock.Advance(TimeSpan.FromDays(1));
        var digest = await smtp.WaitForMessagesTo(reader.Email);
        await again.Record(activity);
        TenantScope.Enter(world.TenantId);
        var inbox = await again.Inbox(reader).GetNotifications(20, null);

        Assert.Contains("\u201cThe CAFÉ story\u201d", Assert.Single(digest).TextBody ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(1, inbox.Total);
        Assert.Equal(0, (await again.Inbox(reader).GetDigestStatus()).Pending);
    }

    private static LbcHostFactory Host(TemporaryFolder folder, Dictionary<string, string?> settings, FakeTimeProvider clock) =>
        new(folder.Path, settings) { TestServices = services => services.AddKeyedSingleton<TimeProvider>(DomainClock.Key, clock) };
}
