using LbcCommunity.Convenings;
using LbcCommunity.Organization;

namespace LbcCommunity.Tests.Convenings;

/// <summary>
/// The rotation's guarantees (<see cref="CafeRotation"/>): each reported failure of the first rotation as a case, and
/// the guarantees over many random rooms.
/// </summary>
public sealed class CafeRotationGuaranteeTests
{
    private static readonly CafeTable[] ThreeTables = [Table("table-1", "host-1"), Table("table-2", "host-2"), Table("table-3", "host-3")];

    [Fact]
    public void Three_family_guests_over_three_tables_and_three_rounds_keep_a_family_voice_everywhere_move_and_never_meet_twice()
    {
        var people = Hosts(ThreeTables, StakeholderRole.Teacher, StakeholderRole.Principal, StakeholderRole.SchoolPsychologist)
            .Concat([
                Person("guest-a", StakeholderRole.FamilyMember), Person("guest-b", StakeholderRole.FamilyMember), Person("guest-c", StakeholderRole.ParentMentor),
                Person("p-1", StakeholderRole.Teacher), Person("p-2", StakeholderRole.CommunityPartner), Person("p-3", StakeholderRole.Student),
            ]).ToList();

        var rounds = Rounds(ThreeTables, people, 3);

        Assert.All(rounds, r => Assert.All(r.Seating, s => Assert.Contains(s.ParticipantIds, id => IsFamily(people, id))));
        Assert.Empty(Stays(rounds));
        Assert.Equal(0, RepeatedPairs(rounds));
        Assert.All(rounds, r => Assert.Empty(r.Warnings));
    }

    [Fact]
    public void Three_family_guests_among_nine_travellers_are_never_at_one_table_and_nobody_but_a_host_sits_at_one_table_twice_running()
    {
        var people = Hosts(ThreeTables, StakeholderRole.Teacher, StakeholderRole.Teacher, StakeholderRole.Principal)
            .Concat(Enumerable.Range(1, 6).Select(i => Person($"member-{i}", (StakeholderRole)(i % 5 + 4))))
            .Concat(Enumerable.Range(1, 3).Select(i => Person($"zz-guest-{i}", StakeholderRole.FamilyMember)))
            .ToList();

        var rounds = Rounds(ThreeTables, people, 3);

        Assert.All(rounds, r => Assert.All(r.Seating, s => Assert.Single(s.ParticipantIds, id => IsFamily(people, id))));
        Assert.Empty(Stays(rounds));
    }

    [Fact]
    public void A_family_member_and_a_parent_mentor_are_two_roles_and_both_are_family_voices()
    {
        var tables = ThreeTables[..2];
        var people = Hosts(tables, StakeholderRole.Teacher, StakeholderRole.Teacher)
            .Concat([Person("fm-1", StakeholderRole.FamilyMember), Person("fm-2", StakeholderRole.FamilyMember), Person("pm-1", StakeholderRole.ParentMentor), Person("pm-2", StakeholderRole.ParentMentor)])
            .ToList();

        var seating = CafeRotation.Seat(tables, people, []);

        Assert.All(seating, s => Assert.Equal(["fm", "pm"], s.ParticipantIds.Skip(1).Select(id => id[..2]).Order()));
        Assert.True(CafeRotation.IsFamilyVoice(StakeholderRole.ParentMentor));
        Assert.False(CafeRotation.IsFamilyVoice(StakeholderRole.Student));
    }

    [Fact]
    public void A_family_voice_at_every_table_comes_before_moving_and_the_facilitator_is_told_who_stayed()
    {
        // Two hosts are family voices; the third table has one only if the one travelling family member sits there.
        var people = Hosts(ThreeTables, StakeholderRole.ParentMentor, StakeholderRole.FamilyMember, StakeholderRole.Teacher)
            .Concat([Person("family", StakeholderRole.FamilyMember), Person("teacher", StakeholderRole.Teacher), Person("partner", StakeholderRole.CommunityPartner)])
            .Concat([Person("student", StakeholderRole.Student), Person("principal", StakeholderRole.Principal)])
            .ToList();

        var rounds = Rounds(ThreeTables, people, 3);

        Assert.All(rounds, r => Assert.Contains("family", r.Seating[2].ParticipantIds));
        Assert.Equal([("family", "table-3"), ("family", "table-3")], Stays(rounds));
        Assert.All(rounds.Skip(1), r => Assert.Contains(r.Warnings, w => w.StartsWith("family stays at table table-3", StringComparison.Ordinal)));
    }

    [Fact]
    public void Over_many_random_rooms_the_guarantees_hold_round_after_round()
    {
        var random = new Random(13);
        for (var room = 0; room < 300; room++)
        {
            var tables = Enumerable.Range(1, random.Next(2, 9)).Select(i => Table($"table-{i}", $"host-{i}")).ToArray();
            var everyone = tables.Select(t => Person(t.HostId, RandomRole(random)))
                .Concat(Enumerable.Range(0, random.Next(0, 45)).Select(i => Person($"p-{i:00}", RandomRole(random))))
                .ToList();
            var steady = random.Next(2) == 0;
            var rounds = new List<CafeRound>();
            for (var n = 1; n <= 4; n++)
            {
                // In a steady room everyone stays all day; otherwise a few come and go between rounds (hosts stay).
                var present = steady ? everyone : [.. everyone.Where(p => p.Id.StartsWith("host-", StringComparison.Ordinal) || random.Next(5) > 0)];
                var seating = CafeRotation.Seat(tables, present, rounds);
                var context = $"room {room}, round {n}, {tables.Length} tables, {present.Count} people, steady: {steady}";

                Assert.Equal(Describe(seating), Describe(CafeRotation.Seat(tables, present, rounds)));
                HoldsGuarantees(tables, present, rounds, seating, steady, context);
                rounds.Add(new CafeRound { Number = n, EndsAt = DateTimeOffset.UnixEpoch, Seating = seating, Warnings = CafeRotation.Warnings(seating, present, rounds) });
            }
        }
    }

