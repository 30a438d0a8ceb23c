using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
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
    public async Task OpenApi_document_types_numbers_as_numbers_never_as_strings()
    {
        var document = await _http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var numeric = new List<string>();
        var stringly = new List<string>();
        void Walk(JsonElement element, string path)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                // A schema's type is a name or a list of names (a property called "type" is an object).
                if (element.TryGetProperty("type", out var type) && type.ValueKind is JsonValueKind.String or JsonValueKind.Array)
                {
                    var types = type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.ToString())] : new[] { type.GetString() };
                    if (types.Any(t => t is "integer" or "number"))
                    {
                        numeric.Add(path);
                        if (types.Contains("string") || element.TryGetProperty("pattern", out _))
                        {
                            stringly.Add(path);
                        }
                    }
                }

                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, $"{path}/{property.Name}");
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}/{i++}");
                }
            }
        }

        Walk(document, "#");

        Assert.Contains(numeric, p => p.EndsWith("/DimensionSummary/properties/scoreSum", StringComparison.Ordinal));
        Assert.Contains(numeric, p => p.EndsWith("/Tenant/properties/fiscalYearStartMonth", StringComparison.Ordinal));
        Assert.True(stringly.Count == 0, "Numbers typed as strings: " + string.Join(", ", stringly));
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

    /// <summary>Each page prefix of the web app (WebAppPages.Prefixes): its pages, and an API path below it that does not exist.</summary>
    public static TheoryData<string[], string> AppPages => new()
    {
        { ["/convenings", "/convenings/learning-day/run"], "/api/convenings/learning-day/run" },
        { ["/teams/cafe-manchester", "/teams/cafe-manchester?row=acknowledging-diversity"], "/api/teams/cafe-manchester" },
        { ["/initiatives/graduatefirst", "/initiatives/graduatefirst/regions/west-georgia"], "/api/initiatives/graduatefirst/regions/west-georgia" },
        { ["/communities/parent-mentors/stories", "/communities/parent-mentors/stories/new"], "/api/communities/parent-mentors/stories" },
        { ["/stories/cafe-graduation", "/stories/cafe-graduation/edit"], "/api/stories/cafe-graduation" },
        { ["/read/ga/cafe-graduation/AbC-123_xyz"], "/api/read/ga/cafe-graduation/AbC-123_xyz" },
    };

    [Theory]
    [MemberData(nameof(AppPages))]
    public async Task Web_app_pages_with_ids_in_their_paths_are_answered_with_the_app_and_unknown_api_paths_stay_404(string[] pages, string unknownApiPath)
    {
        foreach (var path in pages)
        {
            using var page = await _http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<div id=\"root\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var unknown = await _http.GetAsync(unknownApiPath);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Web_app_scripts_go_out_compressed_and_nothing_else_does()
    {
        var html = await _http.GetStringAsync("/");
        var script = Regex.Match(html, "src=\"(/assets/[^\"]+\\.js)\"").Groups[1].Value;
        Assert.NotEmpty(script);

        using var plain = await _http.GetAsync(script);
        var raw = await plain.Content.ReadAsByteArrayAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, script) { Headers = { { "Accept-Encoding", "br, gzip" } } };
        using var compressed = await _http.SendAsync(request);
        var sent = await compressed.Content.ReadAsByteArrayAsync();

        Assert.Equal("br", Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.True(sent.Length < raw.Length / 2, $"{script}: {sent.Length} bytes compressed of {raw.Length}");
        await using (var decoded = new BrotliStream(new MemoryStream(sent), CompressionMode.Decompress))
        using (var copy = new MemoryStream())
        {
            await decoded.CopyToAsync(copy);
            Assert.Equal(raw, copy.ToArray());
        }

        // What may mix a secret with what a visitor sends is never compressed (BREACH): the API, the sign-in page.
        foreach (var path in new[] { "/api/tenants", "/openapi/v1.json", "/" })
        {
            using var other = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Accept-Encoding", "br, gzip" } } };
            using var answer = await _http.SendAsync(other);
            Assert.Empty(answer.Content.Headers.ContentEncoding);
        }
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
