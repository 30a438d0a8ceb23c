using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.Reports;
using LbcCommunity.RollUps;
using LbcCommunity.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace LbcCommunity.Grains.Reports;

[GenerateSerializer]
internal sealed class QuarterlyReportState
{
    [Id(0)] public bool Stored { get; set; }

    [Id(1)] public ReportStatus Status { get; set; } = ReportStatus.Draft;

    [Id(2)] public int QuestionsVersion { get; set; }

    [Id(3)] public List<ReportAnswer> Answers { get; set; } = [];

    /// <summary>The facts as they were at the latest submission.</summary>
    [Id(4)] public QuarterFacts? Facts { get; set; }

    [Id(5)] public DateTimeOffset? SubmittedAt { get; set; }

    [Id(6)] public string? ReviewComment { get; set; }

    [Id(7)] public List<ReportEvent> History { get; set; } = [];

    [Id(8)] public int Version { get; set; }
}

/// <summary>
/// A team's quarterly report: its answers and status stored here; its facts read from the team's convenings and
/// ratings (<see cref="ReportFacts"/>) while it is being written, and kept as they were when it was submitted.
/// </summary>
internal sealed class QuarterlyReportGrain(
    [PersistentState("quarterlyReport", StorageNames.Grains)] IPersistentState<QuarterlyReportState> state,
    IGrainFactory grains,
    [FromKeyedServices(DomainClock.Key)] TimeProvider time) : PersistentGrain<QuarterlyReportState>(state), IQuarterlyReportGrain
{
    private string Key => this.GetPrimaryKeyString();

    private string TenantId => GrainKeys.TenantOf(Key);

    private string TeamId => GrainKeys.LocalIdOf(Key).Split(GrainKeys.Separator)[0];

    private string Quarter => GrainKeys.LocalIdOf(Key).Split(GrainKeys.Separator)[1];

    private ITeamGrain TeamGrain => grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, TeamId));

    private IReportCatalogGrain Catalog => grains.GetGrain<IReportCatalogGrain>(TenantId);

    public async Task<QuarterlyReport> Read() => await View(await RequireTeam());

    public async Task<QuarterlyReport> SaveAnswers(ReportAnswersDraft draft, string by)
    {
        var team = await RequireTeam();
        ReportRules.RequireEditable(State.Status);
        var questions = await Questions();
        var answers = ReportRules.Answers(draft, questions);
        Apply(questions, answers, State.Status, by, comment: null);
        await Save();
        return await View(team);
    }

    public async Task<QuarterlyReport> Submit(ReportAnswersDraft? draft, string by)
    {
        var team = await RequireTeam();
        ReportRules.RequireEditable(State.Status);
        var questions = await Questions();
        var answers = draft?.Answers is null ? State.Answers : ReportRules.Answers(draft, questions);
        ReportRules.RequireComplete(answers, questions);
        var facts = await Facts();
        Apply(questions, answers, ReportStatus.Submitted, by, comment: null);
        State.Facts = facts;
        State.SubmittedAt ??= time.GetUtcNow();
        await Save();
        return await View(team);
    }

    public async Task<QuarterlyReport> Review(ReviewDraft draft, string by)
    {
        var team = await RequireTeam();
        var decision = ReportRules.Validate(draft);
        ReportRules.RequireSubmitted(State.Status);
        var comment = string.IsNullOrWhiteSpace(draft.Comment) ? null : draft.Comment.Trim();
        Apply(await Questions(), State.Answers, decision == ReviewDecision.Accept ? ReportStatus.Accepted : ReportStatus.Returned, by, comment);
        State.ReviewComment = comment;
        await Save();
        return await View(team);
    }

    public async Task<ReportStatusLine?> GetStatus()
    {
        if (await TeamGrain.TryGet() is not { } team)
        {
            return null;
        }

        var due = ReportRules.DueAt(ReportRules.Quarter(Quarter).End, (await Catalog.GetSettings()).DueDaysAfterQuarterEnd);
        return new ReportStatusLine
        {
            TeamId = team.Id,
            TeamName = team.Name,
            RegionId = team.RegionId,
            Status = State.Status,
            Started = State.Stored,
            SubmittedAt = State.SubmittedAt,
            Late = ReportRules.IsLate(State.SubmittedAt, due, time.GetUtcNow()),
            ReviewComment = State.ReviewComment,
        };
    }

    private void Apply(ReportQuestionSet questions, IReadOnlyList<ReportAnswer> answers, ReportStatus status, string by, string? comment)
    {
        State.Stored = true;
        State.QuestionsVersion = questions.Version;
        State.Answers = [.. answers];
        State.Status = status;
        State.Version++;
        State.History.Add(new ReportEvent { Status = status, At = time.GetUtcNow(), By = by, Comment = comment });
    }

    private async Task<Team> RequireTeam()
    {
        ReportRules.Quarter(Quarter);
        return await TeamGrain.TryGet() ?? throw new EntityNotFoundException("Team", TeamId);
    }

    /// <summary>The report's question version: the one it was started with, else the tenant's newest.</summary>
    private Task<ReportQuestionSet> Questions() => State.Stored ? Catalog.GetVersion(State.QuestionsVersion) : Catalog.Latest();

    private async Task<QuarterFacts> Facts()
    {
        var (start, end) = ReportRules.Quarter(Quarter);
        var listings = await grains.GetGrain<IConveningIndexGrain>(IConveningIndexGrain.KeyOf(TenantId, ConveningOwnerKind.Team, TeamId)).List(null);
        var summaries = await Task.WhenAll(listings
            .Where(l => l.Status != ConveningStatus.Planned)
            .Select(l => grains.GetGrain<IConveningGrain>(GrainKeys.Of(TenantId, l.Id)).GetSummary()));
        var ratings = await TeamGrain.ListRatings(RatingKind.Consensus);
        var actions = await grains.GetGrain<IActionPlanGrain>(ActionPlanKeys.Of(TenantId, ConveningOwnerKind.Team, TeamId))
            .Facts(DateOnly.FromDateTime(start.UtcDateTime), DateOnly.FromDateTime(end.UtcDateTime));
        return ReportFacts.Of(summaries, ratings, start, end, time.GetUtcNow(), actions);
    }

    private async Task<QuarterlyReport> View(Team team)
    {
        var (_, end) = ReportRules.Quarter(Quarter);
        var settings = await Catalog.GetSettings();
        var tenant = await grains.GetGrain<ITenantGrain>(TenantId).TryGet();
        var frozen = State.Status is ReportStatus.Submitted or ReportStatus.Accepted && State.Facts is not null;
        var due = ReportRules.DueAt(end, settings.DueDaysAfterQuarterEnd);
        return new QuarterlyReport
        {
            TeamId = team.Id,
            TeamName = team.Name,
            RegionId = team.RegionId,
            InitiativeId = team.InitiativeId,
            Quarter = Quarter,
            FiscalQuarter = FiscalCalendar.OfQuarter(Quarter, tenant?.FiscalYearStartMonth ?? FiscalCalendar.DefaultStartMonth).FiscalQuarter,
            Status = State.Status,
            Stored = State.Stored,
            Questions = await Questions(),
            Answers = State.Answers,
            Facts = frozen ? State.Facts! : await Facts(),
            DueAt = due,
            SubmittedAt = State.SubmittedAt,
            Late = ReportRules.IsLate(State.SubmittedAt, due, time.GetUtcNow()),
            ReviewComment = State.ReviewComment,
            History = State.History,
            Version = State.Version,
        };
    }
}
