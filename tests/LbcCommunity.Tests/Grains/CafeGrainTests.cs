using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Tests.Grains;

/// <summary>The café's preview, messages and moves through the convening grain: stored, numbered, applied once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CafeGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task The_round_started_seats_exactly_what_the_preview_showed_also_after_a_restart_in_between()
    {
        var (convening, people) = await CafeSession();
        // The session entered its tenant inside its own async flow, which ends with it: enter it here too.
        TenantScope.Enter(people.TenantId);
        for (var n = 1; n <= 3; n++)
        {
            var preview = await convening.PreviewCafeRound(people.Facilitator);
            await ClusterFixture.Deactivate(convening);
            await convening.StartCafeRound(Act(people.Facilitator), 0.5);
            var started = (await convening.GetSnapshot(people.Facilitator)).WorldCafe!.Rounds[^1];
            await convening.EndCafeRound(Act(people.Facilitator));

            Assert.Equal(n, preview.Number);
            Assert.Equal(started.Seating.Select(s => (s.TableId, string.Join(",", s.ParticipantIds))), preview.Seating.Select(s => (s.TableId, string.Join(",", s.ParticipantIds))));
            Assert.Equal(started.Warnings, preview.Warnings);
        }
    }

    [Fact]
    public async Task The_preview_is_the_facilitators_and_changes_nothing()
    {
        var (convening, people) = await CafeSession();
        TenantScope.Enter(people.TenantId);
        var before = (await convening.GetSnapshot(people.Facilitator)).Sequence;

        var refused = await Assert.ThrowsAsync<DomainValidationException>(() => convening.PreviewCafeRound(people.Travellers[0]));
        await convening.PreviewCafeRound(people.Facilitator);

        Assert.Equal((ErrorCodes.Forbidden, "participantId"), (refused.Code, Assert.Single(refused.Errors.Keys)));
        Assert.Equal(before, (await convening.GetSnapshot(people.Facilitator)).Sequence);
        Assert.Empty((await convening.GetSnapshot(people.Facilitator)).WorldCafe!.Rounds);
    }

    [Fact]
    public async Task A_message_to_all_tables_is_stored_once_per_action_id_and_kept_over_a_restart()
    {
        var (convening, people) = await CafeSession();
        TenantScope.Enter(people.TenantId);
        var action = Act(people.Facilitator);

        var first = await convening.MessageTables(action, "We begin in two minutes");
        var again = await convening.MessageTables(action, "We begin in two minutes");
        var blank = await Assert.ThrowsAsync<DomainValidationException>(() => convening.MessageTables(Act(people.Facilitator), " "));
        var notFacilitator = await Assert.ThrowsAsync<DomainValidationException>(() => convening.MessageTables(Act(people.Travellers[0]), "Hello"));
        await ClusterFixture.Deactivate(convening);

        var snapshot = await convening.GetSnapshot(people.Travellers[0]);
        Assert.Equal(first, again);
        Assert.Equal(first.Sequence, snapshot.Sequence);
        Assert.Equal("text", Assert.Single(blank.Errors.Keys));
        Assert.Equal(ErrorCodes.Forbidden, notFacilitator.Code);
        Assert.Equal((0, "We begin in two minutes"), (Assert.Single(snapshot.WorldCafe!.Messages).Round, snapshot.WorldCafe.Messages[0].Text));
    }

    [Fact]
    public async Task A_move_changes_the_running_rounds_seating_once_and_a_refused_one_changes_nothing()
    {
        var (convening, people) = await CafeSession();
        TenantScope.Enter(people.TenantId);
        Assert.Equal(ErrorCodes.NoRoundRunning, await CodeOf(() => convening.MoveParticipant(Act(people.Facilitator), people.Travellers[0], "table-2")));
        await convening.StartCafeRound(Act(people.Facilitator), 10);
        var seating = (await convening.GetSnapshot(people.Facilitator)).WorldCafe!.Rounds[0].Seating;
        var mover = seating[0].ParticipantIds[1];
        var before = (await convening.GetSnapshot(people.Facilitator)).Sequence;

        Assert.Equal(ErrorCodes.Invalid, await CodeOf(() => convening.MoveParticipant(Act(people.Facilitator), mover, "table-9")));
        Assert.Equal(ErrorCodes.Invalid, await CodeOf(() => convening.MoveParticipant(Act(people.Facilitator), people.Hosts[1], "table-1")));
        Assert.Equal(ErrorCodes.Invalid, await CodeOf(() => convening.MoveParticipant(Act(people.Facilitator), "nobody", "table-1")));
        Assert.Equal(ErrorCodes.Forbidden, await CodeOf(() => convening.MoveParticipant(Act(mover), mover, "table-2")));
        Assert.Equal(before, (await convening.GetSnapshot(people.Facilitator)).Sequence);

        var action = Act(people.Facilitator);
        var moved = await convening.MoveParticipant(action, mover, "table-2");
        var again = await convening.MoveParticipant(action, mover, "table-2");
        await ClusterFixture.Deactivate(convening);

        var after = (await convening.GetSnapshot(people.Facilitator)).WorldCafe!.Rounds[0].Seating;
        Assert.Equal((before + 1, moved), (moved.Sequence, again));
        Assert.DoesNotContain(mover, after[0].ParticipantIds);
        Assert.Equal(mover, after[1].ParticipantIds[^1]);
    }

    private static async Task<string> CodeOf(Func<Task> call) => (await Assert.ThrowsAsync<DomainValidationException>(call)).Code;

    private static ConveningAction Act(string participantId) => new() { ActionId = Guid.NewGuid().ToString("N"), ParticipantId = participantId };

    /// <summary>A team's convening with its café under way: two hosts, a facilitator, families and others joined, tables set.</summary>
    private async Task<(IConveningGrain Convening, CafePeople People)> CafeSession()
    {
        var world = await GrainWorld.NewTeamConvening(_grains, "cafe-day", ActivityKind.WorldCafe,
            new("Facilitator", StakeholderRole.DistrictAdministrator, IsFacilitator: true),
            new("Teacher", StakeholderRole.Teacher), new("Principal", StakeholderRole.Principal),
            new("Parent", StakeholderRole.FamilyMember), new("Mentor", StakeholderRole.ParentMentor),
            new("Student", StakeholderRole.Student), new("Partner", StakeholderRole.CommunityPartner),
            new("Psychologist", StakeholderRole.SchoolPsychologist));
        var (convening, ids) = (world.Convening, world.ParticipantIds);
        var facilitator = ids[0];
        string[] hosts = [ids[1], ids[2]];
        string[] travellers = [.. ids.Skip(3)];
        TenantScope.Enter(world.TenantId);
        await convening.StartActivity(Act(facilitator), "item-1");
        await convening.SetUpCafe(Act(facilitator), [new CafeTableDraft { HostId = hosts[0], Question = "What brings us together?" }, new CafeTableDraft { HostId = hosts[1], Question = "Who else should be here?" }]);
        return (convening, new CafePeople(world.TenantId, facilitator, hosts, travellers));
    }

    private sealed record CafePeople(string TenantId, string Facilitator, string[] Hosts, string[] Travellers);
}
