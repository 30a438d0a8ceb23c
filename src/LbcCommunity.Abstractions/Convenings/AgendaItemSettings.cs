namespace LbcCommunity.Convenings;

/// <summary>
/// What a World Café is planned with, so the facilitator's console opens it ready: its tables (each with a host from the
/// owner's roster and a question), the length of a round and how many rounds. Empty tables mean "set in the room".
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CafeSettingsDraft
{
    [Id(0)] public IReadOnlyList<CafeTableDraft>? Tables { get; init; }

    /// <summary>Minutes a round lasts, fractional (0.5–120, as <see cref="WorldCafe.StartRound"/> takes them).</summary>
    [Id(1)] public double? RoundMinutes { get; init; }

    /// <summary>How many rounds the café is planned to have (1–6).</summary>
    [Id(2)] public int? Rounds { get; init; }
}

/// <summary>A World Café's plan as stored (<see cref="CafeSettingsDraft"/> checked).</summary>
[GenerateSerializer, Immutable]
public sealed record CafeSettings
{
    [Id(0)] public required IReadOnlyList<CafeTableSettings> Tables { get; init; }

    [Id(1)] public required double RoundMinutes { get; init; }

    [Id(2)] public required int Rounds { get; init; }
}

/// <summary>A planned café table: its host (a member of the owner's roster) and the question it talks about.</summary>
[GenerateSerializer, Immutable]
public sealed record CafeTableSettings
{
    [Id(0)] public required string HostId { get; init; }

    [Id(1)] public required string Question { get; init; }
}

/// <summary>
/// What a consensus round is planned with: the proposal and how agreement is shown. Results are hidden while the vote
/// runs unless the facilitator plans otherwise, so early votes do not sway later ones.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ConsensusSettingsDraft
{
    [Id(0)] public string? Proposal { get; init; }

    /// <summary>Fist-to-five when left out.</summary>
    [Id(1)] public AgreementScale? Scale { get; init; }

    /// <summary>False when left out.</summary>
    [Id(2)] public bool? Anonymous { get; init; }

    /// <summary>True when left out: participants see how many have voted, not how, until the facilitator reveals it.</summary>
    [Id(3)] public bool? HideResults { get; init; }
}

/// <summary>A consensus round's plan as stored (<see cref="ConsensusSettingsDraft"/> with its defaults filled in).</summary>
[GenerateSerializer, Immutable]
public sealed record ConsensusSettings
{
    [Id(0)] public required string Proposal { get; init; }

    [Id(1)] public required AgreementScale Scale { get; init; }

    [Id(2)] public required bool Anonymous { get; init; }

    [Id(3)] public required bool HideResults { get; init; }
}

/// <summary>The rubric rows a depth poll is planned on (rows of the team's rubric, each once).</summary>
[GenerateSerializer, Immutable]
public sealed record DepthPollSettingsDraft
{
    [Id(0)] public IReadOnlyList<string>? RowIds { get; init; }
}

/// <summary>A depth poll's plan as stored.</summary>
[GenerateSerializer, Immutable]
public sealed record DepthPollSettings
{
    [Id(0)] public required IReadOnlyList<string> RowIds { get; init; }
}

/// <summary>
/// What a facilitator sends to change a convening's plan before it begins (<c>PUT …/convenings/{id}</c>): the owner
/// and the id stay as planned.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ConveningPlanDraft
{
    [Id(0)] public string? Title { get; init; }

    [Id(1)] public DateTimeOffset? StartsAt { get; init; }

    [Id(2)] public IReadOnlyList<AgendaItemDraft>? Agenda { get; init; }

    /// <summary>The SPP/APR topics it seeks input on; left out: none.</summary>
    [Id(3)] public IReadOnlyList<SppAprTopic>? SppAprTopics { get; init; }
}
