using System.Net;
using System.Net.Http.Json;
using LbcCommunity.Client;
using LbcCommunity.Convenings;
using LbcCommunity.Contracts;
using LbcCommunity.Host.Api;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>A convening of team "cafe" whose agenda is one World Café.</summary>
    public static Task<Convening> PlanCafe(LbcCommunityClient api, string state) => api.CreateConveningAsync(state, new ConveningDraft
    {
        Title = "World Café",
        OwnerKind = ConveningOwnerKind.Team,
        OwnerId = "cafe",
        Agenda = [new AgendaItemDraft { Kind = ActivityKind.WorldCafe, Title = "World Café" }],
    });

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

    /// <summary>
    /// A convening with more than a page of its event log (256 events) on a host, then the host restarted on the same
    /// store: a participant's <c>Resume</c> across the page boundary gets every missed event, and the facilitator's early
    /// action, sent again, is acknowledged with its first sequence.
    /// </summary>
    public static async Task LongConveningAcrossARestart(string dataFolder, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Planned session;
        List<(ConveningAction Action, long Sequence)> actions = [];
        await using (var first = new LbcHostFactory(dataFolder, settings))
        {
            session = await Plan(first);
            await using var facilitator = await first.Convening(session.FacilitatorToken);
            await facilitator.JoinAsync(session.State, session.ConveningId, new JoinRequest { MemberId = session.FacilitatorId });
            // The hub would pace one facilitator this fast; the grain and its store are what is tested.
            TenantScope.Enter(session.State);
            var convening = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IConveningGrain>(GrainKeys.Of(session.State, session.ConveningId));
            for (var i = 0; i < 316; i++)
            {
                var action = new ConveningAction { ActionId = $"start-{i}", ParticipantId = session.FacilitatorId };
                actions.Add((action, (await convening.StartActivity(action, "item-1")).Sequence));
            }
        }

        await using var second = new LbcHostFactory(dataFolder, settings);
        await using var parent = await second.Convening(await second.TokenFor(session.State, ParentEmail));
        await parent.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        var missed = await parent.ResumeAsync(session.State, session.ConveningId, session.ParentId, actions[10].Sequence - 1);
        await using var facilitatorAgain = await second.Convening(await second.TokenFor(session.State, FacilitatorEmail));
        await facilitatorAgain.JoinAsync(session.State, session.ConveningId, new JoinRequest { MemberId = session.FacilitatorId });
        var retried = await facilitatorAgain.StartActivityAsync(session.State, session.ConveningId, "item-1", actionId: actions[0].Action.ActionId);

        Assert.Null(missed.Snapshot);
        Assert.Equal(actions.Skip(10).Select(a => a.Sequence), missed.Events!.Where(e => e.Type == ConveningEventTypes.ActivityStarted).Select(e => e.Sequence));
        Assert.Equal(actions[0].Sequence, retried.Sequence);
    }

    public sealed record Planned(string State, string ConveningId, string FacilitatorId, string ParentId, string FacilitatorToken, string ParentToken);
}
