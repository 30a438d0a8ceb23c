using LbcCommunity.Validation;

namespace LbcCommunity.Convenings;

/// <summary>
/// The four topics of stakeholder input the SPP/APR (the state's IDEA Part B report) asks states to describe; a
/// convening's plan names those it sought input on.
/// </summary>
public enum SppAprTopic
{
    /// <summary>Setting targets.</summary>
    Targets = 1,

    /// <summary>Analysing data.</summary>
    DataAnalysis = 2,

    /// <summary>Developing improvement strategies.</summary>
    ImprovementStrategies = 3,

    /// <summary>Evaluating progress.</summary>
    EvaluatingProgress = 4,
}

/// <summary>What a facilitator sends to record how and when a convening's results went back to the stakeholders.</summary>
[GenerateSerializer, Immutable]
public sealed record ResultsSharedDraft
{
    /// <summary>How ("e-mailed the harvest and the decision to every participant; posted on the district's site").</summary>
    [Id(0)] public string? How { get; init; }

    /// <summary>When the results went back (not in the future, not before the convening began).</summary>
    [Id(1)] public DateTimeOffset? SharedAt { get; init; }
}

/// <summary>How and when a convening's results went back to the stakeholders, and who recorded it.</summary>
[GenerateSerializer, Immutable]
public sealed record ResultsShared
{
    [Id(0)] public required string How { get; init; }

    [Id(1)] public required DateTimeOffset SharedAt { get; init; }

    [Id(2)] public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>The person who recorded it (their subject).</summary>
    [Id(3)] public required string RecordedBy { get; init; }
}

/// <summary>The rules of the SPP/APR tags and of results going back.</summary>
public static class SppAprRules
{
    /// <summary>How long the "how" may be.</summary>
    public const int HowMaxLength = 2000;

    /// <summary>A device's clock may run a little ahead.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(5);

    /// <summary>Checks a plan's topics: each one of the four, none twice (<paramref name="field"/> is the JSON path).</summary>
    public static void Check(Validator v, IReadOnlyList<SppAprTopic>? topics, string field = "sppAprTopics")
    {
        if (topics is null)
        {
            return;
        }

        var seen = new HashSet<SppAprTopic>();
        for (var i = 0; i < topics.Count; i++)
        {
            if (!Enum.IsDefined(topics[i]))
            {
                v.Add($"{field}[{i}]", $"A topic is one of: {string.Join(", ", Enum.GetNames<SppAprTopic>())}.");
            }
            else if (!seen.Add(topics[i]))
            {
                v.Add($"{field}[{i}]", $"'{topics[i]}' is named twice.");
            }
        }
    }

    /// <summary>The topics as stored: in the order of <see cref="SppAprTopic"/>.</summary>
    public static IReadOnlyList<SppAprTopic> Normalize(IReadOnlyList<SppAprTopic>? topics) => [.. (topics ?? []).Distinct().Order()];

    /// <summary>
    /// Checks what a facilitator records of results going back: a "how", and a date no earlier than the convening's
    /// start (or its planning, if it never began) and not in the future.
    /// </summary>
    public static void Validate(ResultsSharedDraft draft, DateTimeOffset earliest, DateTimeOffset now)
    {
        var v = new Validator().RequiredText("how", draft.How, HowMaxLength);
        if (draft.SharedAt is not { } at)
        {
            v.Add("sharedAt", "'sharedAt' is required (ISO 8601).");
        }
        else if (at > now + Grace || at < earliest)
        {
            v.Add("sharedAt", $"'sharedAt' must be between the convening's start ({earliest:yyyy-MM-dd}) and now.");
        }

        v.ThrowIfInvalid();
    }
}
