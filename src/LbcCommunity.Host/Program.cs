using System.Text.Json.Serialization;
using LbcCommunity.Grains;
using LbcCommunity.Host.Api;
using LbcCommunity.Host.Demo;
using LbcCommunity.Host.Hosting;
using LbcCommunity.Host.Hubs;
using LbcCommunity.Host.Notifications;
using LbcCommunity.Host.Storage;
using LbcCommunity.Host.Stories;
using LbcCommunity.Host.Telemetry;
using LbcCommunity.Identity;
using LbcCommunity.Identity.Server;
using Orleans.Dashboard;
using Scalar.AspNetCore;

// Two words on the command line are ours, not configuration: "migrate" (bring the store's schema up to date and exit)
// and "--seed-demo" (load the demo tenant). Everything else is ordinary configuration (--Storage:Mode=Cluster …).
var migrateOnly = args.Contains("migrate");
var seedDemo = args.Contains("--seed-demo");
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = [.. args.Where(a => a is not ("migrate" or "--seed-demo"))],
});
if (seedDemo)
{
    builder.Configuration.AddInMemoryCollection([new("Demo:Seed", "true")]);
}

var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();

if (migrateOnly)
{
    using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole());
    return await StorageHostingExtensions.RunMigrateCommandAsync(storage, loggerFactory, CancellationToken.None);
}

builder.AddServiceDefaults();
builder.AddLbcRequestLimits();
builder.Services.AddLbcStorage(storage);
builder.Services.AddHealthChecks().AddLbcStorageCheck(ServiceDefaults.ReadyTag);
builder.Services.AddLbcStories(storage);
builder.Services.AddSharedStoryLimits();
// OpenIddict's stores are relational in every mode: SQLite embedded, PostgreSQL in cluster and Azure mode.
builder.Services.AddLbcIdentity(builder.Configuration, storage.Mode != StorageMode.Embedded
    ? new IdentityStore { PostgresConnectionString = storage.PostgresConnectionString }
    : new IdentityStore
    {
        SqlitePath = Path.Combine(storage.DataFolder, "identity.db"),
        DevelopmentKeyFolder = Path.Combine(storage.DataFolder, "keys"),
    });
// Read before UseLbcStorage: under Kubernetes the pod's IP is the silo's advertised address.
var kubernetes = KubernetesHosting.Configure(builder.Configuration, storage, Environment.GetEnvironmentVariable);
builder.UseOrleans(silo =>
{
    silo.UseLbcStorage(storage);
    if (kubernetes)
    {
        // Silo name from the pod, ids checked against the pod's orleans/* labels, pods of dead silos watched.
        silo.UseKubernetesHosting(options => options.BindConfiguration(KubernetesHosting.Section));
    }

    silo.AddLbcGrains();
    if (ServiceDefaults.TracingEnabled(builder.Configuration))
    {
        // A grain call's span joins the request's trace; with no exporter there is no trace to join.
        silo.AddActivityPropagation();
    }

    // The dashboard samples the silo's counters through its own metric reader; at its default of once a second that
    // took ~3% of the host's CPU in a 1,000-participant convening (perf, docs/benchmarks.md): once in 5 s is plenty
    // for an operator's charts.
    silo.AddDashboard(dashboard => dashboard.CounterUpdateIntervalMs = 5000);
});
builder.Services.AddLbcNotifications(builder.Configuration);
if (builder.Configuration.GetValue<bool>("Demo:Seed"))
{
    // Registered after UseOrleans, so it starts once the silo is up.
    builder.Services.AddHostedService<DemoDataLoader>();
}

builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
    json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
    // Numbers are JSON numbers: the web defaults also read "3" as 3, which the OpenAPI document then has to describe
    // as ["integer","string"] with a pattern, and every generated client gets a union for each number.
    json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
});
// Unreadable bodies throw, so the problem-details handler can say what was wrong rather than answer an empty 400.
builder.Services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
builder.Services.AddSignalR(hub =>
{
    hub.EnableDetailedErrors = !builder.Environment.IsProduction();
    // Every hub message is small; anything larger is refused before it reaches a grain.
    hub.MaximumReceiveMessageSize = 32 * 1024;
    ConveningEndpoint.ConfigureHubs(hub);
}).AddJsonProtocol(json =>
{
    json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter());
    json.PayloadSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
});
// Once the server is bound: the web app may sign in on the addresses this host listens on (and Identity:WebOrigins).
builder.Services.AddHostedService<WebOriginsRegistration>();
builder.Services.AddWebAppCompression();
builder.Services.AddSingleton<RollUpRelay>();
builder.Services.AddHostedService(services => services.GetRequiredService<RollUpRelay>());
builder.Services.AddSingleton<ConveningRelay>();
builder.Services.AddHostedService(services => services.GetRequiredService<ConveningRelay>());
builder.Services.AddHubPipeline();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
{
    document.Info.Title = "LbcCommunity API";
    document.Info.Description = "Statewide communities of practice that work by Leading by Convening: tenants (states), their regions and districts, initiatives and district teams, communities of practice, members and the depth-of-interaction rubric.";
    return Task.CompletedTask;
}));

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseLbcRequestLimits();
app.UseFederationCallbacks();
app.UseLbcAuthentication();
app.UseAuthorization();
app.UseOperatorsOnlyPaths();
app.UseQueryParameterRules();
app.UseRateLimiter();

// Public on purpose: the API's description and reference page say what exists, never what a tenant holds.
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/api/reference", reference => reference.WithTitle("LbcCommunity API reference")).AllowAnonymous();
// The single-page app, when it was built into wwwroot; the API reference otherwise.
app.UseDefaultFiles();
app.UseWebAppCompression();
app.UseStaticFiles();
if (!File.Exists(Path.Combine(app.Environment.WebRootPath ?? string.Empty, "index.html")))
{
    app.MapGet("/", () => Results.Redirect("/api/reference")).ExcludeFromDescription().AllowAnonymous();
}
else
{
    // Pages whose paths carry an id (a convening's console) cannot have a copy of index.html each: the app answers
    // them, and its router and sign-in take over. Only these prefixes: an unknown /api path stays a 404.
    foreach (var pages in WebAppPages.Prefixes)
    {
        app.MapFallbackToFile($"{pages}/{{**rest}}", "index.html").AllowAnonymous();
    }
}

app.MapHealthEndpoints();
app.MapLbcIdentity();
app.MapLbcApi();
app.MapUnsubscribe();
app.MapSharedStories();
// A connection lives no longer than its token: the client reconnects with a fresh one.
app.MapHub<MonitoringHub>("/hubs/monitoring", hub => hub.CloseOnAuthenticationExpiration = true).RequireAuthorization();
app.MapHub<ConveningHub>("/hubs/convening", hub =>
{
    ConveningEndpoint.Configure(hub, app.Configuration.GetValue<long?>(ConveningEndpoint.TransportBufferSetting) ?? ConveningEndpoint.TransportBufferSize);
    hub.CloseOnAuthenticationExpiration = true;
}).RequireAuthorization();
app.MapOrleansDashboard(routePrefix: OperatorsOnly.PathPrefix + "/dashboard").ExcludeFromDescription();

await app.Services.InitializeLbcIdentityAsync();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the functional tests' host factory.</summary>
public partial class Program;
