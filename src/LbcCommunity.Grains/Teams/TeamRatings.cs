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

    public TeamContribution Contribution(string teamId) => RollUpMath.ContributionOf(teamId, Consensus);
}
