using LbcCommunity.Rubrics;

namespace LbcCommunity.Stories;

/// <summary>Where a story's challenge sits, in Leading by Convening's words.</summary>
public enum ChallengeKind
{
    /// <summary>A problem with a known answer that experts can apply.</summary>
    Technical = 1,

    /// <summary>A problem whose answer needs the people who have it to learn and change together.</summary>
    Adaptive = 2,
}

/// <summary>The Leading by Convening tools a team used.</summary>
public enum StoryTool
{
    WorldCafe = 1,
    DialogueGuide = 2,
    FourSimpleQuestions = 3,
    ConsensusBuilding = 4,

    /// <summary>Another tool, named in <see cref="StoryDraft.OtherTool"/>.</summary>
    Other = 5,
}

/// <summary>Where a story is in its life: draft → submitted → published, or withdrawn.</summary>
public enum StoryStatus
{
    Draft = 1,
    Submitted = 2,
    Published = 3,
    Withdrawn = 4,
}

/// <summary>What the author or a facilitator does to a story's status (<see cref="StoryRules.Transition"/>).</summary>
public enum StoryAction
{
    /// <summary>The author sends a draft for review; an author trusted in the community publishes it directly.</summary>
    Submit = 1,

    /// <summary>A facilitator of the community publishes a submitted story.</summary>
    Publish = 2,

    /// <summary>A facilitator returns a submitted story to its author as a draft, with a comment.</summary>
    Return = 3,

    /// <summary>The author or a facilitator takes a story back (from submitted or published).</summary>
    Withdraw = 4,

    /// <summary>The author opens a withdrawn story again as a draft.</summary>
    Reopen = 5,
}

/// <summary>The small set of reactions a reader may leave on a published story (one of each per person).</summary>
public enum StoryReaction
{
    Thanks = 1,
    Inspiring = 2,
    WillTry = 3,
}

/// <summary>The challenge the team faced.</summary>
[GenerateSerializer, Immutable]
public sealed record StoryChallenge
{
    [Id(0)] public ChallengeKind? Kind { get; init; }

    [Id(1)] public string? Text { get; init; }
}

/// <summary>An outcome in numbers: a measure from a baseline to a result, for a population, from a source.</summary>
[GenerateSerializer, Immutable]
public sealed record StoryOutcome
{
    /// <summary>What was measured ("Graduation rate, regular education").</summary>
    [Id(0)] public string? Measure { get; init; }

    [Id(1)] public decimal? Baseline { get; init; }

    [Id(2)] public decimal? Result { get; init; }

    /// <summary>"%", "students", "days"…</summary>
    [Id(3)] public string? Unit { get; init; }

    /// <summary>When ("4th year", "2019–20").</summary>
    [Id(4)] public string? Period { get; init; }

    /// <summary>The population or subgroup ("students with disabilities").</summary>
    [Id(5)] public string? Population { get; init; }

    /// <summary>Where the numbers come from ("Georgia DOE graduation report").</summary>
    [Id(6)] public string? Source { get; init; }

    /// <summary>Who checked them (a person or an office).</summary>
    [Id(7)] public string? VerifiedBy { get; init; }
}

/// <summary>A quote, and who said it.</summary>
[GenerateSerializer, Immutable]
public sealed record StoryQuote
{
    [Id(0)] public string? Text { get; init; }

    [Id(1)] public string? Who { get; init; }

    [Id(2)] public string? Role { get; init; }
}

/// <summary>A depth change the author asks for: a row, and optionally the levels; the server reads it from the team's consensus ratings.</summary>
[GenerateSerializer, Immutable]
public sealed record DepthChangeDraft
{
    [Id(0)] public string? RowId { get; init; }

    /// <summary>Optional: the level the team started at; the team's first consensus rating of the row when absent.</summary>
    [Id(1)] public DepthLevel? From { get; init; }

    /// <summary>Optional: the level it reached; the team's latest consensus rating of the row when absent.</summary>
    [Id(2)] public DepthLevel? To { get; init; }
}

/// <summary>A depth change read from the team's own consensus ratings: on a row, from a level to a deeper one, over a period.</summary>
[GenerateSerializer, Immutable]
public sealed record DepthChange
{
    [Id(0)] public required string RowId { get; init; }

    [Id(1)] public required Habit Habit { get; init; }

