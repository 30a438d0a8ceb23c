using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LbcCommunity.Client;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;
using LbcCommunity.Rubrics;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>Bad input gets a problem-details answer that names the problem, and nothing is stored.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class BadInputTests(ApiHostFixture fixture)
{
    private readonly LbcCommunityClient _api = fixture.Api;

    [Fact]
    public async Task Missing_and_over_long_fields_are_named_and_nothing_is_stored()
    {
        var state = await ApiWorld.NewTenant(_api);

        var missing = await Send(HttpMethod.Post, $"api/tenants/{state}/regions", """{"description":"no name"}""");
        var tooLong = await Send(HttpMethod.Post, $"api/tenants/{state}/regions", JsonSerializer.Serialize(new { name = new string('x', 201) }));

        missing.AssertValidationProblem("name");
        tooLong.AssertValidationProblem("name");
        Assert.Empty(await _api.ListRegionsAsync(state));
    }

    [Fact]
    public async Task Malformed_json_is_a_problem_naming_where_it_broke_and_nothing_is_stored()
    {
        var state = await ApiWorld.NewTenant(_api);

        var broken = await Send(HttpMethod.Post, $"api/tenants/{state}/regions", """{"name": "West", "description": """);
        var wrongType = await Send(HttpMethod.Post, $"api/tenants/{state}/regions", """{"name": 42}""");
        await _api.CreateCommunityAsync(state, new CommunityDraft { Id = "cop", Name = "CoP" });
        var unknownRole = await Send(HttpMethod.Post, $"api/tenants/{state}/communities/cop/members", """{"displayName":"x","stakeholderRole":"Wizard"}""");

        Assert.Equal(HttpStatusCode.BadRequest, broken.Status);
        wrongType.AssertValidationProblem("$.name");
        unknownRole.AssertValidationProblem("$.stakeholderRole");
        Assert.Empty(await _api.ListRegionsAsync(state));
        Assert.Empty(await _api.ListMembersAsync(state, Roster.OfCommunity("cop")));
    }

    [Fact]
    public async Task Unknown_ids_in_the_route_are_not_found_and_in_the_body_are_named()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);

        var unknownTeam = await Send(HttpMethod.Get, $"api/tenants/{state}/teams/nobody", null);
        var unknownTenant = await Send(HttpMethod.Get, "api/tenants/nowhere/regions", null);
        var malformedId = await Send(HttpMethod.Get, $"api/tenants/{state}/teams/NOT%20A%20SLUG", null);
        var unknownInitiative = await Send(HttpMethod.Post, $"api/tenants/{state}/initiatives/nothing/teams", """{"name":"x","districtId":"meriwether"}""");
        var unknownDistrict = await Send(HttpMethod.Post, $"api/tenants/{state}/initiatives/graduatefirst/teams", """{"name":"x","districtId":"atlantis"}""");
        var unknownRegion = await Send(HttpMethod.Post, $"api/tenants/{state}/districts", """{"name":"x","regionId":"atlantis"}""");

        Assert.Equal(HttpStatusCode.NotFound, unknownTeam.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknownTenant.Status);
        Assert.Equal(HttpStatusCode.NotFound, malformedId.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknownInitiative.Status);
        unknownDistrict.AssertValidationProblem("districtId");
        unknownRegion.AssertValidationProblem("regionId");
        Assert.Equal(["cafe"], (await _api.ListTeamsAsync(state, "graduatefirst")).Select(t => t.Id));
        Assert.Equal(["meriwether"], (await _api.ListDistrictsAsync(state)).Select(d => d.Id));
    }

    [Fact]
    public async Task Ids_already_taken_are_a_conflict_and_the_first_entity_is_unchanged()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);

        var region = await Send(HttpMethod.Post, $"api/tenants/{state}/regions", """{"id":"west","name":"Impostor"}""");
        var team = await Send(HttpMethod.Post, $"api/tenants/{state}/initiatives/graduatefirst/teams", """{"id":"cafe","name":"Impostor","districtId":"meriwether"}""");
        var tenant = await Send(HttpMethod.Post, "api/tenants", $$"""{"id":"{{state}}","name":"Impostor","stateCode":"FL"}""");

        Assert.Equal(HttpStatusCode.Conflict, region.Status);
        Assert.Equal(HttpStatusCode.Conflict, team.Status);
        Assert.Equal(HttpStatusCode.Conflict, tenant.Status);
        Assert.Equal("West Georgia RESA", (await _api.GetRegionAsync(state, "west")).Name);
        Assert.Equal("CAFÉ", (await _api.GetTeamAsync(state, "cafe")).Name);
        Assert.Equal("GA", (await _api.GetTenantAsync(state)).StateCode);
    }

    [Fact]
    public async Task Rubric_with_duplicate_rows_is_rejected_and_no_version_is_published()
    {
        var state = await ApiWorld.NewTenant(_api);
        var rows = (await _api.GetRubricVersionAsync(state, 1)).Rows;
        var draft = RubricDrafts.From(new RubricVersion { Version = 0, Name = "x", Rows = [rows[0], rows[1], rows[0]], PublishedAt = default }, "Duplicated");

        var error = await Assert.ThrowsAsync<LbcApiException>(() => _api.PublishRubricAsync(state, draft));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("rows[2].id", error.Errors.Keys);
        Assert.Equal([1], (await _api.ListRubricVersionsAsync(state)).Select(v => v.Version));
    }

    [Fact]
    public async Task Changes_that_break_a_rule_are_refused_and_leave_the_entity_as_it_was()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        await _api.CreateRegionAsync(state, new RegionDraft { Id = "metro", Name = "Metro RESA" });

        var moveTeam = await Assert.ThrowsAsync<LbcApiException>(() => _api.UpdateTeamAsync(state, "cafe", new TeamDraft { Name = "Moved", DistrictId = "elsewhere" }));
        var moveDistrict = await Assert.ThrowsAsync<LbcApiException>(() => _api.UpdateDistrictAsync(state, "meriwether", new DistrictDraft { Name = "Moved", RegionId = "metro" }));
        var renameId = await Assert.ThrowsAsync<LbcApiException>(() => _api.UpdateRegionAsync(state, "west", new RegionDraft { Id = "east", Name = "East" }));
        var threshold = await Assert.ThrowsAsync<LbcApiException>(() => _api.UpdateTenantAsync(state, new TenantDraft { Name = "x", StateCode = "GA", LevelThresholdPercent = 45 }));
        var rubric = await Assert.ThrowsAsync<LbcApiException>(() => _api.UpdateInitiativeAsync(state, "graduatefirst", new InitiativeDraft { Name = "x", RubricVersion = 9 }));
        var member = await Assert.ThrowsAsync<LbcApiException>(() => _api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "No role" }));

        Assert.Contains("districtId", moveTeam.Errors.Keys);
        Assert.Contains("regionId", moveDistrict.Errors.Keys);
        Assert.Contains("id", renameId.Errors.Keys);
        Assert.Contains("levelThresholdPercent", threshold.Errors.Keys);
        Assert.Contains("rubricVersion", rubric.Errors.Keys);
        Assert.Contains("stakeholderRole", member.Errors.Keys);
        Assert.Equal(("CAFÉ", "meriwether"), ((await _api.GetTeamAsync(state, "cafe")).Name, (await _api.GetTeamAsync(state, "cafe")).DistrictId));
        Assert.Equal("west", (await _api.GetDistrictAsync(state, "meriwether")).RegionId);
        Assert.Equal("West Georgia RESA", (await _api.GetRegionAsync(state, "west")).Name);
        Assert.Equal(50, (await _api.GetTenantAsync(state)).LevelThresholdPercent);
        Assert.Equal(1, (await _api.GetInitiativeAsync(state, "graduatefirst")).RubricVersion);
        Assert.Empty(await _api.ListMembersAsync(state, Roster.OfTeam("cafe")));
    }

    private async Task<Answer> Send(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await _api.Http.SendAsync(request);
        var body = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? await response.Content.ReadFromJsonAsync<JsonElement>()
            : (JsonElement?)null;
        return new Answer(response.StatusCode, body);
    }

    private sealed record Answer(HttpStatusCode Status, JsonElement? Problem)
    {
        public void AssertValidationProblem(string field)
        {
            Assert.Equal(HttpStatusCode.BadRequest, Status);
            Assert.NotNull(Problem);
            var errors = Problem.Value.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"Expected an error for '{field}' in {errors}");
        }
    }
}
