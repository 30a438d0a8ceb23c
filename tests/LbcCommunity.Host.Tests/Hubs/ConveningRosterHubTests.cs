using System.Collections.Concurrent;
using LbcCommunity.Client;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Host.Tests.Api;
using LbcCommunity.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Tests.Hubs;

/// <summary>
/// A room of thousands through the real SignalR client: a participant's snapshot carries the facilitators, themself and
/// counts; names come from <c>Roster</c>; presence reaches participants as summaries that cover every sequence once.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class ConveningRosterHubTests(ApiHostFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_participants_snapshot_is_small_a_facilitator_sees_each_join_and_the_participant_gets_summaries_then_the_next_event_with_no_gap()
    {
        var session = await ConveningWorld.Plan(fixture.Host, fixture.Api);
        var tokens = await Task.WhenAll(Enumerable.Range(1, 5).Select(i => ConveningWorld.GuestToken(fixture.Host, session, $"Guest {i}")));
        await using var facilitator = await fixture.Host.Convening(session.FacilitatorToken);
        await using var parent = await fixture.Host.Convening(session.ParentToken);
        var facilitatorEvents = new ConcurrentQueue<ConveningEvent>();
        var parentEvents = new ConcurrentQueue<ConveningEvent>();
        facilitator.EventReceived += facilitatorEvents.Enqueue;
        parent.EventReceived += parentEvents.Enqueue;
        await facilitator.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        var asParent = await parent.JoinAsync(session.State, session.ConveningId, new JoinRequest());

        var guests = await Task.WhenAll(tokens.Select(async token =>
        {
            var guest = await fixture.Host.Convening(token);
            await guest.JoinAsync(session.State, session.ConveningId, new JoinRequest());
            return guest;
        }));
        var next = await facilitator.StartActivityAsync(session.State, session.ConveningId, "item-1");
        await Until(() => parentEvents.Any(e => e.Sequence == next.Sequence) && facilitatorEvents.Any(e => e.Sequence == next.Sequence));

        Assert.False(asParent.Snapshot.WholeRoster);
        Assert.Equal([session.FacilitatorId, session.ParentId], asParent.Snapshot.Participants.Select(p => p.Id));
        Assert.Equal((2, 2), (asParent.Snapshot.Presence.ParticipantCount, asParent.Snapshot.Presence.PresentCount));
        // The facilitator sees each join whole, with the name.
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"Guest {i}").Order(), facilitatorEvents.Where(e => e.Type == ConveningEventTypes.ParticipantJoined && e.Participant!.IsGuest).Select(e => e.Participant!.DisplayName).Order());
        // The participant applies by the client rule: each event starts at or before the next sequence, none is a gap,
        // and together they cover every sequence up to the facilitator's next event once.
        var applied = asParent.Snapshot.Sequence;
        var summaries = new List<ConveningEvent>();
        foreach (var e in parentEvents.Concat(asParent.Events ?? []).OrderBy(e => e.Sequence).Where(e => e.Sequence > asParent.Snapshot.Sequence).DistinctBy(e => e.Sequence))
        {
            Assert.True((e.FirstSequence ?? e.Sequence) <= applied + 1, $"A gap before {e.Type} {e.FirstSequence}–{e.Sequence} after {applied}.");
            Assert.NotEqual(ConveningEventTypes.ParticipantJoined, e.Type);
            if (e.Type == ConveningEventTypes.PresenceSummary)
            {
                summaries.Add(e);
            }

            applied = e.Sequence;
        }

        Assert.Equal(next.Sequence, applied);
        Assert.InRange(summaries.Count, 1, 5);
        Assert.Equal(7, summaries[^1].Presence!.PresentCount);
        Assert.All(summaries, s => Assert.Null(s.Participant));
        foreach (var guest in guests)
        {
            await guest.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_participant_who_resumes_gets_exactly_the_missed_sequences_with_each_run_of_presence_as_one_summary()
    {
        var session = await ConveningWorld.Plan(fixture.Host, fixture.Api);
        var tokens = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => ConveningWorld.GuestToken(fixture.Host, session, $"Late {i}")));
        await using var facilitator = await fixture.Host.Convening(session.FacilitatorToken);
        await facilitator.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        var parent = await fixture.Host.Convening(session.ParentToken);
        var joined = await parent.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        await parent.DisposeAsync();
        await Until(async () => (await facilitator.RosterAsync(session.State, session.ConveningId, new RosterRequest { Ids = [session.ParentId] })).Present.Count == 0);
        var guests = await Task.WhenAll(tokens.Select(async token =>
        {
            var guest = await fixture.Host.Convening(token);
            await guest.JoinAsync(session.State, session.ConveningId, new JoinRequest());
            return guest;
        }));
        var started = await facilitator.StartActivityAsync(session.State, session.ConveningId, "item-1");

        await using var back = await fixture.Host.Convening(session.ParentToken);
        var missed = (await back.ResumeAsync(session.State, session.ConveningId, session.ParentId, joined.Snapshot.Sequence)).Events!;

        // The parent's leaving and three joins are one summary; then the activity; then the parent's own return.
        Assert.Equal([ConveningEventTypes.PresenceSummary, ConveningEventTypes.ActivityStarted, ConveningEventTypes.PresenceSummary], missed.Select(e => e.Type));
        Assert.Equal((joined.Snapshot.Sequence + 1, started.Sequence - 1), (missed[0].FirstSequence!.Value, missed[0].Sequence));
        Assert.Equal(started.Sequence, missed[1].Sequence);
        Assert.Equal((started.Sequence + 1, started.Sequence + 1), (missed[2].FirstSequence!.Value, missed[2].Sequence));
        Assert.Equal((4, 5), (missed[0].Presence!.PresentCount, missed[0].Presence!.ParticipantCount));
        Assert.Equal(5, missed[2].Presence!.PresentCount);
        foreach (var guest in guests)
        {
            await guest.DisposeAsync();
        }
    }

    [Fact]
    public async Task Roster_pages_for_any_participant_and_refuses_another_tenant_a_guest_of_another_convening_and_a_connection_not_joined()
    {
        var session = await ConveningWorld.Plan(fixture.Host, fixture.Api);
        var other = await ConveningWorld.Plan(fixture.Host, fixture.Api);
        var next = await ConveningWorld.PlanCafe(fixture.Api, session.State);
        var nextCode = await ConveningWorld.IssueJoinCode(fixture.Host, session.FacilitatorToken, session.State, next.Id);
        await using var facilitator = await fixture.Host.Convening(session.FacilitatorToken);
        await using var parent = await fixture.Host.Convening(session.ParentToken);
        await using var guest = await fixture.Host.Convening(await ConveningWorld.GuestToken(fixture.Host, session, "Rosa"));
        await using var otherGuest = await fixture.Host.Convening(await fixture.Host.GuestToken(nextCode.Code, "Elsewhere"));
        await facilitator.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        await parent.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        var asGuest = await guest.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        await otherGuest.JoinAsync(session.State, next.Id, new JoinRequest());

        var first = await guest.RosterAsync(session.State, session.ConveningId, new RosterRequest { Limit = 2 });
        var rest = await guest.RosterAsync(session.State, session.ConveningId, new RosterRequest { Offset = 2 });
        var named = await parent.RosterAsync(session.State, session.ConveningId, new RosterRequest { Ids = [asGuest.Participant.Id] });
        var tooLong = await Assert.ThrowsAsync<HubException>(() => parent.RosterAsync(session.State, session.ConveningId, new RosterRequest { Limit = 201 }));
        var foreign = await Assert.ThrowsAsync<HubException>(() => parent.RosterAsync(other.State, other.ConveningId, new RosterRequest()));
        var notInvited = await Assert.ThrowsAsync<HubException>(() => otherGuest.RosterAsync(session.State, session.ConveningId, new RosterRequest()));
        await using var notJoined = await fixture.Host.Convening(session.ParentToken);
        var unbound = await Assert.ThrowsAsync<HubException>(() => notJoined.RosterAsync(session.State, session.ConveningId, new RosterRequest()));

        Assert.Equal((3, 0), (first.Total, first.Offset));
        Assert.Equal([session.FacilitatorId, session.ParentId], first.Participants.Select(p => p.Id));
        Assert.Equal([asGuest.Participant.Id], rest.Participants.Select(p => p.Id));
        Assert.Equal(("Rosa", true), (named.Participants.Single().DisplayName, named.Present.Contains(asGuest.Participant.Id)));
        Assert.Contains("limit", tooLong.Message, StringComparison.Ordinal);
        Assert.Equal(
            [ErrorCodes.Invalid, ErrorCodes.NotFound, ErrorCodes.NotFound, ErrorCodes.NotJoined],
            new[] { tooLong, foreign, notInvited, unbound }.Select(HubErrorCodes.Of));
    }

    private static Task Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));

    private static async Task Until(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(50);
        }
    }
}
