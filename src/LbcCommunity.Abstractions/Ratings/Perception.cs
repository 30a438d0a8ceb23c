using LbcCommunity.Organization;
using LbcCommunity.Rubrics;

namespace LbcCommunity.Ratings;

/// <summary>
/// How a team's members see their depth against what the team agreed: per rubric row, the members' latest own
/// ratings beside the latest consensus, for all of them, for families and for staff, and for each stakeholder role.
/// </summary>
public sealed record TeamPerception
{
    public required string TeamId { get; init; }

    /// <summary>The rubric version compared: the latest consensus rating's, else the latest member rating's; <c>null</c> when nothing is rated.</summary>
    public int? RubricVersion { get; init; }

    /// <summary>The consensus rating the members are held against; <c>null</c> before the team's first.</summary>
    public string? ConsensusRatingId { get; init; }

    public DateTimeOffset? ConsensusRecordedAt { get; init; }

    /// <summary>How many members' ratings are counted (those of people still on the roster, against <see cref="RubricVersion"/>).</summary>
    public required int MembersRated { get; init; }

    /// <summary>One line per row that the consensus or some member rated, in the rubric's order of first appearance.</summary>
    public required IReadOnlyList<RowPerception> Rows { get; init; }
}

/// <summary>One rubric row: the consensus score and each group's view of it.</summary>
public sealed record RowPerception
{
    public required string RowId { get; init; }

    public required Habit Habit { get; init; }

    /// <summary>The row's depth score in the latest consensus rating; <c>null</c> when the consensus did not rate it.</summary>
    public decimal? ConsensusDepthScore { get; init; }

    /// <summary>Every counted member, whatever their role.</summary>
    public required GroupPerception Members { get; init; }

    /// <summary>Family members and parent mentors.</summary>
    public required GroupPerception Families { get; init; }

    /// <summary>School and district staff and state staff (the grouping is in docs/ratings-and-rollups.md).</summary>
    public required GroupPerception Staff { get; init; }

    /// <summary><see cref="Families"/>' mean minus <see cref="Staff"/>' mean; <c>null</c> when either group has no rating.</summary>
    public decimal? FamiliesMinusStaff { get; init; }

    /// <summary>One line per stakeholder role with a rating of the row, in the enumeration's order.</summary>
    public required IReadOnlyList<RolePerception> ByRole { get; init; }
}

/// <summary>A group's ratings of a row: exact sum and count, so anyone can recompute the rounded mean.</summary>
public sealed record GroupPerception
{
    public required int Count { get; init; }

    /// <summary>The exact sum of the group's depth scores.</summary>
    public required decimal ScoreSum { get; init; }

    /// <summary><see cref="ScoreSum"/> / <see cref="Count"/> rounded to two decimals; <c>null</c> for nobody.</summary>
    public decimal? MeanDepthScore { get; init; }

    /// <summary>The unrounded mean minus the consensus score, rounded to two decimals (positive: the group sees more depth than agreed).</summary>
    public decimal? GapToConsensus { get; init; }
}

/// <summary>One stakeholder role's ratings of a row.</summary>
public sealed record RolePerception
{
    public required StakeholderRole StakeholderRole { get; init; }

    public required GroupPerception Ratings { get; init; }
}

/// <summary>The perception gap's arithmetic, apart from any storage, so it is tested as a plain function.</summary>
public static class PerceptionGap
{
    /// <summary>Families: the people the partnership is with, whose view the gap is about.</summary>
    public static readonly IReadOnlySet<StakeholderRole> FamilyRoles = new HashSet<StakeholderRole> { StakeholderRole.FamilyMember, StakeholderRole.ParentMentor };

    /// <summary>
    /// Staff: those paid by a school, a district or the state. Students, community partners and "other" are neither
    /// side of the families–staff question; they count among all members and by role.
    /// </summary>
    public static readonly IReadOnlySet<StakeholderRole> StaffRoles = new HashSet<StakeholderRole>
    {
        StakeholderRole.Teacher, StakeholderRole.Principal, StakeholderRole.SchoolPsychologist, StakeholderRole.DistrictAdministrator, StakeholderRole.StateStaff,
    };

