using LbcCommunity.Errors;
using LbcCommunity.Organization;

namespace LbcCommunity.Grains.Members;

/// <summary>The members of a team or community of practice, with the rules that keep the roster consistent.</summary>
[GenerateSerializer]
internal sealed class MemberRoster
{
    [Id(0)] public List<Member> Members { get; set; } = [];

    public Member Add(MemberDraft draft, DateTimeOffset now)
    {
        OrganizationRules.Validate(draft);
        EnsureEmailFree(draft.Email, exceptMemberId: null);
        var member = new Member
        {
            Id = OrganizationRules.NewId(),
            DisplayName = draft.DisplayName!.Trim(),
            Email = draft.Email,
            StakeholderRole = draft.StakeholderRole!.Value,
            IsFacilitator = draft.IsFacilitator,
            JoinedAt = now,
            UpdatedAt = now,
        };
        Members.Add(member);
        return member;
    }

    public Member Update(string memberId, MemberDraft draft, DateTimeOffset now)
    {
        var index = IndexOf(memberId);
        OrganizationRules.Validate(draft);
        EnsureEmailFree(draft.Email, memberId);
        var member = Members[index] with
        {
            DisplayName = draft.DisplayName!.Trim(),
            Email = draft.Email,
            StakeholderRole = draft.StakeholderRole!.Value,
            IsFacilitator = draft.IsFacilitator,
            UpdatedAt = now,
        };
        Members[index] = member;
        return member;
    }

    public void Remove(string memberId) => Members.RemoveAt(IndexOf(memberId));

    public Member Get(string memberId) => Members[IndexOf(memberId)];

    private int IndexOf(string memberId)
    {
        var index = Members.FindIndex(m => m.Id == memberId);
        return index >= 0 ? index : throw new EntityNotFoundException("Member", memberId);
    }

    private void EnsureEmailFree(string? email, string? exceptMemberId)
    {
        if (email is not null && Members.Exists(m => m.Id != exceptMemberId && string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase)))
        {
            throw new EntityConflictException("email", $"A member with e-mail '{email}' is already on the roster.");
        }
    }
}
