using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Validation;
using Microsoft.Extensions.Logging;

namespace LbcCommunity.Grains.Convenings;

/// <summary>
/// Who takes part and who is here. Presence is per hub connection: a participant is here while one of their connections
/// is open, on a silo that is alive. People are stored apart from the activities and written only when they change.
/// </summary>
internal sealed partial class ConveningGrain
{
    public Task<JoinResult> Join(JoinRequest request) => Join(request, null);

    public Task<JoinResult> JoinOn(JoinRequest request, string connectionId, SiloAddress silo) =>
        Join(request, (connectionId, silo));

    private async Task<JoinResult> Join(JoinRequest request, (string Id, SiloAddress Silo)? connection)
    {
        var convening = Current;
        RefuseWhenEnded();
        Participant participant;
        if (request.Person is { } person)
        {
            if (convening.OwnerKind != ConveningOwnerKind.Initiative)
            {
                throw DomainValidationException.For("person", $"A convening of {convening.OwnerKind} '{convening.OwnerId}' is joined from its roster.");
            }

            participant = new Participant { Id = person.PersonId, DisplayName = person.DisplayName, StakeholderRole = person.StakeholderRole, IsFacilitator = person.IsFacilitator, IsGuest = false };
        }
        else if (request.MemberId is { } memberId)
        {
            Member member;
            try
            {
                member = await Roster(convening.OwnerKind, convening.OwnerId).GetMember(memberId);
            }
            catch (EntityNotFoundException)
            {
                throw DomainValidationException.For("memberId", $"Member '{memberId}' is not on the roster of {convening.OwnerKind} '{convening.OwnerId}'.");
            }

            participant = new Participant { Id = member.Id, DisplayName = member.DisplayName, StakeholderRole = member.StakeholderRole, IsFacilitator = member.IsFacilitator, IsGuest = false };
            // Joins interleave: the convening may have closed while the roster answered.
            RefuseWhenEnded();
        }
        else
        {
            var v = new Validator().RequiredText("guestName", request.GuestName, 80);
            if (request.GuestRole is { } role)
            {
                v.Defined("guestRole", role);
            }

            v.ThrowIfInvalid();
            if (request.JoinCodeId is not { } codeId || !JoinCodeActive(codeId))
            {
                throw InvitationNotValid();
            }

            participant = new Participant
            {
                Id = request.GuestId ?? "guest-" + OrganizationRules.NewId(),
                JoinCodeId = codeId,
                DisplayName = request.GuestName!.Trim(),
                StakeholderRole = request.GuestRole ?? StakeholderRole.FamilyMember,
                IsFacilitator = false,
                IsGuest = true,
            };
        }

        var known = ById.GetValueOrDefault(participant.Id);
        if (known is null)
        {
            People.Participants.Add(participant);
            _peopleChanged = true;
        }

        var version = 0L;
        if (connection is { } on && !People.Connections.Exists(c => c.ConnectionId == on.Id && c.ParticipantId == participant.Id))
        {
            People.Connections.Add(new ParticipantConnection { ParticipantId = participant.Id, ConnectionId = on.Id, Silo = on.Silo });
            version = PeopleChanged();
        }

        if (known is null || !People.Present.Contains(participant.Id))
        {
            if (!People.Present.Contains(participant.Id))
            {
                People.Present.Add(participant.Id);
                _peopleChanged = true;
            }

            await CommitPresence(participant.Id, present: true, joined: known ?? participant);
        }

        // The write that stored the event stored the connection too; without an event, one is waited for.
        await PeopleStored(version);
        var joined = known ?? participant;
        return new JoinResult { Participant = joined, Snapshot = Snapshot(joined) };
    }

