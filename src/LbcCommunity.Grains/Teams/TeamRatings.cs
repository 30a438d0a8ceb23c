using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.RollUps;

namespace LbcCommunity.Grains.Teams;

/// <summary>A team's ratings: every member rating and every consensus rating, in the order recorded.</summary>
[GenerateSerializer]
internal sealed class TeamRatings
{
    [Id(0)] public List<Rating> Ratings { get; set; } = [];

    /// <summary>The sequence of the latest consensus rating.</summary>
    [Id(1)] public long ConsensusSequence { get; set; }

    public IReadOnlyList<Rating> Consensus => [.. Ratings.Where(r => r.Kind == RatingKind.Consensus)];

    public Rating? WithIdempotencyKey(RatingKind kind, string? key) =>
        key is null ? null : Ratings.FindLast(r => r.Kind == kind && r.IdempotencyKey == key);

    /// <summary>The team's sums and, once the team exists, its standing for the dashboards (read from the same ratings).</summary>
    public TeamContribution Contribution(string teamId, Team? team)
    {
        var consensus = Consensus;
        return RollUpMath.ContributionOf(teamId, consensus) with { Standing = team is null ? null : TeamStandings.Of(team, consensus) };
    }
}
