using System.Net;
using System.Text.Json;
using LbcCommunity.Client;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>
/// A convening planned with each activity's settings, and its plan changed over HTTP (<c>PUT …/convenings/{id}</c>)
/// until it begins: bad settings are named by field and store nothing; once an activity starts or it ends the plan is
/// kept (409 with its code); another tenant's convening is one that does not exist; a member may not change it; the
/// owner's list follows a changed title and start.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class ConveningPlanApiTests(ApiHostFixture fixture)
{
    [Fact]
    public async Task A_plan_keeps_each_activitys_settings_and_a_change_reaches_the_owners_list()
    {
        var host = fixture.Host;
        var session = await ConveningWorld.Plan(host);
        var api = host.ApiAs(session.FacilitatorToken);
        var planned = await api.CreateConveningAsync(session.State, FullPlan(session));
        var startsAt = DateTimeOffset.UtcNow.AddDays(3);

        var changed = await api.UpdateConveningAsync(session.State, planned.Id, new ConveningPlanDraft
        {
            Title = "December learning day",
            StartsAt = startsAt,
            Agenda = [.. FullPlan(session).Agenda!.Reverse()],
        });

        var cafe = planned.Agenda[0].Cafe!;
        Assert.Equal([session.FacilitatorId, session.ParentId], cafe.Tables.Select(t => t.HostId));
        Assert.Equal((7.5, 3), (cafe.RoundMinutes, cafe.Rounds));
        Assert.Equal(new ConsensusSettings { Proposal = "Adopt the family survey", Scale = AgreementScale.FistToFive, Anonymous = false, HideResults = true }, planned.Agenda[1].Consensus);
        Assert.Equal(["relevant-data", "action-plan"], planned.Agenda[3].DepthPoll!.RowIds);
        Assert.Equal((null, null, null), (planned.Agenda[2].Cafe, planned.Agenda[2].Consensus, planned.Agenda[2].DepthPoll));
        Assert.Equal([ActivityKind.DepthPoll, ActivityKind.FourSimpleQuestions, ActivityKind.ConsensusBuilding, ActivityKind.WorldCafe], changed.Agenda.Select(i => i.Kind));
        Assert.Equal(["item-1", "item-2", "item-3", "item-4"], changed.Agenda.Select(i => i.Id));
        Assert.Equal(Json(changed), Json(await api.GetConveningAsync(session.State, planned.Id)));
        var listed = (await host.ApiAs(session.ParentToken).ListMyConveningsAsync(session.State)).Single(l => l.Id == planned.Id);
        Assert.Equal(("December learning day", startsAt), (listed.Title, listed.StartsAt));
        Assert.Equal("December learning day", (await api.ListTeamConveningsAsync(session.State, "cafe")).Single(l => l.Id == planned.Id).Title);
    }

    [Fact]
    public async Task Bad_settings_are_refused_by_field_and_nothing_is_stored()
    {
        var host = fixture.Host;
        var session = await ConveningWorld.Plan(host);
        var api = host.ApiAs(session.FacilitatorToken);
        var planned = await api.CreateConveningAsync(session.State, FullPlan(session));
        AgendaItemDraft[] bad =
        [
            new() { Kind = ActivityKind.WorldCafe, Title = "Café", Cafe = new() { Tables = [new() { HostId = session.ParentId, Question = "Why?" }, new() { HostId = session.ParentId, Question = " " }], RoundMinutes = 0.25, Rounds = 7 } },
            new() { Kind = ActivityKind.ConsensusBuilding, Title = "Agree", Consensus = new() { Proposal = " " } },
            new() { Kind = ActivityKind.FourSimpleQuestions, Title = "Questions", DepthPoll = new() { RowIds = ["relevant-data"] } },
            new() { Kind = ActivityKind.DepthPoll, Title = "Poll", DepthPoll = new() { RowIds = ["relevant-data", "relevant-data", "Not A Slug"] } },
        ];

        var shape = await Refused(() => api.UpdateConveningAsync(session.State, planned.Id, new ConveningPlanDraft { Title = "Changed", Agenda = bad }));
        var created = await Refused(() => api.CreateConveningAsync(session.State, new ConveningDraft { Id = "never-planned", Title = "Never", OwnerKind = ConveningOwnerKind.Team, OwnerId = "cafe", Agenda = bad }));
        var names = await Refused(() => api.UpdateConveningAsync(session.State, planned.Id, new ConveningPlanDraft
        {
            Title = "Changed",
            Agenda =
            [
                new() { Kind = ActivityKind.WorldCafe, Title = "Café", Cafe = new() { Tables = [new() { HostId = "m-nobody", Question = "Why?" }, new() { HostId = session.ParentId, Question = "How?" }], RoundMinutes = 5, Rounds = 2 } },
                new() { Kind = ActivityKind.DepthPoll, Title = "Poll", DepthPoll = new() { RowIds = ["no-such-row"] } },
            ],
        }));

        string[] shapeFields =
        [
            "agenda[0].cafe.roundMinutes", "agenda[0].cafe.rounds", "agenda[0].cafe.tables[1].hostId", "agenda[0].cafe.tables[1].question",
            "agenda[1].consensus.proposal", "agenda[2].depthPoll", "agenda[3].depthPoll.rowIds[1]", "agenda[3].depthPoll.rowIds[2]",
        ];
        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.Invalid), (shape.Status, shape.Code));
        Assert.Equal(shapeFields, shape.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(shapeFields, created.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["agenda[0].cafe.tables[0].hostId", "agenda[1].depthPoll.rowIds[0]"], names.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Json(planned), Json(await api.GetConveningAsync(session.State, planned.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await Refused(() => api.GetConveningAsync(session.State, "never-planned"))).Status);
        Assert.Equal(planned.Title, (await api.ListTeamConveningsAsync(session.State, "cafe")).Single(l => l.Id == planned.Id).Title);
    }

    [Fact]
    public async Task The_plan_changes_until_an_activity_starts_and_not_after_it_ends()
    {
        var host = fixture.Host;
        var session = await ConveningWorld.Plan(host);
        var api = host.ApiAs(session.FacilitatorToken);
        var change = new ConveningPlanDraft { Title = "Changed", Agenda = [new() { Kind = ActivityKind.ConsensusBuilding, Title = "Agree", Consensus = new() { Proposal = "Go" } }] };
        await api.UpdateConveningAsync(session.State, session.ConveningId, change);
        await using var facilitator = await host.Convening(session.FacilitatorToken);
        await facilitator.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        await facilitator.StartActivityAsync(session.State, session.ConveningId, "item-1");
        var stored = await api.GetConveningAsync(session.State, session.ConveningId);

        var begun = await Refused(() => api.UpdateConveningAsync(session.State, session.ConveningId, change with { Title = "Too late" }));
        await facilitator.CloseConveningAsync(session.State, session.ConveningId);
        var ended = await Refused(() => api.UpdateConveningAsync(session.State, session.ConveningId, change with { Title = "Far too late" }));

        Assert.Equal("Changed", stored.Title);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.ConveningBegun), (begun.Status, begun.Code));
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.ConveningEnded), (ended.Status, ended.Code));
        Assert.Equal(Json(stored), Json(await api.GetConveningAsync(session.State, session.ConveningId)));
    }

    [Fact]
    public async Task Another_tenants_convening_is_not_found_and_a_member_may_not_change_the_plan()
    {
        var host = fixture.Host;
        var own = await ConveningWorld.Plan(host);
        var other = await ConveningWorld.Plan(host);
        var change = new ConveningPlanDraft { Title = "Mine now", Agenda = [new() { Kind = ActivityKind.FourSimpleQuestions, Title = "Questions" }] };

        var foreign = await Refused(() => host.ApiAs(own.FacilitatorToken).UpdateConveningAsync(own.State, other.ConveningId, change));
        var missing = await Refused(() => host.ApiAs(own.FacilitatorToken).UpdateConveningAsync(own.State, "no-such-convening", change));
        var member = await Refused(() => host.ApiAs(own.ParentToken).UpdateConveningAsync(own.State, own.ConveningId, change));

        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), (foreign.Status, foreign.Code));
        Assert.Equal(missing.Detail!.Replace("no-such-convening", other.ConveningId, StringComparison.Ordinal), foreign.Detail);
        Assert.Equal(HttpStatusCode.Forbidden, member.Status);
        Assert.Equal("November learning day", (await host.ApiAs(other.FacilitatorToken).GetConveningAsync(other.State, other.ConveningId)).Title);
        Assert.Equal("November learning day", (await host.ApiAs(own.FacilitatorToken).GetConveningAsync(own.State, own.ConveningId)).Title);
    }

    /// <summary>All four kinds, each (but the questions) with its settings: hosts from the team's roster, rows of its rubric.</summary>
    private static ConveningDraft FullPlan(ConveningWorld.Planned session) => new()
    {
        Title = "Planned in full",
        OwnerKind = ConveningOwnerKind.Team,
        OwnerId = "cafe",
        Agenda =
        [
            new() { Kind = ActivityKind.WorldCafe, Title = "Café", Cafe = new() { Tables = [new() { HostId = session.FacilitatorId, Question = "What do families need?" }, new() { HostId = session.ParentId, Question = "Who is missing?" }], RoundMinutes = 7.5, Rounds = 3 } },
            new() { Kind = ActivityKind.ConsensusBuilding, Title = "Agree", Consensus = new() { Proposal = "Adopt the family survey" } },
            new() { Kind = ActivityKind.FourSimpleQuestions, Title = "Four questions" },
            new() { Kind = ActivityKind.DepthPoll, Title = "Depth poll", DepthPoll = new() { RowIds = ["relevant-data", "action-plan"] } },
        ],
    };

    /// <summary>A convening as JSON: records hold lists, which compare by reference, so two reads compare by their text.</summary>
    private static string Json(Convening convening) => JsonSerializer.Serialize(convening);

    private static Task<LbcApiException> Refused(Func<Task> call) => Assert.ThrowsAsync<LbcApiException>(call);
}
