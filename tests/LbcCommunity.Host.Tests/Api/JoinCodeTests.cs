using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using LbcCommunity.Client;
using LbcCommunity.Client.Auth;
using LbcCommunity.Convenings;
using LbcCommunity.Host.Api;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>
/// Guests without an account, end to end: the facilitator issues a join code over REST, the guest exchanges it at the
/// token endpoint for a token that opens one convening, joins under the name in that token, and is shut out again
/// when the facilitator revokes the code.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class JoinCodeTests(ApiHostFixture fixture)
{
    private readonly LbcCommunityClient _api = fixture.Api;

    private LbcHostFactory Host => fixture.Host;

    [Fact]
    public async Task A_guest_joins_with_the_facilitators_code_under_the_name_in_their_token()
    {
        var session = await ConveningWorld.Plan(Host, _api);

        var issued = await ConveningWorld.IssueJoinCode(Host, session.FacilitatorToken, session.State, session.ConveningId, "Families, November");
        var guestToken = await Host.GuestToken(issued.Code, "Ms. Johnson");
        await using var facilitator = await Host.Convening(session.FacilitatorToken);
        await using var guest = await Host.Convening(guestToken);
        await facilitator.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        // The name a guest sends is not used: the one they gave when they exchanged the code is.
        var joined = await guest.JoinAsync(session.State, session.ConveningId, new JoinRequest { GuestName = "Somebody else", GuestRole = StakeholderRole.Teacher });
        await facilitator.StartActivityAsync(session.State, session.ConveningId, "item-1");
        await facilitator.OpenConsensusRoundAsync(session.State, session.ConveningId, "Adopt the plan", AgreementScale.FistToFive, anonymous: false, hideResults: false);
        var vote = await guest.CastVoteAsync(session.State, session.ConveningId, 4);

        Assert.StartsWith("jc-", issued.JoinCode.Id, StringComparison.Ordinal);
        Assert.Equal("Families, November", issued.JoinCode.Label);
        Assert.Equal(TimeSpan.FromHours(24), issued.JoinCode.ExpiresAt - issued.JoinCode.IssuedAt);
        Assert.Null(issued.JoinCode.RevokedAt);
        Assert.EndsWith($"/join?code={Uri.EscapeDataString(issued.Code)}", issued.Link, StringComparison.Ordinal);
        using var asFacilitator = Host.ClientWith(session.FacilitatorToken);
        var listed = await asFacilitator.GetStringAsync(JoinCodes(session));
        Assert.Contains(issued.JoinCode.Id, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.Code, listed, StringComparison.Ordinal);
        Assert.Equal(("Ms. Johnson", true, false, StakeholderRole.Teacher), (joined.Participant.DisplayName, joined.Participant.IsGuest, joined.Participant.IsFacilitator, joined.Participant.StakeholderRole));
        using var asGuest = Host.ClientWith(guestToken);
        var me = (await asGuest.GetFromJsonAsync<CallerView>("/api/me"))!;
        Assert.Equal((joined.Participant.Id, session.State, "Ms. Johnson"), (me.Subject, me.TenantId, me.DisplayName));
        Assert.Equal(["guest"], me.Roles);
        var seen = await facilitator.ResumeAsync(session.State, session.ConveningId, session.FacilitatorId, vote.Sequence - 1);
        Assert.Equal((joined.Participant.Id, 4), (seen.Events![^1].Vote!.ParticipantId, seen.Events[^1].Vote!.Level));
    }

    [Fact]
    public async Task A_guests_token_opens_that_convening_only()
    {
        var session = await ConveningWorld.Plan(Host, _api);
        var other = await _api.CreateConveningAsync(session.State, new ConveningDraft
        {
            Title = "Staff only",
            OwnerKind = ConveningOwnerKind.Team,
            OwnerId = "cafe",
            Agenda = [new AgendaItemDraft { Kind = ActivityKind.ConsensusBuilding, Title = "Budget" }],
        });
        var otherState = await ApiWorld.NewStateWithTeam(_api);
        var guestToken = await ConveningWorld.GuestToken(Host, session, "Ms. Johnson");
        await using var guest = await Host.Convening(guestToken);
        await guest.JoinAsync(session.State, session.ConveningId, new JoinRequest());

        var otherJoin = await Assert.ThrowsAsync<HubException>(() => guest.JoinAsync(session.State, other.Id, new JoinRequest()));
        var otherResume = await Assert.ThrowsAsync<HubException>(() => guest.ResumeAsync(session.State, other.Id, "guest-x", 0));
        var otherVote = await Assert.ThrowsAsync<HubException>(() => guest.CastVoteAsync(session.State, other.Id, 3));
        var otherTenant = await Assert.ThrowsAsync<HubException>(() => guest.JoinAsync(otherState, session.ConveningId, new JoinRequest()));

        var missing = $"Convening '{other.Id}' was not found.";
        // The client sees "An unexpected error occurred invoking '<method>' on the server. HubException: <message>".
        Assert.All(new[] { otherJoin, otherResume, otherVote }, refused => Assert.EndsWith(missing, refused.Message, StringComparison.Ordinal));
        Assert.EndsWith($"Tenant '{otherState}' was not found.", otherTenant.Message, StringComparison.Ordinal);
        using var asGuest = Host.ClientWith(guestToken);
        Assert.Equal("November learning day", (await Host.ApiAs(guestToken).GetConveningAsync(session.State, session.ConveningId)).Title);
        foreach (var refused in new[]
                 {
                     $"/api/tenants/{session.State}/convenings/{other.Id}",
                     $"/api/tenants/{session.State}/regions",
                     $"/api/tenants/{session.State}/regions/west",
                     $"/api/tenants/{session.State}/teams/cafe/harvests",
                     $"/api/tenants/{session.State}/teams/cafe/evidence",
                     $"/api/tenants/{session.State}/people",
                     JoinCodes(session),
                 })
        {
            var response = await asGuest.GetAsync(refused);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"GET {refused}: {(int)response.StatusCode}");
        }

        var issue = await ConveningWorld.TryIssueJoinCode(Host, guestToken, session.State, session.ConveningId, "Bringing a friend");
        Assert.Equal(HttpStatusCode.Forbidden, issue.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await asGuest.GetAsync($"/api/tenants/{otherState}/convenings/{session.ConveningId}")).StatusCode);
    }

    [Fact]
    public async Task A_revoked_code_shuts_its_guests_out_changes_nothing_else_and_can_no_longer_be_exchanged()
    {
        var session = await ConveningWorld.Plan(Host, _api);
        var families = await ConveningWorld.IssueJoinCode(Host, session.FacilitatorToken, session.State, session.ConveningId, "Families");
        var partners = await ConveningWorld.IssueJoinCode(Host, session.FacilitatorToken, session.State, session.ConveningId, "Partners");
        await using var facilitator = await Host.Convening(session.FacilitatorToken);
        await using var guest = await Host.Convening(await Host.GuestToken(families.Code, "Ms. Johnson"));
        await using var partner = await Host.Convening(await Host.GuestToken(partners.Code, "Community partner"));
        await facilitator.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        var asGuest = await guest.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        await partner.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        await facilitator.StartActivityAsync(session.State, session.ConveningId, "item-1");
        await facilitator.OpenConsensusRoundAsync(session.State, session.ConveningId, "Adopt the plan", AgreementScale.FistToFive, anonymous: false, hideResults: false);
        var lastBefore = await guest.CastVoteAsync(session.State, session.ConveningId, 3);

        using var asFacilitator = Host.ClientWith(session.FacilitatorToken);
        var revoke = await asFacilitator.DeleteAsync($"{JoinCodes(session)}/{families.JoinCode.Id}");

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.NotNull((await revoke.Content.ReadFromJsonAsync<JoinCode>())!.RevokedAt);
        var vote = await Assert.ThrowsAsync<HubException>(() => guest.CastVoteAsync(session.State, session.ConveningId, 5));
        var concern = await Assert.ThrowsAsync<HubException>(() => guest.RaiseConcernAsync(session.State, session.ConveningId, "Let me back in"));
        var resume = await Assert.ThrowsAsync<HubException>(() => guest.ResumeAsync(session.State, session.ConveningId, asGuest.Participant.Id, lastBefore.Sequence));
        var join = await Assert.ThrowsAsync<HubException>(() => guest.JoinAsync(session.State, session.ConveningId, new JoinRequest()));
        Assert.All(new[] { vote, concern, resume, join }, refused => Assert.Contains("joinCode", refused.Message, StringComparison.Ordinal));
        var exchange = await Assert.ThrowsAsync<LbcSignInException>(() => Host.GuestToken(families.Code, "Ms. Johnson"));
        Assert.Equal(400, exchange.Status);
        Assert.Contains("invalid_grant", exchange.Body, StringComparison.Ordinal);

        // All that changed: the guest left the room. Their vote stands; the other code's guest goes on.
        var since = (await facilitator.ResumeAsync(session.State, session.ConveningId, session.FacilitatorId, lastBefore.Sequence)).Events!;
        Assert.Equal(2, since.Count);
        Assert.Equal((ConveningEventTypes.JoinCodeRevoked, families.JoinCode.Id), (since[0].Type, since[0].JoinCodeId));
        var left = since[1];
        Assert.Equal((ConveningEventTypes.PresenceChanged, asGuest.Participant.Id, false), (left.Type, left.ActorId, left.Present));
        var partnerVote = await partner.CastVoteAsync(session.State, session.ConveningId, 4);
        Assert.Equal(left.Sequence + 1, partnerVote.Sequence);
        var voted = Assert.Single((await facilitator.ResumeAsync(session.State, session.ConveningId, session.FacilitatorId, left.Sequence)).Events!);
        Assert.Equal((2, 1, 1), (voted.VoteCount, voted.Tally![3], voted.Tally[4]));
        Assert.NotNull(await Host.GuestToken(partners.Code, "Another partner"));
        var listed = (await asFacilitator.GetFromJsonAsync<List<JoinCode>>(JoinCodes(session)))!;
        Assert.Equal([(families.JoinCode.Id, true), (partners.JoinCode.Id, false)], listed.OrderBy(c => c.Label).Select(c => (c.Id, c.RevokedAt is not null)));
        Assert.Equal(HttpStatusCode.NotFound, (await asFacilitator.DeleteAsync($"{JoinCodes(session)}/jc-unknown")).StatusCode);
    }

    [Fact]
    public async Task Only_the_conveners_facilitators_issue_list_and_revoke_codes()
    {
        var session = await ConveningWorld.Plan(Host, _api);
        var byAdmin = await ConveningWorld.IssueJoinCode(Host, await Host.StateAdminToken(session.State), session.State, session.ConveningId, "From the state");
        using var asParent = Host.ClientWith(session.ParentToken);

        var issue = await ConveningWorld.TryIssueJoinCode(Host, session.ParentToken, session.State, session.ConveningId, "My neighbours");
        var list = await asParent.GetAsync(JoinCodes(session));
        var revoke = await asParent.DeleteAsync($"{JoinCodes(session)}/{byAdmin.JoinCode.Id}");
        var tooLong = await ConveningWorld.TryIssueJoinCode(Host, session.FacilitatorToken, session.State, session.ConveningId, validForHours: 24 * 15);
        var none = await ConveningWorld.TryIssueJoinCode(Host, session.FacilitatorToken, session.State, session.ConveningId, validForHours: 0);
        var noConvening = await ConveningWorld.TryIssueJoinCode(Host, session.FacilitatorToken, session.State, "no-such-convening");

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], new[] { issue.StatusCode, list.StatusCode, revoke.StatusCode });
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], new[] { tooLong.StatusCode, none.StatusCode });
        Assert.Contains("validForHours", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, noConvening.StatusCode);
        using var asFacilitator = Host.ClientWith(session.FacilitatorToken);
        var listed = Assert.Single((await asFacilitator.GetFromJsonAsync<List<JoinCode>>(JoinCodes(session)))!);
        Assert.Equal(byAdmin.JoinCode.Id, listed.Id);
        Assert.Null(listed.RevokedAt);
        Assert.NotNull(await Host.GuestToken(byAdmin.Code, "Still welcome"));
    }

    [Fact]
    public async Task A_guest_whose_code_is_revoked_hears_nothing_more_of_the_convening()
    {
        var session = await ConveningWorld.Plan(Host, _api);
        var families = await ConveningWorld.IssueJoinCode(Host, session.FacilitatorToken, session.State, session.ConveningId, "Families");
        await using var facilitator = await Host.Convening(session.FacilitatorToken);
        await using var guest = await Host.Convening(await Host.GuestToken(families.Code, "Ms. Johnson"));
        var heardByGuest = new ConcurrentQueue<ConveningEvent>();
        guest.EventReceived += heardByGuest.Enqueue;
        var heardByFacilitator = new ConcurrentQueue<ConveningEvent>();
        facilitator.EventReceived += heardByFacilitator.Enqueue;
        await facilitator.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        await guest.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        await facilitator.StartActivityAsync(session.State, session.ConveningId, "item-1");

        using var asFacilitator = Host.ClientWith(session.FacilitatorToken);
        (await asFacilitator.DeleteAsync($"{JoinCodes(session)}/{families.JoinCode.Id}")).EnsureSuccessStatusCode();
        var opened = await facilitator.OpenConsensusRoundAsync(session.State, session.ConveningId, "Not for the guest's ears", AgreementScale.FistToFive, anonymous: false, hideResults: false);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!heardByFacilitator.Any(e => e.Sequence >= opened.Sequence) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        // The facilitator has heard the round open, so the relay has already written it to every connection it sends to.
        // A call of the guest's own is answered on the same connection after anything written to it before: once its
        // answer (a refusal, here) is in, an event sent to the guest would be in too.
        await Assert.ThrowsAsync<HubException>(() => guest.RaiseConcernAsync(session.State, session.ConveningId, "Am I still heard?"));
        Assert.Contains(heardByFacilitator, e => e.Sequence == opened.Sequence);
        Assert.DoesNotContain(heardByGuest, e => e.Sequence == opened.Sequence);
    }

    private static string JoinCodes(ConveningWorld.Planned session) => $"/api/tenants/{session.State}/convenings/{session.ConveningId}/join-codes";
}
