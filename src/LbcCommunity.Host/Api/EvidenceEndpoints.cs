using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Host.Reports;
using LbcCommunity.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary>
/// SPDG and SPP/APR evidence of an initiative for a period of calendar quarters (<c>?from=2026-Q3&amp;to=2027-Q2</c>;
/// both default to the current quarter): as JSON for the printable page, as one CSV per section, and as a workbook.
/// </summary>
internal static class EvidenceEndpoints
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapEvidence(this RouteGroupBuilder initiative)
    {
        initiative.MapGet("/evidence", async Task<Ok<EvidenceReport>> (string tenantId, string initiativeId, string? from, string? to, IGrainFactory grains, TimeProvider time) =>
            TypedResults.Ok(await Evidence(grains, tenantId, initiativeId, from, to, time)))
        .WithName("GetEvidence")
        .RequireAccess(AccessRule.StateAdmin)
        .WithSummary("The SPDG / SPP-APR evidence of stakeholder engagement for the period: convenings, participants by role, topics, results shared, depth, sustained depth, story outcomes.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        initiative.MapGet("/evidence.xlsx", async (string tenantId, string initiativeId, string? from, string? to, IGrainFactory grains, TimeProvider time) =>
        {
            var evidence = await Evidence(grains, tenantId, initiativeId, from, to, time);
            return TypedResults.File(EvidenceTables.Workbook(evidence), XlsxType, $"{initiativeId}-{evidence.From}-{evidence.To}-evidence.xlsx");
        })
        .WithName("ExportEvidenceWorkbook")
        .RequireAccess(AccessRule.EvidenceExportReader)
        .WithSummary("The evidence as a workbook: one sheet per section (columns in docs/reports.md).")
        .Produces(StatusCodes.Status200OK, contentType: XlsxType)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        initiative.MapGet("/evidence/{section}.csv", async (string tenantId, string initiativeId, string section, string? from, string? to, IGrainFactory grains, TimeProvider time) =>
        {
            if (!EvidenceTables.Sections.Contains(section, StringComparer.Ordinal))
            {
                throw DomainValidationException.For("section", $"'section' is one of: {string.Join(", ", EvidenceTables.Sections)}.");
            }

            return EvidenceTables.Csv(await Evidence(grains, tenantId, initiativeId, from, to, time), section);
        })
        .WithName("ExportEvidenceSection")
        .RequireAccess(AccessRule.EvidenceExportReader)
        .WithSummary("One section of the evidence as CSV: summary, convenings, participants, topics, depth, sustained or outcomes (columns in docs/reports.md).")
        .Produces(StatusCodes.Status200OK, contentType: "text/csv")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<EvidenceReport> Evidence(IGrainFactory grains, string tenantId, string initiativeId, string? from, string? to, TimeProvider time)
    {
        var current = LbcCommunity.RollUps.TallyKeys.Quarter(time.GetUtcNow());
        var first = from ?? current;
        var last = to ?? from ?? current;
        EvidenceRules.Period(first, last);
        return await grains.GetGrain<IInitiativeReportsGrain>(ApiRoutes.Key(tenantId, initiativeId)).Evidence(first, last);
    }
}
