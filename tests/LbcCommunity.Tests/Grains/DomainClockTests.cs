using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Tests.Grains;

/// <summary>What the grains do as time passes, on the fake domain clock the test moves (<see cref="ClusterFixture.Clock"/>).</summary>
[Collection(ClusterCollection.Name)]
public sealed class DomainClockTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task A_cafe_round_runs_until_the_clock_passes_its_end_and_only_then_may_the_next_one_start()
    {
        var (state, convening, facilitator, people) = await NewCafe();
        TenantScope.Enter(state);
        var clock = ClusterFixture.Clock;
        var startedAt = clock.GetUtcNow();
        await convening.StartCafeRound(Act(facilitator), 20);
        var first = (await convening.GetSnapshot(facilitator)).WorldCafe!.Rounds[0];
        var seated = first.Seating[0].ParticipantIds[1];

        clock.Advance(TimeSpan.FromMinutes(19));
        var stillRunning = await Assert.ThrowsAsync<DomainValidationException>(() => convening.StartCafeRound(Act(facilitator), 20));
        await convening.AddTableNote(Act(seated), first.Seating[0].TableId, "In the 19th minute.");
        await convening.ExtendCafeRound(Act(facilitator), 5);
        clock.Advance(TimeSpan.FromMinutes(5));
        await convening.AddTableNote(Act(seated), first.Seating[0].TableId, "In the 24th minute.");
        clock.Advance(TimeSpan.FromMinutes(1));
        var over = await Assert.ThrowsAsync<DomainValidationException>(() => convening.AddTableNote(Act(seated), first.Seating[0].TableId, "Too late."));
        var secondAck = await convening.StartCafeRound(Act(facilitator), 10);

        var cafe = (await convening.GetSnapshot(facilitator)).WorldCafe!;
        var events = (await convening.EventsAfter(facilitator, secondAck.Sequence - 1))!;
        Assert.Equal(startedAt.AddMinutes(20), first.EndsAt);
        Assert.Equal(startedAt.AddMinutes(25), cafe.Rounds[0].EndsAt);
        Assert.Equal(clock.GetUtcNow().AddMinutes(10), cafe.Rounds[1].EndsAt);
        Assert.Equal(clock.GetUtcNow(), Assert.Single(events).At);
        Assert.Contains("round", stillRunning.Errors.Keys);
        Assert.Contains("round", over.Errors.Keys);
        Assert.Equal(["In the 19th minute.", "In the 24th minute."], cafe.Tables[0].Notes.Select(n => n.Text));
        Assert.Equal(people.Count, cafe.Rounds[1].Seating.Sum(t => t.ParticipantIds.Count));
    }

    [Fact]
    public async Task The_facilitator_ends_a_half_minute_round_early_on_the_clock_and_only_the_facilitator_may()
    {
        var (state, convening, facilitator, people) = await NewCafe();
        TenantScope.Enter(state);
        var clock = ClusterFixture.Clock;
        var startedAt = clock.GetUtcNow();
        await convening.StartCafeRound(Act(facilitator), 0.5);
        var seated = (await convening.GetSnapshot(facilitator)).WorldCafe!.Rounds[0].Seating[0];

        clock.Advance(TimeSpan.FromSeconds(10));
        var notFacilitator = await Assert.ThrowsAsync<DomainValidationException>(() => convening.EndCafeRound(Act(people[2])));
        var endedAck = await convening.EndCafeRound(Act(facilitator));
        var endedAt = clock.GetUtcNow();
        var late = await Assert.ThrowsAsync<DomainValidationException>(() => convening.AddTableNote(Act(seated.ParticipantIds[1]), seated.TableId, "After the end."));
        var again = await Assert.ThrowsAsync<DomainValidationException>(() => convening.EndCafeRound(Act(facilitator)));
        await convening.StartCafeRound(Act(facilitator), 1.5);

        var ended = Assert.Single((await convening.EventsAfter(people[2], endedAck.Sequence - 1))!, e => e.Sequence == endedAck.Sequence);
        var cafe = (await convening.GetSnapshot(facilitator)).WorldCafe!;
        Assert.Equal(ErrorCodes.Forbidden, notFacilitator.Code);
        Assert.Equal((ConveningEventTypes.CafeRoundEnded, endedAt, facilitator), (ended.Type, ended.At, ended.ActorId));
        Assert.Equal(startedAt.AddSeconds(10), ended.WorldCafe!.Rounds[0].EndsAt);
        Assert.Equal(ErrorCodes.NoRoundRunning, late.Code);
        Assert.Equal(ErrorCodes.NoRoundRunning, again.Code);
        Assert.Equal([endedAt, endedAt.AddSeconds(90)], cafe.Rounds.Select(r => r.EndsAt));
    }

    [Fact]
    public async Task A_join_code_lets_guests_in_until_the_clock_passes_its_expiry()
    {
        var (state, convening, facilitator, _) = await NewCafe();
        TenantScope.Enter(state);
        var clock = ClusterFixture.Clock;
        var now = clock.GetUtcNow();
        await convening.AddJoinCode(new JoinCode { Id = "jc-hour", IssuedAt = now, ExpiresAt = now.AddHours(1), IssuedBy = facilitator });
        var platformKey = $"code-{Guid.NewGuid():N}";
        TenantScope.EnterPlatform();
        var code = _grains.GetGrain<IJoinCodeGrain>(platformKey);
        await code.Register(new JoinCodeTarget { TenantId = state, ConveningId = "cafe-day", JoinCodeId = "jc-hour", ExpiresAt = now.AddHours(1) });
        var resolvedEarly = await code.Resolve();
        TenantScope.Enter(state);

        clock.Advance(TimeSpan.FromMinutes(59));
        var early = await convening.Join(Guest("Early guest", "guest-early"));
        clock.Advance(TimeSpan.FromMinutes(1));
        var late = await Assert.ThrowsAsync<DomainValidationException>(() => convening.Join(Guest("Late guest", "guest-late")));
        var activeAfter = await convening.IsJoinCodeActive("jc-hour");
        TenantScope.EnterPlatform();
        var resolvedLate = await code.Resolve();

        Assert.NotNull(resolvedEarly);
        Assert.Null(resolvedLate);
        Assert.Equal("guest-early", early.Participant.Id);
        Assert.Contains("joinCode", late.Errors.Keys);
        Assert.False(activeAfter);
        TenantScope.Enter(state);
        Assert.DoesNotContain((await convening.GetSnapshot(facilitator)).Participants, p => p.Id == "guest-late");
    }

    /// <summary>A team's convening with a World Café set up at two tables, the facilitator, two hosts and four others present.</summary>
    private async Task<(string State, IConveningGrain Convening, string Facilitator, List<string> Seated)> NewCafe()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        await _grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(state, "graduatefirst")).EnrolTeam(new TeamDraft { Id = "cafe", Name = "CAFÉ", DistrictId = "meriwether" });
        var roster = _grains.GetGrain<ITeamGrain>(GrainKeys.Of(state, "cafe"));
        var facilitator = await roster.AddMember(new MemberDraft { DisplayName = "Facilitator", StakeholderRole = StakeholderRole.DistrictAdministrator, IsFacilitator = true });
        var people = new List<string>();
        foreach (var (name, role) in new[] { ("Parent", StakeholderRole.FamilyMember), ("Teacher", StakeholderRole.Teacher), ("Mentor", StakeholderRole.ParentMentor), ("Psychologist", StakeholderRole.SchoolPsychologist), ("Principal", StakeholderRole.Principal), ("Partner", StakeholderRole.CommunityPartner) })
        {
            people.Add((await roster.AddMember(new MemberDraft { DisplayName = name, StakeholderRole = role })).Id);
        }

        var convening = _grains.GetGrain<IConveningGrain>(GrainKeys.Of(state, "cafe-day"));
        await convening.Create(new ConveningDraft
        {
            Id = "cafe-day",
            Title = "Café day",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = "cafe",
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.WorldCafe, Title = "World Café" }],
        });
        await convening.Join(new JoinRequest { MemberId = facilitator.Id });
        foreach (var person in people)
        {
            await convening.Join(new JoinRequest { MemberId = person });
        }

        await convening.StartActivity(Act(facilitator.Id), "item-1");
        await convening.SetUpCafe(Act(facilitator.Id),
        [
            new CafeTableDraft { HostId = people[0], Question = "What shared concerns bring us together?" },
            new CafeTableDraft { HostId = people[1], Question = "Who else should be at the table?" },
        ]);
        return (state, convening, facilitator.Id, people);
    }

    private static JoinRequest Guest(string name, string guestId) => new() { GuestName = name, GuestId = guestId, JoinCodeId = "jc-hour" };

    private static ConveningAction Act(string participantId) => new() { ActionId = Guid.NewGuid().ToString("N"), ParticipantId = participantId };
}
