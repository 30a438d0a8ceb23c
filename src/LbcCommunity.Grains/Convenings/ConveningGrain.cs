using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;
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
/// <remarks>
/// One grain and one event sequence, in files by job: this one (activation, creation, snapshots, replay, observers),
/// <c>.Commit</c> (the group commit), <c>.StoredShapes</c> (earlier stored shapes), <c>.Actions</c> (the checks every
/// action passes), <c>.JoinCodes</c>, <c>.Presence</c>, <c>.Listing</c> (the owner's index), <c>.Plan</c> (changing the plan), <c>.Summary</c>, and one per activity. An activity's rules are pure steps in
/// Abstractions (<see cref="ConsensusBuilding"/>, <see cref="DepthPoll"/>, <see cref="WorldCafe"/>,
/// <see cref="FourQuestions"/>); here they meet storage, the team's record and the event log.
/// </remarks>
[MayInterleave(nameof(MayInterleave))]
internal sealed partial class ConveningGrain(
    [PersistentState("convening", StorageNames.Grains)] IPersistentState<ConveningState> state,
    [PersistentState("convening-people", StorageNames.Grains)] IPersistentState<ConveningPeople> people,
    IGrainFactory grains,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    ILogger<ConveningGrain> logger,
    [FromKeyedServices(DomainClock.Key)] TimeProvider time) : PersistentGrain<ConveningState>(state), IConveningGrain
{
    private readonly ObserverManager<IConveningObserver> _observers = new(TimeSpan.FromMinutes(1), logger);

    /// <summary>
    /// A silo's relay (un)registering only touches the observer list, so it may run between any two turns. Queued, a
    /// relay's 20-second refresh waited behind a burst of votes (which keep interleaved turns running) past the list's
    /// one-minute expiry, and the next events were dropped for that silo: at 5,000 participants the first 182 votes of a
    /// burst reached no one.
    /// </summary>
    public static bool MayInterleave(IInvokable request) =>
        request.GetMethodName() is nameof(IConveningGrain.Watch) or nameof(IConveningGrain.Unwatch);

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
        await MoveEarlierStoredShapes();

        _log = new ConveningEventLog(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Grains), this.GetGrainId());
        await _log.Load(State.LogTail, State.Sequence);
        ListWhenUnlisted();

        // This activation may replace one on a silo that died: connections that were on a dead silo are gone, and a
        // participant with none left is no longer here (nobody else would ever say so).
        await ConnectionsGone([]);
        await HandOverOnActivation();
    }

    public async Task<Convening> Create(ConveningDraft draft)
    {
        ConveningRules.Validate(draft, time.GetUtcNow());
        OrganizationRules.RequireSameId(draft.Id, ConveningId);
        if (State.Convening is not null)
        {
            throw new EntityConflictException("id", $"Convening '{ConveningId}' already exists.");
        }

        if (!await OwnerExists(draft.OwnerKind!.Value, draft.OwnerId!))
        {
            throw DomainValidationException.For("ownerId", $"{draft.OwnerKind} '{draft.OwnerId}' does not exist.");
        }

        await CheckPlanNames(draft.OwnerKind.Value, draft.OwnerId!, draft.Agenda!);

        var convening = new Convening
        {
            Id = ConveningId,
            Title = draft.Title!.Trim(),
            OwnerKind = draft.OwnerKind.Value,
            OwnerId = draft.OwnerId!,
            Agenda = AgendaRules.ToAgenda(draft.Agenda!),
            CreatedAt = time.GetUtcNow(),
            StartsAt = draft.StartsAt,
            SppAprTopics = SppAprRules.Normalize(draft.SppAprTopics),
        };
        return await Relisted(convening, ListingOf(convening, ConveningStatus.Planned), async () =>
        {
            State.Convening = convening;
            State.Listed = true;
            await Save();
            return convening;
        });
    }

    public Task<Convening?> TryGet() => Task.FromResult(State.Convening);

    public async Task<ConveningSnapshot> GetSnapshot(string participantId)
    {
        _ = Current;
        var viewer = Participant(participantId);
        await AllStored();
        return Snapshot(viewer);
    }

    /// <summary>
    /// Up to the stored sequence, without waiting: under a join storm there are always joins applied and not yet
    /// stored, and waiting for them cost each join another write. The hub listens before it asks, and the relays get
    /// each event once it is stored, so those arrive live.
    /// </summary>
    public Task<IReadOnlyList<ConveningEvent>?> EventsAfter(string participantId, long sequence)
    {
        _ = Current;
        var facilitator = Participant(participantId).IsFacilitator;
        var stored = _storedSequence;
        if (sequence >= stored)
        {
            return Task.FromResult<IReadOnlyList<ConveningEvent>?>([]);
        }

        if (_log.After(sequence, stored, ConveningState.EventsKept) is not { } missed)
        {
            return Task.FromResult<IReadOnlyList<ConveningEvent>?>(null);
        }

        return Task.FromResult<IReadOnlyList<ConveningEvent>?>(facilitator ? missed : ConveningRoster.ForParticipants(missed));
    }

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

    /// <summary>The state as <paramref name="viewer"/> may see it, with the people <see cref="SnapshotPeople"/> gives them.</summary>
    private ConveningSnapshot Snapshot(Participant viewer)
    {
        var facilitator = viewer.IsFacilitator;
        var (participants, present) = SnapshotPeople(viewer);
        return new()
        {
            Sequence = State.Sequence,
            Convening = Current,
            Participants = participants,
            Present = present,
            Presence = Counts(),
            WholeRoster = facilitator,
            ActiveItemId = State.ActiveItemId,
            Consensus = State.Rounds.Count > 0 ? ConveningRules.ForViewer(Consensus(), facilitator) : null,
            DepthPoll = State.PollRowIds is null ? null : Poll(),
            FourQuestions = State.Answers is null ? null : Questions(),
            PersonalActions = State.PersonalActions is null ? null : PersonalActions(),
            WorldCafe = Cafe() is { } cafe ? WorldCafe.ForViewer(cafe, facilitator) : null,
            Ended = State.Ended,
        };
    }

    private Participant Participant(string participantId) =>
        ById.GetValueOrDefault(participantId)
        ?? throw ConveningRules.Refused("participantId", "Join the convening first.", ErrorCodes.NotJoined);

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
}
