using LbcCommunity.Rubrics;

namespace LbcCommunity.Reports;

/// <summary>One question of a quarterly report, asked under a depth level, in English and Spanish.</summary>
[GenerateSerializer, Immutable]
public sealed record ReportQuestion
{
    /// <summary>Stable within the version (<c>informing-1</c>): answers name it.</summary>
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required DepthLevel Level { get; init; }

    /// <summary>The question by language (<c>en</c> required; <c>es</c> as the tenant gives it).</summary>
    [Id(2)] public required IReadOnlyDictionary<string, string> Text { get; init; }
}

/// <summary>A published version of a tenant's quarterly report questions. Never changes once published.</summary>
[GenerateSerializer, Immutable]
public sealed record ReportQuestionSet
{
    [Id(0)] public required int Version { get; init; }

    [Id(1)] public required string Name { get; init; }

    [Id(2)] public required IReadOnlyList<ReportQuestion> Questions { get; init; }

    [Id(3)] public required DateTimeOffset PublishedAt { get; init; }
}

/// <summary>What a state admin sends to publish a new version of the questions.</summary>
[GenerateSerializer, Immutable]
public sealed record ReportQuestionSetDraft
{
    [Id(0)] public string? Name { get; init; }

    [Id(1)] public IReadOnlyList<ReportQuestionDraft>? Questions { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record ReportQuestionDraft
{
    [Id(0)] public string? Id { get; init; }

    [Id(1)] public DepthLevel? Level { get; init; }

    [Id(2)] public IReadOnlyDictionary<string, string>? Text { get; init; }
}

/// <summary>The tenant's reporting calendar: a quarter's report is due this many days after the quarter ends.</summary>
[GenerateSerializer, Immutable]
public sealed record ReportSettings
{
    /// <summary>Georgia's default: 15 days after the quarter's last day.</summary>
    public const int DefaultDueDays = 15;

    [Id(0)] public int DueDaysAfterQuarterEnd { get; init; } = DefaultDueDays;
}

[GenerateSerializer, Immutable]
public sealed record ReportSettingsDraft
{
    [Id(0)] public int? DueDaysAfterQuarterEnd { get; init; }
}

/// <summary>
/// The default questions: the Georgia Parent Mentor Partnership's guidance on the Leading by Convening question of
/// the quarterly reporting form, two questions under each depth level (seed <c>001_…</c>), with Spanish of our own.
/// </summary>
public static class DefaultReportQuestions
{
    public const int Version = 1;

    /// <summary>The default is the same for every tenant: published with the product's reports (December 2026).</summary>
    public static readonly DateTimeOffset PublishedAt = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public const string Name = "Leading by Convening: the four depths (Georgia Parent Mentor Partnership guidance)";

    public static ReportQuestionSet Create(DateTimeOffset publishedAt) => new()
    {
        Version = Version,
        Name = Name,
        PublishedAt = publishedAt,
        Questions =
        [
            Q("informing-1", DepthLevel.Informing, "Who will receive the information?", "¿Quién recibirá la información?"),
            Q("informing-2", DepthLevel.Informing,
                "How is the research on family engagement helpful in communicating adaptive solutions or improving partnerships involving families?",
                "¿De qué manera ayuda la investigación sobre la participación familiar a comunicar soluciones adaptativas o a mejorar las alianzas con las familias?"),
            Q("networking-1", DepthLevel.Networking, "What can you learn from parent responses using surveys?",
                "¿Qué puede aprender de las respuestas de los padres en las encuestas?"),
            Q("networking-2", DepthLevel.Networking,
                "Do you have concerns with asking stakeholders difficult questions in order to facilitate discussions around issues?",
                "¿Le preocupa hacer preguntas difíciles a las partes interesadas para facilitar el diálogo sobre los temas?"),
            Q("collaborating-1", DepthLevel.Collaborating, "What community or district campaign does your work most align with?",
                "¿Con qué campaña de la comunidad o del distrito se alinea más su trabajo?"),
            Q("collaborating-2", DepthLevel.Collaborating, "What kind of relationship will you need with partners and families to accomplish your goals?",
                "¿Qué tipo de relación necesitará con sus socios y las familias para lograr sus metas?"),
            Q("transforming-1", DepthLevel.Transforming, "How will you ensure all partners walk away with a personal action plan after team meetings?",
                "¿Cómo se asegurará de que todos los socios salgan de las reuniones del equipo con un plan de acción personal?"),
            Q("transforming-2", DepthLevel.Transforming,
                "Do you and your partners reflect on success stories in order to motivate action and promote success of your planned work?",
                "¿Reflexionan usted y sus socios sobre historias de éxito para motivar la acción y promover el éxito del trabajo planificado?"),
        ],
    };

    private static ReportQuestion Q(string id, DepthLevel level, string en, string es) =>
        new() { Id = id, Level = level, Text = new Dictionary<string, string>(StringComparer.Ordinal) { ["en"] = en, ["es"] = es } };
}
