using LbcCommunity.Convenings;

namespace LbcCommunity.Grains.Convenings;

/// <summary>
/// The roster for a room of thousands: facilitators see everyone in their snapshot; anyone else sees the facilitators,
/// themself and the counts, and looks other names up a page at a time. Presence events carry the counts after them,
/// so the relays can fold a run of them into one summary for participants without asking the grain.
/// </summary>
internal sealed partial class ConveningGrain
{
    private readonly Dictionary<string, Participant> _byId = new(StringComparer.Ordinal);

    /// <summary>
    /// The participants by id. Participants are only ever added (a join appends; activation may replace the list
    /// before any call reads it), so a count that differs from the list's means the index is behind.
    /// </summary>
    private Dictionary<string, Participant> ById
    {
        get
        {
            if (_byId.Count != People.Participants.Count)
            {
                _byId.Clear();
                foreach (var participant in People.Participants)
                {
                    _byId[participant.Id] = participant;
                }
            }

            return _byId;
        }
    }

    public Task<RosterPage> ListParticipants(string participantId, RosterRequest request)
    {
        _ = Current;
        if (Participant(participantId).JoinCodeId is { } codeId && !JoinCodeActive(codeId))
        {
            throw InvitationNotValid();
        }

        var present = People.Present.ToHashSet(StringComparer.Ordinal);
        return Task.FromResult(ConveningRoster.Page(request ?? new RosterRequest(), State.Sequence, People.Participants, present.Contains));
    }

    private PresenceCounts Counts() => ConveningRoster.Count(ById, People.Present);

    /// <summary>Everyone for a facilitator; for anyone else the facilitators and themself, with who of them is here.</summary>
    private (List<Participant> Participants, List<string> Present) SnapshotPeople(Participant viewer)
    {
        if (viewer.IsFacilitator)
        {
            return ([.. People.Participants], [.. People.Present]);
        }

        List<Participant> shown = [.. People.Participants.Where(p => p.IsFacilitator || p.Id == viewer.Id)];
        return (shown, [.. People.Present.Where(id => ById.GetValueOrDefault(id) is { } p && (p.IsFacilitator || p.Id == viewer.Id))]);
    }

    /// <summary>A presence event with the room's counts after it (a join names the participant).</summary>
    private Task<ActionAck> CommitPresence(string participantId, bool present, Participant? joined = null) =>
        Commit(null, participantId, joined is null ? ConveningEventTypes.PresenceChanged : ConveningEventTypes.ParticipantJoined,
            e => e with { Participant = joined, Present = present, Presence = Counts() });
}
