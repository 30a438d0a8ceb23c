using LbcCommunity.Ratings;
using LbcCommunity.Rubrics;

namespace LbcCommunity.Tests.Ratings;

/// <summary>Stored ratings for the roll-up and dashboard rule tests, built as the team grain stores them.</summary>
internal static class TestRatings
{
    /// <summary>A consensus rating of team "cafe" on rubric version 1, each row with its score and level already worked out.</summary>
    public static Rating Consensus(long sequence, DateTimeOffset at, params (string RowId, decimal Score, int Level)[] rows) => new()
    {
        Id = $"r{sequence}",
        Kind = RatingKind.Consensus,
        TeamId = "cafe",
        RubricVersion = 1,
        LevelThresholdPercent = 50,
        RecordedAt = at,
        Sequence = sequence,
        Rows = [.. rows.Select(r => new RowRating
        {
            RowId = r.RowId,
            Habit = DefaultRubric.Rows.Single(d => d.Id == r.RowId).Habit,
            Cells = [],
            DepthScore = r.Score,
            LevelReached = r.Level,
        })],
    };
}
