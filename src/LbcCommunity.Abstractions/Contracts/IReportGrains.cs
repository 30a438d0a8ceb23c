using LbcCommunity.Reports;
using LbcCommunity.Tenancy;
using Orleans.Concurrency;

namespace LbcCommunity.Contracts;

/// <summary>
/// A tenant's quarterly report questions, versioned as its rubric is (a version never changes once published), and
/// its reporting calendar. Keyed by the tenant id.
/// </summary>
public interface IReportCatalogGrain : IGrainWithStringKey
{
    /// <summary>Publishes a new version, numbered one past the newest (the default is version 1).</summary>
    Task<ReportQuestionSet> Publish(ReportQuestionSetDraft draft);

    /// <summary>A published version; not found when it does not exist. The default is version 1 until another is published.</summary>
    [AlwaysInterleave]
    Task<ReportQuestionSet> GetVersion(int version);

    /// <summary>The newest version.</summary>
    [AlwaysInterleave]
    Task<ReportQuestionSet> Latest();

    [AlwaysInterleave]
    Task<IReadOnlyList<ReportQuestionSet>> List();

    [AlwaysInterleave]
    Task<ReportSettings> GetSettings();

    Task<ReportSettings> SetSettings(ReportSettingsDraft draft);
}

/// <summary>
/// A team's report for one calendar quarter. Key: <c>{tenant}/{team}/{yyyy-Qn}</c> (<see cref="KeyOf"/>). Nothing is
/// stored until the team saves answers; until then it reads as a draft with the quarter's facts.
/// </summary>
public interface IQuarterlyReportGrain : IGrainWithStringKey
{
    /// <summary>The report with its facts (computed now while a draft or returned; as submitted otherwise). Not found for a team that does not exist.</summary>
    Task<QuarterlyReport> Read();

    /// <summary>Replaces the answers (a draft or a returned report only).</summary>
    Task<QuarterlyReport> SaveAnswers(ReportAnswersDraft draft, string by);

    /// <summary>Submits with every question answered (with <paramref name="draft"/>'s answers when given), freezing the facts.</summary>
    Task<QuarterlyReport> Submit(ReportAnswersDraft? draft, string by);

    /// <summary>The coordinator's review of a submitted report: accepted, or returned with a comment.</summary>
    Task<QuarterlyReport> Review(ReviewDraft draft, string by);

    /// <summary>The line of the submission table, without computing facts.</summary>
    [AlwaysInterleave]
    Task<ReportStatusLine?> GetStatus();

    public static string KeyOf(string tenantId, string teamId, string quarter) => GrainKeys.Of(tenantId, teamId, quarter);
}

/// <summary>
/// Reads across an initiative's teams for reporting: the submission table and the SPDG / SPP-APR evidence. Keyed by
/// <c>{tenant}/{initiative}</c>; stores nothing (a stateless worker).
/// </summary>
public interface IInitiativeReportsGrain : IGrainWithStringKey
{
    /// <summary>Every enrolled team's report status for the quarter (of one region with <paramref name="regionId"/>), by team name.</summary>
    Task<ReportStatusTable> Status(string quarter, string? regionId);

    /// <summary>The evidence for the period of calendar quarters from <paramref name="firstQuarter"/> to <paramref name="lastQuarter"/> (both included).</summary>
    Task<EvidenceReport> Evidence(string firstQuarter, string lastQuarter);
}