    /// <summary>
    /// Compares each roster member's latest own rating of each row with the team's latest consensus rating. Only
    /// ratings against one rubric version are compared (rows differ between versions); a rating by someone no longer
    /// on the roster is left out, as their role is no longer known.
    /// </summary>
    public static TeamPerception Of(string teamId, IEnumerable<Rating> ratings, IEnumerable<Member> roster)
    {
        var all = ratings.OrderBy(r => r.RecordedAt).ThenBy(r => r.Sequence).ToList();
        var consensus = all.LastOrDefault(r => r.Kind == RatingKind.Consensus);
        var version = consensus?.RubricVersion ?? all.LastOrDefault(r => r.Kind == RatingKind.Member)?.RubricVersion;
        var roles = roster.ToDictionary(m => m.Id, m => m.StakeholderRole, StringComparer.Ordinal);

        // Each member's latest score per row: a later rating of a row replaces an earlier one, rows it left out stand.
        var latest = new Dictionary<(string Member, string Row), decimal>();
        var order = new List<(string RowId, Habit Habit)>();
        foreach (var row in consensus?.Rows ?? [])
        {
            order.Add((row.RowId, row.Habit));
        }

        foreach (var rating in all.Where(r => r.Kind == RatingKind.Member && r.RubricVersion == version && r.MemberId is not null && roles.ContainsKey(r.MemberId)))
        {
            foreach (var row in rating.Rows)
            {
                latest[(rating.MemberId!, row.RowId)] = row.DepthScore;
                if (!order.Exists(o => o.RowId == row.RowId))
                {
                    order.Add((row.RowId, row.Habit));
                }
            }
        }

        return new TeamPerception
        {
            TeamId = teamId,
            RubricVersion = version,
            ConsensusRatingId = consensus?.Id,
            ConsensusRecordedAt = consensus?.RecordedAt,
            MembersRated = latest.Keys.Select(k => k.Member).Distinct().Count(),
            Rows = [.. order.Select(o => Row(o.RowId, o.Habit, consensus?.Rows.FirstOrDefault(r => r.RowId == o.RowId)?.DepthScore, latest, roles))],
        };
    }

    private static RowPerception Row(string rowId, Habit habit, decimal? agreed, Dictionary<(string Member, string Row), decimal> latest, Dictionary<string, StakeholderRole> roles)
    {
        var scores = latest.Where(l => l.Key.Row == rowId).Select(l => (Role: roles[l.Key.Member], Score: l.Value)).ToList();
        GroupPerception Group(Func<StakeholderRole, bool> inGroup) => Summarise([.. scores.Where(s => inGroup(s.Role)).Select(s => s.Score)], agreed);
        var families = Group(FamilyRoles.Contains);
        var staff = Group(StaffRoles.Contains);
        return new RowPerception
        {
            RowId = rowId,
            Habit = habit,
            ConsensusDepthScore = agreed,
            Members = Group(_ => true),
            Families = families,
            Staff = staff,
            FamiliesMinusStaff = families.Count > 0 && staff.Count > 0
                ? Round((families.ScoreSum / families.Count) - (staff.ScoreSum / staff.Count))
                : null,
            ByRole = [.. scores.Select(s => s.Role).Distinct().Order().Select(role => new RolePerception { StakeholderRole = role, Ratings = Group(r => r == role) })],
        };
    }

    private static GroupPerception Summarise(IReadOnlyList<decimal> scores, decimal? agreed)
    {
        var sum = scores.Sum();
        decimal? mean = scores.Count == 0 ? null : sum / scores.Count;
        return new GroupPerception
        {
            Count = scores.Count,
            ScoreSum = sum,
            MeanDepthScore = mean is { } m ? Round(m) : null,
            GapToConsensus = mean is { } exact && agreed is { } consensus ? Round(exact - consensus) : null,
        };
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
