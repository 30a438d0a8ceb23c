using System.Net;
using System.Net.Http.Json;
using LbcCommunity.Client;
using LbcCommunity.Convenings;
using LbcCommunity.Host.Api;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>
/// Plans a team convening through the REST API: a facilitator and a parent on the team's roster, each with an e-mail
/// so they can sign in (the development sign-in) and join as themselves.
/// </summary>
internal static class ConveningWorld
{
    public const string FacilitatorEmail = "facilitator@cafe.test";

    public const string ParentEmail = "parent@cafe.test";

    /// <summary>A new tenant with team "cafe", its facilitator and a parent, and a consensus convening of the team.</summary>
    public static Task<Planned> Plan(LbcHostFactory host, LbcCommunityClient? api = null) => Plan(api ?? host.Api(), host.TokenFor);

    /// <summary>As above, through <paramref name="api"/> (which acts as the operator and the state admin), signing the members in with <paramref name="tokenFor"/>.</summary>
    public static async Task<Planned> Plan(LbcCommunityClient api, Func<string?, string, Task<string>> tokenFor)
    {
        var state = await ApiWorld.NewStateWithTeam(api);
        var facilitator = await api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Facilitator", Email = FacilitatorEmail, StakeholderRole = StakeholderRole.DistrictAdministrator, IsFacilitator = true });
        var parent = await api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Parent", Email = ParentEmail, StakeholderRole = StakeholderRole.FamilyMember });
        var convening = await api.CreateConveningAsync(state, new ConveningDraft
        {
            Title = "November learning day",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = "cafe",
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.ConsensusBuilding, Title = "Agree the plan" }],
        });
        return new Planned(state, convening.Id, facilitator.Id, parent.Id, await tokenFor(state, FacilitatorEmail), await tokenFor(state, ParentEmail));
    }

    /// <summary>Issues a join code over REST as the person whose token is given; the answer must be 201 Created.</summary>
    public static async Task<IssuedJoinCode> IssueJoinCode(LbcHostFactory host, string accessToken, string tenantId, string conveningId, string label = "Families")
    {
        using var response = await TryIssueJoinCode(host, accessToken, tenantId, conveningId, label);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<IssuedJoinCode>())!;
    }

    /// <summary>Asks for a join code over REST and returns the answer, whatever it is.</summary>
    public static async Task<HttpResponseMessage> TryIssueJoinCode(LbcHostFactory host, string accessToken, string tenantId, string conveningId, string label = "Families", int? validForHours = 24)
    {
        using var client = host.ClientWith(accessToken);
        return await client.PostAsJsonAsync($"/api/tenants/{tenantId}/convenings/{conveningId}/join-codes", new { label, validForHours });
    }

    /// <summary>A guest's token: the facilitator issues a code and the guest exchanges it under <paramref name="displayName"/>.</summary>
    public static async Task<string> GuestToken(LbcHostFactory host, Planned session, string displayName) =>
        await host.GuestToken((await IssueJoinCode(host, session.FacilitatorToken, session.State, session.ConveningId)).Code, displayName);

    public sealed record Planned(string State, string ConveningId, string FacilitatorId, string ParentId, string FacilitatorToken, string ParentToken);
}