    [Id(2)] public required DepthLevel From { get; init; }

    [Id(3)] public required DepthLevel To { get; init; }

    /// <summary>The fiscal years of the two ratings: <c>FY2026</c>, or <c>FY2025–FY2026</c>.</summary>
    [Id(4)] public required string Period { get; init; }

    /// <summary>The consensus rating the change starts from.</summary>
    [Id(5)] public required string FromRatingId { get; init; }

    /// <summary>The consensus rating the change ends at.</summary>
    [Id(6)] public required string ToRatingId { get; init; }
}

/// <summary>What the author sends to write or change a story (every field is checked by <see cref="StoryRules.Validate(StoryDraft)"/>).</summary>
[GenerateSerializer, Immutable]
public sealed record StoryDraft
{
    /// <summary>Optional id (a slug) when creating; generated when absent.</summary>
    [Id(0)] public string? Id { get; init; }

    [Id(1)] public string? Title { get; init; }

    /// <summary>Plain text, shown in lists and search results.</summary>
    [Id(2)] public string? Summary { get; init; }

    /// <summary>The story itself, in Markdown.</summary>
    [Id(3)] public string? Body { get; init; }

    /// <summary>Who may read it once published; <see cref="StoryVisibility.Community"/> when absent.</summary>
    [Id(4)] public StoryVisibility? Visibility { get; init; }

    /// <summary>The author's team, when the story is a team's: its region and its depth changes come from it.</summary>
    [Id(5)] public string? TeamId { get; init; }

    [Id(6)] public StoryChallenge? Challenge { get; init; }

    [Id(7)] public IReadOnlyList<Habit>? Habits { get; init; }

    /// <summary>The rubric rows (elements) the team practised.</summary>
    [Id(8)] public IReadOnlyList<string>? RowIds { get; init; }

    [Id(9)] public IReadOnlyList<StoryTool>? Tools { get; init; }

    /// <summary>The other tool's name, when <see cref="Tools"/> holds <see cref="StoryTool.Other"/>.</summary>
    [Id(10)] public string? OtherTool { get; init; }

    [Id(11)] public IReadOnlyList<StoryOutcome>? Outcomes { get; init; }

    /// <summary>Rows whose depth change the story shows; needs <see cref="TeamId"/>.</summary>
    [Id(12)] public IReadOnlyList<DepthChangeDraft>? DepthChanges { get; init; }

    [Id(13)] public IReadOnlyList<StoryQuote>? Quotes { get; init; }

    /// <summary>Lower-case slugs ("graduation", "family-engagement").</summary>
    [Id(14)] public IReadOnlyList<string>? Tags { get; init; }
}

/// <summary>A file attached to a story (the bytes live in the attachment store).</summary>
[GenerateSerializer, Immutable]
public sealed record StoryAttachment
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string FileName { get; init; }

    /// <summary>The type read from the content: image/png, image/jpeg, image/gif, image/webp or application/pdf.</summary>
    [Id(2)] public required string ContentType { get; init; }

    [Id(3)] public required long SizeBytes { get; init; }

    [Id(4)] public required DateTimeOffset AddedAt { get; init; }

    /// <summary>What the picture shows (required for images; a PDF's description when given).</summary>
    [Id(5)] public string? AltText { get; init; }
}

