using Microsoft.Extensions.DependencyInjection;
using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Grains.Members;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.RollUps;
using LbcCommunity.Rubrics;
using Microsoft.Extensions.Logging;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Grains.Teams;

[GenerateSerializer]
internal sealed class TeamState : IRosterState
{
    [Id(0)] public Team? Team { get; set; }

    [Id(1)] public MemberRoster Roster { get; set; } = new();

    [Id(2)] public TeamRatings Ratings { get; set; } = new();

    [Id(3)] public List<EvidenceNote> Evidence { get; set; } = [];

    [Id(4)] public List<Harvest> Harvests { get; set; } = [];
}

/// <summary>A district team: its profile, members and ratings. It keeps its region's roll-up current.</summary>
internal sealed partial class TeamGrain(
    [PersistentState("team", StorageNames.Grains)] IPersistentState<TeamState> state,
    IGrainFactory grains,
    ILogger<TeamGrain> logger,
    [FromKeyedServices(DomainClock.Key)] TimeProvider time) : RosterGrain<TeamState>(state, grains, time), ITeamGrain
{
    protected override ConveningOwnerKind OwnerKind => ConveningOwnerKind.Team;

    private static readonly TimeSpan PushRetryDelay = TimeSpan.FromSeconds(1);

    private readonly GrainReference<IInitiativeGrain> _initiative = new(grains);
    private readonly GrainReference<ITenantGrain> _tenant = new(grains);
    private readonly GrainReference<IRubricCatalogGrain> _rubrics = new(grains);
    private readonly GrainReference<IRegionRollUpGrain> _region = new(grains);
    private TeamContribution? _contribution;
    private RubricVersion? _rubric;
    private IGrainTimer? _pushRetry;

    private string TenantId => GrainKeys.TenantOf(this.GetPrimaryKeyString());

    private string TeamId => GrainKeys.LocalIdOf(this.GetPrimaryKeyString());

    private Team Current => State.Team ?? throw new EntityNotFoundException("Team", TeamId);

    public async Task<Team> Create(string initiativeId, TeamDraft draft, string regionId)
    {
        OrganizationRules.Validate(draft);
        OrganizationRules.RequireSameId(draft.Id, TeamId);
        if (State.Team is not null)
        {
            throw new EntityConflictException("id", $"Team '{TeamId}' already exists.");
        }

        var now = Time.GetUtcNow();
        State.Team = new Team
        {
            Id = TeamId,
            InitiativeId = initiativeId,
            DistrictId = draft.DistrictId!,
            RegionId = regionId,
            Name = draft.Name!.Trim(),
            Description = draft.Description,
            MemberCount = 0,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await Save();
        _contribution = null;
        await PushContribution();
        return State.Team;
    }

    public Task<Team?> TryGet() => Task.FromResult(State.Team);

    public async Task<Team> Update(TeamDraft draft)
    {
        var current = Current;
        OrganizationRules.Validate(draft);
        OrganizationRules.RequireSameId(draft.Id, TeamId);
        if (!string.Equals(draft.DistrictId, current.DistrictId, StringComparison.Ordinal))
        {
            throw DomainValidationException.For("districtId", $"A team's district is fixed; it is '{current.DistrictId}'.");
        }

        State.Team = current with { Name = draft.Name!.Trim(), Description = draft.Description, UpdatedAt = Time.GetUtcNow() };
        await Save();
        // The region's teams view names the team from its contribution.
        _contribution = null;
        await PushContribution();
        return State.Team;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A push that failed before this activation (the silo went down between storing and pushing) is made again;
        // a roll-up ignores a contribution it already has.
        if (State.Ratings.ConsensusSequence > 0)
        {
            SchedulePushRetry(TimeSpan.Zero);
        }

        return Task.CompletedTask;
    }

    public Task<Rating> RecordMemberRating(RatingDraft draft) => Record(draft, RatingKind.Member);

    public Task<Rating> RecordConsensusRating(RatingDraft draft) => Record(draft, RatingKind.Consensus);

    public Task<IReadOnlyList<Rating>> ListRatings(RatingKind? kind)
    {
        _ = Current;
        // In the order taken: a rating entered from paper stands where it was made (the sort is stable, so arrival breaks ties).
        return Task.FromResult<IReadOnlyList<Rating>>([.. State.Ratings.Ratings.Where(r => kind is null || r.Kind == kind).OrderBy(r => r.RatedAt)]);
    }

    public Task<TeamContribution> GetContribution() => Task.FromResult(Contribution);

    public async Task<ScoredRows> ScoreRows(RatingDraft draft)
    {
        var (rubric, threshold) = await RubricAndThreshold();
        return new ScoredRows
        {
            RubricVersion = rubric.Version,
            Rows = RatingRules.ToRows(draft with { RubricVersion = rubric.Version }, RatingKind.Consensus, rubric, threshold),
        };
    }

    public async Task<EvidenceNote> RecordEvidence(EvidenceNote note)
    {
        _ = Current;
        State.Evidence.Add(note);
        await Save();
        return note;
    }

    public async Task<Harvest> RecordHarvest(Harvest harvest)
    {
        _ = Current;
        State.Harvests.Add(harvest);
        await Save();
        return harvest;
    }

    public Task<IReadOnlyList<Harvest>> ListHarvests()
    {
        _ = Current;
        return Task.FromResult<IReadOnlyList<Harvest>>([.. State.Harvests]);
    }

    public Task<IReadOnlyList<EvidenceNote>> ListEvidence()
    {
        _ = Current;
        return Task.FromResult<IReadOnlyList<EvidenceNote>>([.. State.Evidence]);
    }

    private TeamContribution Contribution => _contribution ??= State.Ratings.Contribution(TeamId, State.Team);

    private async Task<Rating> Record(RatingDraft draft, RatingKind kind)
    {
        _ = Current;
        var now = Time.GetUtcNow();
        RatingRules.ValidateShape(draft, kind, now);
        if (State.Ratings.WithIdempotencyKey(kind, draft.IdempotencyKey) is { } earlier)
        {
            return earlier;
        }

        var (rubric, threshold) = await RubricAndThreshold();
        var rows = RatingRules.ToRows(draft, kind, rubric, threshold, now);
        if (draft.MemberId is { } memberId && !State.Roster.Members.Exists(m => m.Id == memberId))
        {
            throw DomainValidationException.For("memberId", $"Member '{memberId}' is not on team '{TeamId}'.");
        }

        if (draft.ConveningId is { } conveningId)
        {
            await RequireOwnConvening(conveningId);
        }

        var sequence = kind == RatingKind.Consensus ? State.Ratings.ConsensusSequence + 1 : 0;
        var rating = new Rating
        {
            Id = OrganizationRules.NewId(),
            Kind = kind,
            TeamId = TeamId,
            MemberId = draft.MemberId,
            ConveningId = draft.ConveningId,
            RubricVersion = rubric.Version,
            LevelThresholdPercent = threshold,
            Rows = rows,
            RecordedAt = now,
            RatedAt = draft.RatedAt ?? now,
            Sequence = sequence,
            IdempotencyKey = draft.IdempotencyKey,
        };
        State.Ratings.Ratings.Add(rating);
        if (kind == RatingKind.Consensus)
        {
            State.Ratings.ConsensusSequence = sequence;
        }

        try
        {
            await Save();
        }
        catch
        {
            _contribution = null;
            throw;
        }

        if (kind == RatingKind.Consensus)
        {
            _contribution = null;
            await PushContribution();
        }

        return rating;
    }

    /// <summary>
    /// A rating made in a convening names one of this team's own convenings, in this tenant: any other id (unknown, of
    /// another team or community, or of another tenant, whose key never resolves here) would be stored as the rating's
    /// provenance and move the roll-ups on a claim nobody can check. Checked here, not only at the edge, so it holds
    /// for every caller. <see cref="IConveningGrain.TryGet"/> interleaves, so a convening recording its poll's
    /// consensus through this grain can answer.
    /// </summary>
    private async Task RequireOwnConvening(string conveningId)
    {
        var convening = await Grains.GetGrain<IConveningGrain>(GrainKeys.Of(TenantId, conveningId)).TryGet();
        if (convening is not { OwnerKind: ConveningOwnerKind.Team } || !string.Equals(convening.OwnerId, TeamId, StringComparison.Ordinal))
        {
            throw DomainValidationException.For("conveningId", $"'conveningId' must name a convening of team '{TeamId}'; '{conveningId}' is not one.");
        }
    }

    /// <summary>The rubric version the team's initiative rates against now, and the tenant's level threshold.</summary>
    private async Task<(RubricVersion Rubric, int ThresholdPercent)> RubricAndThreshold()
    {
        var team = Current;
        var initiative = await _initiative.For(GrainKeys.Of(TenantId, team.InitiativeId)).TryGet()
            ?? throw new EntityNotFoundException("Initiative", team.InitiativeId);
        var threshold = (await _tenant.For(TenantId).TryGet())?.LevelThresholdPercent ?? 50;
        return (await Rubric(initiative.RubricVersion), threshold);
    }

    private async Task<RubricVersion> Rubric(int version)
    {
        // Published versions never change, so one read per activation is enough.
        if (_rubric?.Version != version)
        {
            _rubric = await _rubrics.For(TenantId).GetVersion(version);
        }

        return _rubric;
    }

    /// <summary>
    /// Sends the team's contribution to its region's roll-up. The rating is already stored, so a failure here does not
    /// fail the rating: the push is retried until it lands, and a roll-up that starts afresh reads the teams anyway.
    /// </summary>
    private async Task PushContribution()
    {
        var team = Current;
        try
        {
            await _region.For(GrainKeys.Of(TenantId, team.InitiativeId, team.RegionId)).Apply(Contribution);
        }
        catch (Exception exception) when (exception is not DomainValidationException)
        {
            LogPushFailed(logger, exception, TeamId);
            SchedulePushRetry(PushRetryDelay);
        }
    }

    private void SchedulePushRetry(TimeSpan dueTime)
    {
        _pushRetry?.Dispose();
        _pushRetry = this.RegisterGrainTimer(
            async () =>
            {
                _pushRetry?.Dispose();
                _pushRetry = null;
                TenantScope.Enter(TenantId);
                await PushContribution();
            },
            new GrainTimerCreationOptions(dueTime, Timeout.InfiniteTimeSpan));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Team {TeamId} could not push its contribution to its region's roll-up; retrying.")]
    private static partial void LogPushFailed(ILogger logger, Exception exception, string teamId);

    protected override void EnsureExists() => _ = Current;

    protected override void OnRosterChanged(int memberCount, DateTimeOffset now) =>
        State.Team = Current with { MemberCount = memberCount };
}
