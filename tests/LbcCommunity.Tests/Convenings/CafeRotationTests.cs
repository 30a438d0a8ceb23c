using LbcCommunity.Convenings;
using LbcCommunity.Organization;

namespace LbcCommunity.Tests.Convenings;

public sealed class CafeRotationTests
{
    private static readonly CafeTable[] Tables =
    [
        Table("table-1", "host-1"),
        Table("table-2", "host-2"),
        Table("table-3", "host-3"),
    ];

    [Fact]
    public void Hosts_stay_everyone_is_seated_once_and_tables_fill_evenly()
    {
        var people = People(12);

        var seating = CafeRotation.Seat(Tables, people, []);

        Assert.Equal(Tables.Select(t => t.HostId), seating.Select(s => s.ParticipantIds[0]));
        Assert.Equal(people.Select(p => p.Id).Order(), seating.SelectMany(s => s.ParticipantIds).Order());
        Assert.All(seating, s => Assert.InRange(s.ParticipantIds.Count, 4, 5));
    }

    [Fact]
    public void Later_rounds_seat_people_with_others_they_have_not_met()
    {
        var people = People(12);
        var rounds = new List<CafeRound>();
        var newMeetings = new List<int>();
        for (var n = 1; n <= 3; n++)
        {
            var seating = CafeRotation.Seat(Tables, people, rounds);
            newMeetings.Add(CafeRotation.NewMeetings(seating, rounds));
            rounds.Add(new CafeRound { Number = n, EndsAt = DateTimeOffset.UnixEpoch, Seating = seating, Warnings = [] });
        }

        var totalPairs = CafeRotation.NewMeetings(rounds[0].Seating, []);
        // Round two cannot avoid the three hosts' earlier guests entirely, but most pairs there are new.
        Assert.True(newMeetings[1] >= totalPairs * 2 / 3, $"round 2 had {newMeetings[1]} new pairs of {totalPairs}");
        Assert.True(newMeetings[2] > 0);
        Assert.Equal(CafeRotation.Seat(Tables, people, rounds).Select(s => s.ParticipantIds), CafeRotation.Seat(Tables, people, rounds).Select(s => s.ParticipantIds));
    }

    [Fact]
    public void Stakeholder_roles_are_spread_and_a_table_without_a_key_voice_is_flagged()
    {
        var families = Enumerable.Range(0, 3).Select(i => Person($"family-{i}", StakeholderRole.FamilyMember));
        var teachers = Enumerable.Range(0, 6).Select(i => Person($"teacher-{i}", StakeholderRole.Teacher));
        var people = People(0).Concat(families).Concat(teachers).ToList();

        var seating = CafeRotation.Seat(Tables, people, []);
        var onlyTeachers = CafeRotation.Warnings(seating, [.. people.Where(p => p.StakeholderRole != StakeholderRole.FamilyMember)]);

        Assert.All(seating, s => Assert.Single(s.ParticipantIds, id => id.StartsWith("family-", StringComparison.Ordinal)));
        Assert.Empty(CafeRotation.Warnings(seating, people));
        Assert.Equal(3, onlyTeachers.Count);
    }

    private static List<Participant> People(int guests) =>
    [
        .. Tables.Select(t => Person(t.HostId, StakeholderRole.Teacher)),
        .. Enumerable.Range(0, guests).Select(i => Person($"p-{i:00}", (StakeholderRole)(i % 8 + 1))),
    ];

    private static Participant Person(string id, StakeholderRole role) =>
        new() { Id = id, DisplayName = id, StakeholderRole = role, IsFacilitator = false, IsGuest = false };

    private static CafeTable Table(string id, string host) => new() { Id = id, HostId = host, Question = "?", Notes = [] };
}
