using System.Net;
using LbcCommunity.Client;
using LbcCommunity.Convenings;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>
/// A convening of a whole initiative (a statewide learning day): state staff plan and facilitate it; regional
/// coordinators and the people of the initiative's teams join under their own names; others do not.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class InitiativeConveningTests(ApiHostFixture fixture)
{
    [Fact]
    public async Task State_staff_facilitate_an_initiative_convening_that_the_initiatives_teams_join()
    {
        var host = fixture.Host;
        var api = host.Api();
        var state = await ApiWorld.NewStateWithTeam(api);
        await api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Parent mentor", Email = "mentor@cafe.test", StakeholderRole = StakeholderRole.ParentMentor });
        await api.CreateCommunityAsync(state, new CommunityDraft { Id = "cop", Name = "Transition CoP" });
        await api.AddMemberAsync(state, Roster.OfCommunity("cop"), new MemberDraft { DisplayName = "CoP member", Email = "cop@cafe.test", StakeholderRole = StakeholderRole.Teacher });
        var adminToken = await host.StateAdminToken(state);
        var planned = await host.ApiAs(adminToken).CreateConveningAsync(state, new ConveningDraft
        {
            Title = "GraduateFIRST statewide learning day",
            OwnerKind = ConveningOwnerKind.Initiative,
            OwnerId = "graduatefirst",
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.FourSimpleQuestions, Title = "Who should be at the table?" }],
        });

        await using var director = await host.Convening(adminToken);
        await using var mentor = await host.Convening(await host.TokenFor(state, "mentor@cafe.test"));
        await using var outsider = await host.Convening(await host.TokenFor(state, "cop@cafe.test"));
        var asDirector = await director.JoinAsync(state, planned.Id, new JoinRequest());
        var asMentor = await mentor.JoinAsync(state, planned.Id, new JoinRequest());
        var refused = await Assert.ThrowsAsync<HubException>(() => outsider.JoinAsync(state, planned.Id, new JoinRequest()));
        var started = await director.StartActivityAsync(state, planned.Id, "item-1");
        var notTheFacilitator = await Assert.ThrowsAsync<HubException>(() => mentor.StartActivityAsync(state, planned.Id, "item-1"));

        Assert.True(asDirector.Participant.IsFacilitator);
        Assert.Equal((StakeholderRole.StateStaff, false), (asDirector.Participant.StakeholderRole, asDirector.Participant.IsGuest));
        Assert.Equal(("Parent mentor", StakeholderRole.ParentMentor, false), (asMentor.Participant.DisplayName, asMentor.Participant.StakeholderRole, asMentor.Participant.IsFacilitator));
        Assert.Contains("graduatefirst", refused.Message, StringComparison.Ordinal);
        Assert.Contains("facilitator", notTheFacilitator.Message, StringComparison.Ordinal);
        var snapshot = (await director.ResumeAsync(state, planned.Id, asDirector.Participant.Id, 0)).Events!;
        Assert.Equal(started.Sequence, snapshot[^1].Sequence);
        Assert.Equal(2, snapshot.Count(e => e.Type == ConveningEventTypes.ParticipantJoined));
    }

    [Fact]
    public async Task Only_state_staff_plan_an_initiative_convening_and_it_must_name_an_initiative_that_exists()
    {
        var host = fixture.Host;
        var api = host.Api();
        var state = await ApiWorld.NewStateWithTeam(api);
        await api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Facilitator", Email = "lead@cafe.test", StakeholderRole = StakeholderRole.Teacher, IsFacilitator = true });
        var draft = new ConveningDraft
        {
            Title = "Statewide day",
            OwnerKind = ConveningOwnerKind.Initiative,
            OwnerId = "graduatefirst",
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.ConsensusBuilding, Title = "Agree" }],
        };

        var asTeamFacilitator = host.ApiAs(await host.TokenFor(state, "lead@cafe.test"));
        var byTeamFacilitator = await Assert.ThrowsAsync<LbcApiException>(() => asTeamFacilitator.CreateConveningAsync(state, draft));
        var unknown = await Assert.ThrowsAsync<LbcApiException>(() => api.CreateConveningAsync(state, draft with { OwnerId = "atlantis" }));

        Assert.Equal(HttpStatusCode.Forbidden, byTeamFacilitator.Status);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains("ownerId", unknown.Errors.Keys);
    }
}
