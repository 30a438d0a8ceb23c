using System.Net.Http.Json;
using System.Text.Json;
using LbcCommunity.Client;
using LbcCommunity.Contracts;
using LbcCommunity.Grains;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;
using LbcCommunity.Stories;
using LbcCommunity.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>
/// An embedded host that sends digests to a real SMTP server (<see cref="SmtpSink"/>), whose digest reminders tick every
/// second of real time and whose domain clock is a fake one the tests move (a day passes when a test says so).
/// </summary>
public sealed class NotificationHostFixture : IAsyncLifetime, IDisposable
{
    public const string BaseUrl = "https://lbc.example.org/";

    private readonly TemporaryFolder _folder = new();

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public SmtpSink Smtp { get; private set; } = null!;

    public LbcHostFactory Host { get; private set; } = null!;

    public LbcCommunityClient Api { get; private set; } = null!;

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        Smtp = await SmtpSink.StartAsync();
        var settings = Smtp.HostSettings();
        settings["Mail:BaseUrl"] = BaseUrl;
        settings["Notifications:DigestCheckPeriod"] = "00:00:01";
        Host = new LbcHostFactory(_folder.Path, settings) { TestServices = services => services.AddKeyedSingleton<TimeProvider>(DomainClock.Key, Clock) };
        Api = Host.Api();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    public void Dispose() => _folder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class NotificationHostCollection : ICollectionFixture<NotificationHostFixture>
{
    public const string Name = "Notification host (embedded, SMTP)";
}

/// <summary>A person of a test tenant: their e-mail, person id, and clients (plain and typed) that send their token.</summary>
public sealed record TestPerson(string Email, string PersonId, HttpClient Client, LbcCommunityClient Api);

/// <summary>A tenant with communities <c>cop</c> and <c>other</c>, and people on their rosters, through the API of <paramref name="host"/>.</summary>
internal sealed class NotificationWorld(LbcHostFactory host, TimeProvider clock, string tenantId)
{
    public string TenantId { get; } = tenantId;

    private IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public static Task<NotificationWorld> Create(NotificationHostFixture fixture) => Create(fixture.Host, fixture.Clock);

    public static async Task<NotificationWorld> Create(LbcHostFactory host, TimeProvider clock)
    {
        var api = host.Api();
        var tenantId = await ApiWorld.NewTenant(api);
        await api.CreateCommunityAsync(tenantId, new CommunityDraft { Id = "cop", Name = "Parent Mentors" });
        await api.CreateCommunityAsync(tenantId, new CommunityDraft { Id = "other", Name = "Transition CoP" });
        return new NotificationWorld(host, clock, tenantId);
    }

    /// <summary>The same tenant on another host (after a restart on the same data folder).</summary>
    public NotificationWorld On(LbcHostFactory other) => new(other, clock, TenantId);

    /// <summary>A member of <paramref name="communityId"/>, signed in.</summary>
    public async Task<TestPerson> Member(string name, string communityId, bool facilitator = false)
    {
        var email = $"{name.ToLowerInvariant()}@{TenantId}.test";
        await host.Api().AddMemberAsync(TenantId, Roster.OfCommunity(communityId), new MemberDraft { DisplayName = name, Email = email, StakeholderRole = StakeholderRole.ParentMentor, IsFacilitator = facilitator });
        var token = await host.TokenFor(TenantId, email);
        var client = host.ClientWith(token);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        return new TestPerson(email, me.GetProperty("subject").GetString()!, client, host.ApiAs(token));
    }

    public string Path(string rest) => $"/api/tenants/{TenantId}/me/{rest}";

    /// <summary>Records an activity as the story grain will: in-process, for the tenant.</summary>
    public Task Record(StoryActivity activity) => TenantScope.For(TenantId, () => Grains.GetGrain<IStoryActivityGrain>(TenantId).Record(activity));

    public IPersonNotificationsGrain Inbox(TestPerson person) =>
        Grains.GetGrain<IPersonNotificationsGrain>(LbcCommunity.Notifications.NotificationKeys.Person(TenantId, person.PersonId));

    public StoryActivity Published(string storyId, string title, TestPerson actor, StoryVisibility visibility = StoryVisibility.Community) => new()
    {
        ActivityId = $"{storyId}/published/1",
        Kind = StoryActivityKind.Published,
        StoryId = storyId,
        StoryTitle = title,
        CommunityId = "cop",
        Visibility = visibility,
        ActorPersonId = actor.PersonId,
        ActorDisplayName = "Ana Author",
        Excerpt = "In its 4th year the graduation rate went from 60 % to 94.7 %.",
        At = clock.GetUtcNow(),
    };
}
