using System.Globalization;
using System.Text;
using LbcCommunity.Rubrics;
using LbcCommunity.Stories;

namespace LbcCommunity.Bench;

/// <summary>
/// The stories-search benchmark's data: N stories of about 2 KB of varied text (challenge, body, outcomes, quotes),
/// spread over habits, the default rubric's rows, depth changes, outcome measures, regions, communities and years, and
/// the queries (one word plus two filters) run against them. Seeded: the same arguments give the same corpus.
/// </summary>
internal sealed class StoryCorpus
{
    public const int Communities = 40;
    public const int Regions = 16;
    public const int Teams = 400;
    public static readonly int FirstYear = 2019;
    public static readonly int LastYear = 2026;

    private static readonly string[] Measures =
    [
        "Graduation rate", "Regular education graduation rate", "Special education graduation rate", "Attendance rate",
        "Chronic absenteeism", "Parent involvement", "Family engagement survey", "Reading proficiency", "Math proficiency",
        "Suspension rate", "Office discipline referrals", "Teacher turnover", "Staff retention", "IEP meeting attendance",
        "Transition plan completion", "Inclusion time", "Dropout rate", "Course completion", "Post-school employment",
        "Early literacy screening", "Students meeting or exceeding standards", "Mentor matches", "Homework completion",
        "Student engagement survey", "Referral to special education",
    ];

    private static readonly string[] Places =
    [
        "Manchester", "Macon", "Valdosta", "Albany", "Savannah", "Augusta", "Athens", "Columbus", "Dalton", "Rome",
        "Tifton", "Waycross", "Statesboro", "Thomasville", "Brunswick", "Dublin", "Americus", "Cordele", "Milledgeville",
        "Gainesville", "Carrollton", "LaGrange", "Griffin", "Newnan", "Toccoa", "Calhoun", "Cartersville", "Douglas",
        "Fitzgerald", "Vidalia", "Jesup", "Hinesville", "Bainbridge", "Moultrie", "Eastman", "Sandersville",
    ];

    private static readonly string[] Groups =
    [
        "parents", "fathers", "grandparents", "families", "teachers", "paraprofessionals", "counselors", "principals",
        "mentors", "students", "student leaders", "community partners", "faith leaders", "coaches", "bus drivers",
        "school nurses", "social workers", "district staff", "vocational rehabilitation counselors", "employers",
        "university partners", "parent mentors", "youth advocates", "school psychologists", "speech therapists",
    ];

    private static readonly string[] Actions =
    [
        "met monthly with", "invited", "listened to", "shared data with", "built trust with", "held dialogue circles with",
        "asked for feedback from", "co-designed supports with", "trained", "recognized", "surveyed", "partnered with",
        "called home to", "visited", "celebrated with", "planned the agenda with", "mapped networks with", "mentored",
    ];

    private static readonly string[] Things =
    [
        "homeroom monitors", "an academic support hour", "a mentorship program", "Fathers Being Involved", "Saturday school",
        "a transition fair", "a family resource room", "peer tutoring", "check-in check-out", "an attendance team",
        "data walls", "a reading buddies program", "a parent leadership academy", "co-teaching", "restorative circles",
        "home visits", "a graduation coach", "credit recovery", "an inclusive recess", "a job shadowing week",
        "a summer bridge", "positive behavior supports", "a bilingual family night", "a literacy night", "study hall",
    ];

    private static readonly string[] Feelings =
    [
        "defensive", "hopeful", "skeptical", "energized", "exhausted", "curious", "frustrated", "proud", "cautious",
        "welcomed", "heard", "overwhelmed", "confident", "isolated", "connected",
    ];

    private static readonly string[] Problems =
    [
        "declining scores", "absenteeism", "low parent involvement", "a low graduation rate", "high staff turnover",
        "suspensions of students with disabilities", "families who felt unwelcome", "meetings nobody attended",
        "mistrust between school and home", "students leaving without a plan", "reading gaps in the early grades",
        "few students with disabilities in general classes", "a language barrier with Spanish-speaking families",
        "transportation gaps", "a revolving door of substitutes",
    ];

