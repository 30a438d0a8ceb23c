using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using LbcCommunity.Convenings;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.RollUps;
using LbcCommunity.Rubrics;

namespace LbcCommunity.Client;

/// <summary>
/// A typed client of the LbcCommunity REST API. Every method either returns what the API stored or read, or throws
/// <see cref="LbcApiException"/> with the API's problem details.
/// </summary>
public sealed partial class LbcCommunityClient(HttpClient http)
{
    /// <summary>The JSON settings of the API: camelCase, enums as names.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public HttpClient Http => http;

    // Tenants
    public Task<Tenant> CreateTenantAsync(TenantDraft draft, CancellationToken ct = default) => Send<Tenant>(HttpMethod.Post, "api/tenants", draft, ct);

    public Task<IReadOnlyList<Tenant>> ListTenantsAsync(CancellationToken ct = default) => Send<IReadOnlyList<Tenant>>(HttpMethod.Get, "api/tenants", null, ct);

    public Task<Tenant> GetTenantAsync(string tenantId, CancellationToken ct = default) => Send<Tenant>(HttpMethod.Get, Tenant(tenantId), null, ct);

    public Task<Tenant> UpdateTenantAsync(string tenantId, TenantDraft draft, CancellationToken ct = default) => Send<Tenant>(HttpMethod.Put, Tenant(tenantId), draft, ct);

    // Regions and districts
    public Task<Region> CreateRegionAsync(string tenantId, RegionDraft draft, CancellationToken ct = default) => Send<Region>(HttpMethod.Post, $"{Tenant(tenantId)}/regions", draft, ct);

    public Task<IReadOnlyList<Region>> ListRegionsAsync(string tenantId, CancellationToken ct = default) => Send<IReadOnlyList<Region>>(HttpMethod.Get, $"{Tenant(tenantId)}/regions", null, ct);

    public Task<Region> GetRegionAsync(string tenantId, string regionId, CancellationToken ct = default) => Send<Region>(HttpMethod.Get, $"{Tenant(tenantId)}/regions/{Esc(regionId)}", null, ct);

    public Task<Region> UpdateRegionAsync(string tenantId, string regionId, RegionDraft draft, CancellationToken ct = default) => Send<Region>(HttpMethod.Put, $"{Tenant(tenantId)}/regions/{Esc(regionId)}", draft, ct);

    public Task<District> CreateDistrictAsync(string tenantId, DistrictDraft draft, CancellationToken ct = default) => Send<District>(HttpMethod.Post, $"{Tenant(tenantId)}/districts", draft, ct);

    public Task<IReadOnlyList<District>> ListDistrictsAsync(string tenantId, string? regionId = null, CancellationToken ct = default) =>
        Send<IReadOnlyList<District>>(HttpMethod.Get, $"{Tenant(tenantId)}/districts{Query("regionId", regionId)}", null, ct);

    public Task<District> GetDistrictAsync(string tenantId, string districtId, CancellationToken ct = default) => Send<District>(HttpMethod.Get, $"{Tenant(tenantId)}/districts/{Esc(districtId)}", null, ct);

    public Task<District> UpdateDistrictAsync(string tenantId, string districtId, DistrictDraft draft, CancellationToken ct = default) => Send<District>(HttpMethod.Put, $"{Tenant(tenantId)}/districts/{Esc(districtId)}", draft, ct);

    // Initiatives and teams
    public Task<Initiative> CreateInitiativeAsync(string tenantId, InitiativeDraft draft, CancellationToken ct = default) => Send<Initiative>(HttpMethod.Post, $"{Tenant(tenantId)}/initiatives", draft, ct);

    public Task<IReadOnlyList<Initiative>> ListInitiativesAsync(string tenantId, CancellationToken ct = default) => Send<IReadOnlyList<Initiative>>(HttpMethod.Get, $"{Tenant(tenantId)}/initiatives", null, ct);

    public Task<Initiative> GetInitiativeAsync(string tenantId, string initiativeId, CancellationToken ct = default) => Send<Initiative>(HttpMethod.Get, Initiative(tenantId, initiativeId), null, ct);

    public Task<Initiative> UpdateInitiativeAsync(string tenantId, string initiativeId, InitiativeDraft draft, CancellationToken ct = default) => Send<Initiative>(HttpMethod.Put, Initiative(tenantId, initiativeId), draft, ct);

    public Task<Team> CreateTeamAsync(string tenantId, string initiativeId, TeamDraft draft, CancellationToken ct = default) => Send<Team>(HttpMethod.Post, $"{Initiative(tenantId, initiativeId)}/teams", draft, ct);

