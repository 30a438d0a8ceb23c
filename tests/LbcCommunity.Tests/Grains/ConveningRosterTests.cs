using LbcCommunity.Convenings;
using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Tests.Grains;

/// <summary>A participant's snapshot carries the facilitators, themself and counts; names come a page at a time.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConveningRosterTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task A_facilitators_snapshot_holds_everyone_and_a_participants_the_facilitators_themself_and_the_counts()
    {
        var (state, convening, facilitator, parent, student) = await NewConvening();
        TenantScope.Enter(state);

        var whole = await convening.GetSnapshot(facilitator);
        var own = await convening.GetSnapshot(parent);

        Assert.True(whole.WholeRoster);
        Assert.Equal([facilitator, parent, student], whole.Participants.Select(p => p.Id));
        Assert.False(own.WholeRoster);
        Assert.Equal([facilitator, parent], own.Participants.Select(p => p.Id));
        Assert.Equal([facilitator, parent], own.Present);
        Assert.Equal(whole.Presence.ParticipantCount, own.Presence.ParticipantCount);
        Assert.Equal((3, 3), (own.Presence.ParticipantCount, own.Presence.PresentCount));
        Assert.Equal(new[] { (StakeholderRole.DistrictAdministrator, 1), (StakeholderRole.FamilyMember, 1), (StakeholderRole.Student, 1) }.Order(), own.Presence.PresentByRole.Select(r => (r.Role, r.Count)).Order());
    }

    [Fact]
    public async Task The_roster_pages_by_position_and_by_ids_and_refuses_a_page_over_its_limit()
    {
        var (state, convening, facilitator, parent, student) = await NewConvening();
        TenantScope.Enter(state);
        await convening.Disconnect(student, "none");

        var second = await convening.ListParticipants(parent, new RosterRequest { Offset = 1, Limit = 1 });
        var named = await convening.ListParticipants(parent, new RosterRequest { Ids = [student, facilitator, "nobody"] });
        var tooMany = await Assert.ThrowsAsync<DomainValidationException>(() => convening.ListParticipants(parent, new RosterRequest { Limit = ConveningRoster.MaxPage + 1 }));
        var notJoined = await Assert.ThrowsAsync<DomainValidationException>(() => convening.ListParticipants("nobody", new RosterRequest()));

        Assert.Equal((3, 1), (second.Total, second.Offset));
        Assert.Equal([parent], second.Participants.Select(p => p.Id));
        Assert.Equal([facilitator, student], named.Participants.Select(p => p.Id));
        Assert.Equal([facilitator], named.Present);
        Assert.Equal("limit", tooMany.Errors.Keys.Single());
        Assert.Equal(ErrorCodes.NotJoined, notJoined.Code);
    }

    [Fact]
    public async Task A_participant_catches_up_on_a_run_of_presence_as_one_summary_a_facilitator_on_each_event()
    {
        var (state, convening, facilitator, parent, student) = await NewConvening();
        TenantScope.Enter(state);

        var whole = (await convening.EventsAfter(facilitator, 0))!;
        var summarized = (await convening.EventsAfter(parent, 0))!;

        Assert.Equal([ConveningEventTypes.ParticipantJoined, ConveningEventTypes.ParticipantJoined, ConveningEventTypes.ParticipantJoined], whole.Select(e => e.Type));
        Assert.Equal(student, whole[^1].Participant!.Id);
        var summary = Assert.Single(summarized);
        Assert.Equal((ConveningEventTypes.PresenceSummary, 1L, 3L), (summary.Type, summary.FirstSequence!.Value, summary.Sequence));
        Assert.Equal(3, summary.Presence!.PresentCount);
        Assert.Null(summary.Participant);
    }

    private async Task<(string State, IConveningGrain Convening, string Facilitator, string Parent, string Student)> NewConvening()
    {
        var world = await GrainWorld.NewTeamConvening(_grains, "roster-day", ActivityKind.ConsensusBuilding,
            new("Facilitator", StakeholderRole.DistrictAdministrator, IsFacilitator: true), new("Parent", StakeholderRole.FamilyMember), new("Student", StakeholderRole.Student));
        return (world.TenantId, world.Convening, world.ParticipantIds[0], world.ParticipantIds[1], world.ParticipantIds[2]);
    }
}
