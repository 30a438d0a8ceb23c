using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Api;

[Collection(ApiHostCollection.Name)]
public sealed class ReferenceAndHealthTests(ApiHostFixture fixture)
{
    private readonly HttpClient _http = fixture.Api.Http;

    [Fact]
    public async Task OpenApi_document_lists_every_resource_and_operation()
    {
        var document = await _http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject())
            .Select(o => o.Value.GetProperty("operationId").GetString())
            .ToHashSet();

        foreach (var resource in new[] { "regions", "districts", "initiatives", "initiatives/{initiativeId}/teams", "teams/{teamId}/members", "communities", "rubrics" })
        {
            Assert.Contains($"/api/tenants/{{tenantId}}/{resource}", paths);
        }

        Assert.Contains("/api/tenants", paths);
        Assert.Superset(new HashSet<string?> { "CreateTenant", "CreateTeam", "AddTeamMember", "AddCommunityMember", "PublishRubricVersion", "UpdateDistrict" }, operations);
        Assert.DoesNotContain(paths, p => p.StartsWith("/ops", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Api_reference_page_is_served()
    {
        using var response = await _http.GetAsync("/api/reference/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("LbcCommunity API reference", html, StringComparison.Ordinal);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Web_app_built_by_the_dotnet_build_is_served_at_the_root()
    {
        using var response = await _http.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<div id=\"root\">", html, StringComparison.Ordinal);
        Assert.Contains("/assets/", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_and_ready_health_checks_answer_healthy()
    {
        using var live = await _http.GetAsync("/health/live");
        using var ready = await _http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Orleans_dashboard_is_served_under_the_operators_path()
    {
        using var response = await _http.GetAsync("/ops/dashboard/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
