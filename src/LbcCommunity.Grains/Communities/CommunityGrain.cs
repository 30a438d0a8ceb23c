using Microsoft.Extensions.DependencyInjection;
using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Grains.Members;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Grains.Communities;

[GenerateSerializer]
internal sealed class CommunityState : IRosterState
{
    [Id(0)] public CommunityOfPractice? Community { get; set; }

    [Id(1)] public MemberRoster Roster { get; set; } = new();
}

/// <summary>A community of practice: its profile and members.</summary>
internal sealed class CommunityGrain(
    [PersistentState("community", StorageNames.Grains)] IPersistentState<CommunityState> state,
    IGrainFactory grains,
    [FromKeyedServices(DomainClock.Key)] TimeProvider time) : RosterGrain<CommunityState>(state, grains, time), ICommunityGrain
{
    protected override ConveningOwnerKind OwnerKind => ConveningOwnerKind.Community;

    private string CommunityId => GrainKeys.LocalIdOf(this.GetPrimaryKeyString());

    private CommunityOfPractice Current => State.Community ?? throw new EntityNotFoundException("Community of practice", CommunityId);

    public async Task<CommunityOfPractice> Create(CommunityDraft draft)
    {
        OrganizationRules.Validate(draft);
        OrganizationRules.RequireSameId(draft.Id, CommunityId);
        if (State.Community is not null)
        {
            throw new EntityConflictException("id", $"Community of practice '{CommunityId}' already exists.");
        }

        var now = Time.GetUtcNow();
        State.Community = new CommunityOfPractice
        {
            Id = CommunityId,
            Name = draft.Name!.Trim(),
            Description = draft.Description,
            Focus = draft.Focus,
            MemberCount = 0,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await Save();
        return State.Community;
    }

    public Task<CommunityOfPractice?> TryGet() => Task.FromResult(State.Community);

    public async Task<CommunityOfPractice> Update(CommunityDraft draft)
    {
        var current = Current;
        OrganizationRules.Validate(draft);
        OrganizationRules.RequireSameId(draft.Id, CommunityId);
        State.Community = current with { Name = draft.Name!.Trim(), Description = draft.Description, Focus = draft.Focus, UpdatedAt = Time.GetUtcNow() };
        await Save();
        return State.Community;
    }

    protected override void EnsureExists() => _ = Current;

    protected override void OnRosterChanged(int memberCount, DateTimeOffset now) =>
        State.Community = Current with { MemberCount = memberCount };
}