    private static readonly string[] Tags =
    [
        "graduation", "attendance", "family-engagement", "fathers", "mentoring", "transition", "literacy", "math",
        "behavior", "inclusion", "retention", "rural", "urban", "secondary", "elementary", "middle-school", "spanish",
        "data", "dialogue-guide", "world-cafe", "spdg", "graduatefirst", "parent-mentors", "employment", "early-childhood",
        "discipline", "co-teaching", "leadership", "recognition", "youth-voice",
    ];

    private static readonly string[] Surnames =
    [
        "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez",
        "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White",
        "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green",
    ];

    private static readonly string[] Given =
    [
        "Alicia", "Marcus", "Denise", "Terrence", "Maria", "Luis", "Keisha", "Robert", "Angela", "Darnell", "Sofia",
        "James", "Latoya", "Carlos", "Brenda", "Andre", "Monique", "Frank", "Yolanda", "Derrick", "Tamika", "Jorge",
    ];

    private static readonly string[] Roles = ["parent mentor", "principal", "teacher", "father", "student", "counselor", "grandmother", "district coordinator"];

    /// <summary>Words a query searches for, from the corpus's own pools: common ones and rare ones.</summary>
    private static readonly string[] QueryWords =
    [
        "parents", "graduation", "mentors", "fathers", "attendance", "trust", "dialogue", "homeroom", "tutoring",
        "transition", "literacy", "consensus", "families", "teachers", "data", "reading", "behavior", "inclusion",
        "grandparents", "restorative", "bilingual", "employers", "nurses", "Manchester", "Valdosta", "Savannah",
        "Tifton", "Saturday", "summer", "recess", "coaches", "defensive", "listened", "celebrated", "survey",
    ];

    public IReadOnlyList<Story> Stories { get; }

    private StoryCorpus(IReadOnlyList<Story> stories) => Stories = stories;

    public static string CommunityId(int i) => $"cop-{i:D2}";

    public static string RegionId(int i) => $"region-{i:D2}";

