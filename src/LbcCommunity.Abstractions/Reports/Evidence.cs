using LbcCommunity.Convenings;
using LbcCommunity.RollUps;
using LbcCommunity.Rubrics;

namespace LbcCommunity.Reports;

/// <summary>
/// SPDG and SPP/APR evidence of stakeholder engagement for an initiative and a period of calendar quarters: the
/// convenings held, who took part, the SPP/APR topics, results going back, the depth spread, the teams meeting the
/// sustained-depth criterion (a fidelity-style measure) and outcomes from published stories.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EvidenceReport
{
    [Id(0)] public required string InitiativeId { get; init; }

    [Id(1)] public required string InitiativeName { get; init; }

    /// <summary>The first and last calendar quarter of the period (<c>2026-Q3</c>), and its instants (end exclusive).</summary>
    [Id(2)] public required string From { get; init; }

    [Id(3)] public required string To { get; init; }

    [Id(4)] public required DateTimeOffset PeriodStart { get; init; }

    [Id(5)] public required DateTimeOffset PeriodEnd { get; init; }

    [Id(6)] public required DateTimeOffset ComputedAt { get; init; }

    /// <summary>The convenings of the initiative's teams and of the initiative itself that began in the period.</summary>
    [Id(7)] public required IReadOnlyList<EvidenceConvening> Convenings { get; init; }

    /// <summary>Attendance over those convenings (a person at two convenings counts twice).</summary>
    [Id(8)] public required Attendance Participants { get; init; }

    /// <summary>Per SPP/APR topic, how many of the convenings sought input on it (all four, 0 included).</summary>
    [Id(9)] public required IReadOnlyList<TopicCount> Topics { get; init; }

    /// <summary>How many of the convenings have their results recorded as gone back to the stakeholders.</summary>
    [Id(10)] public required int ResultsSharedCount { get; init; }

    /// <summary>Per habit: <c>now</c> (each team's latest, as the dashboard shows) and each quarter of the period.</summary>
    [Id(11)] public required IReadOnlyList<HabitSpread> DepthSpread { get; init; }

    [Id(12)] public required FidelityMeasure Sustained { get; init; }

    /// <summary>Outcomes in numbers from the stories of the initiative's teams published in the period.</summary>
    [Id(13)] public required IReadOnlyList<OutcomeLine> Outcomes { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record EvidenceConvening
{
    [Id(0)] public required string ConveningId { get; init; }

    [Id(1)] public required string Title { get; init; }

    [Id(2)] public required ConveningOwnerKind OwnerKind { get; init; }

    [Id(3)] public required string OwnerId { get; init; }

    /// <summary>The team's region; <c>null</c> for the initiative's own convenings.</summary>
    [Id(4)] public string? RegionId { get; init; }

    [Id(5)] public required DateTimeOffset StartedAt { get; init; }

    [Id(6)] public required Attendance Attendance { get; init; }

    [Id(7)] public required IReadOnlyList<SppAprTopic> SppAprTopics { get; init; }

    [Id(8)] public ResultsShared? ResultsShared { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record TopicCount
{
    [Id(0)] public required SppAprTopic Topic { get; init; }

    [Id(1)] public required int Convenings { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record HabitSpread
{
    /// <summary><c>now</c> or a calendar quarter.</summary>
    [Id(0)] public required string Period { get; init; }

    [Id(1)] public required Habit Habit { get; init; }

    [Id(2)] public required int TeamsRated { get; init; }

    [Id(3)] public required decimal MeanDepthScore { get; init; }

    /// <summary>Teams by level reached: none yet, Informing, Networking, Collaborating, Transforming.</summary>
    [Id(4)] public required IReadOnlyList<int> TeamsAtLevel { get; init; }
}

/// <summary>An SPDG-style measure: numerator over denominator, as a percent (one decimal; absent with no teams).</summary>
[GenerateSerializer, Immutable]
public sealed record FidelityMeasure
{
    [Id(0)] public required SustainedDepthCriterion Criterion { get; init; }

    /// <summary>Teams meeting the criterion now.</summary>
    [Id(1)] public required int Numerator { get; init; }

    /// <summary>The initiative's teams.</summary>
    [Id(2)] public required int Denominator { get; init; }

    [Id(3)] public decimal? Percent { get; init; }

    [Id(4)] public required IReadOnlyList<string> TeamIds { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record OutcomeLine
{
    [Id(0)] public required string StoryId { get; init; }

    [Id(1)] public required string StoryTitle { get; init; }

    [Id(2)] public string? TeamId { get; init; }

    [Id(3)] public required DateTimeOffset PublishedAt { get; init; }

    [Id(4)] public required string Measure { get; init; }

    [Id(5)] public decimal? Baseline { get; init; }

    [Id(6)] public decimal? Result { get; init; }

    [Id(7)] public string? Unit { get; init; }

    [Id(8)] public string? Period { get; init; }

    [Id(9)] public string? Population { get; init; }

    [Id(10)] public string? Source { get; init; }
}

/// <summary>The evidence's arithmetic, from its parts as read.</summary>
public static class EvidenceRules
{
    /// <summary>The period from two quarter keys (each checked; <paramref name="to"/> not before <paramref name="from"/>, at most 12 quarters).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Period(string? from, string? to)
    {
        var (start, _) = ReportRules.Quarter(from, "from");
        var (toStart, end) = ReportRules.Quarter(to, "to");
        if (toStart < start)
        {
            throw Errors.DomainValidationException.For("to", "'to' must not be before 'from'.");
        }

        if (start.AddYears(3) < end)
        {
            throw Errors.DomainValidationException.For("to", "A period is at most 12 quarters.");
        }

        return (start, end);
    }

    /// <summary>Numerator over denominator in percent, one decimal (half away from zero); <c>null</c> over 0.</summary>
    public static decimal? Percent(int numerator, int denominator) =>
        denominator == 0 ? null : Math.Round(100m * numerator / denominator, 1, MidpointRounding.AwayFromZero);

    public static IReadOnlyList<TopicCount> Topics(IEnumerable<EvidenceConvening> convenings)
    {
        var list = convenings.ToList();
        return [.. Enum.GetValues<SppAprTopic>().Select(t => new TopicCount { Topic = t, Convenings = list.Count(c => c.SppAprTopics.Contains(t)) })];
    }

    /// <summary>The depth spread per habit from the state view: now, and each quarter of the period it holds.</summary>
    public static IReadOnlyList<HabitSpread> Spread(RollUpView view, DateTimeOffset start, DateTimeOffset end)
    {
        static HabitSpread Line(string period, DimensionSummary d) => new()
        {
            Period = period,
            Habit = d.Habit,
            TeamsRated = d.TeamsRated,
            MeanDepthScore = d.MeanDepthScore,
            TeamsAtLevel = d.TeamsAtLevel,
        };

        var quarters = view.Quarters.Where(q => ReportRules.Quarter(q.Quarter).Start >= start && ReportRules.Quarter(q.Quarter).Start < end);
        return [.. view.Habits.Select(h => Line(TallyKeys.Now, h)), .. quarters.OrderBy(q => q.Quarter, StringComparer.Ordinal).SelectMany(q => q.Habits.Select(h => Line(q.Quarter, h)))];
    }

    /// <summary>The sustained-depth measure from the dashboard's action lists (their one definition of the criterion).</summary>
    public static FidelityMeasure Sustained(AttentionLists lists) => new()
    {
        Criterion = lists.Criterion,
        Numerator = lists.Sustained.Count,
        Denominator = lists.Teams,
        Percent = Percent(lists.Sustained.Count, lists.Teams),
        TeamIds = [.. lists.Sustained.Select(t => t.TeamId)],
    };
}
