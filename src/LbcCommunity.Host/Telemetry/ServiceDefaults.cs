using LbcCommunity.Host.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LbcCommunity.Host.Telemetry;

/// <summary>OpenTelemetry and health checks, wired in one place.</summary>
internal static class ServiceDefaults
{
    public const string ServiceName = "lbc-community";

    /// <summary>The health check tag of checks that must pass before the silo takes traffic.</summary>
    public const string ReadyTag = "ready";

    /// <summary>The configuration key of the graceful-stop budget, in seconds (<c>Host__ShutdownTimeoutSeconds</c>).</summary>
    public const string ShutdownTimeoutSetting = "Host:ShutdownTimeoutSeconds";

    /// <summary>The graceful-stop budget when none is configured: Orleans' advice under Kubernetes' 180 s grace period.</summary>
    public const int DefaultShutdownTimeoutSeconds = 120;

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        // OpenTelemetry only when an OTLP endpoint is configured. Without one nothing would leave the process, yet every
        // request and grain call would still build spans and log records for the SDK to drop: about 4 % of the host's
        // CPU at 2,000 ratings/s (perf, docs/benchmarks.md). The meters stay readable with dotnet-counters either way.
        if (TracingEnabled(builder.Configuration))
        {
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            });

            builder.Services.AddOpenTelemetry()
                .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: Environment.MachineName))
                .WithTracing(tracing => tracing
                    .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                    .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql())
                .WithMetrics(metrics => metrics
                    .AddMeter("Microsoft.Orleans", GroupCommitGrainStorage.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation())
                .UseOtlpExporter();
        }

        builder.Services.AddHealthChecks();
        // On SIGTERM the web server closes its connections first, then the silo hands its grains over (deactivates
        // them, leaves membership). A graceful stop takes seconds; this is the bound, and under Kubernetes it must end
        // before the pod's terminationGracePeriodSeconds does (the chart sets both; docs/operations.md).
        var shutdownSeconds = builder.Configuration.GetValue(ShutdownTimeoutSetting, DefaultShutdownTimeoutSeconds);
        if (shutdownSeconds <= 0)
        {
            throw new InvalidOperationException($"{ShutdownTimeoutSetting} is {shutdownSeconds}: a number of seconds greater than 0.");
        }

        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(shutdownSeconds));
        return builder;
    }

    /// <summary>Whether telemetry leaves the process: an OTLP endpoint is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>).</summary>
    public static bool TracingEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: the store answers too.</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        // Probes of the orchestrator carry no token; they say up or down, nothing more.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return app;
    }
}
