using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Organization;

namespace LbcCommunity.Tests.Convenings;

public sealed class WorldCafeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 5, 9, 0, 0, TimeSpan.Zero);

    private static readonly List<Participant> Participants =
    [
        Person("facilitator", StakeholderRole.DistrictAdministrator, facilitator: true),
        Person("host-1", StakeholderRole.Teacher),
        Person("host-2", StakeholderRole.Teacher),
        Person("parent", StakeholderRole.FamilyMember),
        Person("student", StakeholderRole.Student),
        Person("away", StakeholderRole.FamilyMember),
    ];

    private static readonly CafeTableDraft[] Drafts =
    [
        new() { HostId = "host-1", Question = " What brings us together? " },
        new() { HostId = "host-2", Question = "Who else should be here?" },
    ];

    [Fact]
    public void Setting_up_names_the_tables_in_order_with_their_hosts_and_trimmed_questions()
    {
        var cafe = WorldCafe.SetUp(null, Drafts, Participants);

        Assert.Equal(["table-1", "table-2"], cafe.Tables.Select(t => t.Id));
        Assert.Equal(["host-1", "host-2"], cafe.Tables.Select(t => t.HostId));
        Assert.Equal("What brings us together?", cafe.Tables[0].Question);
        Assert.Empty(cafe.Rounds);
        Assert.All(cafe.Tables, t => Assert.Empty(t.Notes));
    }

    [Fact]
    public void Tables_are_set_with_2_to_30_hosts_from_the_room_each_hosting_one_and_only_before_the_first_round()
    {
        var begun = Started();

        Assert.Contains("tables", Refused(() => WorldCafe.SetUp(null, [Drafts[0]], Participants)).Errors.Keys);
        Assert.Contains("tables", Refused(() => WorldCafe.SetUp(null, [.. Enumerable.Repeat(Drafts[0], 31)], Participants)).Errors.Keys);
        Assert.Contains("tables[1].hostId", Refused(() => WorldCafe.SetUp(null, [Drafts[0], new() { HostId = "nobody", Question = "?" }], Participants)).Errors.Keys);
        Assert.Contains("tables[1].hostId", Refused(() => WorldCafe.SetUp(null, [Drafts[0], Drafts[0]], Participants)).Errors.Keys);
        Assert.Contains("tables[0].question", Refused(() => WorldCafe.SetUp(null, [new() { HostId = "host-1" }, Drafts[1]], Participants)).Errors.Keys);
        Assert.Contains("tables", Refused(() => WorldCafe.SetUp(begun, Drafts, Participants)).Errors.Keys);
        Assert.Equal(["host-2", "host-1"], WorldCafe.SetUp(WorldCafe.SetUp(null, Drafts, Participants), [Drafts[1], Drafts[0]], Participants).Tables.Select(t => t.HostId));
    }

    [Fact]
    public void A_round_seats_those_present_and_every_host_but_not_the_facilitator_and_ends_on_the_servers_clock()
    {
        var cafe = Started();

        var round = Assert.Single(cafe.Rounds);
        Assert.Equal((1, Now.AddMinutes(20)), (round.Number, round.EndsAt));
        Assert.Equal(["host-1", "host-2", "parent", "student"], round.Seating.SelectMany(s => s.ParticipantIds).Order());
        Assert.Equal(["host-1", "host-2"], round.Seating.Select(s => s.ParticipantIds[0]));
        Assert.Empty(round.Warnings);
    }

    [Fact]
    public void The_next_round_starts_once_the_last_has_ended_and_lasts_half_a_minute_to_120_minutes()
    {
        var cafe = Started();

        Assert.Equal(ErrorCodes.RoundRunning, Refused(() => WorldCafe.StartRound(cafe, 20, Participants, Present, Now.AddMinutes(19))).Code);
        Assert.Contains("tables", Refused(() => WorldCafe.StartRound(null, 20, Participants, Present, Now)).Errors.Keys);
        Assert.Contains("minutes", Refused(() => WorldCafe.StartRound(cafe, 0, Participants, Present, Now.AddMinutes(20))).Errors.Keys);
        Assert.Contains("minutes", Refused(() => WorldCafe.StartRound(cafe, 121, Participants, Present, Now.AddMinutes(20))).Errors.Keys);
        var second = WorldCafe.StartRound(cafe, 10, Participants, Present, Now.AddMinutes(20));
        Assert.Equal((2, Now.AddMinutes(30)), (second.Rounds[^1].Number, second.Rounds[^1].EndsAt));
    }

    [Fact]
    public void Minutes_may_be_fractional_from_half_a_minute_and_anything_else_is_refused_naming_the_field()
    {
        var cafe = WorldCafe.SetUp(null, Drafts, Participants);

        var quick = WorldCafe.StartRound(cafe, 0.5, Participants, Present, Now);
        var extended = WorldCafe.ExtendRound(quick, 1.25, Now.AddSeconds(10));

        Assert.Equal(Now.AddSeconds(30), quick.Rounds[^1].EndsAt);
        Assert.Equal(Now.AddSeconds(105), extended.Rounds[^1].EndsAt);
        Assert.Equal(Now.AddHours(2), WorldCafe.StartRound(cafe, 120, Participants, Present, Now).Rounds[^1].EndsAt);
        foreach (var minutes in new[] { 0.49, -1, 120.01, double.NaN, double.PositiveInfinity })
        {
            Assert.Equal(("minutes", ErrorCodes.Invalid), Single(Refused(() => WorldCafe.StartRound(cafe, minutes, Participants, Present, Now))));
            Assert.Equal(("minutes", ErrorCodes.Invalid), Single(Refused(() => WorldCafe.ExtendRound(quick, minutes, Now))));
        }
    }

    [Fact]
    public void The_facilitator_ends_a_running_round_now_and_the_next_may_start_at_once()
    {
        var cafe = Started();

        var ended = WorldCafe.EndRound(cafe, Now.AddMinutes(3));

        Assert.Equal(Now.AddMinutes(3), ended.Rounds[^1].EndsAt);
        Assert.Equal(cafe.Rounds[^1].Seating, ended.Rounds[^1].Seating);
        Assert.Equal(ErrorCodes.NoRoundRunning, Refused(() => WorldCafe.AddNote(ended, "parent", ended.Rounds[0].Seating.First(s => s.ParticipantIds.Contains("parent")).TableId, "Late", Now.AddMinutes(3))).Code);
        Assert.Equal(ErrorCodes.NoRoundRunning, Refused(() => WorldCafe.EndRound(ended, Now.AddMinutes(3))).Code);
        Assert.Equal(ErrorCodes.NoRoundRunning, Refused(() => WorldCafe.EndRound(WorldCafe.SetUp(null, Drafts, Participants), Now)).Code);
        Assert.Equal(ErrorCodes.NoRoundRunning, Refused(() => WorldCafe.EndRound(null, Now)).Code);
        Assert.Equal(2, WorldCafe.StartRound(ended, 5, Participants, Present, Now.AddMinutes(3)).Rounds.Count);
    }

    [Fact]
    public void Warnings_are_the_facilitators_and_participants_see_the_cafe_without_them()
    {
        var present = new[] { "facilitator", "parent" };
        var cafe = WorldCafe.StartRound(WorldCafe.SetUp(null, Drafts, Participants), 20, Participants, present, Now);
        var conveningEvent = new ConveningEvent { Sequence = 1, Type = ConveningEventTypes.CafeRoundStarted, At = Now, ActorId = "facilitator", WorldCafe = cafe };

        Assert.Single(cafe.Rounds[0].Warnings);
        Assert.Equal(cafe, WorldCafe.ForViewer(cafe, facilitator: true));
        Assert.Empty(WorldCafe.ForViewer(cafe, facilitator: false).Rounds[0].Warnings);
        Assert.Equal(cafe.Rounds[0].Seating, WorldCafe.ForViewer(cafe, facilitator: false).Rounds[0].Seating);
        Assert.Single(ConveningRules.ForViewer(conveningEvent, facilitator: true).WorldCafe!.Rounds[0].Warnings);
        Assert.Empty(ConveningRules.ForViewer(conveningEvent, facilitator: false).WorldCafe!.Rounds[0].Warnings);
    }

    [Fact]
    public void A_running_round_can_be_extended_and_an_ended_one_cannot()
    {
        var cafe = Started();

        var extended = WorldCafe.ExtendRound(cafe, 5, Now.AddMinutes(19));

        Assert.Equal(Now.AddMinutes(25), extended.Rounds[^1].EndsAt);
        Assert.Equal(cafe.Rounds[^1].Seating, extended.Rounds[^1].Seating);
        Assert.Equal(ErrorCodes.NoRoundRunning, Refused(() => WorldCafe.ExtendRound(cafe, 5, Now.AddMinutes(20))).Code);
        Assert.Equal(ErrorCodes.NoRoundRunning, Refused(() => WorldCafe.ExtendRound(WorldCafe.SetUp(null, Drafts, Participants), 5, Now)).Code);
        Assert.Equal(ErrorCodes.NoRoundRunning, Refused(() => WorldCafe.ExtendRound(null, 5, Now)).Code);
        Assert.Contains("minutes", Refused(() => WorldCafe.ExtendRound(cafe, 121, Now)).Errors.Keys);
    }

    [Fact]
    public void Notes_are_taken_at_ones_own_table_while_the_round_runs()
    {
        var cafe = Started();
        var seating = cafe.Rounds[0].Seating;
        var atTableTwo = seating[1].ParticipantIds[^1];

        var noted = WorldCafe.AddNote(cafe, atTableTwo, "table-2", " Evening meetings ", Now.AddMinutes(1));

        Assert.Equal(new TableNote { Round = 1, ParticipantId = atTableTwo, Text = "Evening meetings" }, Assert.Single(noted.Tables[1].Notes));
        Assert.Empty(noted.Tables[0].Notes);
        Assert.Equal(ErrorCodes.NotAtTable, Refused(() => WorldCafe.AddNote(cafe, atTableTwo, "table-1", "Visiting", Now)).Code);
        Assert.Equal(ErrorCodes.NotAtTable, Refused(() => WorldCafe.AddNote(cafe, "facilitator", "table-1", "Passing by", Now)).Code);
        Assert.Equal(("tableId", ErrorCodes.Invalid), Single(Refused(() => WorldCafe.AddNote(cafe, atTableTwo, "table-9", "Nowhere", Now))));
        Assert.Contains("text", Refused(() => WorldCafe.AddNote(cafe, atTableTwo, "table-2", " ", Now)).Errors.Keys);
        Assert.Equal(ErrorCodes.NoRoundRunning, Refused(() => WorldCafe.AddNote(cafe, atTableTwo, "table-2", "Late", Now.AddMinutes(20))).Code);
    }

    [Fact]
    public void The_harvest_is_kept_once_the_tables_are_set_with_each_tables_question_and_notes()
    {
        var cafe = Started();
        var atTableOne = cafe.Rounds[0].Seating[0].ParticipantIds[0];
        cafe = WorldCafe.AddNote(cafe, atTableOne, "table-1", "Evenings", Now);
        cafe = WorldCafe.AddNote(cafe, atTableOne, "table-1", "Childcare", Now);

        var harvested = WorldCafe.SaveHarvest(cafe, " Families want evening meetings. ");

        Assert.Equal("Families want evening meetings.", harvested.Harvest);
        Assert.Equal(["What brings us together?: Evenings; Childcare", "Who else should be here?: "], WorldCafe.TableSummaries(harvested));
        Assert.Contains("tables", Refused(() => WorldCafe.SaveHarvest(null, "Too soon")).Errors.Keys);
        Assert.Contains("text", Refused(() => WorldCafe.SaveHarvest(cafe, " ")).Errors.Keys);
    }

    private static IReadOnlyCollection<string> Present => ["facilitator", "parent", "student"];

    private static WorldCafeActivity Started() =>
        WorldCafe.StartRound(WorldCafe.SetUp(null, Drafts, Participants), 20, Participants, Present, Now);

    private static (string Field, string Code) Single(DomainValidationException refused) => (Assert.Single(refused.Errors.Keys), refused.Code);

    private static DomainValidationException Refused(Action step) => Assert.Throws<DomainValidationException>(step);

    private static Participant Person(string id, StakeholderRole role, bool facilitator = false) =>
        new() { Id = id, DisplayName = id, StakeholderRole = role, IsFacilitator = facilitator, IsGuest = false };
}
