namespace LbcCommunity.Rubrics;

/// <summary>The three habits of interaction of Leading by Convening.</summary>
public enum Habit
{
    CoalescingAroundIssues = 1,
    EnsuringRelevantParticipation = 2,
    DoingTheWorkTogether = 3,
}

/// <summary>The four depths of interaction, shallow to deep.</summary>
public enum DepthLevel
{
    /// <summary>Sharing / sending.</summary>
    Informing = 1,

    /// <summary>Exchanging.</summary>
    Networking = 2,

    /// <summary>Engaging.</summary>
    Collaborating = 3,

    /// <summary>Committing to consensus.</summary>
    Transforming = 4,
}

/// <summary>
/// The description of one depth level of a rubric row, by language: <c>en</c> is required, other
/// BCP 47 tags (<c>es</c>…) are translations.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RubricCell
{
    [Id(0)] public required DepthLevel Level { get; init; }

    [Id(1)] public required IReadOnlyDictionary<string, string> Text { get; init; }
}

/// <summary>One element row of a habit, with a cell per depth level.</summary>
[GenerateSerializer, Immutable]
public sealed record RubricRow
{
    /// <summary>Stable id of the row (a slug); ratings name it.</summary>
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required Habit Habit { get; init; }

    /// <summary>The row's title by language (<c>en</c> required).</summary>
    [Id(2)] public required IReadOnlyDictionary<string, string> Title { get; init; }

    /// <summary>Exactly one cell per depth level, Informing to Transforming.</summary>
    [Id(3)] public required IReadOnlyList<RubricCell> Cells { get; init; }
}

/// <summary>
/// A published, immutable version of a tenant's depth-of-interaction rubric. Version 1 is the default
/// Leading by Convening rubric; a tenant adds versions of its own. Ratings always name the version they used.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RubricVersion
{
    [Id(0)] public required int Version { get; init; }

    [Id(1)] public required string Name { get; init; }

    [Id(2)] public string? Description { get; init; }

    [Id(3)] public required IReadOnlyList<RubricRow> Rows { get; init; }

    [Id(4)] public required DateTimeOffset PublishedAt { get; init; }
}

/// <summary>One line of a tenant's list of rubric versions.</summary>
[GenerateSerializer, Immutable]
public sealed record RubricVersionSummary
{
    [Id(0)] public required int Version { get; init; }

    [Id(1)] public required string Name { get; init; }

    [Id(2)] public required int RowCount { get; init; }

    [Id(3)] public required DateTimeOffset PublishedAt { get; init; }
}

/// <summary>What a state admin sends to publish a new rubric version.</summary>
[GenerateSerializer, Immutable]
public sealed record RubricDraft
{
    [Id(0)] public string? Name { get; init; }

    [Id(1)] public string? Description { get; init; }

    [Id(2)] public IReadOnlyList<RubricRowDraft>? Rows { get; init; }
}

/// <summary>A row of a rubric draft.</summary>
[GenerateSerializer, Immutable]
public sealed record RubricRowDraft
{
    [Id(0)] public string? Id { get; init; }

    [Id(1)] public Habit? Habit { get; init; }

    [Id(2)] public IReadOnlyDictionary<string, string>? Title { get; init; }

    [Id(3)] public IReadOnlyList<RubricCellDraft>? Cells { get; init; }
}

/// <summary>A cell of a rubric row draft.</summary>
[GenerateSerializer, Immutable]
public sealed record RubricCellDraft
{
    [Id(0)] public DepthLevel? Level { get; init; }

    [Id(1)] public IReadOnlyDictionary<string, string>? Text { get; init; }
}
