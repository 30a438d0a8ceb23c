using LbcCommunity.Contracts;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Host.RollUps;
using LbcCommunity.Ratings;
using LbcCommunity.RollUps;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary>
/// What the state's and region's dashboards read beside the roll-ups: a region's teams × rows, a team's quarters, the
/// lists that ask for action and the criterion of sustained depth. Each view also downloads as CSV (<see cref="DashboardCsv"/>).
/// </summary>
internal static class DashboardEndpoints
{
    public static void MapDashboards(this RouteGroupBuilder tenant)
    {
        var initiative = tenant.MapGroup("/initiatives/{initiativeId}").WithTags("Roll-ups");

        initiative.MapGet("/regions/{regionId}/teams", async Task<Ok<RegionTeamsView>> (string tenantId, string initiativeId, string regionId, IGrainFactory grains) =>
            TypedResults.Ok(await (await grains.RegionRollUp(tenantId, initiativeId, regionId)).GetTeams()))
        .WithName("GetRegionTeams")
        .RequireAccess(AccessRule.RegionRollUpReader)
        .WithSummary("The region's district teams with each row's latest consensus score: the teams × rows heat map.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        initiative.MapGet("/regions/{regionId}/teams.csv", async (string tenantId, string initiativeId, string regionId, IGrainFactory grains) =>
            DashboardCsv.Of(await (await grains.RegionRollUp(tenantId, initiativeId, regionId)).GetTeams(), $"{initiativeId}-{regionId}-teams.csv"))
        .WithName("ExportRegionTeams")
        .RequireAccess(AccessRule.RegionRollUpReader)
        .WithSummary("The region's teams × rows as CSV, one line per team and row (columns in docs/api.md).")
        .Produces(StatusCodes.Status200OK, contentType: "text/csv")
        .ProducesProblem(StatusCodes.Status404NotFound);

        initiative.MapGet("/attention", async Task<Ok<AttentionLists>> (string tenantId, string initiativeId, string? regionId, int? notRatedDays, IGrainFactory grains) =>
            TypedResults.Ok(await Attention(grains, tenantId, initiativeId, regionId, notRatedDays)))
        .WithName("GetAttentionLists")
        .RequireAccess(AccessRule.AttentionReader)
        .WithSummary("Teams that moved up a level this quarter, are stuck, were not rated for notRatedDays days (90 unless given), or sustain depth; of one region with regionId.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        initiative.MapGet("/attention.csv", async (string tenantId, string initiativeId, string? regionId, int? notRatedDays, IGrainFactory grains) =>
            DashboardCsv.Of(await Attention(grains, tenantId, initiativeId, regionId, notRatedDays), $"{initiativeId}{(regionId is null ? null : "-" + regionId)}-attention.csv"))
        .WithName("ExportAttentionLists")
        .RequireAccess(AccessRule.AttentionReader)
        .WithSummary("The action lists as CSV, one line per team per list (columns in docs/api.md).")
        .Produces(StatusCodes.Status200OK, contentType: "text/csv")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        initiative.MapGet("/sustained-depth", async Task<Ok<SustainedDepthCriterion>> (string tenantId, string initiativeId, IGrainFactory grains) =>
            TypedResults.Ok(await Initiative(grains, tenantId, initiativeId).GetSustainedDepth()))
        .WithName("GetSustainedDepth")
        .RequireAccess(AccessRule.TenantPerson)
        .WithSummary("What the state counts as sustained depth for the initiative.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        initiative.MapPut("/sustained-depth", async Task<Ok<SustainedDepthCriterion>> (string tenantId, string initiativeId, SustainedDepthDraft draft, IGrainFactory grains) =>
        {
            DashboardRules.Validate(draft);
            return TypedResults.Ok(await Initiative(grains, tenantId, initiativeId).SetSustainedDepth(draft));
        })
        .WithName("SetSustainedDepth")
        .RequireAccess(AccessRule.StateAdmin)
        .WithSummary("Set the sustained-depth criterion: a level, a number of consecutive consensus ratings, and a habit (or none for any habit).")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        tenant.MapGet("/teams/{teamId}/series", async Task<Ok<TeamSeries>> (string tenantId, string teamId, IGrainFactory grains) =>
            TypedResults.Ok(await Series(grains, tenantId, teamId)))
        .WithTags("Ratings")
        .WithName("GetTeamSeries")
        .RequireAccess(AccessRule.TeamReader)
        .WithSummary("The team's consensus history by calendar quarter (with the fiscal quarter): each row's latest score in the quarter.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        tenant.MapGet("/teams/{teamId}/series.csv", async (string tenantId, string teamId, IGrainFactory grains) =>
            DashboardCsv.Of(await Series(grains, tenantId, teamId), $"{teamId}-series.csv"))
        .WithTags("Ratings")
        .WithName("ExportTeamSeries")
        .RequireAccess(AccessRule.TeamReader)
        .WithSummary("The team's quarters as CSV, one line per quarter and row (columns in docs/api.md).")
        .Produces(StatusCodes.Status200OK, contentType: "text/csv")
        .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IInitiativeGrain Initiative(IGrainFactory grains, string tenantId, string initiativeId) =>
        grains.GetGrain<IInitiativeGrain>(ApiRoutes.Key(tenantId, initiativeId));

    private static async Task<AttentionLists> Attention(IGrainFactory grains, string tenantId, string initiativeId, string? regionId, int? notRatedDays)
    {
        var days = DashboardRules.ValidateNotRatedDays(notRatedDays);
        await ApiRoutes.RequireQueriedRegion(grains, tenantId, regionId);
        return await (await grains.InitiativeRollUp(tenantId, initiativeId)).GetAttention(regionId, days);
    }

    private static async Task<TeamSeries> Series(IGrainFactory grains, string tenantId, string teamId)
    {
        var ratings = await grains.GetGrain<ITeamGrain>(ApiRoutes.Key(tenantId, teamId)).ListRatings(RatingKind.Consensus);
        var tenant = await grains.GetGrain<ITenantGrain>(tenantId).TryGet();
        return DashboardRules.Series(teamId, ratings, tenant?.FiscalYearStartMonth ?? FiscalCalendar.DefaultStartMonth);
    }
}
