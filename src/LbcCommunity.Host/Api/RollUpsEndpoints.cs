using LbcCommunity.Host.Api.Access;
using LbcCommunity.Host.RollUps;
using LbcCommunity.RollUps;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary>The live roll-ups of an initiative: the state view and each region's view, as JSON or CSV.</summary>
internal static class RollUpsEndpoints
{
    public static void MapRollUps(this RouteGroupBuilder tenant)
    {
        var initiative = tenant.MapGroup("/initiatives/{initiativeId}").WithTags("Roll-ups");

        initiative.MapGet("/rollup", async Task<Ok<RollUpView>> (string tenantId, string initiativeId, IGrainFactory grains) =>
            TypedResults.Ok(await (await grains.InitiativeRollUp(tenantId, initiativeId)).GetView()))
        .WithName("GetInitiativeRollUp")
        .RequireAccess(AccessRule.InitiativeRollUpReader)
        .WithSummary("The state view: every district team of the initiative, by habit, row, region and quarter.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        initiative.MapGet("/regions/{regionId}/rollup", async Task<Ok<RollUpView>> (string tenantId, string initiativeId, string regionId, IGrainFactory grains) =>
            TypedResults.Ok(await (await grains.RegionRollUp(tenantId, initiativeId, regionId)).GetView()))
        .WithName("GetRegionRollUp")
        .RequireAccess(AccessRule.RegionRollUpReader)
        .WithSummary("One region's district teams of the initiative, by habit, row and quarter.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        initiative.MapGet("/rollup.csv", async (string tenantId, string initiativeId, IGrainFactory grains) =>
            ToCsv(await (await grains.InitiativeRollUp(tenantId, initiativeId)).GetView(), $"{initiativeId}-rollup.csv"))
        .WithName("ExportInitiativeRollUp")
        .RequireAccess(AccessRule.InitiativeRollUpReader)
        .WithSummary("The state view as CSV, one line per period and dimension (columns in docs/ratings-and-rollups.md).")
        .Produces(StatusCodes.Status200OK, contentType: "text/csv")
        .ProducesProblem(StatusCodes.Status404NotFound);

        initiative.MapGet("/regions/{regionId}/rollup.csv", async (string tenantId, string initiativeId, string regionId, IGrainFactory grains) =>
            ToCsv(await (await grains.RegionRollUp(tenantId, initiativeId, regionId)).GetView(), $"{initiativeId}-{regionId}-rollup.csv"))
        .WithName("ExportRegionRollUp")
        .RequireAccess(AccessRule.RegionRollUpReader)
        .WithSummary("One region's view as CSV.")
        .Produces(StatusCodes.Status200OK, contentType: "text/csv")
        .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult ToCsv(RollUpView view, string fileName)
    {
        var csv = new Csv(
            "initiative_id", "region_id", "period", "dimension", "habit", "row_id", "teams_rated", "mean_depth_score",
            "teams_none_yet", "teams_informing", "teams_networking", "teams_collaborating", "teams_transforming", "moved_up", "no_progress", "score_sum");
        void Lines(string period, IReadOnlyList<DimensionSummary> habits, IReadOnlyList<DimensionSummary> rows)
        {
            foreach (var (dimension, summary) in habits.Select(h => ("habit", h)).Concat(rows.Select(r => ("row", r))))
            {
                csv.Line(
                    view.InitiativeId, view.RegionId, period, dimension, summary.Habit, dimension == "row" ? summary.Key : null,
                    summary.TeamsRated, summary.MeanDepthScore,
                    summary.TeamsAtLevel[0], summary.TeamsAtLevel[1], summary.TeamsAtLevel[2], summary.TeamsAtLevel[3], summary.TeamsAtLevel[4],
                    summary.MovedUp, summary.NoProgress, summary.ScoreSum);
            }
        }

        Lines(TallyKeys.Now, view.Habits, view.Rows);
        foreach (var quarter in view.Quarters)
        {
            Lines(quarter.Quarter, quarter.Habits, quarter.Rows);
        }

        return csv.ToResult(fileName);
    }
}
