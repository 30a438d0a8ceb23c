using LbcCommunity.Rubrics;

namespace LbcCommunity.Ratings;

/// <summary>Whose rating it is: one member's own, or the team's agreed consensus (the team's record).</summary>
public enum RatingKind
{
    Member = 1,
    Consensus = 2,
}

/// <summary>How far a team has got at one depth level of a row: 0–100 percent in steps of 10.</summary>
[GenerateSerializer, Immutable]
public sealed record CellAttainment
{
    [Id(0)] public DepthLevel Level { get; init; }

    [Id(1)] public int AttainmentPercent { get; init; }
}

/// <summary>One rubric row of a rating as submitted.</summary>
[GenerateSerializer, Immutable]
public sealed record RowRatingDraft
{
    [Id(0)] public string? RowId { get; init; }

    /// <summary>One cell per depth level, Informing to Transforming.</summary>
    [Id(1)] public IReadOnlyList<CellAttainment>? Cells { get; init; }
}

/// <summary>What a member or a facilitator submits: attainment per cell for some or all rows of the initiative's rubric.</summary>
[GenerateSerializer, Immutable]
public sealed record RatingDraft
{
    /// <summary>The rubric version rated against; must be the initiative's current version.</summary>
    [Id(0)] public int? RubricVersion { get; init; }

    /// <summary>Member rating: the member who rates (required). Consensus: the member who records it (optional).</summary>
    [Id(1)] public string? MemberId { get; init; }

    /// <summary>The convening the rating was made in, if any.</summary>
    [Id(2)] public string? ConveningId { get; init; }

    /// <summary>A key the client chooses per rating; a retry with the same key returns the first rating, stored once.</summary>
    [Id(3)] public string? IdempotencyKey { get; init; }

    [Id(4)] public IReadOnlyList<RowRatingDraft>? Rows { get; init; }

    /// <summary>
    /// When the rating was taken, if not now: a facilitator entering from paper the rating of last week's meeting gives
    /// its date, so it counts in that meeting's quarter and in its place in the team's history (see
    /// <see cref="RatingRules.RatedAtLongest"/> for how far back).
    /// </summary>
    [Id(5)] public DateTimeOffset? RatedAt { get; init; }
}

/// <summary>A stored row of a rating, with its depth score and the level it reached.</summary>
[GenerateSerializer, Immutable]
public sealed record RowRating
{
    [Id(0)] public required string RowId { get; init; }

    [Id(1)] public required Habit Habit { get; init; }

    /// <summary>Attainment per level, Informing to Transforming.</summary>
    [Id(2)] public required IReadOnlyList<CellAttainment> Cells { get; init; }

    /// <summary>The sum of the cells' attainment, 0.0–4.0.</summary>
    [Id(3)] public required decimal DepthScore { get; init; }

    /// <summary>The deepest level (1 Informing … 4 Transforming) whose attainment reached the tenant's threshold; 0 for none.</summary>
    [Id(4)] public required int LevelReached { get; init; }
}

/// <summary>A stored rating: who, when, in which convening, against which rubric version.</summary>
[GenerateSerializer, Immutable]
public sealed record Rating
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required RatingKind Kind { get; init; }

    [Id(2)] public required string TeamId { get; init; }

    /// <summary>The rating member (member ratings) or the recording member (consensus, when given).</summary>
    [Id(3)] public string? MemberId { get; init; }

    [Id(4)] public string? ConveningId { get; init; }

    [Id(5)] public required int RubricVersion { get; init; }

    /// <summary>The level threshold (percent) in force when the rating was made.</summary>
    [Id(6)] public required int LevelThresholdPercent { get; init; }

    [Id(7)] public required IReadOnlyList<RowRating> Rows { get; init; }

    [Id(8)] public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>Consensus ratings: 1 for the team's first, then 2, 3… Member ratings: 0.</summary>
    [Id(9)] public required long Sequence { get; init; }

    [Id(10)] public string? IdempotencyKey { get; init; }

    // Ratings stored before ratings had a date of their own were taken when they were recorded: without it, they read as so.
    [Id(11)] private readonly DateTimeOffset? _ratedAt;

    /// <summary>
    /// When the rating was taken: when it was recorded unless it was entered later (from paper). Quarters and a team's
    /// history go by this date, not by the order ratings arrived in.
    /// </summary>
    public DateTimeOffset RatedAt { get => _ratedAt ?? RecordedAt; init => _ratedAt = value; }
}

/// <summary>Evidence kept on a rubric row of a team: what happened, in which convening, when.</summary>
[GenerateSerializer, Immutable]
public sealed record EvidenceNote
{
    [Id(0)] public required string RowId { get; init; }

    [Id(1)] public string? ConveningId { get; init; }

    [Id(2)] public required string Text { get; init; }

    [Id(3)] public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>A World Café's whole-group harvest, kept on the team's record with the tables' questions and notes.</summary>
[GenerateSerializer, Immutable]
public sealed record Harvest
{
    [Id(0)] public required string ConveningId { get; init; }

    [Id(1)] public required string Text { get; init; }

    /// <summary>Each table's question and notes, as "question: note; note…".</summary>
    [Id(2)] public required IReadOnlyList<string> Tables { get; init; }

    [Id(3)] public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>Rows scored against a team's current rubric version, without storing a rating.</summary>
[GenerateSerializer, Immutable]
public sealed record ScoredRows
{
    [Id(0)] public required int RubricVersion { get; init; }

    [Id(1)] public required IReadOnlyList<RowRating> Rows { get; init; }
}
