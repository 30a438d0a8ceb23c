namespace LbcCommunity.Rubrics;

/// <summary>
/// Version 1 of every tenant's rubric: the Leading by Convening depth-of-interaction rubric, four rows per habit.
/// The Coalescing Around Issues cells are the IDEA Partnership's; the other habits' cells are written in the same
/// voice, each level one step deeper (sharing, exchanging, engaging, committing to consensus).
/// </summary>
public static class DefaultRubric
{
    public const int Version = 1;

    public const string Name = "Leading by Convening — depth of interaction";

    /// <summary>The default rubric, published at the given time (the tenant's creation).</summary>
    public static RubricVersion Create(DateTimeOffset publishedAt) => new()
    {
        Version = Version,
        Name = Name,
        Description = "The default rubric of the IDEA Partnership's Leading by Convening blueprint.",
        Rows = Rows,
        PublishedAt = publishedAt,
    };

    /// <summary>The twelve default rows.</summary>
    public static IReadOnlyList<RubricRow> Rows { get; } =
    [
        Row("acknowledging-diversity", Habit.CoalescingAroundIssues,
            "Acknowledging and valuing diversity", "Reconocer y valorar la diversidad",
            "A core group of interested stakeholders disseminates information to potentially interested stakeholders, across roles, to inform them about issues and invite them into the discussion.",
            "Stakeholders from diverse roles exchange ideas and resources with one another. Clarification of role-specific vocabulary is at beginning stages. Outreach to others with a specific focus on roles not yet involved continues.",
            "Diverse stakeholders engage in dialogue about issues. Differences are acknowledged and explored. A common vocabulary begins to emerge.",
            "Diverse stakeholders with diverse perspectives are engaged through multiple ways in active collaborative dialogue about issues in order to reach consensus about priorities and future research, policy and practice opportunities."),
        Row("relevant-data", Habit.CoalescingAroundIssues,
            "Researching and agreeing on relevant data", "Investigar y acordar datos relevantes",
            "Personal and professional experiences (anecdotal) are the primary source of evidence for consideration.",
            "Stakeholders consider what other data beyond personal stories could be a source of evidence and begin collecting relevant data and resources.",
            "Stakeholders identify relevant data from across disciplines and examine for common themes for understanding (collective analysis).",
            "Through consensus, stakeholders agree on the anecdotal and research data from various perspectives and sources relevant to the issue."),
        Row("consensus-decisions", Habit.CoalescingAroundIssues,
            "Decision making through consensus", "Toma de decisiones por consenso",
            "Core group identifies an issue of importance.",
            "Stakeholders contribute to the discussion, bringing in other perspectives.",
            "Stakeholders contribute to and create a shared vocabulary. They reach across systems to review, critique and revise and/or confirm the issue to be addressed.",
            "Through consensus, stakeholders determine the specific aspects of the issue that the group will move forward to influence."),
        Row("future-work", Habit.CoalescingAroundIssues,
            "Coalescing to move to future work together", "Unirse para avanzar juntos en el trabajo futuro",
            "Core group intentionally shares with others, who are not already stakeholders, the reason for caring about this issue, meeting one-on-one with targeted persons, organizations, etc.",
            "Stakeholders are intentional about inviting new members into the group work and being purposeful in getting the people in the same room to work together.",
            "Stakeholders develop grounding documents (mission, vision, guiding principles and ground rules). Stakeholders develop and agree on a process of continued communication that fits their needs.",
            "Through consensus, stakeholders develop a set of actionable goals that define the work scope of the effort. Relationships are built for strategic advantage."),
        Row("right-stakeholders", Habit.EnsuringRelevantParticipation,
            "Identifying and engaging the right stakeholders", "Identificar e involucrar a las personas interesadas adecuadas",
            "A core group lists who is affected by the issue and sends information to those it already knows.",
            "The group maps its networks and exchanges names and contacts, asking \"who should be at the table?\" and reaching roles not yet involved, families first among them.",
            "Stakeholders from every role affected engage in planning who else must take part and reach out to them together.",
            "Through consensus, stakeholders agree who must be at the table for each part of the work, and every role, families included, is represented and heard."),
        Row("learn-the-language", Habit.EnsuringRelevantParticipation,
            "Learning the language of partners", "Aprender el lenguaje de los socios",
            "Each role shares its own terms, acronyms and initiatives with the others.",
            "Stakeholders exchange what their terms, initiatives and funding streams mean and where they overlap.",
            "Stakeholders engage in building a shared glossary and a common description of related initiatives: goal, funder, promoter and key points.",
            "Through consensus, stakeholders commit to a common language that every partner uses in and beyond the group."),
        Row("personal-value", Habit.EnsuringRelevantParticipation,
            "Creating personal and professional value (\"what's in it for me?\")", "Crear valor personal y profesional (\"¿qué gano yo?\")",
            "The group tells stakeholders why the issue matters to the initiative.",
            "Stakeholders exchange what each of them hopes to gain and to give, personally and professionally.",
            "Stakeholders engage in shaping the work so that each role finds value in it, and meetings change to meet their needs.",
            "Through consensus, stakeholders commit to work that brings lasting value to each partner, and each says what they gain from it."),
        Row("participants-to-partners", Habit.EnsuringRelevantParticipation,
            "Moving participants to partners", "Pasar de participantes a socios",
            "Stakeholders attend meetings and receive information and reports.",
            "Stakeholders exchange ideas and feedback and begin to take on small roles in the work.",
            "Stakeholders engage as co-planners and co-presenters, taking shared responsibility for parts of the work.",
            "Through consensus, stakeholders act as partners who own the outcomes and bring others into the work."),
        Row("shared-leadership", Habit.DoingTheWorkTogether,
            "Practicing shared leadership", "Ejercer un liderazgo compartido",
            "A designated leader informs the group of decisions and assigns tasks.",
            "Leaders invite ideas from members and exchange roles for parts of meetings.",
            "Members engage in leading, facilitating and deciding together; leadership moves with the task and the skills it needs.",
            "Through consensus, the group shares leadership across roles and systems, and partners with legitimacy in each system convene the work."),
        Row("convening-structure", Habit.DoingTheWorkTogether,
            "Building a structure for convening and working together", "Crear una estructura para convocar y trabajar juntos",
            "Meetings are announced and agendas are shared in advance.",
            "The group exchanges ideas on when, where and how to meet so that all roles, families among them, can take part.",
            "The group engages in building a structure together: ground rules, regular convenings, ways to work between meetings and to communicate.",
            "Through consensus, the group sustains a structure that partners own and adapt as the work grows."),
        Row("action-plan", Habit.DoingTheWorkTogether,
            "Developing and carrying out an action plan", "Elaborar y llevar a cabo un plan de acción",
            "A plan with goals and actions is shared with stakeholders.",
            "Stakeholders exchange ideas for the plan and volunteer for actions.",
            "Stakeholders engage in writing the plan together: goals, actions, owners and dates, and track it at each convening.",
            "Through consensus, partners commit to the plan and each leaves every meeting with a personal action plan."),
        Row("reflect-and-recognize", Habit.DoingTheWorkTogether,
            "Reflecting and recognizing contributions", "Reflexionar y reconocer las contribuciones",
            "Results are reported to stakeholders.",
            "Stakeholders exchange what worked and what did not, and thank contributors.",
            "Stakeholders engage in reflecting on progress together, using data, and celebrate each partner's contribution.",
            "Through consensus, partners use reflection to change practice and policy, and share their success stories with outcomes in numbers."),
    ];

    private static RubricRow Row(string id, Habit habit, string title, string titleEs, string informing, string networking, string collaborating, string transforming) => new()
    {
        Id = id,
        Habit = habit,
        Title = new Dictionary<string, string>(StringComparer.Ordinal) { ["en"] = title, ["es"] = titleEs },
        Cells =
        [
            Cell(DepthLevel.Informing, informing),
            Cell(DepthLevel.Networking, networking),
            Cell(DepthLevel.Collaborating, collaborating),
            Cell(DepthLevel.Transforming, transforming),
        ],
    };

    private static RubricCell Cell(DepthLevel level, string text) => new()
    {
        Level = level,
        Text = new Dictionary<string, string>(StringComparer.Ordinal) { ["en"] = text },
    };
}