    public Task<IReadOnlyList<Team>> ListTeamsAsync(string tenantId, string initiativeId, string? regionId = null, CancellationToken ct = default) =>
        Send<IReadOnlyList<Team>>(HttpMethod.Get, $"{Initiative(tenantId, initiativeId)}/teams{Query("regionId", regionId)}", null, ct);

    public Task<Team> GetTeamAsync(string tenantId, string teamId, CancellationToken ct = default) => Send<Team>(HttpMethod.Get, Team(tenantId, teamId), null, ct);

    public Task<Team> UpdateTeamAsync(string tenantId, string teamId, TeamDraft draft, CancellationToken ct = default) => Send<Team>(HttpMethod.Put, Team(tenantId, teamId), draft, ct);

    // Communities of practice
    public Task<CommunityOfPractice> CreateCommunityAsync(string tenantId, CommunityDraft draft, CancellationToken ct = default) => Send<CommunityOfPractice>(HttpMethod.Post, $"{Tenant(tenantId)}/communities", draft, ct);

    public Task<IReadOnlyList<CommunityOfPractice>> ListCommunitiesAsync(string tenantId, CancellationToken ct = default) => Send<IReadOnlyList<CommunityOfPractice>>(HttpMethod.Get, $"{Tenant(tenantId)}/communities", null, ct);

    public Task<CommunityOfPractice> GetCommunityAsync(string tenantId, string communityId, CancellationToken ct = default) => Send<CommunityOfPractice>(HttpMethod.Get, Community(tenantId, communityId), null, ct);

    public Task<CommunityOfPractice> UpdateCommunityAsync(string tenantId, string communityId, CommunityDraft draft, CancellationToken ct = default) => Send<CommunityOfPractice>(HttpMethod.Put, Community(tenantId, communityId), draft, ct);

    // Members of a team ("teams/{id}") or a community ("communities/{id}"): see RosterOf.
    public Task<Member> AddMemberAsync(string tenantId, Roster roster, MemberDraft draft, CancellationToken ct = default) => Send<Member>(HttpMethod.Post, Members(tenantId, roster), draft, ct);

    public Task<IReadOnlyList<Member>> ListMembersAsync(string tenantId, Roster roster, CancellationToken ct = default) => Send<IReadOnlyList<Member>>(HttpMethod.Get, Members(tenantId, roster), null, ct);

    public Task<Member> GetMemberAsync(string tenantId, Roster roster, string memberId, CancellationToken ct = default) => Send<Member>(HttpMethod.Get, $"{Members(tenantId, roster)}/{Esc(memberId)}", null, ct);

    public Task<Member> UpdateMemberAsync(string tenantId, Roster roster, string memberId, MemberDraft draft, CancellationToken ct = default) => Send<Member>(HttpMethod.Put, $"{Members(tenantId, roster)}/{Esc(memberId)}", draft, ct);

    public Task RemoveMemberAsync(string tenantId, Roster roster, string memberId, CancellationToken ct = default) => Send<object>(HttpMethod.Delete, $"{Members(tenantId, roster)}/{Esc(memberId)}", null, ct);

    // Rubrics
    public Task<RubricVersion> PublishRubricAsync(string tenantId, RubricDraft draft, CancellationToken ct = default) => Send<RubricVersion>(HttpMethod.Post, $"{Tenant(tenantId)}/rubrics", draft, ct);

    public Task<IReadOnlyList<RubricVersionSummary>> ListRubricVersionsAsync(string tenantId, CancellationToken ct = default) => Send<IReadOnlyList<RubricVersionSummary>>(HttpMethod.Get, $"{Tenant(tenantId)}/rubrics", null, ct);

    public Task<RubricVersion> GetRubricVersionAsync(string tenantId, int version, CancellationToken ct = default) =>
        Send<RubricVersion>(HttpMethod.Get, $"{Tenant(tenantId)}/rubrics/{version.ToString(CultureInfo.InvariantCulture)}", null, ct);

    // Ratings and roll-ups
    public Task<Rating> RecordConsensusRatingAsync(string tenantId, string teamId, RatingDraft draft, CancellationToken ct = default) =>
        Send<Rating>(HttpMethod.Post, $"{Team(tenantId, teamId)}/ratings/consensus", draft, ct);

