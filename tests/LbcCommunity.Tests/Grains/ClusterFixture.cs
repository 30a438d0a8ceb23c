using LbcCommunity.Grains;
using LbcCommunity.Grains.Notifications;
using LbcCommunity.Stories;
using LbcCommunity.Tests.Stories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Configuration;
using Orleans.Core.Internal;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.TestingHost;

namespace LbcCommunity.Tests.Grains;

/// <summary>
/// Two silos in this process, with in-memory grain storage under the production storage name, and the domain's clock
/// (<see cref="DomainClock"/>) a fake one that tests move: a café round ends, a join code expires, when the test says so.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>
    /// The grains' clock, shared by both silos. It starts at the real time and only ever moves forward, so tests that run
    /// one after another in the collection each see time go on; take "now" from it, never from the wall clock.
    /// </summary>
    public static FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The stories' search index of both silos (<see cref="MemoryStoryIndex"/>).</summary>
    public static MemoryStoryIndex StoryIndex { get; } = new();

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The primary silo's grain store, for tests that look at (or rewrite) what a grain stored.</summary>
    public IGrainStorage GrainStorage => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains);

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>
    /// Deactivates <paramref name="grain"/>, so its next call activates it from what is stored (as after a restart). The
    /// activation is asked itself: once that call returns it takes no new calls, and the next one reaches a new
    /// activation. Forcing activation collection instead left the activation in place about one run in thirty (it
    /// returned before the collector had reached it), and the next call then read the state it had in memory.
    /// </summary>
    public static Task Deactivate(IAddressable grain) => grain.AsReference<IGrainManagementExtension>().DeactivateOnIdle().AsTask();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(DomainClock.Key, Clock);
            siloBuilder.Services.AddSingleton<IStoryIndex>(StoryIndex);
            siloBuilder.AddMemoryGrainStorage(StorageNames.Grains).AddLbcGrains();
            // Digest reminders tick every second of real time; whether a digest is due is the fake clock's to say.
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            siloBuilder.Services.Configure<NotificationOptions>(options => options.DigestCheckPeriod = TimeSpan.FromSeconds(1));
            siloBuilder.Services.AddSingleton<IDigestMailer>(RecordingMailer.Instance);
            // Off unless a test of the story's activity hand-over turns it on.
            siloBuilder.AddIncomingGrainCallFilter<ActivityFault.Filter>();
            // As in production: state is stored with the Orleans serializer, so a reactivation reads what it wrote.
            siloBuilder.Services.AddOptions<MemoryGrainStorageOptions>(StorageNames.Grains)
                .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Two-silo cluster";
}
