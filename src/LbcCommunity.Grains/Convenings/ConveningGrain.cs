using LbcCommunity.Contracts;
using System.Globalization;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.Tenancy;
using LbcCommunity.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Serialization.Invocation;
using Orleans.Storage;
using Orleans.Utilities;

namespace LbcCommunity.Grains.Convenings;

/// <summary>
/// A live convening. Each accepted action becomes the next numbered event; the state, the event and the action's id
/// are stored together before the action is acknowledged and the event is sent, so an acknowledged action survives a
/// restart and a retried one is applied once. Older events move to pages of their own (<see cref="ConveningEventLog"/>),
/// so a write carries the change and the newest events, not the whole history.
/// Writes are grouped: actions that arrive while a write is under way are applied in memory, in order, and stored
/// together by the next write; each is acknowledged when the write that holds it completes. The frequent actions
/// (votes, concerns, answers, upvotes, presence) interleave with the others: they change state in one step, with no
/// wait between their checks and their change, so they cannot see a half-done action.
/// </summary>
[MayInterleave(nameof(MayInterleave))]
internal sealed partial class ConveningGrain(
    [PersistentState("convening", StorageNames.Grains)] IPersistentState<ConveningState> state,
    [PersistentState("convening-people", StorageNames.Grains)] IPersistentState<ConveningPeople> people,
    IGrainFactory grains,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    ILogger<ConveningGrain> logger,
    TimeProvider time) : PersistentGrain<ConveningState>(state), IConveningGrain
{
    private const string ConsensusRowId = "consensus-decisions";

    private readonly ObserverManager<IConveningObserver> _observers = new(TimeSpan.FromMinutes(1), logger);

    /// <summary>
    /// A silo's relay (un)registering only touches the observer list, so it may run between any two turns. Queued, a
    /// relay's 20-second refresh waited behind a burst of votes (which keep interleaved turns running) past the list's
    /// one-minute expiry, and the next events were dropped for that silo: at 5,000 participants the first 182 votes of a
    /// burst reached no one.
    /// </summary>
    public static bool MayInterleave(IInvokable request) =>
        request.GetMethodName() is nameof(IConveningGrain.Watch) or nameof(IConveningGrain.Unwatch);

    /// <summary>The highest sequence known to be stored (what the activation loaded is).</summary>
    private long _storedSequence;

    /// <summary>The write under way, which every action applied before it started waits for.</summary>
    private Task? _writing;

    /// <summary>Whether <see cref="People"/> changed since it was last written (the next write group writes it first).</summary>
    private bool _peopleChanged;

    /// <summary>Counts changes to <see cref="People"/> that wait for their write without an event of their own (a connection).</summary>
    private long _peopleVersion;

    /// <summary>The <see cref="_peopleVersion"/> the last write of <see cref="People"/> held.</summary>
    private long _peopleStoredVersion;

    private ConveningPeople People => people.State;

    /// <summary>The events and action ids (loaded on activation).</summary>
    private ConveningEventLog _log = null!;

    private string Key => this.GetPrimaryKeyString();

    private string TenantId => GrainKeys.TenantOf(Key);

    private string ConveningId => GrainKeys.LocalIdOf(Key);

    private Convening Current => State.Convening ?? throw new EntityNotFoundException("Convening", ConveningId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _storedSequence = State.Sequence;
        // A convening stored before its people had a state of their own: move them there (people first, so a crash
        // between the two writes leaves them in both places, and the next activation finishes the move).
        if (State.Participants.Count > 0 || State.Present.Count > 0)
        {
            if (People.Participants.Count == 0)
            {
                People.Participants = State.Participants;
                People.Present = State.Present;
                await Save(people);
            }

            State.Participants = [];
            State.Present = [];
            await Save();
        }

        // A convening stored before its log had pages kept its events and action ids in lists of its state: they become
        // its tail (one write of the same record; the next write group pages them).
        if (State.RecentEvents.Count > 0 || State.Actions.Count > 0)
        {
            var byEvent = State.Actions.ToDictionary(a => a.Value, a => a.Key);
            var events = State.RecentEvents.ToDictionary(e => e.Sequence);
            State.LogTail = [.. events.Keys.Union(byEvent.Keys).Order()
                .Select(sequence => new LoggedEvent { Sequence = sequence, Event = events.GetValueOrDefault(sequence), ActionId = byEvent.GetValueOrDefault(sequence) })];
            State.RecentEvents = [];
            State.Actions = new(StringComparer.Ordinal);
            State.ActionOrder = [];
            await Save();
        }

        _log = new ConveningEventLog(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains), this.GetGrainId());
        await _log.Load(State.LogTail, State.Sequence);

        // This activation may replace one on a silo that died: connections that were on a dead silo are gone, and a
        // participant with none left is no longer here (nobody else would ever say so).
        await ConnectionsGone([]);
    }

    public async Task<Convening> Create(ConveningDraft draft)
    {
        ConveningRules.Validate(draft);
        OrganizationRules.RequireSameId(draft.Id, ConveningId);
        if (State.Convening is not null)
        {
            throw new EntityConflictException("id", $"Convening '{ConveningId}' already exists.");
        }

        if (!await OwnerExists(draft.OwnerKind!.Value, draft.OwnerId!))
        {
            throw DomainValidationException.For("ownerId", $"{draft.OwnerKind} '{draft.OwnerId}' does not exist.");
        }

        State.Convening = new Convening
        {
            Id = ConveningId,
            Title = draft.Title!.Trim(),
            OwnerKind = draft.OwnerKind.Value,
            OwnerId = draft.OwnerId!,
            Agenda = [.. draft.Agenda!.Select((item, i) => new AgendaItem { Id = $"item-{i + 1}", Kind = item.Kind!.Value, Title = item.Title!.Trim() })],
            CreatedAt = time.GetUtcNow(),
        };
        await Save();
        return State.Convening;
    }

    public Task<Convening?> TryGet() => Task.FromResult(State.Convening);

    public async Task<JoinCode> AddJoinCode(JoinCode code)
    {
        _ = Current;
        RefuseWhenEnded();
        if (State.JoinCodes.Find(c => c.Id == code.Id) is { } known)
        {
            return known;
        }

        State.JoinCodes.Add(code);
        await Save();
        return code;
    }

    public async Task<JoinCode> RevokeJoinCode(string joinCodeId)
    {
        _ = Current;
        var index = State.JoinCodes.FindIndex(c => c.Id == joinCodeId);
        if (index < 0)
        {
            throw new EntityNotFoundException("JoinCode", joinCodeId);
        }

        if (State.JoinCodes[index].RevokedAt is null)
        {
            State.JoinCodes[index] = State.JoinCodes[index] with { RevokedAt = time.GetUtcNow() };
            // Stored with the revocation; the relays stop sending to the code's guests when they see it.
            await Commit(null, null, ConveningEventTypes.JoinCodeRevoked, e => e with { JoinCodeId = joinCodeId });
            // Guests who came with the code leave the room: everyone sees them go. Each marks its guest gone before its
            // first wait, so they are stored together by one or two writes, not one write after another per guest.
            var leaving = People.Participants.Where(p => p.JoinCodeId == joinCodeId && People.Present.Contains(p.Id)).ToList();
            await Task.WhenAll(leaving.Select(guest => SetPresence(guest.Id, present: false)));
        }

        return State.JoinCodes[index];
    }

    public Task<IReadOnlyList<JoinCode>> ListJoinCodes() => Task.FromResult<IReadOnlyList<JoinCode>>([.. State.JoinCodes]);

    public Task<bool> IsJoinCodeActive(string joinCodeId) => Task.FromResult(JoinCodeActive(joinCodeId));

    private bool JoinCodeActive(string joinCodeId) => State.JoinCodes.Exists(c => c.Id == joinCodeId && c.IsActive(time.GetUtcNow()));

    public async Task<JoinResult> Join(JoinRequest request)
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
                throw ConveningRules.Refused("joinCode", "The invitation is not valid (any more). Ask the facilitator for a new code.");
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

        var known = People.Participants.Find(p => p.Id == participant.Id);
        if (known is null)
        {
            People.Participants.Add(participant);
            _peopleChanged = true;
        }

        if (known is null || !People.Present.Contains(participant.Id))
        {
            if (!People.Present.Contains(participant.Id))
            {
                People.Present.Add(participant.Id);
                _peopleChanged = true;
            }

            await Commit(null, participant.Id, ConveningEventTypes.ParticipantJoined, e => e with { Participant = known ?? participant, Present = true });
        }

        var joined = known ?? participant;
        return new JoinResult { Participant = joined, Snapshot = Snapshot(joined.IsFacilitator) };
    }

    public async Task SetPresence(string participantId, bool present)
    {
        _ = Current;
        if (present && People.Participants.Find(p => p.Id == participantId)?.JoinCodeId is { } codeId && !JoinCodeActive(codeId))
        {
            throw ConveningRules.Refused("joinCode", "The invitation is not valid (any more). Ask the facilitator for a new code.");
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

            await Commit(null, participantId, ConveningEventTypes.PresenceChanged, e => e with { Present = present });
        }
    }

    public async Task Connect(string participantId, string connectionId, SiloAddress silo)
    {
        _ = Current;
        if (Participant(participantId).JoinCodeId is { } codeId && !JoinCodeActive(codeId))
        {
            throw ConveningRules.Refused("joinCode", "The invitation is not valid (any more). Ask the facilitator for a new code.");
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
            await Commit(null, participantId, ConveningEventTypes.PresenceChanged, e => e with { Present = true });
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
            await Commit(null, participantId, ConveningEventTypes.PresenceChanged, e => e with { Present = false });
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
            .Select(id => Commit(null, id, ConveningEventTypes.PresenceChanged, e => e with { Present = false }))
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

    private long PeopleChanged()
    {
        _peopleChanged = true;
        return ++_peopleVersion;
    }

    /// <summary>Returns once a write of <see cref="People"/> holding change <paramref name="version"/> completed.</summary>
    private async Task PeopleStored(long version)
    {
        while (_peopleStoredVersion < version)
        {
            var writing = _writing;
            if (writing is null || writing.IsCompleted)
            {
                writing = WriteGroup();
                _writing = writing;
            }

            await writing;
        }
    }

    public async Task<ConveningSnapshot> GetSnapshot(string participantId)
    {
        _ = Current;
        var facilitator = Participant(participantId).IsFacilitator;
        await AllStored();
        return Snapshot(facilitator);
    }

    public async Task<IReadOnlyList<ConveningEvent>?> EventsAfter(string participantId, long sequence)
    {
        _ = Current;
        var facilitator = Participant(participantId).IsFacilitator;
        await AllStored();
        if (sequence >= State.Sequence)
        {
            return [];
        }

        return _log.After(sequence, State.Sequence, ConveningState.EventsKept) is { } missed
            ? [.. missed.Select(e => ConveningRules.ForViewer(e, facilitator))]
            : null;
    }

    public Task<ActionAck> StartActivity(ConveningAction action, string agendaItemId) => Act(action, facilitatorOnly: true, async () =>
    {
        if (!Current.Agenda.Any(i => i.Id == agendaItemId))
        {
            throw DomainValidationException.For("agendaItemId", $"The agenda has no item '{agendaItemId}'.");
        }

        State.ActiveItemId = agendaItemId;
        return await Commit(action, action.ParticipantId, ConveningEventTypes.ActivityStarted, e => e with { ActiveItemId = agendaItemId });
    });

    public Task<ActionAck> OpenConsensusRound(ConveningAction action, string proposal, AgreementScale scale, bool anonymous, bool hideResults) =>
        Act(action, facilitatorOnly: true, async () =>
        {
            RequireActive(ActivityKind.ConsensusBuilding);
            new Validator().RequiredText("proposal", proposal, ConveningRules.ProposalMaxLength).Defined("scale", scale).ThrowIfInvalid();
            if (State.Rounds.Count > 0 && State.Rounds[^1].Open)
            {
                throw ConveningRules.Refused("round", "Close the open round before opening the next.");
            }

            if (State.Outcome is not null)
            {
                throw ConveningRules.Refused("round", "The outcome is recorded; the proposal is decided.");
            }

            State.Rounds.Add(new ConsensusRound
            {
                Number = State.Rounds.Count + 1,
                Proposal = proposal.Trim(),
                Scale = scale,
                Anonymous = anonymous,
                ResultsHidden = hideResults,
                Open = true,
                Votes = [],
                VoteCount = 0,
                Concerns = [],
                Tally = ConveningRules.Tally(scale, []),
            });
            return await CommitConsensus(action, ConveningEventTypes.RoundOpened);
        });

    public Task<ActionAck> CastVote(ConveningAction action, int level) => Act(action, facilitatorOnly: false, async () =>
    {
        var round = OpenRound();
        var (lowest, highest) = ConveningRules.Levels(round.Scale);
        if (level < lowest || level > highest)
        {
            throw DomainValidationException.For("level", $"On the {round.Scale} scale a vote is {lowest}–{highest} (it is {level}).");
        }

        // A participant's later vote in the same round replaces the earlier one: one voice, one vote.
        var vote = new Vote { ParticipantId = action.ParticipantId, Level = level };
        List<Vote> votes = [.. round.Votes.Where(v => v.ParticipantId != action.ParticipantId), vote];
        var tally = ConveningRules.Tally(round.Scale, votes);
        State.Rounds[^1] = round with { Votes = votes, VoteCount = votes.Count, Tally = tally };
        // The event carries this vote and the new count and tally, not the whole round: a burst of votes stays O(n).
        return await Commit(action, action.ParticipantId, ConveningEventTypes.VoteCast, e => e with
        {
            Round = round.Number,
            Vote = round.Anonymous ? vote with { ParticipantId = null } : vote,
            VoteCount = votes.Count,
            Tally = tally,
            ResultsHidden = round.ResultsHidden,
        });
    });

    public Task<ActionAck> RaiseConcern(ConveningAction action, string text) => Act(action, facilitatorOnly: false, async () =>
    {
        var round = OpenRound();
        new Validator().RequiredText("text", text, ConveningRules.TextMaxLength).ThrowIfInvalid();
        var concern = new Concern { ParticipantId = action.ParticipantId, Text = text.Trim() };
        State.Rounds[^1] = round with { Concerns = [.. round.Concerns, concern] };
        return await Commit(action, action.ParticipantId, ConveningEventTypes.ConcernRaised, e => e with
        {
            Round = round.Number,
            Concern = round.Anonymous ? concern with { ParticipantId = null } : concern,
        });
    });

    public Task<ActionAck> RevealResults(ConveningAction action) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.ConsensusBuilding);
        var round = State.Rounds.Count > 0 ? State.Rounds[^1] : throw ConveningRules.Refused("round", "No round has been opened.");
        State.Rounds[^1] = round with { ResultsHidden = false };
        return await CommitConsensus(action, ConveningEventTypes.ResultsRevealed);
    });

    public Task<ActionAck> CloseRound(ConveningAction action) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.ConsensusBuilding);
        var round = OpenRound();
        State.Rounds[^1] = round with { Open = false };
        return await CommitConsensus(action, ConveningEventTypes.RoundClosed);
    });

    public Task<ActionAck> RecordOutcome(ConveningAction action, ConsensusOutcome outcome) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.ConsensusBuilding);
        new Validator().Defined("outcome", outcome).ThrowIfInvalid();
        if (State.Rounds.Count == 0 || State.Rounds[^1].Open)
        {
            throw ConveningRules.Refused("outcome", "Close the round before recording the outcome.");
        }

        var convening = Current;
        if (convening.OwnerKind == ConveningOwnerKind.Team)
        {
            await Team(convening.OwnerId).RecordEvidence(new EvidenceNote
            {
                RowId = ConsensusRowId,
                ConveningId = ConveningId,
                Text = Evidence(convening, outcome),
                RecordedAt = time.GetUtcNow(),
            });
        }

        State.Outcome = outcome;
        return await CommitConsensus(action, ConveningEventTypes.OutcomeRecorded);
    });

    public Task<ActionAck> OpenDepthPoll(ConveningAction action, IReadOnlyList<string> rowIds) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.DepthPoll);
        if (rowIds is not { Count: > 0 } || rowIds.Any(id => !Validator.IsSlug(id)))
        {
            throw DomainValidationException.For("rowIds", "Name one or more rubric rows by id.");
        }

        State.PollRowIds = [.. rowIds.Distinct(StringComparer.Ordinal)];
        State.PollRatings.Clear();
        State.PollConsensusRatingId = null;
        return await Commit(action, action.ParticipantId, ConveningEventTypes.PollOpened, e => e with { DepthPoll = Poll() });
    });

    public Task<ActionAck> SubmitPollRating(ConveningAction action, PollRating rating) => Act(action, facilitatorOnly: false, async () =>
    {
        RequireActive(ActivityKind.DepthPoll);
        var rowIds = State.PollRowIds ?? throw ConveningRules.Refused("poll", "The facilitator has not opened the poll.");
        if (State.PollConsensusRatingId is not null)
        {
            throw ConveningRules.Refused("poll", "The team's consensus is recorded; the poll is closed.");
        }

        var draft = new RatingDraft { RubricVersion = 0, Rows = rating.Rows };
        if (rating.Rows?.FirstOrDefault(r => r?.RowId is not null && !rowIds.Contains(r.RowId)) is { } stray)
        {
            throw DomainValidationException.For("rows", $"Row '{stray.RowId}' is not in this poll.");
        }

        var team = Team(Current.OwnerId);
        var scored = await team.ScoreRows(draft);
        var participant = Participant(action.ParticipantId);
        if (!participant.IsGuest)
        {
            // Members' own ratings are kept on the team's record too; guests' count in the live spread only.
            await team.RecordMemberRating(new RatingDraft
            {
                RubricVersion = scored.RubricVersion,
                MemberId = participant.Id,
                ConveningId = ConveningId,
                IdempotencyKey = $"{Key}/{action.ActionId}",
                Rows = rating.Rows,
            });
        }

        State.PollRatings[participant.Id] = [.. scored.Rows];
        return await Commit(action, action.ParticipantId, ConveningEventTypes.PollRatingSubmitted, e => e with { DepthPoll = Poll() });
    });

    public Task<ActionAck> RecordPollConsensus(ConveningAction action, RatingDraft consensus) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.DepthPoll);
        _ = State.PollRowIds ?? throw ConveningRules.Refused("poll", "The facilitator has not opened the poll.");
        var facilitator = Participant(action.ParticipantId);
        var rating = await Team(Current.OwnerId).RecordConsensusRating(consensus with
        {
            MemberId = facilitator.IsGuest ? null : facilitator.Id,
            ConveningId = ConveningId,
            IdempotencyKey = $"{Key}/{action.ActionId}",
        });
        State.PollConsensusRatingId = rating.Id;
        return await Commit(action, action.ParticipantId, ConveningEventTypes.PollConsensusRecorded, e => e with { DepthPoll = Poll() });
    });

    public Task<ActionAck> SetUpCafe(ConveningAction action, IReadOnlyList<CafeTableDraft> tables) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.WorldCafe);
        if (State.CafeRounds.Count > 0)
        {
            throw ConveningRules.Refused("tables", "The café has begun; its tables are set.");
        }

        var v = new Validator();
        if (tables is not { Count: >= 2 and <= 30 })
        {
            v.Add("tables", "A World Café has 2–30 tables.");
        }
        else
        {
            for (var i = 0; i < tables.Count; i++)
            {
                v.RequiredText($"tables[{i}].question", tables[i]?.Question, ConveningRules.TextMaxLength);
                if (tables[i]?.HostId is not { } host || !People.Participants.Exists(p => p.Id == host))
                {
                    v.Add($"tables[{i}].hostId", "A table's host must be a participant of the convening.");
                }
                else if (tables.Take(i).Any(t => t?.HostId == host))
                {
                    v.Add($"tables[{i}].hostId", "A host hosts one table.");
                }
            }
        }

        v.ThrowIfInvalid();
        State.CafeTables = [.. tables!.Select((t, i) => new CafeTable { Id = $"table-{i + 1}", HostId = t.HostId!, Question = t.Question!.Trim(), Notes = [] })];
        return await CommitCafe(action, ConveningEventTypes.CafeSetUp);
    });

    public Task<ActionAck> StartCafeRound(ConveningAction action, int minutes) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.WorldCafe);
        var tables = State.CafeTables ?? throw ConveningRules.Refused("tables", "Set the tables first.");
        RequireMinutes(minutes);
        if (State.CafeRounds.Count > 0 && State.CafeRounds[^1].EndsAt > time.GetUtcNow())
        {
            throw ConveningRules.Refused("round", "The current round is still running.");
        }

        // The facilitator moves between tables rather than sitting at one; hosts are seated whether or not they are here yet.
        var present = People.Participants.Where(p => (People.Present.Contains(p.Id) && !p.IsFacilitator) || tables.Any(t => t.HostId == p.Id)).ToList();
        var seating = CafeRotation.Seat(tables, present, State.CafeRounds);
        State.CafeRounds.Add(new CafeRound
        {
            Number = State.CafeRounds.Count + 1,
            EndsAt = time.GetUtcNow().AddMinutes(minutes),
            Seating = seating,
            Warnings = CafeRotation.Warnings(seating, People.Participants),
        });
        return await CommitCafe(action, ConveningEventTypes.CafeRoundStarted);
    });

    public Task<ActionAck> ExtendCafeRound(ConveningAction action, int minutes) => Act(action, facilitatorOnly: true, async () =>
    {
        var round = RunningCafeRound();
        RequireMinutes(minutes);
        State.CafeRounds[^1] = round with { EndsAt = round.EndsAt.AddMinutes(minutes) };
        return await CommitCafe(action, ConveningEventTypes.CafeRoundExtended);
    });

    public Task<ActionAck> AddTableNote(ConveningAction action, string tableId, string text) => Act(action, facilitatorOnly: false, async () =>
    {
        var round = RunningCafeRound();
        new Validator().RequiredText("text", text, ConveningRules.TextMaxLength).ThrowIfInvalid();
        var seating = round.Seating.FirstOrDefault(s => s.TableId == tableId) ?? throw DomainValidationException.For("tableId", $"No table '{tableId}'.");
        if (!seating.ParticipantIds.Contains(action.ParticipantId))
        {
            throw ConveningRules.Refused("tableId", "Notes are taken at the table one sits at this round.");
        }

        var index = State.CafeTables!.FindIndex(t => t.Id == tableId);
        var table = State.CafeTables[index];
        State.CafeTables[index] = table with { Notes = [.. table.Notes, new TableNote { Round = round.Number, ParticipantId = action.ParticipantId, Text = text.Trim() }] };
        return await CommitCafe(action, ConveningEventTypes.TableNoteAdded);
    });

    public Task<ActionAck> SaveHarvest(ConveningAction action, string text) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.WorldCafe);
        new Validator().RequiredText("text", text, ConveningRules.ProposalMaxLength * 2).ThrowIfInvalid();
        var tables = State.CafeTables ?? throw ConveningRules.Refused("tables", "Set the tables first.");
        var convening = Current;
        if (convening.OwnerKind == ConveningOwnerKind.Team)
        {
            await Team(convening.OwnerId).RecordHarvest(new Harvest
            {
                ConveningId = ConveningId,
                Text = text.Trim(),
                Tables = [.. tables.Select(t => $"{t.Question}: {string.Join("; ", t.Notes.Select(n => n.Text))}")],
                RecordedAt = time.GetUtcNow(),
            });
        }

        State.Harvest = text.Trim();
        return await CommitCafe(action, ConveningEventTypes.HarvestSaved);
    });

    public Task<ActionAck> AnswerQuestion(ConveningAction action, int question, string text) => Act(action, facilitatorOnly: false, async () =>
    {
        RequireActive(ActivityKind.FourSimpleQuestions);
        RefuseWhenAnswersSaved();
        var v = new Validator().RequiredText("text", text, ConveningRules.TextMaxLength);
        if (question is < 1 or > 4)
        {
            v.Add("question", "'question' is 1–4: shared concerns; who should be at the table; what to do together; who can convene.");
        }

        v.ThrowIfInvalid();
        State.Answers ??= [];
        var answer = new QuestionAnswer { Id = OrganizationRules.NewId(), Question = question, Text = text.Trim(), ParticipantId = action.ParticipantId, UpvotedBy = [] };
        State.Answers.Add(answer);
        return await Commit(action, action.ParticipantId, ConveningEventTypes.QuestionAnswered, e => e with { Answer = answer });
    });

    public Task<ActionAck> Upvote(ConveningAction action, string answerId) => Act(action, facilitatorOnly: false, async () =>
    {
        RequireActive(ActivityKind.FourSimpleQuestions);
        RefuseWhenAnswersSaved();
        var index = State.Answers?.FindIndex(a => a.Id == answerId) ?? -1;
        if (index < 0)
        {
            throw DomainValidationException.For("answerId", $"No answer '{answerId}'.");
        }

        var answer = State.Answers![index];
        if (answer.UpvotedBy.Contains(action.ParticipantId))
        {
            throw ConveningRules.Refused("answerId", "You have upvoted this answer already.");
        }

        var upvoted = answer with { UpvotedBy = [.. answer.UpvotedBy, action.ParticipantId] };
        State.Answers[index] = upvoted;
        return await Commit(action, action.ParticipantId, ConveningEventTypes.AnswerUpvoted, e => e with { Answer = upvoted });
    });

    public Task<ActionAck> SaveAnswers(ConveningAction action) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.FourSimpleQuestions);
        RefuseWhenAnswersSaved();
        State.AnswersSaved = true;
        return await Commit(action, action.ParticipantId, ConveningEventTypes.AnswersSaved, e => e with { FourQuestions = Questions() });
    });

    public Task<ActionAck> CloseConvening(ConveningAction action) => Act(action, facilitatorOnly: true, async () =>
    {
        State.Ended = true;
        State.ActiveItemId = null;
        return await Commit(action, action.ParticipantId, ConveningEventTypes.ConveningEnded, e => e with { Ended = true, ActiveItemId = null });
    });

    public Task Watch(IConveningObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unwatch(IConveningObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs an action once: a retry (same action id) gets the first acknowledgement back; anything else is checked
    /// (the convening exists and runs, the actor takes part, the facilitator drives) before it may change anything.
    /// </summary>
    private async Task<ActionAck> Act(ConveningAction action, bool facilitatorOnly, Func<Task<ActionAck>> apply)
    {
        _ = Current;
        var v = new Validator().RequiredText("actionId", action.ActionId, 100);
        v.ThrowIfInvalid();
        if (_log.TryGetAction(action.ActionId, out var sequence))
        {
            // The first try may still be waiting for its write: a retry is acknowledged no sooner than it.
            await Stored(sequence);
            return new ActionAck { ActionId = action.ActionId, Sequence = sequence };
        }

        RefuseWhenEnded();
        var actor = Participant(action.ParticipantId);
        if (actor.JoinCodeId is { } codeId && !JoinCodeActive(codeId))
        {
            throw ConveningRules.Refused("joinCode", "The invitation was withdrawn: a guest with it can no longer act.");
        }

        if (facilitatorOnly && !actor.IsFacilitator)
        {
            throw ConveningRules.Refused("participantId", "Only the facilitator drives the session.");
        }

        return await apply();
    }

    private Task<ActionAck> CommitCafe(ConveningAction action, string type) =>
        Commit(action, action.ParticipantId, type, e => e with { WorldCafe = Cafe() });

    private WorldCafeActivity Cafe() => new() { Tables = [.. State.CafeTables ?? []], Rounds = [.. State.CafeRounds], Harvest = State.Harvest };

    private CafeRound RunningCafeRound()
    {
        RequireActive(ActivityKind.WorldCafe);
        return State.CafeRounds.Count > 0 && State.CafeRounds[^1].EndsAt > time.GetUtcNow()
            ? State.CafeRounds[^1]
            : throw ConveningRules.Refused("round", "No café round is running.");
    }

    private static void RequireMinutes(int minutes)
    {
        if (minutes is < 1 or > 120)
        {
            throw DomainValidationException.For("minutes", $"A round lasts 1–120 minutes (it is {minutes}).");
        }
    }

    private Task<ActionAck> CommitConsensus(ConveningAction action, string type) =>
        Commit(action, action.ParticipantId, type, e => e with { Consensus = Consensus() });

    /// <summary>Numbers the event, stores it with the state and the action id, then sends it to the watching silos.</summary>
    private async Task<ActionAck> Commit(ConveningAction? action, string? actorId, string type, Func<ConveningEvent, ConveningEvent> fill)
    {
        var conveningEvent = fill(new ConveningEvent { Sequence = State.Sequence + 1, Type = type, At = time.GetUtcNow(), ActorId = actorId });
        State.Sequence = conveningEvent.Sequence;
        var entry = new LoggedEvent { Sequence = conveningEvent.Sequence, Event = conveningEvent, ActionId = action?.ActionId };
        State.LogTail.Add(entry);
        _log.Append(entry);

        await Stored(conveningEvent.Sequence);
        return new ActionAck { ActionId = action?.ActionId ?? string.Empty, Sequence = conveningEvent.Sequence };
    }

    /// <summary>Returns once everything up to <paramref name="sequence"/> is stored (starting a write if none is under way).</summary>
    private async Task Stored(long sequence)
    {
        while (_storedSequence < sequence)
        {
            var writing = _writing;
            if (writing is null || writing.IsCompleted)
            {
                writing = WriteGroup();
                _writing = writing;
            }

            await writing;
        }
    }

    /// <summary>
    /// Returns when nothing applied is waiting to be stored, so what the caller reads next (with no await in between)
    /// is all stored: votes that interleave while we wait are waited for too.
    /// </summary>
    private async Task AllStored()
    {
        while (_storedSequence < State.Sequence)
        {
            await Stored(State.Sequence);
        }
    }

    /// <summary>
    /// One write of everything applied so far (the people too, when they changed, and first any page of the log that is
    /// full); then its events go to the watching silos, in order.
    /// </summary>
    private async Task WriteGroup()
    {
        var from = _storedSequence;
        // The state is serialized as a whole when the store takes it, so it may hold actions applied after this line:
        // they are stored too, and counted by the next write.
        var upTo = State.Sequence;
        // The people first: an event never names a participant the store does not know.
        if (_peopleChanged)
        {
            _peopleChanged = false;
            var peopleVersion = _peopleVersion;
            try
            {
                await Save(people);
                _peopleStoredVersion = Math.Max(_peopleStoredVersion, peopleVersion);
            }
            catch
            {
                // Until the activation is dropped, a later group must not store events naming people it did not store.
                _peopleChanged = true;
                throw;
            }
        }

        // A full page is written before the state that no longer carries it in its tail.
        await Save(() => _log.WriteFullPages(State.LogTail, State.Sequence));

        await Save();
        _storedSequence = Math.Max(_storedSequence, upTo);
        foreach (var stored in _log.Between(from, upTo))
        {
            _observers.Notify(observer => observer.EventRaised(Key, stored));
        }
    }

    private ConveningSnapshot Snapshot(bool facilitator) => new()
    {
        Sequence = State.Sequence,
        Convening = Current,
        Participants = [.. People.Participants],
        Present = [.. People.Present],
        ActiveItemId = State.ActiveItemId,
        Consensus = State.Rounds.Count > 0 ? ConveningRules.ForViewer(Consensus(), facilitator) : null,
        DepthPoll = State.PollRowIds is null ? null : Poll(),
        FourQuestions = State.Answers is null ? null : Questions(),
        WorldCafe = State.CafeTables is null ? null : Cafe(),
        Ended = State.Ended,
    };

    private ConsensusActivity Consensus() => new() { Rounds = [.. State.Rounds], Outcome = State.Outcome };

    private DepthPollActivity Poll() => new()
    {
        RowIds = [.. State.PollRowIds ?? []],
        Spread = [.. (State.PollRowIds ?? []).Select(rowId =>
        {
            var scores = State.PollRatings.Values.SelectMany(rows => rows).Where(r => r.RowId == rowId).Select(r => r.DepthScore).ToList();
            return new RowSpread
            {
                RowId = rowId,
                Ratings = scores.Count,
                MinDepthScore = scores.Count == 0 ? 0 : scores.Min(),
                MaxDepthScore = scores.Count == 0 ? 0 : scores.Max(),
                MeanDepthScore = scores.Count == 0 ? 0 : Math.Round(scores.Average(), 2, MidpointRounding.AwayFromZero),
            };
        })],
        ConsensusRatingId = State.PollConsensusRatingId,
    };

    private FourQuestionsActivity Questions() => new() { Answers = [.. State.Answers ?? []], Saved = State.AnswersSaved };

    private Participant Participant(string participantId) =>
        People.Participants.Find(p => p.Id == participantId)
        ?? throw ConveningRules.Refused("participantId", "Join the convening first.");

    private ConsensusRound OpenRound()
    {
        RequireActive(ActivityKind.ConsensusBuilding);
        return State.Rounds.Count > 0 && State.Rounds[^1].Open
            ? State.Rounds[^1]
            : throw ConveningRules.Refused("round", "No round is open: the vote is over or has not begun.");
    }

    private void RequireActive(ActivityKind kind)
    {
        var active = Current.Agenda.FirstOrDefault(i => i.Id == State.ActiveItemId);
        if (active?.Kind != kind)
        {
            throw ConveningRules.Refused("activity", $"The {kind} activity is not under way.");
        }
    }

    private void RefuseWhenEnded()
    {
        if (State.Ended)
        {
            throw ConveningRules.Refused("convening", "The convening has ended.");
        }
    }

    private void RefuseWhenAnswersSaved()
    {
        if (State.AnswersSaved)
        {
            throw ConveningRules.Refused("answers", "The answers are saved; the questions are closed.");
        }
    }

    private string Evidence(Convening convening, ConsensusOutcome outcome) =>
        string.Create(CultureInfo.InvariantCulture, $"{convening.Title}: {outcome} after {State.Rounds.Count} round(s). ")
        + string.Join(" ", State.Rounds.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"Round {r.Number} ({r.Scale}) on \"{r.Proposal}\": {r.VoteCount} votes [{string.Join(", ", ConveningRules.Tally(r.Scale, r.Votes))}], {r.Concerns.Count} concerns.")));

    private ITeamGrain Team(string teamId) => grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, teamId));

    private async Task<bool> OwnerExists(ConveningOwnerKind kind, string ownerId)
    {
        if (kind == ConveningOwnerKind.Initiative)
        {
            return await grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(TenantId, ownerId)).TryGet() is not null;
        }

        try
        {
            await Roster(kind, ownerId).ListMembers();
            return true;
        }
        catch (EntityNotFoundException)
        {
            return false;
        }
    }

    private IMemberRosterGrain Roster(ConveningOwnerKind kind, string ownerId) => kind switch
    {
        ConveningOwnerKind.Team => grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, ownerId)),
        _ => grains.GetGrain<ICommunityGrain>(GrainKeys.Of(TenantId, ownerId)),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Convening {Key}: {Count} connection(s) on dead silo(s) {Silos} are gone; {Leaving} participant(s) left with them.")]
    private static partial void LogConnectionsGone(ILogger logger, string key, int count, IEnumerable<SiloAddress> silos, int leaving);
}
