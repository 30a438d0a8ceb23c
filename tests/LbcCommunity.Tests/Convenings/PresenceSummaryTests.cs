using LbcCommunity.Convenings;
using LbcCommunity.Organization;

namespace LbcCommunity.Tests.Convenings;

/// <summary>Participants get each run of presence events as one summary: every sequence covered once, nothing reordered.</summary>
public sealed class PresenceSummaryTests
{
    [Fact]
    public void Each_run_of_presence_becomes_one_summary_of_its_range_with_the_counts_after_it_and_other_events_keep_their_place()
    {
        var events = new[]
        {
            Presence(1, 1), Presence(2, 2), Vote(3), Presence(4, 3), Presence(5, 2), Presence(6, 3), Vote(7),
        };

        var sent = ConveningRoster.ForParticipants(events);

        Assert.Equal(
            [(ConveningEventTypes.PresenceSummary, 1L, 2L), (ConveningEventTypes.VoteCast, 3L, 3L), (ConveningEventTypes.PresenceSummary, 4L, 6L), (ConveningEventTypes.VoteCast, 7L, 7L)],
            sent.Select(e => (e.Type, e.FirstSequence ?? e.Sequence, e.Sequence)));
        Assert.Equal([2, 3], sent.Where(e => e.Presence is not null).Select(e => e.Presence!.PresentCount));
        Assert.All(sent, e => Assert.Null(e.Participant));
        // Hidden results stay hidden in the same pass.
        Assert.All(sent.Where(e => e.Type == ConveningEventTypes.VoteCast), e => Assert.Null(e.Tally));
    }

    private static ConveningEvent Presence(long sequence, int present) => new()
    {
        Sequence = sequence,
        Type = sequence % 2 == 0 ? ConveningEventTypes.PresenceChanged : ConveningEventTypes.ParticipantJoined,
        At = DateTimeOffset.UnixEpoch,
        ActorId = $"p{sequence}",
        Participant = new Participant { Id = $"p{sequence}", DisplayName = "P", StakeholderRole = StakeholderRole.FamilyMember, IsFacilitator = false, IsGuest = true },
        Present = true,
        Presence = new PresenceCounts { ParticipantCount = present, PresentCount = present, PresentByRole = [new RoleCount { Role = StakeholderRole.FamilyMember, Count = present }] },
    };

    private static ConveningEvent Vote(long sequence) => new()
    {
        Sequence = sequence,
        Type = ConveningEventTypes.VoteCast,
        At = DateTimeOffset.UnixEpoch,
        Round = 1,
        Vote = new Vote { ParticipantId = "p1", Level = 3 },
        Tally = [0, 0, 0, 1, 0, 0],
        ResultsHidden = true,
    };
}
