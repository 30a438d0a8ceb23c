using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using LbcCommunity.Client;
using LbcCommunity.Client.Auth;
using LbcCommunity.Convenings;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>
/// A state for the reports' tests: team "cafe" (region west) with a facilitator and a parent, team "troup" (region
/// east), a coordinator of each region, an integration, and a convening of cafe that ran (two joined, a decision).
/// </summary>
internal static class ReportsWorld
{
    private static readonly string[] West = ["west"];
    private static readonly string[] East = ["east"];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public sealed record World(
        string State, string ConveningId, string Quarter, string FacilitatorToken, string ParentToken, string WestCoordinatorToken,
        string EastCoordinatorToken, string TroupFacilitatorToken, string AdminToken, string IntegrationToken);

    public static async Task<World> Create(LbcHostFactory host, LbcCommunityClient api)
    {
        var state = await ApiWorld.NewStateWithTeam(api);
        await api.CreateRegionAsync(state, new RegionDraft { Id = "east", Name = "East" });
        await api.CreateDistrictAsync(state, new DistrictDraft { Id = "troup-co", Name = "Troup County", RegionId = "east" });
        await api.CreateTeamAsync(state, "graduatefirst", new TeamDraft { Id = "troup", Name = "Troup", DistrictId = "troup-co" });
        await api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Facilitator", Email = "facilitator@cafe.test", StakeholderRole = StakeholderRole.DistrictAdministrator, IsFacilitator = true });
        await api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Parent", Email = "parent@cafe.test", StakeholderRole = StakeholderRole.FamilyMember });
        await api.AddMemberAsync(state, Roster.OfTeam("troup"), new MemberDraft { DisplayName = "Troup lead", Email = "lead@troup.test", StakeholderRole = StakeholderRole.Teacher, IsFacilitator = true });
        var adminToken = await host.StateAdminToken(state);
        using var admin = host.ClientWith(adminToken);
        (await admin.PutAsJsonAsync($"/api/tenants/{state}/people/staff", new { email = "west@state.test", coordinatesRegionIds = West })).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/tenants/{state}/people/staff", new { email = "east@state.test", coordinatesRegionIds = East })).EnsureSuccessStatusCode();
        var integration = await (await admin.PostAsJsonAsync($"/api/tenants/{state}/integrations", new { displayName = "State data system" })).Content.ReadFromJsonAsync<JsonElement>();
        var integrationToken = (await LbcSignIn.ClientCredentialsAsync(host.CreateClient(), integration.GetProperty("clientId").GetString()!, integration.GetProperty("clientSecret").GetString()!)).AccessToken;

        var facilitatorToken = await host.TokenFor(state, "facilitator@cafe.test");
        var parentToken = await host.TokenFor(state, "parent@cafe.test");
        var convening = await host.ApiAs(facilitatorToken).CreateConveningAsync(state, new ConveningDraft
        {
            Title = "Targets day",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = "cafe",
            SppAprTopics = [SppAprTopic.DataAnalysis, SppAprTopic.Targets],
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.ConsensusBuilding, Title = "Agree the targets" }],
        });
        await using (var facilitator = await host.Convening(facilitatorToken))
        await using (var parent = await host.Convening(parentToken))
        {
            await facilitator.JoinAsync(state, convening.Id, new JoinRequest());
            await parent.JoinAsync(state, convening.Id, new JoinRequest());
            await facilitator.StartActivityAsync(state, convening.Id, "item-1");
            await facilitator.OpenConsensusRoundAsync(state, convening.Id, "Raise the graduation target to 80 %", AgreementScale.FistToFive, anonymous: true, hideResults: false);
            await parent.CastVoteAsync(state, convening.Id, 5);
            await facilitator.CloseRoundAsync(state, convening.Id);
            await facilitator.RecordOutcomeAsync(state, convening.Id, ConsensusOutcome.ConsensusReached);
            await facilitator.CloseConveningAsync(state, convening.Id);
        }

        return new World(
            state, convening.Id, LbcCommunity.RollUps.TallyKeys.Quarter(DateTimeOffset.UtcNow), facilitatorToken, parentToken,
            await host.TokenFor(state, "west@state.test"), await host.TokenFor(state, "east@state.test"), await host.TokenFor(state, "lead@troup.test"),
            adminToken, integrationToken);
    }

    public static async Task<T> Read<T>(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public static async Task<JsonElement> Problem(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
