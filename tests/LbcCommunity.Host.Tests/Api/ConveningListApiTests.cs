using System.Net;
using System.Net.Http.Json;
using LbcCommunity.Client;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>
/// "My convenings" and the owners' lists over HTTP as a convening is planned with a time, goes live and ends; its summary
/// afterwards; bad input (named, coded, nothing stored) and other tenants' ids (404, as for ids that name nothing).
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class ConveningListApiTests(ApiHostFixture fixture)
{
    [Fact]
    public async Task A_planned_convening_is_in_the_team_list_and_its_peoples_lists_then_live_then_ended_with_its_summary()
    {
        var host = fixture.Host;
        var session = await ConveningWorld.Plan(host);
        var facilitatorApi = host.ApiAs(session.FacilitatorToken);
        var parentApi = host.ApiAs(session.ParentToken);
        var startsAt = DateTimeOffset.UtcNow.AddDays(7);
        var later = await facilitatorApi.CreateConveningAsync(session.State, new ConveningDraft
        {
            Id = "january-day",
            Title = "January learning day",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = "cafe",
            StartsAt = startsAt,
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.FourSimpleQuestions, Title = "Who should be at the table?" }],
        });

        Assert.Equal(startsAt, later.StartsAt);
        Assert.Equal([session.ConveningId, "january-day"], (await facilitatorApi.ListTeamConveningsAsync(session.State, "cafe")).Select(l => l.Id));
        var parentsList = await parentApi.ListMyConveningsAsync(session.State);
        Assert.Equal([ConveningStatus.Planned, ConveningStatus.Planned], parentsList.Select(l => l.Status));
        Assert.Equal(startsAt, parentsList.Single(l => l.Id == "january-day").StartsAt);

        await using var facilitator = await host.Convening(session.FacilitatorToken);
        await using var parent = await host.Convening(session.ParentToken);
        await facilitator.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        await parent.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        await facilitator.StartActivityAsync(session.State, session.ConveningId, "item-1");
        Assert.Equal(session.ConveningId, Assert.Single(await parentApi.ListMyConveningsAsync(session.State, ConveningStatus.Live)).Id);
        await facilitator.OpenConsensusRoundAsync(session.State, session.ConveningId, "Adopt the plan", AgreementScale.FistToFive, anonymous: true, hideResults: false);
        await parent.CastVoteAsync(session.State, session.ConveningId, 4);
        await facilitator.CloseRoundAsync(session.State, session.ConveningId);
        await facilitator.RecordOutcomeAsync(session.State, session.ConveningId, ConsensusOutcome.ConsensusReached);
        await facilitator.CloseConveningAsync(session.State, session.ConveningId);

        Assert.Equal(session.ConveningId, Assert.Single(await facilitatorApi.ListTeamConveningsAsync(session.State, "cafe", ConveningStatus.Ended)).Id);
        Assert.Equal("january-day", Assert.Single(await parentApi.ListMyConveningsAsync(session.State, ConveningStatus.Planned)).Id);
        var summary = await parentApi.GetConveningSummaryAsync(session.State, session.ConveningId);
        Assert.Equal(ConveningStatus.Ended, summary.Convening.Status);
        Assert.True(summary.StartedAt <= summary.EndedAt);
        Assert.Equal((2, 1), (summary.Attendance.Participants, summary.Attendance.FamilyVoices));
        Assert.Equal(ConsensusOutcome.ConsensusReached, summary.Decision.Outcome);
        Assert.Equal([0, 0, 0, 0, 1, 0], summary.Decision.Rounds[0].Tally);
    }

    [Fact]
    public async Task A_start_too_far_out_and_an_unknown_status_are_named_with_their_code_and_nothing_is_stored()
    {
        var host = fixture.Host;
        var session = await ConveningWorld.Plan(host);
        var facilitatorApi = host.ApiAs(session.FacilitatorToken);

        var tooFar = await Assert.ThrowsAsync<LbcApiException>(() => facilitatorApi.CreateConveningAsync(session.State, new ConveningDraft
        {
            Id = "too-far",
            Title = "Some day",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = "cafe",
            StartsAt = DateTimeOffset.UtcNow.AddYears(3),
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.FourSimpleQuestions, Title = "Questions" }],
        }));
        using var client = host.ClientWith(session.FacilitatorToken);
        var unknown = await client.GetAsync($"/api/tenants/{session.State}/teams/cafe/convenings?status=Soon");
        var twice = await client.GetAsync($"/api/tenants/{session.State}/me/convenings?status=Live&status=Ended");

        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.Invalid), (tooFar.Status, tooFar.Code));
        Assert.Equal(["startsAt"], tooFar.Errors.Keys);
        await AssertNamed(unknown, "status");
        await AssertNamed(twice, "status");
        Assert.Equal([session.ConveningId], (await facilitatorApi.ListTeamConveningsAsync(session.State, "cafe")).Select(l => l.Id));
        var missing = await Assert.ThrowsAsync<LbcApiException>(() => facilitatorApi.GetConveningAsync(session.State, "too-far"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task Another_tenants_ids_answer_404_like_ids_that_name_nothing_and_a_guest_has_no_list()
    {
        var host = fixture.Host;
        var own = await ConveningWorld.Plan(host);
        var other = await ConveningWorld.Plan(host);
        await host.Api().CreateCommunityAsync(other.State, new CommunityDraft { Id = "other-cop", Name = "Other CoP" });
        var adminApi = host.ApiAs(await host.StateAdminToken(own.State));
        var guestApi = host.ApiAs(await ConveningWorld.GuestToken(host, own, "A grandmother"));

        var foreignSummary = await Refused(() => adminApi.GetConveningSummaryAsync(own.State, other.ConveningId));
        var missingSummary = await Refused(() => adminApi.GetConveningSummaryAsync(own.State, "no-such-convening"));
        var foreignCommunity = await Refused(() => adminApi.ListCommunityConveningsAsync(own.State, "other-cop"));
        var missingCommunity = await Refused(() => adminApi.ListCommunityConveningsAsync(own.State, "no-such-cop"));
        var missingTeam = await Refused(() => adminApi.ListTeamConveningsAsync(own.State, "no-such-team"));
        var missingInitiative = await Refused(() => adminApi.ListInitiativeConveningsAsync(own.State, "no-such-initiative"));
        var guest = await Refused(() => guestApi.ListMyConveningsAsync(own.State));

        Assert.Equal(HttpStatusCode.NotFound, foreignSummary.Status);
        Assert.Equal(missingSummary.Detail!.Replace("no-such-convening", other.ConveningId, StringComparison.Ordinal), foreignSummary.Detail);
        Assert.Equal((HttpStatusCode.NotFound, ErrorCodes.NotFound), (foreignCommunity.Status, foreignCommunity.Code));
        Assert.Equal(missingCommunity.Detail!.Replace("no-such-cop", "other-cop", StringComparison.Ordinal), foreignCommunity.Detail);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (missingTeam.Status, missingInitiative.Status));
        Assert.Equal(HttpStatusCode.Forbidden, guest.Status);
        // The other tenant's convening is still only in its own team's list.
        Assert.Equal([other.ConveningId], (await host.ApiAs(other.FacilitatorToken).ListMyConveningsAsync(other.State)).Select(l => l.Id));
        Assert.Equal([own.ConveningId], (await host.ApiAs(own.FacilitatorToken).ListMyConveningsAsync(own.State)).Select(l => l.Id));
    }

    [Fact]
    public async Task An_initiatives_convening_is_in_the_lists_of_its_teams_people_and_state_staff_and_a_communitys_in_its_members()
    {
        var host = fixture.Host;
        var session = await ConveningWorld.Plan(host);
        var api = host.Api();
        await api.CreateCommunityAsync(session.State, new CommunityDraft { Id = "cop", Name = "Transition CoP" });
        await api.AddMemberAsync(session.State, Roster.OfCommunity("cop"), new MemberDraft { DisplayName = "CoP lead", Email = "lead@cop.test", StakeholderRole = StakeholderRole.ParentMentor, IsFacilitator = true });
        var lead = host.ApiAs(await host.TokenFor(session.State, "lead@cop.test"));
        var admin = host.ApiAs(await host.StateAdminToken(session.State));
        var statewide = await admin.CreateConveningAsync(session.State, new ConveningDraft
        {
            Title = "Statewide learning day",
            OwnerKind = ConveningOwnerKind.Initiative,
            OwnerId = "graduatefirst",
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.FourSimpleQuestions, Title = "Who should be at the table?" }],
        });
        var circle = await lead.CreateConveningAsync(session.State, new ConveningDraft
        {
            Title = "Parent mentors' circle",
            OwnerKind = ConveningOwnerKind.Community,
            OwnerId = "cop",
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.ConsensusBuilding, Title = "Agree the spring focus" }],
        });

        var parents = await host.ApiAs(session.ParentToken).ListMyConveningsAsync(session.State);
        // Both planned with no start: the earlier planned first.
        Assert.Equal([session.ConveningId, statewide.Id], parents.Select(l => l.Id));
        Assert.Equal((ConveningOwnerKind.Initiative, "graduatefirst"), parents.Where(l => l.Id == statewide.Id).Select(l => (l.OwnerKind, l.OwnerId)).Single());
        Assert.Equal([statewide.Id], (await admin.ListMyConveningsAsync(session.State)).Select(l => l.Id));
        Assert.Equal([statewide.Id], (await lead.ListInitiativeConveningsAsync(session.State, "graduatefirst")).Select(l => l.Id));
        Assert.Equal([circle.Id], (await lead.ListMyConveningsAsync(session.State)).Select(l => l.Id));
        Assert.Equal([circle.Id], (await admin.ListCommunityConveningsAsync(session.State, "cop")).Select(l => l.Id));
    }

    private static async Task<LbcApiException> Refused(Func<Task> call) => await Assert.ThrowsAsync<LbcApiException>(call);

    private static async Task AssertNamed(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(ErrorCodes.Invalid, problem.GetProperty("code").GetString());
    }
}
