using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using LbcCommunity.Grains;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace LbcCommunity.Host.Storage;

/// <summary>Wires the durable store into the host and the Orleans silo.</summary>
public static partial class StorageHostingExtensions
{
    /// <summary>The name of the storage health check.</summary>
    public const string HealthCheckName = "storage";

    /// <summary>The configuration section bound to Orleans' <see cref="ClusterMembershipOptions"/> in cluster mode.</summary>
    public const string MembershipSection = "Orleans:Membership";

    /// <summary>Embedded mode: the name of the ADO.NET provider behind the group-commit writer (its reads are used).</summary>
    internal const string EmbeddedProviderName = StorageNames.Grains + "-sqlite";

    /// <summary>
    /// Registers the storage options, the schema migrator, the migration step of the silo start
    /// (it runs before any provider reads the store, whatever the order of this call and
    /// <c>UseOrleans</c>) and the store health check type. Calling it more than once is harmless.
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting the mode needs is missing; the message names its key.</exception>
    public static IServiceCollection AddLbcStorage(this IServiceCollection services, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        StorageConnections.Validate(options);

        services.TryAddSingleton(options);
        services.TryAddSingleton<IOptions<StorageOptions>>(Options.Create(options));
        services.TryAddSingleton<SchemaMigrator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, SchemaMigrationLifecycleParticipant>());
        services.TryAddSingleton<StorageHealthCheck>();
        return services;
    }

    /// <summary>
    /// Configures clustering, the grain storage <see cref="StorageNames.Grains"/> and reminders for the
    /// configured mode. Embedded: localhost clustering, grain state and reminders in the SQLite file.
    /// Cluster: membership, grain state and reminders in PostgreSQL. Azure: membership and reminders in Table storage,
    /// grain state in Blob storage.
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting the mode needs is missing; the message names its key.</exception>
    public static ISiloBuilder UseLbcStorage(this ISiloBuilder silo, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddLbcStorage(options);

        if (options.Mode == StorageMode.Embedded)
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, null, options.ServiceId, options.ClusterId);
        }
        else
        {
            var advertised = string.IsNullOrWhiteSpace(options.AdvertisedIPAddress)
                ? IPAddress.Loopback
                : IPAddress.Parse(options.AdvertisedIPAddress);
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
            // A silo advertising a routable address is meant to be reached from other machines.
            silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
            // How soon a crashed silo is declared dead (and its grains, convenings among them, come back elsewhere):
            // Orleans' defaults unless "Orleans:Membership" says otherwise (docs/operations.md, "When a host dies").
            silo.Services.AddOptions<ClusterMembershipOptions>().BindConfiguration(MembershipSection);
        }

        // No gateway unless a port is configured: the co-hosted API calls grains in-process, and a client on the gateway
        // would set the tenant of its calls itself (RequestContext), which the tenant call filter trusts. A listening
        // endpoint left at port 0 would otherwise bind a random port.
        if (options.GatewayPort == 0)
        {
            silo.Configure<EndpointOptions>(endpoints =>
            {
                endpoints.GatewayPort = 0;
                endpoints.GatewayListeningEndpoint = null;
            });
        }

        if (options.Mode == StorageMode.Azure)
        {
            UseAzureStores(silo, options);
        }
        else
        {
            UseAdoNetStores(silo, options);
        }

        return silo;
    }

    /// <summary>Embedded and cluster mode: membership (cluster only), grain state and reminders through the ADO.NET providers.</summary>
    private static void UseAdoNetStores(ISiloBuilder silo, StorageOptions options)
    {
        var invariant = StorageConnections.Invariant(options);
        var connectionString = StorageConnections.ConnectionString(options);
        if (options.Mode == StorageMode.Cluster)
        {
            silo.UseAdoNetClustering(clustering =>
            {
                clustering.Invariant = invariant;
                clustering.ConnectionString = connectionString;
            });
        }

        // Embedded: the ADO.NET provider is registered under an inner name for its reads; writes go through one
        // writer that commits what has queued together (GroupCommitGrainStorage), in the provider's rows.
        var providerName = options.Mode == StorageMode.Embedded ? EmbeddedProviderName : StorageNames.Grains;
        if (options.Mode == StorageMode.Embedded)
        {
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Grains, (services, _) => new GroupCommitGrainStorage(
                services.GetRequiredKeyedService<IGrainStorage>(EmbeddedProviderName),
                connectionString,
                options.ServiceId,
                new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()),
                services.GetRequiredService<IActivatorProvider>(),
                services.GetRequiredService<ILogger<GroupCommitGrainStorage>>()));
        }

        silo.AddAdoNetGrainStorage(providerName, storage => storage.Configure<Serializer>((store, serializer) =>
        {
            store.Invariant = invariant;
            store.ConnectionString = connectionString;
            // Grain state is written with the Orleans serializer, not JSON: it is version tolerant through the
            // [Id] of each member (never renumbered), and it needs no type names in the payload.
            store.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));
        silo.UseAdoNetReminderService(reminders =>
        {
            reminders.Invariant = invariant;
            reminders.ConnectionString = connectionString;
        });
    }

    /// <summary>
    /// Adds the store health check (tagged <c>ready</c>): healthy when the store answers a query over
    /// the installed schema. Needs <see cref="AddLbcStorage"/>.
    /// </summary>
    public static IHealthChecksBuilder AddLbcStorageCheck(this IHealthChecksBuilder builder, params string[] tags)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<StorageHealthCheck>(HealthCheckName, HealthStatus.Unhealthy, tags.Length > 0 ? tags : ["ready"]);
    }

    /// <summary>
    /// The <c>migrate</c> command: brings the store's schema up to date and exits.
    /// Returns the process exit code: 0 when the schema is current, 1 when migrating failed.
    /// </summary>
    public static async Task<int> RunMigrateCommandAsync(StorageOptions options, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger(typeof(StorageHostingExtensions).FullName!);
        try
        {
            var migrator = new SchemaMigrator(options, loggerFactory.CreateLogger<SchemaMigrator>());
            var applied = await migrator.MigrateAsync(cancellationToken).ConfigureAwait(false);
            LogMigrateCommandDone(logger, options.Mode, applied.Count);
            return 0;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogMigrateCommandFailed(logger, exception, options.Mode);
            return 1;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "migrate: the {Mode} store is up to date ({AppliedCount} scripts applied now).")]
    private static partial void LogMigrateCommandDone(ILogger logger, StorageMode mode, int appliedCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "migrate: migrating the {Mode} store failed.")]
    private static partial void LogMigrateCommandFailed(ILogger logger, Exception exception, StorageMode mode);
}
