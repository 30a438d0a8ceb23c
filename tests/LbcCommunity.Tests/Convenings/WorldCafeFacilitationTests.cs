using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Organization;

namespace LbcCommunity.Tests.Convenings;

/// <summary>The facilitator's café steps beyond the rounds: the preview, a message to all tables, a move by hand.</summary>
public sealed class WorldCafeFacilitationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 5, 9, 0, 0, TimeSpan.Zero);

    private static readonly List<Participant> Participants =
    [
        Person("facilitator", StakeholderRole.DistrictAdministrator, facilitator: true),
        Person("host-1", StakeholderRole.Teacher),
        Person("host-2", StakeholderRole.Teacher),
        Person("parent", StakeholderRole.FamilyMember),
        Person("mentor", StakeholderRole.ParentMentor),
        Person("student", StakeholderRole.Student),
        Person("principal", StakeholderRole.Principal),
        Person("away", StakeholderRole.FamilyMember),
    ];

    private static readonly string[] Present = ["facilitator", "parent", "mentor", "student", "principal"];

    private static readonly CafeTableDraft[] Drafts =
    [
        new() { HostId = "host-1", Question = "What brings us together?" },
        new() { HostId = "host-2", Question = "Who else should be here?" },
    ];

    [Fact]
    public void The_preview_is_the_round_that_starts_when_nothing_changed_in_between_round_after_round()
    {
        var cafe = WorldCafe.SetUp(null, Drafts, Participants);
        for (var n = 1; n <= 3; n++)
        {
            var preview = WorldCafe.PreviewRound(cafe, Participants, Present);
            cafe = WorldCafe.StartRound(cafe, 0.5, Participants, Present, Now.AddMinutes(n));
            var started = cafe.Rounds[^1];

            Assert.Equal(n, preview.Number);
            Assert.Equal(started.Number, preview.Number);
            Assert.Equal(Describe(started.Seating), Describe(preview.Seating));
            Assert.Equal(started.Warnings, preview.Warnings);
        }

        Assert.Contains("tables", Refused(() => WorldCafe.PreviewRound(null, Participants, Present)).Errors.Keys);
    }

    [Fact]
    public void The_preview_changes_with_who_is_here_and_shows_the_warnings_the_round_would_get()
    {
        var cafe = WorldCafe.SetUp(null, Drafts, Participants);

        var withFamilies = WorldCafe.PreviewRound(cafe, Participants, Present);
        var withoutThem = WorldCafe.PreviewRound(cafe, Participants, ["facilitator", "principal"]);

        Assert.Empty(withFamilies.Warnings);
        Assert.Equal(["host-1", "principal"], withoutThem.Seating.SelectMany(s => s.ParticipantIds).Where(id => id != "host-2").Order());
        Assert.Equal(2, withoutThem.Warnings.Count);
        Assert.Empty(cafe.Rounds);
    }

    [Fact]
    public void A_message_to_all_tables_is_kept_before_during_and_between_rounds_with_its_round_and_time()
    {
        var cafe = WorldCafe.MessageTables(WorldCafe.SetUp(null, Drafts, Participants), " We begin in two minutes ", Now);
        cafe = WorldCafe.StartRound(cafe, 10, Participants, Present, Now);
        cafe = WorldCafe.MessageTables(cafe, "Five minutes left", Now.AddMinutes(5));
        cafe = WorldCafe.EndRound(cafe, Now.AddMinutes(6));
        cafe = WorldCafe.MessageTables(cafe, "Find your next table", Now.AddMinutes(7));

        Assert.Equal(
            [(0, "We begin in two minutes", Now), (1, "Five minutes left", Now.AddMinutes(5)), (1, "Find your next table", Now.AddMinutes(7))],
            cafe.Messages.Select(m => (m.Round, m.Text, m.At)));
        Assert.Contains("tables", Refused(() => WorldCafe.MessageTables(null, "Too soon", Now)).Errors.Keys);
        Assert.Equal(("text", ErrorCodes.Invalid), Single(Refused(() => WorldCafe.MessageTables(cafe, " ", Now))));
        Assert.Equal(("text", ErrorCodes.Invalid), Single(Refused(() => WorldCafe.MessageTables(cafe, new string('x', ConveningRules.TextMaxLength + 1), Now))));
        Assert.Equal(3, WorldCafe.SetUp(cafe with { Rounds = [] }, Drafts, Participants).Messages.Count);
    }

    [Fact]
    public void Moving_one_person_seats_them_at_the_table_chosen_and_works_the_warnings_out_again()
    {
        // The rotation puts one family voice at each table; moving the mentor to the parent's leaves the other with none.
        var cafe = WorldCafe.StartRound(WorldCafe.SetUp(null, Drafts, Participants), 10, Participants, Present, Now);
        var round = cafe.Rounds[0];
        var mentorsTable = round.Seating.Single(s => s.ParticipantIds.Contains("mentor")).TableId;
        var parentsTable = round.Seating.Single(s => s.ParticipantIds.Contains("parent")).TableId;
        Assert.NotEqual(mentorsTable, parentsTable);
        Assert.Empty(round.Warnings);

        var moved = WorldCafe.MoveParticipant(cafe, "mentor", parentsTable, Participants, Present, Now.AddMinutes(1));

        var seating = moved.Rounds[0].Seating;
        Assert.Equal("mentor", seating.Single(s => s.TableId == parentsTable).ParticipantIds[^1]);
        Assert.DoesNotContain("mentor", seating.Single(s => s.TableId == mentorsTable).ParticipantIds);
        Assert.Equal(round.Seating.SelectMany(s => s.ParticipantIds).Order(), seating.SelectMany(s => s.ParticipantIds).Order());
        Assert.Equal(round.EndsAt, moved.Rounds[0].EndsAt);
        var warning = Assert.Single(moved.Rounds[0].Warnings);
        Assert.StartsWith($"Table {mentorsTable} has ", warning, StringComparison.Ordinal);
        Assert.Equal(CafeRotation.Warnings(seating, Participants), moved.Rounds[0].Warnings);
        Assert.Empty(WorldCafe.ForViewer(moved, facilitator: false).Rounds[0].Warnings);
    }

    [Fact]
    public void A_table_whose_only_key_voice_is_a_student_is_warned_about_only_when_another_table_has_a_family_voice_to_spare()
    {
        IReadOnlyList<TableSeating> spare = [Seat("table-1", "host-1", "parent", "mentor"), Seat("table-2", "host-2", "student", "principal")];
        IReadOnlyList<TableSeating> none = [Seat("table-1", "host-1", "parent", "principal"), Seat("table-2", "host-2", "student", "mentor")];
        IReadOnlyList<TableSeating> tooFew = [Seat("table-1", "host-1", "parent", "principal"), Seat("table-2", "host-2", "student")];

        Assert.Equal(["Table table-2 has a student but no family voice, while table table-1 has two or more: one could move."], CafeRotation.Warnings(spare, Participants));
        Assert.Empty(CafeRotation.Warnings(none, Participants));
        Assert.Empty(CafeRotation.Warnings(tooFew, Participants));
    }

    [Fact]
    public void A_late_arrival_is_seated_by_hand_and_the_next_round_rotates_from_where_people_sat()
    {
        var cafe = WorldCafe.StartRound(WorldCafe.SetUp(null, Drafts, Participants), 10, Participants, Present, Now);
        string[] nowPresent = [.. Present, "away"];

        var seated = WorldCafe.MoveParticipant(cafe, "away", "table-1", Participants, nowPresent, Now.AddMinutes(2));
        var next = WorldCafe.StartRound(WorldCafe.EndRound(seated, Now.AddMinutes(3)), 10, Participants, nowPresent, Now.AddMinutes(3));

        Assert.Contains("away", seated.Rounds[0].Seating[0].ParticipantIds);
        Assert.DoesNotContain("away", next.Rounds[1].Seating[0].ParticipantIds);
        Assert.Equal(
            Describe(CafeRotation.Seat(seated.Tables, [.. Participants.Where(p => nowPresent.Contains(p.Id) && !p.IsFacilitator || p.Id.StartsWith("host-", StringComparison.Ordinal))], seated.Rounds)),
            Describe(next.Rounds[1].Seating));
    }

    [Fact]
    public void A_move_is_refused_naming_the_field_for_a_host_the_facilitator_someone_absent_or_unknown_a_table_that_is_not_and_no_round_running()
    {
        var setUp = WorldCafe.SetUp(null, Drafts, Participants);
        var cafe = WorldCafe.StartRound(setUp, 10, Participants, Present, Now);
        var studentAt = cafe.Rounds[0].Seating.Single(s => s.ParticipantIds.Contains("student")).TableId;

        WorldCafeActivity Move(string who, string table, WorldCafeActivity? on = null, DateTimeOffset? at = null) =>
            WorldCafe.MoveParticipant(on ?? cafe, who, table, Participants, Present, at ?? Now.AddMinutes(1));

        Assert.Equal(("participantId", ErrorCodes.Invalid), Single(Refused(() => Move("host-1", "table-2"))));
        Assert.Equal(("participantId", ErrorCodes.Invalid), Single(Refused(() => Move("facilitator", "table-2"))));
        Assert.Equal(("participantId", ErrorCodes.Invalid), Single(Refused(() => Move("away", "table-2"))));
        Assert.Equal(("participantId", ErrorCodes.Invalid), Single(Refused(() => Move("nobody", "table-2"))));
        Assert.Equal(("tableId", ErrorCodes.Invalid), Single(Refused(() => Move("student", "table-9"))));
        Assert.Equal(("tableId", ErrorCodes.Invalid), Single(Refused(() => Move("student", studentAt))));
        Assert.Equal(ErrorCodes.NoRoundRunning, Refused(() => Move("student", "table-2", setUp)).Code);
        Assert.Equal(ErrorCodes.NoRoundRunning, Refused(() => Move("student", "table-2", at: Now.AddMinutes(10))).Code);
        Assert.Equal(ErrorCodes.NoRoundRunning, Refused(() => Move("student", "table-2", WorldCafe.EndRound(cafe, Now))).Code);
    }

    private static TableSeating Seat(string table, params string[] ids) => new() { TableId = table, ParticipantIds = ids };

    private static string Describe(IReadOnlyList<TableSeating> seating) =>
        string.Join(" | ", seating.Select(s => $"{s.TableId}: {string.Join(", ", s.ParticipantIds)}"));

    private static (string Field, string Code) Single(DomainValidationException refused) => (Assert.Single(refused.Errors.Keys), refused.Code);

    private static DomainValidationException Refused(Action step) => Assert.Throws<DomainValidationException>(step);

    private static Participant Person(string id, StakeholderRole role, bool facilitator = false) =>
        new() { Id = id, DisplayName = id, StakeholderRole = role, IsFacilitator = facilitator, IsGuest = false };
}