    public Task<Rating> RecordMemberRatingAsync(string tenantId, string teamId, RatingDraft draft, CancellationToken ct = default) =>
        Send<Rating>(HttpMethod.Post, $"{Team(tenantId, teamId)}/ratings/members", draft, ct);

    public Task<IReadOnlyList<Rating>> ListRatingsAsync(string tenantId, string teamId, RatingKind? kind = null, CancellationToken ct = default) =>
        Send<IReadOnlyList<Rating>>(HttpMethod.Get, $"{Team(tenantId, teamId)}/ratings{Query("kind", kind?.ToString())}", null, ct);

    public Task<RollUpView> GetInitiativeRollUpAsync(string tenantId, string initiativeId, CancellationToken ct = default) =>
        Send<RollUpView>(HttpMethod.Get, $"{Initiative(tenantId, initiativeId)}/rollup", null, ct);

    public Task<RollUpView> GetRegionRollUpAsync(string tenantId, string initiativeId, string regionId, CancellationToken ct = default) =>
        Send<RollUpView>(HttpMethod.Get, $"{Initiative(tenantId, initiativeId)}/regions/{Esc(regionId)}/rollup", null, ct);

    /// <summary>The region's teams with each row's latest consensus score (the teams × rows heat map).</summary>
    public Task<RegionTeamsView> GetRegionTeamsAsync(string tenantId, string initiativeId, string regionId, CancellationToken ct = default) =>
        Send<RegionTeamsView>(HttpMethod.Get, $"{Initiative(tenantId, initiativeId)}/regions/{Esc(regionId)}/teams", null, ct);

    /// <summary>The lists that ask for action, of the initiative or of one region.</summary>
    public Task<AttentionLists> GetAttentionAsync(string tenantId, string initiativeId, string? regionId = null, int? notRatedDays = null, CancellationToken ct = default)
    {
        var query = string.Join('&', new[] { ("regionId", regionId), ("notRatedDays", notRatedDays?.ToString(CultureInfo.InvariantCulture)) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
        return Send<AttentionLists>(HttpMethod.Get, $"{Initiative(tenantId, initiativeId)}/attention{(query.Length == 0 ? null : "?" + query)}", null, ct);
    }

    public Task<SustainedDepthCriterion> GetSustainedDepthAsync(string tenantId, string initiativeId, CancellationToken ct = default) =>
        Send<SustainedDepthCriterion>(HttpMethod.Get, $"{Initiative(tenantId, initiativeId)}/sustained-depth", null, ct);

    public Task<SustainedDepthCriterion> SetSustainedDepthAsync(string tenantId, string initiativeId, SustainedDepthDraft draft, CancellationToken ct = default) =>
        Send<SustainedDepthCriterion>(HttpMethod.Put, $"{Initiative(tenantId, initiativeId)}/sustained-depth", draft, ct);

    /// <summary>The team's consensus history by quarter.</summary>
    public Task<TeamSeries> GetTeamSeriesAsync(string tenantId, string teamId, CancellationToken ct = default) =>
        Send<TeamSeries>(HttpMethod.Get, $"{Team(tenantId, teamId)}/series", null, ct);

    // Convenings
    public Task<Convening> CreateConveningAsync(string tenantId, ConveningDraft draft, CancellationToken ct = default) =>
        Send<Convening>(HttpMethod.Post, $"{Tenant(tenantId)}/convenings", draft, ct);

    /// <summary>Changes the plan while nothing has begun (409 <c>convening-begun</c> or <c>convening-ended</c> after).</summary>
    public Task<Convening> UpdateConveningAsync(string tenantId, string conveningId, ConveningPlanDraft draft, CancellationToken ct = default) =>
        Send<Convening>(HttpMethod.Put, $"{Tenant(tenantId)}/convenings/{Esc(conveningId)}", draft, ct);

    public Task<Convening> GetConveningAsync(string tenantId, string conveningId, CancellationToken ct = default) =>
        Send<Convening>(HttpMethod.Get, $"{Tenant(tenantId)}/convenings/{Esc(conveningId)}", null, ct);

    /// <summary>What the convening came to: attendance by role, decisions, harvest, depth poll, answers.</summary>
    public Task<ConveningSummary> GetConveningSummaryAsync(string tenantId, string conveningId, CancellationToken ct = default) =>
        Send<ConveningSummary>(HttpMethod.Get, $"{Tenant(tenantId)}/convenings/{Esc(conveningId)}/summary", null, ct);

    public Task<IReadOnlyList<ConveningListing>> ListTeamConveningsAsync(string tenantId, string teamId, ConveningStatus? status = null, CancellationToken ct = default) =>
        Send<IReadOnlyList<ConveningListing>>(HttpMethod.Get, $"{Team(tenantId, teamId)}/convenings{Query("status", status?.ToString())}", null, ct);

    public Task<IReadOnlyList<ConveningListing>> ListCommunityConveningsAsync(string tenantId, string communityId, ConveningStatus? status = null, CancellationToken ct = default) =>
        Send<IReadOnlyList<ConveningListing>>(HttpMethod.Get, $"{Tenant(tenantId)}/communities/{Esc(communityId)}/convenings{Query("status", status?.ToString())}", null, ct);

    public Task<IReadOnlyList<ConveningListing>> ListInitiativeConveningsAsync(string tenantId, string initiativeId, ConveningStatus? status = null, CancellationToken ct = default) =>
        Send<IReadOnlyList<ConveningListing>>(HttpMethod.Get, $"{Initiative(tenantId, initiativeId)}/convenings{Query("status", status?.ToString())}", null, ct);

    /// <summary>The caller's convenings across their teams, communities and initiatives.</summary>
    public Task<IReadOnlyList<ConveningListing>> ListMyConveningsAsync(string tenantId, ConveningStatus? status = null, CancellationToken ct = default) =>
        Send<IReadOnlyList<ConveningListing>>(HttpMethod.Get, $"{Tenant(tenantId)}/me/convenings{Query("status", status?.ToString())}", null, ct);

    public Task<IReadOnlyList<EvidenceNote>> ListEvidenceAsync(string tenantId, string teamId, CancellationToken ct = default) =>
        Send<IReadOnlyList<EvidenceNote>>(HttpMethod.Get, $"{Team(tenantId, teamId)}/evidence", null, ct);

    public Task<IReadOnlyList<Harvest>> ListHarvestsAsync(string tenantId, string teamId, CancellationToken ct = default) =>
        Send<IReadOnlyList<Harvest>>(HttpMethod.Get, $"{Team(tenantId, teamId)}/harvests", null, ct);

    /// <summary>A CSV export (<c>ratings.csv</c>, <c>rollup.csv</c>) as text.</summary>
    public async Task<string> GetCsvAsync(string path, CancellationToken ct = default)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ToException(response, ct).ConfigureAwait(false);
        }

        return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
    }

