using LbcCommunity.Convenings;
using LbcCommunity.Errors;

namespace LbcCommunity.Tests.Convenings;

/// <summary>The agenda's settings: each kind's own only, each refusal under its field, the defaults filled in.</summary>
public sealed class AgendaRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Settings_of_another_kind_and_out_of_range_values_are_named_by_field()
    {
        var refused = Refused(new ConveningPlanDraft
        {
            Title = "Plan",
            Agenda =
            [
                new() { Kind = ActivityKind.FourSimpleQuestions, Title = "Questions", Consensus = new() { Proposal = "Go" } },
                new() { Kind = ActivityKind.WorldCafe, Title = "Café", Cafe = new() { Tables = [new() { HostId = "m-1", Question = "Why?" }], RoundMinutes = 121, Rounds = 0 } },
                new() { Kind = ActivityKind.ConsensusBuilding, Title = "Agree", Consensus = new() { Proposal = new string('x', ConveningRules.ProposalMaxLength + 1), Scale = (AgreementScale)9 } },
                new() { Kind = ActivityKind.DepthPoll, Title = "Poll", DepthPoll = new() { RowIds = [] } },
            ],
        }, ConveningOwnerKind.Team);

        Assert.Equal(
            ["agenda[0].consensus", "agenda[1].cafe.roundMinutes", "agenda[1].cafe.rounds", "agenda[1].cafe.tables", "agenda[2].consensus.proposal", "agenda[2].consensus.scale", "agenda[3].depthPoll.rowIds"],
            refused.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_initiatives_cafe_plans_no_tables_and_holds_no_depth_poll()
    {
        var refused = Refused(new ConveningPlanDraft
        {
            Title = "Statewide day",
            Agenda =
            [
                new() { Kind = ActivityKind.WorldCafe, Title = "Café", Cafe = new() { Tables = [new() { HostId = "m-1", Question = "A" }, new() { HostId = "m-2", Question = "B" }], RoundMinutes = 10, Rounds = 2 } },
                new() { Kind = ActivityKind.DepthPoll, Title = "Poll", DepthPoll = new() { RowIds = ["relevant-data"] } },
            ],
        }, ConveningOwnerKind.Initiative);

        Assert.Equal(["agenda[0].cafe.tables", "agenda[1].kind"], refused.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_consensus_plan_hides_results_and_names_voters_unless_told_otherwise_and_a_cafe_may_leave_its_tables_to_the_room()
    {
        AgendaItemDraft[] drafts =
        [
            new() { Kind = ActivityKind.ConsensusBuilding, Title = " Agree ", Consensus = new() { Proposal = " Adopt the plan " } },
            new() { Kind = ActivityKind.WorldCafe, Title = "Café", Cafe = new() { RoundMinutes = 0.5, Rounds = 6 } },
            new() { Kind = ActivityKind.FourSimpleQuestions, Title = "Questions" },
        ];
        ConveningRules.Validate(new ConveningPlanDraft { Title = "Plan", Agenda = drafts }, ConveningOwnerKind.Community, Now);

        var agenda = AgendaRules.ToAgenda(drafts);

        Assert.Equal(new ConsensusSettings { Proposal = "Adopt the plan", Scale = AgreementScale.FistToFive, Anonymous = false, HideResults = true }, agenda[0].Consensus);
        Assert.Equal(("item-1", "Agree"), (agenda[0].Id, agenda[0].Title));
        Assert.Equal((0, 0.5, 6), (agenda[1].Cafe!.Tables.Count, agenda[1].Cafe!.RoundMinutes, agenda[1].Cafe!.Rounds));
        Assert.Equal((null, null, null), (agenda[2].Cafe, agenda[2].Consensus, agenda[2].DepthPoll));
    }

    [Fact]
    public void Hosts_off_the_roster_and_rows_off_the_rubric_are_named_by_their_place()
    {
        AgendaItemDraft[] drafts =
        [
            new() { Kind = ActivityKind.WorldCafe, Title = "Café", Cafe = new() { Tables = [new() { HostId = "m-1", Question = "A" }, new() { HostId = "m-9", Question = "B" }], RoundMinutes = 5, Rounds = 1 } },
            new() { Kind = ActivityKind.DepthPoll, Title = "Poll", DepthPoll = new() { RowIds = ["relevant-data", "no-such-row"] } },
        ];

        var refused = Assert.Throws<DomainValidationException>(() => AgendaRules.CheckNames(drafts, new HashSet<string> { "m-1" }, new HashSet<string> { "relevant-data" }));
        var noRubric = Assert.Throws<DomainValidationException>(() => AgendaRules.CheckNames(drafts[1..], new HashSet<string>(), null));

        Assert.Equal(["agenda[0].cafe.tables[1].hostId", "agenda[1].depthPoll.rowIds[1]"], refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["agenda[0].depthPoll.rowIds[0]", "agenda[0].depthPoll.rowIds[1]"], noRubric.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_plan_that_has_begun_or_ended_is_refused_with_its_code()
    {
        Assert.Equal(ErrorCodes.ConveningBegun, AgendaRules.Begun(ended: false).Code);
        Assert.Equal(ErrorCodes.ConveningEnded, AgendaRules.Begun(ended: true).Code);
    }

    private static DomainValidationException Refused(ConveningPlanDraft draft, ConveningOwnerKind owner) =>
        Assert.Throws<DomainValidationException>(() => ConveningRules.Validate(draft, owner, Now));
}