    /// <summary>N stories; about 95 % published (the rest drafts, submitted or withdrawn, which no search may find).</summary>
    public static StoryCorpus Create(int count, int seed)
    {
        var random = new Random(seed);
        var rows = DefaultRubric.Rows;
        var stories = new List<Story>(count);
        for (var i = 0; i < count; i++)
        {
            T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
            var team = random.Next(Teams);
            var place = Places[team % Places.Length];
            var practised = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Pick(rows)).DistinctBy(r => r.Id).ToList();
            var depth = practised.Where(_ => random.NextDouble() < 0.6).Select(row =>
            {
                var from = (DepthLevel)random.Next(1, 4);
                var to = (DepthLevel)random.Next((int)from + 1, 5);
                var year = random.Next(FirstYear, LastYear);
                return new DepthChange
                {
                    RowId = row.Id, Habit = row.Habit, From = from, To = to,
                    Period = $"FY{year}–FY{year + 1}", FromRatingId = $"r{i}-{row.Id}-a", ToRatingId = $"r{i}-{row.Id}-b",
                };
            }).ToList();
            var measures = Enumerable.Range(0, random.Next(1, 5)).Select(_ => Pick(Measures)).Distinct().ToList();
            var outcomes = measures.Select(m =>
            {
                var baseline = Math.Round((decimal)(random.NextDouble() * 70 + 10), 1);
                return new StoryOutcome
                {
                    Measure = m, Baseline = baseline, Result = Math.Min(100, baseline + Math.Round((decimal)(random.NextDouble() * 30), 1)), Unit = "%",
                    Period = $"{random.Next(FirstYear, LastYear + 1)}–{random.Next(FirstYear, LastYear + 1) % 100:D2}",
                    Population = random.NextDouble() < 0.5 ? "students with disabilities" : Pick(Groups),
                    Source = random.NextDouble() < 0.5 ? "state longitudinal data system" : "district student information system",
                    VerifiedBy = random.NextDouble() < 0.3 ? "district data office" : null,
                };
            }).ToList();
            var problem = Pick(Problems);
            var thing = Pick(Things);
            var year = random.Next(FirstYear, LastYear + 1);
            var published = new DateTimeOffset(year, random.Next(1, 13), random.Next(1, 29), random.Next(24), random.Next(60), 0, TimeSpan.Zero);
            var status = random.NextDouble() switch
            {
                < 0.95 => StoryStatus.Published,
                < 0.97 => StoryStatus.Draft,
                < 0.99 => StoryStatus.Submitted,
                _ => StoryStatus.Withdrawn,
            };
            var author = $"{Pick(Given)} {Pick(Surnames)}";
            stories.Add(new Story
            {
                Id = $"story-{i:D5}",
                CommunityId = CommunityId(random.Next(Communities)),
                TeamId = $"team-{team:D3}",
                RegionId = RegionId(team % Regions),
                AuthorPersonId = $"person-{random.Next(2000):D4}",
                AuthorName = author,
                Title = $"How {place} turned {problem} around with {thing}",
                Summary = $"A team in {place} faced {problem}. The {Pick(Groups)} and {Pick(Groups)} {Pick(Actions)} the {Pick(Groups)}, and {measures[0].ToLowerInvariant()} moved in {year}.",
                Body = Body(random, place, problem, thing),
                Status = status,
                Visibility = random.NextDouble() switch { < 0.6 => StoryVisibility.Community, < 0.9 => StoryVisibility.State, _ => StoryVisibility.Link },
                Challenge = new StoryChallenge
                {
                    Kind = random.NextDouble() < 0.6 ? ChallengeKind.Adaptive : ChallengeKind.Technical,
                    Text = $"We faced {problem} and {Pick(Problems)}. The {Pick(Groups)} felt {Pick(Feelings)} and the {Pick(Groups)} felt {Pick(Feelings)}; nobody owned the whole picture.",
                },
                Habits = [.. practised.Select(r => r.Habit).Distinct().Order()],
                RowIds = [.. practised.Select(r => r.Id)],
                Tools = [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => (StoryTool)random.Next(1, 5)).Distinct()],
                Outcomes = outcomes,
                DepthChanges = depth,
                Quotes =
                [
                    new StoryQuote { Text = $"Together, we switched from a {Pick(Feelings)} position to a {Pick(Feelings)} one. The {Pick(Groups)} now come to us.", Who = $"{Pick(Given)} {Pick(Surnames)}", Role = Pick(Roles) },
                ],
                Tags = [.. Enumerable.Range(0, random.Next(0, 5)).Select(_ => Pick(Tags)).Distinct()],
                Version = random.Next(2, 9),
                CreatedAt = published.AddDays(-random.Next(5, 60)),
                UpdatedAt = published,
                SubmittedAt = status == StoryStatus.Draft ? null : published.AddDays(-2),
                PublishedAt = status is StoryStatus.Published or StoryStatus.Withdrawn ? published : null,
                PublishCount = status is StoryStatus.Published or StoryStatus.Withdrawn ? 1 : 0,
            });
        }

        return new StoryCorpus(stories);
    }

    /// <summary>About 1,500 characters of Markdown: the story told in paragraphs from varied sentences.</summary>
    private static string Body(Random random, string place, string problem, string thing)
    {
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"## Where we started\n\nIn {place} we had {problem}. ");
        var sentences = new Func<string>[]
        {
            () => $"The {Pick(Groups)} {Pick(Actions)} the {Pick(Groups)} every week. ",
            () => $"We started {Pick(Things)} and later {Pick(Things)}. ",
            () => $"Using the Dialogue Guide, the {Pick(Groups)} asked the {Pick(Groups)} what mattered most to them. ",
            () => $"A World Café with {random.Next(12, 120)} {Pick(Groups)} named {Pick(Problems)} as the first issue to tackle. ",
            () => $"At first the {Pick(Groups)} felt {Pick(Feelings)}; by spring they felt {Pick(Feelings)}. ",
            () => $"We looked at the data together: {Pick(Measures).ToLowerInvariant()} and {Pick(Measures).ToLowerInvariant()}. ",
            () => $"Through consensus we agreed that {Pick(Things)} was worth keeping. ",
            () => $"The team from {Pick(Places)} visited us and shared how they ran {Pick(Things)}. ",
            () => $"We recognized the {Pick(Groups)} at the board meeting in {Pick(Places)}. ",
            () => $"**What changed:** the {Pick(Groups)} now lead {Pick(Things)} themselves. ",
        };
        var headings = new[] { "What we did", "Who came to the table", "What the data showed", "What we learned", "What is next" };
        var paragraph = 0;
        while (text.Length < 1_500)
        {
            text.Append(sentences[random.Next(sentences.Length)]());
            if (random.NextDouble() < 0.2)
            {
                text.Append("\n\n## ").Append(headings[paragraph++ % headings.Length]).Append("\n\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"\n\nThe heart of it was {thing}.");
        return text.ToString();
    }

    /// <summary>One word and two filters of different kinds, as the search page sends them.</summary>
    public static IReadOnlyList<BenchQuery> Queries(int count, int seed)
    {
        var random = new Random(seed);
        var kinds = new[] { "habit", "row", "depth", "measure", "region", "year" };
        var queries = new List<BenchQuery>(count);
        while (queries.Count < count)
        {
            var a = kinds[random.Next(kinds.Length)];
            var b = kinds[random.Next(kinds.Length)];
            // The API names one row: a row filter and a depth change (which is on a row) do not go together.
            if (a == b || (a is "row" or "depth" && b is "row" or "depth"))
            {
                continue;
            }

            var query = new BenchQuery { Word = QueryWords[random.Next(QueryWords.Length)], Kinds = $"{a} + {b}" };
            foreach (var kind in new[] { a, b })
            {
                var row = DefaultRubric.Rows[random.Next(DefaultRubric.Rows.Count)];
                query = kind switch
                {
                    "habit" => query with { Habit = (Habit)random.Next(1, 4) },
                    "row" => query with { RowId = row.Id },
                    "depth" => query with { RowId = row.Id, From = (DepthLevel)random.Next(1, 4) },
                    "measure" => query with { Measure = Measures[random.Next(Measures.Length)].Split(' ')[^1].ToLowerInvariant() },
                    "region" => query with { RegionId = RegionId(random.Next(Regions)) },
                    _ => query with { Year = random.Next(FirstYear, LastYear + 1) },
                };
            }

            queries.Add(query);
        }

        return queries;
    }
}

/// <summary>A search of the benchmark: a word and two filters (the depth change from <see cref="From"/> on <see cref="RowId"/> to any deeper level).</summary>
internal sealed record BenchQuery
{
    public required string Word { get; init; }

    public required string Kinds { get; init; }

    public Habit? Habit { get; init; }

    public string? RowId { get; init; }

    public DepthLevel? From { get; init; }

    public string? Measure { get; init; }

    public string? RegionId { get; init; }

    public int? Year { get; init; }

    public StorySearchQuery ToSearch() => StoryViewers.Query(new StorySearchQuery
    {
        Text = Word, Habit = Habit, RowId = RowId, Measure = Measure, RegionId = RegionId, Year = Year, Limit = 20,
    }, From, null);

    public string ToQueryString()
    {
        var parts = new List<string> { "q=" + Uri.EscapeDataString(Word) };
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                parts.Add(name + "=" + Uri.EscapeDataString(Convert.ToString(value, CultureInfo.InvariantCulture)!));
            }
        }

        Add("habit", Habit);
        Add("rowId", RowId);
        Add("from", From);
        Add("measure", Measure);
        Add("regionId", RegionId);
        Add("year", Year);
        parts.Add("limit=20");
        return string.Join('&', parts);
    }
}
