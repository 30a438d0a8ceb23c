using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LbcCommunity.Access;
using LbcCommunity.Client;
using LbcCommunity.Errors;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
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
        Assert.Equal([ErrorCodes.NotFound, ErrorCodes.NotFound], new[] { unknownTeam, unknownInitiative }.Select(a => a.Code));
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
        Assert.Equal([ErrorCodes.Conflict, ErrorCodes.Conflict, ErrorCodes.Conflict], new[] { region, team, tenant }.Select(a => a.Code));
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

    [Fact]
    public async Task Addresses_that_are_not_e_mail_are_refused_for_staff_and_both_rosters_and_nothing_is_stored()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        await _api.CreateCommunityAsync(state, new CommunityDraft { Id = "cop", Name = "CoP" });
        string[] notEmail = ["<script>@x.example", "nul\u0000@x.example", "two words@x.example", "line@x.example\n", "\"quoted\"@x.example", "a@[127.0.0.1]", "a..b@x.example", "a@x"];

        foreach (var address in notEmail)
        {
            // Serialized, so \u0000 and \n travel escaped and reach the server as the characters they stand for.
            var staff = await Send(HttpMethod.Put, $"api/tenants/{state}/people/staff", JsonSerializer.Serialize(new { email = address, displayName = "Staff" }));
            var member = JsonSerializer.Serialize(new { displayName = "Member", email = address, stakeholderRole = "Teacher" });
            var teamMember = await Send(HttpMethod.Post, $"api/tenants/{state}/teams/cafe/members", member);
            var communityMember = await Send(HttpMethod.Post, $"api/tenants/{state}/communities/cop/members", member);

            staff.AssertValidationProblem("email");
            teamMember.AssertValidationProblem("email");
            communityMember.AssertValidationProblem("email");
        }

        var people = await _api.Http.GetFromJsonAsync<List<Person>>($"api/tenants/{state}/people", LbcCommunityClient.JsonOptions);
        Assert.Equal([LbcHostFactory.StateAdminEmail(state)], people!.Select(p => p.Email));
        Assert.Empty(await _api.ListMembersAsync(state, Roster.OfTeam("cafe")));
        Assert.Empty(await _api.ListMembersAsync(state, Roster.OfCommunity("cop")));
        // The rule is strict, not narrow: an address with the atext an RFC 5322 mailbox may hold is kept.
        var kept = await _api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Pat", Email = "o'brien+cafe@Mail.x-district.example", StakeholderRole = StakeholderRole.Teacher });
        Assert.Equal("o'brien+cafe@Mail.x-district.example", kept.Email);
    }

    [Fact]
    public async Task Query_parameters_given_twice_or_by_an_unknown_value_are_named_not_answered_with_an_empty_list()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        await _api.RecordConsensusRatingAsync(state, "cafe", Ratings.Draft(("acknowledging-diversity", [100, 70, 30, 20])));

        var twice = await Send(HttpMethod.Get, $"api/tenants/{state}/teams/cafe/ratings?kind=Member&kind=Consensus", null);
        var byNumber = await Send(HttpMethod.Get, $"api/tenants/{state}/teams/cafe/ratings?kind=2", null);
        var asFlags = await Send(HttpMethod.Get, $"api/tenants/{state}/teams/cafe/ratings?kind=Member,Consensus", null);
        var unknown = await Send(HttpMethod.Get, $"api/tenants/{state}/teams/cafe/ratings?kind=Wizard", null);
        var csvTwice = await Send(HttpMethod.Get, $"api/tenants/{state}/teams/cafe/ratings.csv?kind=Member&kind=Consensus", null);
        var regionTwice = await Send(HttpMethod.Get, $"api/tenants/{state}/districts?regionId=west&regionId=east", null);
        var noSuchRegion = await Send(HttpMethod.Get, $"api/tenants/{state}/initiatives/graduatefirst/teams?regionId=atlantis", null);
        var notAnId = await Send(HttpMethod.Get, $"api/tenants/{state}/districts?regionId=West%20Georgia", null);

        foreach (var answer in new[] { twice, byNumber, asFlags, unknown, csvTwice })
        {
            answer.AssertValidationProblem("kind");
        }

        foreach (var answer in new[] { regionTwice, noSuchRegion, notAnId })
        {
            answer.AssertValidationProblem("regionId");
        }

        // The same filters, given once and by name, answer.
        Assert.Single(await _api.ListRatingsAsync(state, "cafe", RatingKind.Consensus));
        Assert.Equal(["meriwether"], (await _api.Http.GetFromJsonAsync<List<District>>($"api/tenants/{state}/districts?regionId=west", LbcCommunityClient.JsonOptions))!.Select(d => d.Id));
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, $"api/tenants/{state}/teams/cafe/ratings.csv?kind=Consensus", null)).Status);
    }

    [Fact]
    public async Task An_empty_body_is_named_in_the_APIs_words_and_nothing_is_stored()
    {
        var state = await ApiWorld.NewTenant(_api);

        var empty = await Send(HttpMethod.Post, $"api/tenants/{state}/regions", string.Empty);

        empty.AssertValidationProblem("$");
        // The framework's words ("Implicit body inferred for parameter…") are about its binding, not the API.
        Assert.DoesNotContain("Implicit body", empty.Problem!.Value.ToString(), StringComparison.Ordinal);
        Assert.Empty(await _api.ListRegionsAsync(state));
    }

    [Fact]
    public async Task Json_nested_deeper_than_the_limit_is_refused_and_nothing_is_stored()
    {
        var state = await ApiWorld.NewTenant(_api);
        // 40 levels in a property the draft does not have: skipped when shallow, refused past the depth limit (32).
        var deep = string.Concat(Enumerable.Repeat("""{"a":""", 40)) + "1" + new string('}', 40);

        var answer = await Send(HttpMethod.Post, $"api/tenants/{state}/regions", $$"""{"name":"Deep","extra":{{deep}}}""");
        var shallow = await Send(HttpMethod.Post, $"api/tenants/{state}/regions", """{"name":"Shallow","extra":{"a":{"a":1}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.NotNull(answer.Problem);
        Assert.Equal(HttpStatusCode.Created, shallow.Status);
        Assert.Equal(["Shallow"], (await _api.ListRegionsAsync(state)).Select(r => r.Name));
    }

    [Fact]
    public async Task A_token_in_the_query_string_does_not_open_the_REST_API()
    {
        var state = await ApiWorld.NewTenant(_api);
        var token = await fixture.Host.StateAdminToken(state);
        using var anonymous = fixture.Host.ClientWith(null);
        using var bearer = fixture.Host.ClientWith(token);

        var inQuery = await anonymous.GetAsync($"/api/tenants/{state}/regions?access_token={Uri.EscapeDataString(token)}");
        var meInQuery = await anonymous.GetAsync($"/api/me?access_token={Uri.EscapeDataString(token)}");
        var inHeader = await bearer.GetAsync($"/api/tenants/{state}/regions");

        Assert.Equal(HttpStatusCode.Unauthorized, inQuery.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, meInQuery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, inHeader.StatusCode);
        // The hubs still take it there (browsers' WebSockets cannot send a header): the monitoring client sends it so.
        await using var monitoring = await fixture.Host.Monitoring(token);
        Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, monitoring.Connection.State);
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
            Assert.Equal(ErrorCodes.Invalid, Code);
        }

        /// <summary>The problem's stable code (docs/errors.md).</summary>
        public string? Code => Problem is { } problem && problem.TryGetProperty("code", out var code) ? code.GetString() : null;
    }
}