/// <summary>A success story of a community of practice, as stored by its grain and sent over the wire.</summary>
[GenerateSerializer, Immutable]
public sealed record Story
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string CommunityId { get; init; }

    [Id(2)] public string? TeamId { get; init; }

    /// <summary>The team's region, when a team is named.</summary>
    [Id(3)] public string? RegionId { get; init; }

    [Id(4)] public required string AuthorPersonId { get; init; }

    [Id(5)] public required string AuthorName { get; init; }

    [Id(6)] public required string Title { get; init; }

    [Id(7)] public string? Summary { get; init; }

    /// <summary>The Markdown source.</summary>
    [Id(8)] public string? Body { get; init; }

    [Id(9)] public required StoryStatus Status { get; init; }

    [Id(10)] public required StoryVisibility Visibility { get; init; }

    [Id(11)] public StoryChallenge? Challenge { get; init; }

    [Id(12)] public IReadOnlyList<Habit> Habits { get; init; } = [];

    [Id(13)] public IReadOnlyList<string> RowIds { get; init; } = [];

    [Id(14)] public IReadOnlyList<StoryTool> Tools { get; init; } = [];

    [Id(15)] public string? OtherTool { get; init; }

    [Id(16)] public IReadOnlyList<StoryOutcome> Outcomes { get; init; } = [];

    [Id(17)] public IReadOnlyList<DepthChange> DepthChanges { get; init; } = [];

    [Id(18)] public IReadOnlyList<StoryQuote> Quotes { get; init; } = [];

    [Id(19)] public IReadOnlyList<string> Tags { get; init; } = [];

    [Id(20)] public IReadOnlyList<StoryAttachment> Attachments { get; init; } = [];

    /// <summary>Counts per reaction of a published story.</summary>
    [Id(21)] public IReadOnlyDictionary<StoryReaction, int> Reactions { get; init; } = new Dictionary<StoryReaction, int>();

    [Id(22)] public int CommentCount { get; init; }

    /// <summary>A facilitator's comment when the story was returned to its author as a draft.</summary>
    [Id(23)] public string? ReviewComment { get; init; }

    /// <summary>The secret of the story's link (<see cref="StoryVisibility.Link"/>); shown only to its author, facilitators and state staff.</summary>
    [Id(24)] public string? ShareToken { get; init; }

    /// <summary>Goes up by one at every change; the search index keeps the version it holds.</summary>
    [Id(25)] public required long Version { get; init; }

    [Id(26)] public required DateTimeOffset CreatedAt { get; init; }

    [Id(27)] public required DateTimeOffset UpdatedAt { get; init; }

    [Id(28)] public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>When it was (last) published.</summary>
    [Id(29)] public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>How many times it was published (the first time, or again after a withdrawal).</summary>
    [Id(30)] public int PublishCount { get; init; }

    /// <summary>The reactions the reader left (filled per reader).</summary>
    [Id(31)] public IReadOnlyList<StoryReaction> MyReactions { get; init; } = [];

    /// <summary>The Markdown body rendered and sanitized, filled by the host for the reader.</summary>
    [Id(32)] public string? BodyHtml { get; init; }
}

/// <summary>A comment under a published story.</summary>
[GenerateSerializer, Immutable]
public sealed record StoryComment
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string AuthorPersonId { get; init; }

    [Id(2)] public required string AuthorName { get; init; }

    [Id(3)] public required string Text { get; init; }

    [Id(4)] public required DateTimeOffset At { get; init; }

    /// <summary>When its writer last changed the text; absent for a comment never edited.</summary>
    [Id(5)] public DateTimeOffset? EditedAt { get; init; }
}

/// <summary>A change of status: the action, and the comment a return needs.</summary>
[GenerateSerializer, Immutable]
public sealed record StoryTransition
{
    [Id(0)] public StoryAction? Action { get; init; }

    [Id(1)] public string? Comment { get; init; }
}

/// <summary>A comment as sent.</summary>
[GenerateSerializer, Immutable]
public sealed record StoryCommentDraft
{
    [Id(0)] public string? Text { get; init; }
}

/// <summary>
/// Who reads or acts on a story, as the host read it from the caller's token: their person id, their communities and
/// teams, and whether they are state staff. The story's grain decides with it (<see cref="StoryRules.CanRead"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StoryViewer
{
    [Id(0)] public required string PersonId { get; init; }

    [Id(1)] public required string DisplayName { get; init; }

    [Id(2)] public bool IsStateAdmin { get; init; }

    /// <summary>A person of the tenant (not a guest or integration): reads state- and link-visible stories.</summary>
    [Id(3)] public bool IsTenantPerson { get; init; }

    /// <summary>Communities the person is a member or facilitator of.</summary>
    [Id(4)] public IReadOnlyList<string> CommunityIds { get; init; } = [];

    [Id(5)] public IReadOnlyList<string> FacilitatedCommunityIds { get; init; } = [];

    /// <summary>Teams the person is on (member or facilitator).</summary>
    [Id(6)] public IReadOnlyList<string> TeamIds { get; init; } = [];

    /// <summary>Anyone holding the story's link, signed in or not: reads a published link-visible story.</summary>
    public static StoryViewer Anonymous { get; } = new() { PersonId = "", DisplayName = "" };
}
