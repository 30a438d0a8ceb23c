using LbcCommunity.Access;
using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Grains.Members;

/// <summary>State that carries a member roster.</summary>
internal interface IRosterState
{
    MemberRoster Roster { get; }
}

/// <summary>The member verbs shared by teams and communities of practice.</summary>
internal abstract class RosterGrain<TState>(IPersistentState<TState> state, IGrainFactory grains, TimeProvider time)
    : PersistentGrain<TState>(state), IMemberRosterGrain
    where TState : IRosterState
{
    protected TimeProvider Time => time;

    protected IGrainFactory Grains => grains;

    /// <summary>Throws not-found when the team or community was never created.</summary>
    protected abstract void EnsureExists();

    /// <summary>Keeps the owner's member count in step with the roster.</summary>
    protected abstract void OnRosterChanged(int memberCount, DateTimeOffset now);

    /// <summary>Whether this roster is a team's or a community's.</summary>
    protected abstract ConveningOwnerKind OwnerKind { get; }

    public async Task<Member> AddMember(MemberDraft draft)
    {
        EnsureExists();
        var now = time.GetUtcNow();
        var member = State.Roster.Add(draft, now);
        await SaveRoster(now, before: null, after: member);
        return member;
    }

    public async Task<Member> UpdateMember(string memberId, MemberDraft draft)
    {
        EnsureExists();
        var now = time.GetUtcNow();
        var before = State.Roster.Get(memberId);
        var member = State.Roster.Update(memberId, draft, now);
        await SaveRoster(now, before, member);
        return member;
    }

    public async Task RemoveMember(string memberId)
    {
        EnsureExists();
        var before = State.Roster.Get(memberId);
        State.Roster.Remove(memberId);
        await SaveRoster(time.GetUtcNow(), before, after: null);
    }

    public Task<Member> GetMember(string memberId)
    {
        EnsureExists();
        return Task.FromResult(State.Roster.Get(memberId));
    }

    public Task<IReadOnlyList<Member>> ListMembers()
    {
        EnsureExists();
        return Task.FromResult<IReadOnlyList<Member>>([.. State.Roster.Members]);
    }

    /// <summary>
    /// Tells the tenant's people directory first (so a member's sign-in carries their place on the roster), then stores
    /// the roster. If telling fails, the change is dropped with the activation: nothing is half-stored.
    /// </summary>
    private async Task SaveRoster(DateTimeOffset now, Member? before, Member? after)
    {
        OnRosterChanged(State.Roster.Members.Count, now);
        try
        {
            var key = this.GetPrimaryKeyString();
            var access = grains.GetGrain<ITenantAccessGrain>(GrainKeys.TenantOf(key));
            var ownerId = GrainKeys.LocalIdOf(key);
            if (before?.Email is { } oldEmail && !string.Equals(oldEmail, after?.Email, StringComparison.OrdinalIgnoreCase))
            {
                await access.ForgetMembership(oldEmail, OwnerKind, ownerId, before.Id);
            }

            if (after?.Email is { } email)
            {
                await access.RecordMembership(email, after.DisplayName, new Membership { OwnerKind = OwnerKind, OwnerId = ownerId, MemberId = after.Id, IsFacilitator = after.IsFacilitator });
            }
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        await Save();
    }
}
