using LbcCommunity.Errors;
using LbcCommunity.Grains.Members;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Grains.Teams;

[GenerateSerializer]
public sealed class TeamState : IRosterState
{
    [Id(0)] public Team? Team { get; set; }

    [Id(1)] public MemberRoster Roster { get; set; } = new();
}

/// <summary>A district team: its profile and members.</summary>
internal sealed class TeamGrain(
    [PersistentState("team", StorageNames.Grains)] IPersistentState<TeamState> state,
    TimeProvider time) : RosterGrain<TeamState>(state, time), ITeamGrain
{
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
        return State.Team;
    }

    protected override void EnsureExists() => _ = Current;

    protected override void OnRosterChanged(int memberCount, DateTimeOffset now) =>
        State.Team = Current with { MemberCount = memberCount };
}