    [Fact]
    public void A_room_of_two_thousand_at_thirty_tables_is_seated_with_its_guarantees()
    {
        var tables = Enumerable.Range(1, 30).Select(i => Table($"table-{i}", $"host-{i}")).ToArray();
        var people = tables.Select(t => Person(t.HostId, StakeholderRole.Teacher))
            .Concat(Enumerable.Range(0, 2000).Select(i => Person($"p-{i:0000}", (StakeholderRole)(i % 8 + 1))))
            .ToList();
        var rounds = new List<CafeRound>();
        for (var n = 1; n <= 3; n++)
        {
            var seating = CafeRotation.Seat(tables, people, rounds);
            HoldsGuarantees(tables, people, rounds, seating, steady: true, $"round {n}");
            rounds.Add(new CafeRound { Number = n, EndsAt = DateTimeOffset.UnixEpoch, Seating = seating, Warnings = [] });
        }
    }

    private static void HoldsGuarantees(CafeTable[] tables, List<Participant> present, List<CafeRound> earlier, IReadOnlyList<TableSeating> seating, bool steady, string context)
    {
        var seated = seating.SelectMany(s => s.ParticipantIds).ToList();
        var sizes = seating.Select(s => s.ParticipantIds.Count).ToList();
        Assert.True(tables.Select(t => t.HostId).SequenceEqual(seating.Select(s => s.ParticipantIds[0])), context);
        Assert.True(present.Select(p => p.Id).Union(tables.Select(t => t.HostId)).Order().SequenceEqual(seated.Order()), context);
        Assert.True(sizes.Max() - sizes.Min() <= 1, context);

        var hosts = tables.Select(t => t.HostId).ToHashSet();
        var familyTravellers = present.Count(p => !hosts.Contains(p.Id) && CafeRotation.IsFamilyVoice(p.StakeholderRole));
        var withoutFamilyHost = tables.Count(t => !IsFamily(present, t.HostId));
        if (familyTravellers >= withoutFamilyHost)
        {
            Assert.True(seating.All(s => s.ParticipantIds.Any(id => IsFamily(present, id))), $"{context}: a table has no family voice");
        }

        var warnings = CafeRotation.Warnings(seating, present, earlier);
        var stays = earlier.Count == 0 ? [] : Stays([earlier[^1], new CafeRound { Number = 0, EndsAt = default, Seating = seating, Warnings = [] }]);
        Assert.All(stays, s => Assert.Contains(warnings, w => w.StartsWith($"{s.Id} stays at table {s.TableId}", StringComparison.Ordinal)));
        if (steady)
        {
            // Only keeping a family voice at a table may hold a traveller there: everyone else moves on.
            Assert.True(stays.All(s => IsFamily(present, s.Id)), $"{context}: {string.Join(", ", stays)} stayed");
        }
    }

    private static List<CafeRound> Rounds(IReadOnlyList<CafeTable> tables, List<Participant> people, int count)
    {
        var rounds = new List<CafeRound>();
        for (var n = 1; n <= count; n++)
        {
            var seating = CafeRotation.Seat(tables, people, rounds);
            rounds.Add(new CafeRound { Number = n, EndsAt = DateTimeOffset.UnixEpoch, Seating = seating, Warnings = CafeRotation.Warnings(seating, people, rounds) });
        }

        return rounds;
    }

    /// <summary>Travellers who sat at the same table in two rounds running.</summary>
    private static List<(string Id, string TableId)> Stays(IReadOnlyList<CafeRound> rounds) =>
    [
        .. rounds.Zip(rounds.Skip(1)).SelectMany(r => r.Second.Seating.SelectMany(s => s.ParticipantIds.Skip(1)
            .Where(id => r.First.Seating.Single(b => b.TableId == s.TableId).ParticipantIds.Skip(1).Contains(id))
            .Select(id => (id, s.TableId)))),
    ];

    private static int RepeatedPairs(List<CafeRound> rounds) =>
        Enumerable.Range(0, rounds.Count).Sum(i =>
            CafeRotation.NewMeetings(rounds[i].Seating, []) - CafeRotation.NewMeetings(rounds[i].Seating, [.. rounds.Take(i)]));

    private static string Describe(IReadOnlyList<TableSeating> seating) =>
        string.Join(" | ", seating.Select(s => $"{s.TableId}: {string.Join(", ", s.ParticipantIds)}"));

    private static bool IsFamily(List<Participant> people, string id) =>
        people.Any(p => p.Id == id && CafeRotation.IsFamilyVoice(p.StakeholderRole));

    private static StakeholderRole RandomRole(Random random) => (StakeholderRole)random.Next(1, 11);

    private static IEnumerable<Participant> Hosts(IReadOnlyList<CafeTable> tables, params StakeholderRole[] roles) =>
        tables.Select((t, i) => Person(t.HostId, roles[i]));

    private static Participant Person(string id, StakeholderRole role) =>
        new() { Id = id, DisplayName = id, StakeholderRole = role, IsFacilitator = false, IsGuest = false };

    private static CafeTable Table(string id, string host) => new() { Id = id, HostId = host, Question = "?", Notes = [] };
}
