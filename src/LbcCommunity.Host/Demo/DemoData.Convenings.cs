using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Host.Demo;

/// <summary>
/// Two past convenings of the CAFÉ team, run through the convening grain as a facilitator would run them, so the team's
/// page has evidence (a consensus outcome) and a harvest linked to where they came from.
/// </summary>
public static partial class DemoData
{
    private const string ConsensusConveningId = "cafe-family-engagement-plan";
    private const string CafeConveningId = "cafe-world-cafe-welcome";

    /// <summary>
    /// Creates and runs each convening unless it has ended. Every action has a fixed id, so a load interrupted half way
    /// runs again to the end: an action already applied is only acknowledged. Returns the convenings created now.
    /// </summary>
    private static async Task<int> LoadConveningsAsync(IGrainFactory grains, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var members = await grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, CafeTeamId)).ListMembers();
        var created = await RunPast(grains, members, new ConveningDraft
        {
            Id = ConsensusConveningId,
            Title = "Adopting the family-engagement plan",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = CafeTeamId,
            StartsAt = now.AddDays(-61),
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.ConsensusBuilding, Title = "Do we adopt the plan?" }],
        }, RunConsensus);
        cancellationToken.ThrowIfCancellationRequested();
        created += await RunPast(grains, members, new ConveningDraft
        {
            Id = CafeConveningId,
            Title = "World Café: a school that welcomes every family",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = CafeTeamId,
            StartsAt = now.AddDays(-26),
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.WorldCafe, Title = "World Café" }],
        }, RunCafe);
        return created;
    }

    private static async Task<int> RunPast(IGrainFactory grains, IReadOnlyList<Member> members, ConveningDraft draft, Func<Session, Task> run)
    {
        var convening = grains.GetGrain<IConveningGrain>(GrainKeys.Of(TenantId, draft.Id!));
        var created = await Ensure(() => convening.Create(draft));
        if ((await convening.GetSummary()).Convening.Status == ConveningStatus.Ended)
        {
            return created;
        }

        var people = new Dictionary<StakeholderRole, string>();
        string? facilitator = null;
        foreach (var member in members)
        {
            var participant = (await convening.Join(new JoinRequest { MemberId = member.Id })).Participant;
            people.TryAdd(member.StakeholderRole, participant.Id);
            facilitator ??= member.IsFacilitator ? participant.Id : null;
        }

        var session = new Session(convening, draft.Id!, facilitator!, people);
        var item = (await convening.TryGet())!.Agenda[0].Id;
        await convening.StartActivity(session.Act(facilitator!), item);
        await run(session);
        await convening.CloseConvening(session.Act(facilitator!));
        return created;
    }

    /// <summary>One round, every member votes (fist to five), a family member's concern is heard, consensus is reached.</summary>
    private static async Task RunConsensus(Session s)
    {
        await s.Convening.OpenConsensusRound(s.Act(s.Facilitator), "Adopt the family-engagement plan for the next school year", AgreementScale.FistToFive, anonymous: false, hideResults: false);
        (StakeholderRole Role, int Level)[] votes =
        [
            (StakeholderRole.DistrictAdministrator, 5), (StakeholderRole.ParentMentor, 4), (StakeholderRole.FamilyMember, 3),
            (StakeholderRole.Principal, 5), (StakeholderRole.Teacher, 4), (StakeholderRole.CommunityPartner, 5), (StakeholderRole.Student, 3),
        ];
        foreach (var (role, level) in votes)
        {
            await s.Convening.CastVote(s.Act(s.People[role]), level);
        }

        await s.Convening.RaiseConcern(s.Act(s.People[StakeholderRole.FamilyMember]), "Meetings at 3 pm leave out parents who work until 5.");
        await s.Convening.CloseRound(s.Act(s.Facilitator));
        await s.Convening.RecordOutcome(s.Act(s.Facilitator), ConsensusOutcome.ConsensusReached);
    }

    /// <summary>Two tables hosted by the teacher and the principal, one round with notes at each, and the harvest.</summary>
    private static async Task RunCafe(Session s)
    {
        await s.Convening.SetUpCafe(s.Act(s.Facilitator),
        [
            new CafeTableDraft { HostId = s.People[StakeholderRole.Teacher], Question = "What would make a family feel welcome at school?" },
            new CafeTableDraft { HostId = s.People[StakeholderRole.Principal], Question = "Who is not at the table yet, and how do we reach them?" },
        ]);
        await s.Convening.StartCafeRound(s.Act(s.Facilitator), 20);
        var seating = (await s.Convening.GetSnapshot(s.Facilitator)).WorldCafe!.Rounds[^1].Seating;
        string[][] notes =
        [
            ["A greeter at the door who speaks Spanish.", "Tell us what went well, not only what went wrong."],
            ["Grandparents raising grandchildren.", "The church's Wednesday supper: meet families there."],
        ];
        for (var table = 0; table < seating.Count && table < notes.Length; table++)
        {
            // The host writes when the table has no one else: the notes are the table's either way.
            var writer = seating[table].ParticipantIds[^1];
            foreach (var note in notes[table])
            {
                await s.Convening.AddTableNote(s.Act(writer), seating[table].TableId, note);
            }
        }

        await s.Convening.EndCafeRound(s.Act(s.Facilitator));
        await s.Convening.SaveHarvest(s.Act(s.Facilitator), "Families want evening meetings, a Spanish-speaking greeter and to hear good news; we will meet families where they already gather.");
    }

    /// <summary>A convening being run: its participants by role, and the fixed ids of its actions in order.</summary>
    private sealed class Session(IConveningGrain convening, string conveningId, string facilitator, IReadOnlyDictionary<StakeholderRole, string> people)
    {
        private int _step;

        public IConveningGrain Convening => convening;

        public string Facilitator => facilitator;

        public IReadOnlyDictionary<StakeholderRole, string> People => people;

        public ConveningAction Act(string participantId) => new() { ActionId = $"demo-{conveningId}-{++_step}", ParticipantId = participantId };
    }
}
