using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using LbcCommunity.Client;
using LbcCommunity.Client.Auth;
using LbcCommunity.Convenings;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Host.Hubs;
using LbcCommunity.Host.Tests.Api;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LbcCommunity.Host.Tests.Identity;

/// <summary>
/// Two tenants with people in every role. The endpoints come from the app's own endpoint data source and the hub
/// methods from the hubs themselves, so a new endpoint or hub method is in the matrix the day it is written (and an
/// endpoint without an access rule fails here).
/// </summary>
public sealed class AccessWorld : IAsyncLifetime, IDisposable
{
    private static readonly string[] West = ["west"];
    private readonly TemporaryFolder _folder = new();

    public LbcHostFactory Host { get; private set; } = null!;

    public string Own { get; private set; } = null!;

    public string Foreign { get; private set; } = null!;

    public string ConveningId { get; } = "matrix-convening";

    /// <summary>A token per role in the own tenant; null for the anonymous caller.</summary>
    public Dictionary<string, string?> Tokens { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        Host = new LbcHostFactory(_folder.Path);
        var admin = Host.Api();
        Own = await ApiWorld.NewStateWithTeam(admin);
        Foreign = await ApiWorld.NewStateWithTeam(admin);
        foreach (var state in new[] { Own, Foreign })
        {
            await admin.CreateRegionAsync(state, new RegionDraft { Id = "east", Name = "East" });
            await admin.CreateCommunityAsync(state, new CommunityDraft { Id = "cop", Name = "Transition CoP" });
        }

        await admin.AddMemberAsync(Own, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Facilitator", Email = "facilitator@own.test", StakeholderRole = StakeholderRole.DistrictAdministrator, IsFacilitator = true });
        await admin.AddMemberAsync(Own, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Parent", Email = "parent@own.test", StakeholderRole = StakeholderRole.FamilyMember });
        await admin.AddMemberAsync(Own, Roster.OfCommunity("cop"), new MemberDraft { DisplayName = "CoP lead", Email = "lead@own.test", StakeholderRole = StakeholderRole.ParentMentor, IsFacilitator = true });
        await admin.AddMemberAsync(Own, Roster.OfCommunity("cop"), new MemberDraft { DisplayName = "CoP member", Email = "member@own.test", StakeholderRole = StakeholderRole.Teacher });
        await admin.CreateConveningAsync(Own, new ConveningDraft
        {
            Id = ConveningId,
            Title = "Matrix convening",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = "cafe",
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.ConsensusBuilding, Title = "Decide" }],
        });

        using var asAdmin = Host.ClientWith(await Host.StateAdminToken(Own));
        (await asAdmin.PutAsJsonAsync($"/api/tenants/{Own}/people/staff", new { email = "coordinator@own.test", coordinatesRegionIds = West })).EnsureSuccessStatusCode();
        var code = await (await asAdmin.PostAsJsonAsync($"/api/tenants/{Own}/convenings/{ConveningId}/join-codes", new { label = "Families" })).Content.ReadFromJsonAsync<JsonElement>();
        var integration = await (await asAdmin.PostAsJsonAsync($"/api/tenants/{Own}/integrations", new { displayName = "State data system" })).Content.ReadFromJsonAsync<JsonElement>();

        Tokens["anonymous"] = null;
        Tokens["platform-operator"] = await Host.TokenFor(null, LbcHostFactory.OperatorEmail);
        Tokens["state-admin"] = await Host.StateAdminToken(Own);
        Tokens["regional-coordinator"] = await Host.TokenFor(Own, "coordinator@own.test");
        Tokens["team-facilitator"] = await Host.TokenFor(Own, "facilitator@own.test");
        Tokens["team-member"] = await Host.TokenFor(Own, "parent@own.test");
        Tokens["community-facilitator"] = await Host.TokenFor(Own, "lead@own.test");
        Tokens["community-member"] = await Host.TokenFor(Own, "member@own.test");
        Tokens["guest"] = await Host.GuestToken(code.GetProperty("code").GetString()!, "A grandmother");
        Tokens["integration"] = (await LbcSignIn.ClientCredentialsAsync(Host.CreateClient(), integration.GetProperty("clientId").GetString()!, integration.GetProperty("clientSecret").GetString()!)).AccessToken;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public void Dispose() => _folder.Dispose();
}

public sealed partial class AccessMatrixTests(AccessWorld world) : IClassFixture<AccessWorld>
{
    /// <summary>Who each rule admits in their own tenant, for a team in region west, the team's convening and the community.</summary>
    private static readonly Dictionary<string, string[]> Admitted = new(StringComparer.Ordinal)
    {
        ["signed-in"] = ["platform-operator", "state-admin", "regional-coordinator", "team-facilitator", "team-member", "community-facilitator", "community-member", "guest", "integration"],
        ["platform-operator"] = ["platform-operator"],
        ["state-admin-or-operator"] = ["platform-operator", "state-admin"],
        ["tenant-person"] = ["state-admin", "regional-coordinator", "team-facilitator", "team-member", "community-facilitator", "community-member"],
        ["state-admin"] = ["state-admin"],
        ["region-reader"] = ["state-admin", "regional-coordinator"],
        ["initiative-rollup-reader"] = ["state-admin", "integration"],
        ["region-rollup-reader"] = ["state-admin", "regional-coordinator", "integration"],
        // A coordinator is admitted only with their own region in the query (DashboardApiTests); the matrix asks without.
        ["attention-reader"] = ["state-admin", "integration"],
        ["team-reader"] = ["state-admin", "regional-coordinator", "team-facilitator", "team-member"],
        ["team-facilitator"] = ["state-admin", "team-facilitator"],
        ["team-member"] = ["state-admin", "team-facilitator", "team-member"],
        ["community-reader"] = ["state-admin", "community-facilitator", "community-member"],
        ["community-facilitator"] = ["state-admin", "community-facilitator"],
        ["convening-planner"] = ["state-admin", "team-facilitator", "community-facilitator"],
        ["convening-reader"] = ["state-admin", "regional-coordinator", "team-facilitator", "team-member", "guest"],
        ["convening-facilitator"] = ["state-admin", "team-facilitator"],
        ["report-reviewer"] = ["state-admin", "regional-coordinator"],
        ["evidence-export-reader"] = ["state-admin", "integration"],
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public void Every_endpoint_of_the_app_names_an_access_rule_the_matrix_knows_or_is_public_on_purpose()
    {
        var endpoints = world.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        Assert.True(ApiEndpoints().Count() > 50, "The API's endpoints were not found.");
        Assert.All(endpoints, e =>
        {
            var route = e.RoutePattern.RawText ?? string.Empty;
            var rule = e.Metadata.GetMetadata<AccessRule>();
            var isPublic = e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null;
            var isHub = e.Metadata.GetMetadata<Microsoft.AspNetCore.SignalR.HubMetadata>() is not null
                && e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is not null;
            // Operator pages are guarded by their own middleware (operators signed in, or the machine itself).
            var isOperatorPage = route.StartsWith("/ops/", StringComparison.Ordinal);
            Assert.True(
                (rule is not null && Admitted.ContainsKey(rule.Name)) || (rule is null && (isPublic || isHub || isOperatorPage)),
                $"{route} names no access rule the matrix knows, and is not marked public.");
            Assert.False(route.StartsWith("/api/tenants", StringComparison.Ordinal) && rule is null, $"{route} is a tenant's endpoint without an access rule.");
        });
    }

    [Fact]
    public void Testing_an_identity_provider_is_in_the_matrix_under_the_state_admin_rule()
    {
        var test = Assert.Single(ApiEndpoints(), e => e.Method == "POST" && e.Route == "/api/tenants/{tenantId}/identity-providers/{providerId}/test");

        Assert.Equal("state-admin", test.Rule!.Name);
    }

    [Fact]
    public void A_teams_perception_gap_is_read_under_the_team_reader_rule_as_its_ratings_are()
    {
        var perception = Assert.Single(ApiEndpoints(), e => e.Method == "GET" && e.Route == "/api/tenants/{tenantId}/teams/{teamId}/perception");
        var ratings = Assert.Single(ApiEndpoints(), e => e.Method == "GET" && e.Route.TrimEnd('/') == "/api/tenants/{tenantId}/teams/{teamId}/ratings");

        Assert.Equal(("team-reader", "team-reader"), (perception.Rule!.Name, ratings.Rule!.Name));
    }

    [Fact]
    public async Task Every_endpoint_admits_exactly_the_roles_its_rule_names_in_their_own_tenant()
    {
        var failures = new List<string>();
        foreach (var endpoint in ApiEndpoints())
        {
            foreach (var (role, token) in world.Tokens)
            {
                var response = await Send(endpoint, world.Own, token);
                var admitted = Admitted[endpoint.Rule!.Name].Contains(role);
                var status = (int)response.StatusCode;
                // A platform operator belongs to no tenant: a tenant's routes are, for them, another tenant's (404).
                var outsider = role == "platform-operator" && endpoint.Route.Contains("{tenantId}", StringComparison.Ordinal) && !endpoint.Rule.OperatorMayEnter;
                var expected = role == "anonymous" ? status == 401
                    : outsider ? status == 404
                    : admitted ? status is not (401 or 403) : status == 403;
                if (!expected)
                {
                    failures.Add($"{role} → {endpoint.Method} {endpoint.Route} ({endpoint.Rule.Name}): {status}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Another_tenants_endpoints_answer_every_role_as_if_the_tenant_did_not_exist()
    {
        var failures = new List<string>();
        foreach (var endpoint in ApiEndpoints().Where(e => e.Route.Contains("{tenantId}", StringComparison.Ordinal)))
        {
            foreach (var (role, token) in world.Tokens)
            {
                var foreign = await Send(endpoint, world.Foreign, token);
                var nowhere = await Send(endpoint, "no-such-state", token);
                var operatorMayEnter = role == "platform-operator" && endpoint.Rule!.OperatorMayEnter;
                if (role == "anonymous" || operatorMayEnter)
                {
                    continue;
                }

                var foreignBody = await Problem(foreign);
                var nowhereBody = (await Problem(nowhere)).Replace("no-such-state", world.Foreign, StringComparison.Ordinal);
                if (foreign.StatusCode != HttpStatusCode.NotFound || foreignBody != nowhereBody)
                {
                    failures.Add($"{role} → {endpoint.Method} {endpoint.Route}: {(int)foreign.StatusCode} {foreignBody} (no tenant: {(int)nowhere.StatusCode} {nowhereBody})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Every_hub_method_refuses_another_tenant_like_a_tenant_that_does_not_exist_for_every_role()
    {
        var failures = new List<string>();
        foreach (var (hub, path, method) in HubMethods())
        {
            foreach (var (role, token) in world.Tokens.Where(t => t.Value is not null))
            {
                await using var connection = await Connect(path, token);
                var foreign = await Invoke(connection, method, world.Foreign);
                var nowhere = (await Invoke(connection, method, "no-such-state"))?.Replace("no-such-state", world.Foreign, StringComparison.Ordinal);
                if (foreign is null || foreign != nowhere)
                {
                    failures.Add($"{role} → {hub}.{method.Name}: '{foreign}' (no tenant: '{nowhere}')");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Hub_methods_admit_exactly_the_roles_that_may_watch_or_join_in_their_own_tenant()
    {
        var allowed = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["MonitoringHub.WatchInitiative"] = Admitted["initiative-rollup-reader"],
            ["MonitoringHub.WatchRegion"] = Admitted["region-rollup-reader"],
            ["MonitoringHub.StopWatching"] = [.. Admitted["signed-in"].Except(["platform-operator"])],
            ["ConveningHub.Join"] = ["team-facilitator", "team-member", "guest"],
        };
        var failures = new List<string>();
        foreach (var (hub, path, method) in HubMethods())
        {
            foreach (var (role, token) in world.Tokens.Where(t => t.Value is not null))
            {
                await using var connection = await Connect(path, token);
                var error = await Invoke(connection, method, world.Own);
                // Without a Join on the connection no convening action is taken, whoever asks.
                var admitted = allowed.TryGetValue($"{hub}.{method.Name}", out var roles) && roles.Contains(role);
                if (admitted != (error is null))
                {
                    failures.Add($"{role} → {hub}.{method.Name}: {(error is null ? "admitted" : error)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task A_hub_connection_without_a_valid_token_is_refused()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => Connect("/hubs/convening", null));
        await Assert.ThrowsAnyAsync<Exception>(() => Connect("/hubs/monitoring", "not-a-token"));
    }

    private sealed record ApiEndpoint(string Method, string Route, AccessRule? Rule);

    private IEnumerable<ApiEndpoint> ApiEndpoints() =>
        world.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<AccessRule>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new ApiEndpoint(method, e.RoutePattern.RawText!, e.Metadata.GetMetadata<AccessRule>())))
            .OrderBy(e => e.Route, StringComparer.Ordinal)
            .ThenBy(e => e.Method, StringComparer.Ordinal);

    /// <summary>
    /// Calls the endpoint with ids that exist where reading is harmless, and ids that name nothing where a call would
    /// change something (removals); bodies are empty objects, which every write refuses as invalid after the access check.
    /// </summary>
    private async Task<HttpResponseMessage> Send(ApiEndpoint endpoint, string tenantId, string? token)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["tenantId"] = tenantId,
            ["regionId"] = "west",
            ["districtId"] = "meriwether",
            ["initiativeId"] = "graduatefirst",
            ["teamId"] = "cafe",
            ["communityId"] = "cop",
            ["conveningId"] = world.ConveningId,
            ["memberId"] = "nobody",
            ["ratingId"] = "nothing",
            ["personId"] = "p-nobody",
            ["providerId"] = "no-provider",
            ["clientId"] = "no-integration",
            ["joinCodeId"] = "jc-none",
            ["version"] = "1",
            ["tag"] = "family-engagement",
            ["notificationId"] = "1",
            ["storyId"] = "no-story",
            ["commentId"] = "c-none",
            ["attachmentId"] = "a-none",
            ["reaction"] = "Thanks",
            ["quarter"] = LbcCommunity.RollUps.TallyKeys.Quarter(DateTimeOffset.UtcNow),
            ["section"] = "convenings",
            ["goalId"] = "no-goal",
            ["actionId"] = "no-action",
        };
        var path = RouteParameter().Replace(endpoint.Route, m => values[m.Groups[1].Value]);
        using var client = world.Host.ClientWith(token);
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path);
        if (endpoint.Method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    private static async Task<string> Problem(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var problem = JsonDocument.Parse(text).RootElement;
        return $"{problem.GetProperty("title").GetString()} {(problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null)}";
    }

    private static IEnumerable<(string Hub, string Path, MethodInfo Method)> HubMethods() =>
        new[] { (typeof(MonitoringHub), "/hubs/monitoring"), (typeof(ConveningHub), "/hubs/convening") }
            .SelectMany(h => h.Item1.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.Name is not ("OnConnectedAsync" or "OnDisconnectedAsync"))
                .Select(m => (h.Item1.Name, h.Item2, m)));

    private async Task<HubConnection> Connect(string path, string? token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(world.Host.Server.BaseAddress, path), options => world.Host.OverTestServer(options, token))
            .AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Invokes a hub method with harmless arguments; the hub error, or null when it was admitted.</summary>
    private async Task<string?> Invoke(HubConnection connection, MethodInfo method, string tenantId)
    {
        var arguments = method.GetParameters().Select(p => p.Name switch
        {
            "tenantId" => tenantId,
            "conveningId" => world.ConveningId,
            "initiativeId" => "graduatefirst",
            "regionId" => "west",
            "participantId" => "nobody",
            "actionId" => "matrix-action",
            _ when p.ParameterType == typeof(string) => "x",
            _ when p.ParameterType == typeof(JoinRequest) => new JoinRequest(),
            _ when p.ParameterType.IsArray => Array.CreateInstance(p.ParameterType.GetElementType()!, 0),
            _ when p.ParameterType.IsValueType => Activator.CreateInstance(p.ParameterType),
            _ => null,
        }).ToArray();
        try
        {
            await connection.InvokeCoreAsync(method.Name, typeof(object), arguments);
            return null;
        }
        catch (HubException error)
        {
            return error.Message;
        }
    }

    [GeneratedRegex(@"\{([A-Za-z]+)(:[a-z]+)?\}")]
    private static partial Regex RouteParameter();
}