    public async Task SetPresence(string participantId, bool present)
    {
        _ = Current;
        if (present && People.Participants.Find(p => p.Id == participantId)?.JoinCodeId is { } codeId && !JoinCodeActive(codeId))
        {
            throw InvitationNotValid();
        }

        if (People.Participants.Exists(p => p.Id == participantId) && People.Present.Contains(participantId) != present)
        {
            if (present)
            {
                People.Present.Add(participantId);
            }
            else
            {
                People.Present.Remove(participantId);
            }

            _peopleChanged = true;
            if (!present)
            {
                People.Connections.RemoveAll(c => c.ParticipantId == participantId);
            }

            await CommitPresence(participantId, present);
        }
    }

    public async Task Connect(string participantId, string connectionId, SiloAddress silo)
    {
        _ = Current;
        if (Participant(participantId).JoinCodeId is { } codeId && !JoinCodeActive(codeId))
        {
            throw InvitationNotValid();
        }

        if (People.Connections.Exists(c => c.ConnectionId == connectionId && c.ParticipantId == participantId))
        {
            return;
        }

        People.Connections.Add(new ParticipantConnection { ParticipantId = participantId, ConnectionId = connectionId, Silo = silo });
        var version = PeopleChanged();
        if (!People.Present.Contains(participantId))
        {
            People.Present.Add(participantId);
            await CommitPresence(participantId, present: true);
        }

        await PeopleStored(version);
    }

    public async Task Disconnect(string participantId, string connectionId)
    {
        _ = Current;
        var closed = People.Connections.RemoveAll(c => c.ConnectionId == connectionId && c.ParticipantId == participantId);
        var version = closed > 0 ? PeopleChanged() : 0;
        // A participant marked here before connections were kept (or through SetPresence) has none: they leave too.
        if (!People.Connections.Exists(c => c.ParticipantId == participantId) && People.Present.Remove(participantId))
        {
            _peopleChanged = true;
            await CommitPresence(participantId, present: false);
        }

        await PeopleStored(version);
    }

    public Task SilosDied(IReadOnlyList<SiloAddress> silos) => State.Convening is null ? Task.CompletedTask : ConnectionsGone(silos);

    /// <summary>
    /// Forgets the connections on <paramref name="dead"/> and on any silo membership knows to be dead; a participant with
    /// no connection left is gone, and everyone sees it.
    /// </summary>
    private async Task ConnectionsGone(IReadOnlyList<SiloAddress> dead)
    {
        var gone = People.Connections.Where(c => dead.Contains(c.Silo) || IsDead(c.Silo)).ToList();
        if (gone.Count == 0)
        {
            return;
        }

        People.Connections.RemoveAll(gone.Contains);
        var version = PeopleChanged();
        // Each is marked gone before the first wait, so one or two writes store them all.
        var leaving = gone.Select(c => c.ParticipantId).Distinct(StringComparer.Ordinal)
            .Where(id => !People.Connections.Exists(c => c.ParticipantId == id) && People.Present.Remove(id))
            .Select(id => CommitPresence(id, present: false))
            .ToList();
        var silos = gone.Select(c => c.Silo).Distinct().ToList();
        LogConnectionsGone(logger, Key, gone.Count, silos, leaving.Count);
        await Task.WhenAll(leaving);
        await PeopleStored(version);
    }

    /// <summary>
    /// Dead as cluster membership says; a silo it does not know at all is dead when it is older than this one (this silo
    /// read the whole table when it joined: a live older silo would be in it; a newer one may just not be yet).
    /// </summary>
    private bool IsDead(SiloAddress silo)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo);
        return status == SiloStatus.Dead || (status == SiloStatus.None && silo.Generation < localSilo.SiloAddress.Generation);
    }

    private static DomainValidationException InvitationNotValid() =>
        ConveningRules.Refused("joinCode", "The invitation is not valid (any more). Ask the facilitator for a new code.", ErrorCodes.JoinCodeInactive);

    [LoggerMessage(Level = LogLevel.Information, Message = "Convening {Key}: {Count} connection(s) on dead silo(s) {Silos} are gone; {Leaving} participant(s) left with them.")]
    private static partial void LogConnectionsGone(ILogger logger, string key, int count, IEnumerable<SiloAddress> silos, int leaving);
}
