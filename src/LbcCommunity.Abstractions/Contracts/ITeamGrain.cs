using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.RollUps;
using Orleans.Concurrency;

namespace LbcCommunity.Contracts;

/// <summary>A district team and its members. Key: <c>{tenant}/{team}</c>.</summary>
public interface ITeamGrain : IGrainWithStringKey, IMemberRosterGrain
{
    /// <summary>Called by the initiative that enrols the team. Conflict if it exists.</summary>
    Task<Team> Create(string initiativeId, TeamDraft draft, string regionId);

    /// <summary>The team, or <c>null</c> when it does not exist.</summary>
    [AlwaysInterleave]
    Task<Team?> TryGet();

    /// <summary>Renames or redescribes the team (its district is fixed).</summary>
    Task<Team> Update(TeamDraft draft);

    /// <summary>Keeps one member's own rating (not rolled up; the spread the team discusses).</summary>
    Task<Rating> RecordMemberRating(RatingDraft draft);

    /// <summary>
    /// Records the team's agreed consensus rating, its record, and moves the team's region and state roll-ups.
    /// A retry with the same idempotency key returns the first rating and stores nothing.
    /// </summary>
    Task<Rating> RecordConsensusRating(RatingDraft draft);

    /// <summary>The team's ratings, oldest first: its path over the year.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<Rating>> ListRatings(RatingKind? kind);

    /// <summary>Checks a rating against the team's current rubric and threshold and scores its rows, storing nothing.</summary>
    [AlwaysInterleave]
    Task<ScoredRows> ScoreRows(RatingDraft draft);

    /// <summary>Keeps evidence for a rubric row (a consensus decision reached in a convening, say).</summary>
    Task<EvidenceNote> RecordEvidence(EvidenceNote note);

    [AlwaysInterleave]
    Task<IReadOnlyList<EvidenceNote>> ListEvidence();

    /// <summary>Keeps a World Café harvest on the team's record.</summary>
    Task<Harvest> RecordHarvest(Harvest harvest);

    [AlwaysInterleave]
    Task<IReadOnlyList<Harvest>> ListHarvests();

    /// <summary>The team's part of its roll-ups. Interleaves: a roll-up rebuilding reads it while the team may be pushing.</summary>
    [AlwaysInterleave]
    Task<TeamContribution> GetContribution();
}

/// <summary>A community of practice and its members. Key: <c>{tenant}/{community}</c>.</summary>
public interface ICommunityGrain : IGrainWithStringKey, IMemberRosterGrain
{
    /// <summary>Called by the tenant when the community starts. Conflict if it exists.</summary>
    Task<CommunityOfPractice> Create(CommunityDraft draft);

    /// <summary>The community, or <c>null</c> when it does not exist.</summary>
    Task<CommunityOfPractice?> TryGet();

    Task<CommunityOfPractice> Update(CommunityDraft draft);
}

/// <summary>The members of a team or community of practice.</summary>
public interface IMemberRosterGrain
{
    /// <summary>Adds a member. Conflict when the e-mail is already on the roster.</summary>
    Task<Member> AddMember(MemberDraft draft);

    Task<Member> UpdateMember(string memberId, MemberDraft draft);

    Task RemoveMember(string memberId);

    Task<Member> GetMember(string memberId);

    Task<IReadOnlyList<Member>> ListMembers();
}
