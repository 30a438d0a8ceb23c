using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary>
/// Quarterly reports (<c>…/teams/{teamId}/reports/{quarter}</c>), their questions and calendar, the coordinator's and
/// the state's submission tables, and results going back to stakeholders after a convening (docs/reports.md).
/// </summary>
internal static class ReportsEndpoints
{
    public static void MapReports(this RouteGroupBuilder tenant)
    {
        var questions = tenant.MapGroup("/report-questions").WithTags("Reports");
        questions.MapGet("/", async Task<Ok<IReadOnlyList<ReportQuestionSet>>> (string tenantId, IGrainFactory grains) =>
            TypedResults.Ok(await Catalog(grains, tenantId).List()))
        .WithName("ListReportQuestionVersions")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("The published versions of the quarterly report questions; version 1 is the default (the four depth levels' questions).");

        questions.MapGet("/{version:int}", async Task<Ok<ReportQuestionSet>> (string tenantId, int version, IGrainFactory grains) =>
            TypedResults.Ok(await Catalog(grains, tenantId).GetVersion(version)))
        .WithName("GetReportQuestionVersion")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("One published version of the report questions.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        questions.MapPost("/", async Task<Created<ReportQuestionSet>> (string tenantId, ReportQuestionSetDraft draft, IGrainFactory grains) =>
        {
            _ = ReportRules.ToQuestions(draft);
            var version = await Catalog(grains, tenantId).Publish(draft);
            return TypedResults.Created($"/api/tenants/{tenantId}/report-questions/{version.Version}", version);
        })
        .WithName("PublishReportQuestions")
        .RequireAccess(AccessRule.StateAdmin)
        .WithSummary("Publish a new version of the report questions; reports already started keep the version they began with.")
        .ProducesValidationProblem();

        tenant.MapGet("/report-settings", async Task<Ok<ReportSettings>> (string tenantId, IGrainFactory grains) =>
            TypedResults.Ok(await Catalog(grains, tenantId).GetSettings()))
        .WithTags("Reports")
        .WithName("GetReportSettings")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("When a quarter's report is due: dueDaysAfterQuarterEnd (15 unless the state sets it).");

        tenant.MapPut("/report-settings", async Task<Ok<ReportSettings>> (string tenantId, ReportSettingsDraft draft, IGrainFactory grains) =>
        {
            ReportRules.Validate(draft);
            return TypedResults.Ok(await Catalog(grains, tenantId).SetSettings(draft));
        })
        .WithTags("Reports")
        .WithName("SetReportSettings")
        .RequireAccess(AccessRule.StateAdmin)
        .WithSummary("Set how many days after a quarter's end its report is due (0–365).")
        .ProducesValidationProblem();

        var report = tenant.MapGroup("/teams/{teamId}/reports/{quarter}").WithTags("Reports");
        report.MapGet("/", async Task<Ok<QuarterlyReport>> (string tenantId, string teamId, string quarter, IGrainFactory grains, TimeProvider time) =>
            TypedResults.Ok(await Report(grains, tenantId, teamId, quarter, time).Read()))
        .WithName("GetQuarterlyReport")
        .RequireAccess(AccessRule.TeamReader)
        .WithSummary("The team's report for a calendar quarter (2026-Q4) with the quarter's facts; a draft until it is submitted.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        report.MapPut("/answers", async Task<Ok<QuarterlyReport>> (string tenantId, string teamId, string quarter, ReportAnswersDraft draft, IGrainFactory grains, HttpContext http, TimeProvider time) =>
        {
            RequireAnswers(draft);
            return TypedResults.Ok(await Report(grains, tenantId, teamId, quarter, time).SaveAnswers(draft, http.Caller().Subject));
        })
        .WithName("SaveQuarterlyReportAnswers")
        .RequireAccess(AccessRule.TeamFacilitator)
        .WithSummary("Save the answers (all of them) of a draft or returned report.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        report.MapPost("/submit", async Task<Ok<QuarterlyReport>> (string tenantId, string teamId, string quarter, ReportAnswersDraft draft, IGrainFactory grains, HttpContext http, TimeProvider time) =>
            TypedResults.Ok(await Report(grains, tenantId, teamId, quarter, time).Submit(draft, http.Caller().Subject)))
        .WithName("SubmitQuarterlyReport")
        .RequireAccess(AccessRule.TeamFacilitator)
        .WithSummary("Submit the report to the region's coordinator, with these answers (or the saved ones when 'answers' is left out); every question answered.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        report.MapPost("/review", async Task<Ok<QuarterlyReport>> (string tenantId, string teamId, string quarter, ReviewDraft draft, IGrainFactory grains, HttpContext http, TimeProvider time) =>
        {
            ReportRules.Validate(draft);
            return TypedResults.Ok(await Report(grains, tenantId, teamId, quarter, time).Review(draft, http.Caller().Subject));
        })
        .WithName("ReviewQuarterlyReport")
        .RequireAccess(AccessRule.ReportReviewer)
        .WithSummary("The region's coordinator accepts a submitted report, or returns it with a comment.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        var initiative = tenant.MapGroup("/initiatives/{initiativeId}").WithTags("Reports");
        initiative.MapGet("/reports/{quarter}", async Task<Ok<ReportStatusTable>> (string tenantId, string initiativeId, string quarter, IGrainFactory grains) =>
        {
            ReportRules.Quarter(quarter);
            return TypedResults.Ok(await Reports(grains, tenantId, initiativeId).Status(quarter, null));
        })
        .WithName("GetReportStatus")
        .RequireAccess(AccessRule.StateAdmin)
        .WithSummary("Every enrolled team's report for the quarter: submitted, accepted, returned, not submitted, late.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        initiative.MapGet("/regions/{regionId}/reports/{quarter}", async Task<Ok<ReportStatusTable>> (string tenantId, string initiativeId, string regionId, string quarter, IGrainFactory grains) =>
        {
            ReportRules.Quarter(quarter);
            await grains.GetGrain<ITenantGrain>(tenantId).GetRegion(regionId);
            return TypedResults.Ok(await Reports(grains, tenantId, initiativeId).Status(quarter, regionId));
        })
        .WithName("GetRegionReportStatus")
        .RequireAccess(AccessRule.RegionReader)
        .WithSummary("The region's teams' reports for the quarter: the coordinator's review queue (status Submitted) and who is late.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        tenant.MapPut("/convenings/{conveningId}/results-shared", async Task<Ok<ResultsShared>> (string tenantId, string conveningId, ResultsSharedDraft draft, IGrainFactory grains, HttpContext http, TimeProvider time) =>
        {
            var convening = grains.GetGrain<IConveningGrain>(ApiRoutes.Key(tenantId, conveningId));
            ApiRoutes.Found(await convening.TryGet(), "Convening", conveningId);
            SppAprRules.Validate(draft, DateTimeOffset.MinValue, time.GetUtcNow());
            return TypedResults.Ok(await convening.RecordResultsShared(draft, http.Caller().Subject));
        })
        .WithTags("Convenings")
        .WithName("RecordResultsShared")
        .RequireAccess(AccessRule.ConveningFacilitator)
        .WithSummary("Record how and when the convening's results went back to the stakeholders (SPP/APR evidence); the latest record stands.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        initiative.MapEvidence();
    }

    private static IReportCatalogGrain Catalog(IGrainFactory grains, string tenantId) => grains.GetGrain<IReportCatalogGrain>(tenantId);

    private static IInitiativeReportsGrain Reports(IGrainFactory grains, string tenantId, string initiativeId) =>
        grains.GetGrain<IInitiativeReportsGrain>(ApiRoutes.Key(tenantId, initiativeId));

    private static IQuarterlyReportGrain Report(IGrainFactory grains, string tenantId, string teamId, string quarter, TimeProvider time)
    {
        ReportRules.ReportableQuarter(quarter, time.GetUtcNow());
        return grains.GetGrain<IQuarterlyReportGrain>(IQuarterlyReportGrain.KeyOf(tenantId, teamId, quarter));
    }

    private static void RequireAnswers(ReportAnswersDraft draft)
    {
        if (draft.Answers is null)
        {
            throw DomainValidationException.For("answers", "'answers' is required: every answer of the report (an empty list clears them).");
        }
    }
}