    private async Task<T> Send<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: JsonOptions);
        }

        return await Read<T>(request, ct).ConfigureAwait(false);
    }

    private async Task<T> Read<T>(HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ToException(response, ct).ConfigureAwait(false);
        }

        if (response.StatusCode == System.Net.HttpStatusCode.NoContent)
        {
            return default!;
        }

        return (await response.Content.ReadFromJsonAsync<T>(JsonOptions, ct).ConfigureAwait(false))!;
    }

    private static async Task<LbcApiException> ToException(HttpResponseMessage response, CancellationToken ct)
    {
        ProblemBody? problem = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            problem = await response.Content.ReadFromJsonAsync<ProblemBody>(JsonOptions, ct).ConfigureAwait(false);
        }

        return new LbcApiException(response.StatusCode, problem?.Title ?? response.ReasonPhrase, problem?.Detail, problem?.Errors ?? new Dictionary<string, string[]>(), problem?.Code);
    }

    private static string Esc(string id) => Uri.EscapeDataString(id);

    private static string Query(string name, string? value) => value is null ? string.Empty : $"?{name}={Uri.EscapeDataString(value)}";

    private static string Tenant(string tenantId) => $"api/tenants/{Esc(tenantId)}";

    private static string Initiative(string tenantId, string initiativeId) => $"{Tenant(tenantId)}/initiatives/{Esc(initiativeId)}";

    private static string Team(string tenantId, string teamId) => $"{Tenant(tenantId)}/teams/{Esc(teamId)}";

    private static string Community(string tenantId, string communityId) => $"{Tenant(tenantId)}/communities/{Esc(communityId)}";

    private static string Members(string tenantId, Roster roster) => $"{Tenant(tenantId)}/{roster.Path}/members";

    private sealed record ProblemBody(string? Title, string? Detail, Dictionary<string, string[]>? Errors, string? Code);
}

/// <summary>Whose members a member call is about: a team or a community of practice.</summary>
public sealed record Roster(string Path)
{
    public static Roster OfTeam(string teamId) => new($"teams/{Uri.EscapeDataString(teamId)}");

    public static Roster OfCommunity(string communityId) => new($"communities/{Uri.EscapeDataString(communityId)}");
}
