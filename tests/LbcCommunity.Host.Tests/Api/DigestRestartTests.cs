using System.Net.Http.Json;
using System.Text.Json;
using LbcCommunity.Contracts;
using LbcCommunity.Grains;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>
/// A waiting digest, and a story's owed activity, across a restart of the embedded host: their reminders are in the
/// SQLite file, not in memory.
/// </summary>
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

    [Fact]
    public async Task A_publication_acknowledged_while_the_activity_grain_fails_reaches_the_follower_after_a_restart_by_the_storys_stored_outbox_once()
    {
        using var folder = new TemporaryFolder();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        // A second's minimum reminder period, so the story's outbox reminder ticks every second (a minute in production).
        var settings = new Dictionary<string, string?> { ["Notifications:DigestCheckPeriod"] = "00:00:01" };
        NotificationWorld world;
        TestPerson author;
        TestPerson reader;
        int before;
        // The first host's activity grain refuses every call: the publication is acknowledged, nobody is told yet.
        await using (var first = Host(folder, settings, clock, services => services.AddSingleton<IIncomingGrainCallFilter, ActivityGrainDown>()))
        {
            world = await NotificationWorld.Create(first, clock);
            author = await world.Member("Author", "cop", facilitator: true);
            reader = await world.Member("Reader", "cop");
            (await reader.Client.PutAsync(world.Path("follows/communities/cop"), null)).EnsureSuccessStatusCode();
            (await author.Client.PostAsJsonAsync($"/api/tenants/{world.TenantId}/communities/cop/stories",
                new { id = "cafe", title = "The CAFÉ story", summary = "Graduation went from 60 % to 94.7 %." })).EnsureSuccessStatusCode();
            var submitted = await author.Client.PostAsJsonAsync($"/api/tenants/{world.TenantId}/stories/cafe/transitions", new { action = "Submit" });
            submitted.EnsureSuccessStatusCode();
            Assert.Equal("Published", (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
            TenantScope.Enter(world.TenantId);
            before = (await world.Inbox(reader).GetNotifications(20, null)).Total;
        }

        await using var second = Host(folder, settings, clock);
        var again = world.On(second);
        _ = second.Services;
        TenantScope.Enter(world.TenantId);
        // Nobody calls the story after the restart: only its stored reminder activates it and hands the publication over.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var page = await again.Inbox(reader).GetNotifications(20, null);
        while (page.Total == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            page = await again.Inbox(reader).GetNotifications(20, null);
        }

        await again.Record(again.Published("cafe", "The CAFÉ story", author));
        var after = await again.Inbox(reader).GetNotifications(20, null);

        Assert.Equal(0, before);
        Assert.Equal(("cafe", "The CAFÉ story"), (Assert.Single(page.Items).StoryId, page.Items[0].StoryTitle));
        Assert.Equal(1, after.Total);
    }

    /// <summary>The tenant's activity grain refusing every call, as one that cannot be reached would.</summary>
    private sealed class ActivityGrainDown : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context) =>
            context.InterfaceMethod?.DeclaringType == typeof(IStoryActivityGrain)
                ? throw new InvalidOperationException("The activity grain is down.")
                : context.Invoke();
    }

    private static LbcHostFactory Host(TemporaryFolder folder, Dictionary<string, string?> settings, FakeTimeProvider clock, Action<IServiceCollection>? more = null) =>
        new(folder.Path, settings)
        {
            TestServices = services =>
            {
                services.AddKeyedSingleton<TimeProvider>(DomainClock.Key, clock);
                more?.Invoke(services);
            },
        };
}
