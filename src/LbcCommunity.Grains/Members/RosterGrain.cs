using LbcCommunity.Organization;

namespace LbcCommunity.Grains.Members;

/// <summary>State that carries a member roster.</summary>
internal interface IRosterState
{
    MemberRoster Roster { get; }
}

/// <summary>The member verbs shared by teams and communities of practice.</summary>
internal abstract class RosterGrain<TState>(IPersistentState<TState> state, TimeProvider time)
    : PersistentGrain<TState>(state), IMemberRosterGrain
    where TState : IRosterState
{
    protected TimeProvider Time => time;

    /// <summary>Throws not-found when the team or community was never created.</summary>
    protected abstract void EnsureExists();

    /// <summary>Keeps the owner's member count in step with the roster.</summary>
    protected abstract void OnRosterChanged(int memberCount, DateTimeOffset now);

    public async Task<Member> AddMember(MemberDraft draft)
    {
        EnsureExists();
        var now = time.GetUtcNow();
        var member = State.Roster.Add(draft, now);
        await SaveRoster(now);
        return member;
    }

    public async Task<Member> UpdateMember(string memberId, MemberDraft draft)
    {
        EnsureExists();
        var now = time.GetUtcNow();
        var member = State.Roster.Update(memberId, draft, now);
        await SaveRoster(now);
        return member;
    }

    public async Task RemoveMember(string memberId)
    {
        EnsureExists();
        State.Roster.Remove(memberId);
        await SaveRoster(time.GetUtcNow());
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

    private Task SaveRoster(DateTimeOffset now)
    {
        OnRosterChanged(State.Roster.Members.Count, now);
        return Save();
    }
}
