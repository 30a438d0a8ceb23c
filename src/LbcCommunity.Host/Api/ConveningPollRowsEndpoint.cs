using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Rubrics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary>The words of the rubric rows a convening's depth poll is open on, in the poll's order.</summary>
public sealed record PolledRows
{
    /// <summary>The rubric version the team rates against (what its ratings are scored with); 0 while no poll is open.</summary>
    public required int RubricVersion { get; init; }

    /// <summary>Empty while no poll is open, and for a convening that is not a team's (only a team's polls).</summary>
    public required IReadOnlyList<RubricRow> Rows { get; init; }
}

/// <summary>
/// <c>/api/tenants/{tenantId}/convenings/{conveningId}/poll-rows</c>. A guest rates rows in a depth poll but may not read
/// the tenant's rubric (it is for people of the tenant): this answers exactly the polled rows, to those who may read
/// the convening, so a guest's phone can show what each depth means without opening the rest of the rubric.
/// </summary>
internal static class ConveningPollRowsEndpoint
{
    public static void MapPollRows(this RouteGroupBuilder convenings)
    {
        convenings.MapGet("/{conveningId}/poll-rows", async Task<Ok<PolledRows>> (string tenantId, string conveningId, IGrainFactory grains) =>
        {
            var grain = grains.GetGrain<IConveningGrain>(ApiRoutes.Key(tenantId, conveningId));
            var convening = ApiRoutes.Found(await grain.TryGet(), "Convening", conveningId);
            var rowIds = (await grain.GetSummary()).DepthPoll?.RowIds ?? [];
            if (convening.OwnerKind != ConveningOwnerKind.Team || rowIds.Count == 0)
            {
                return TypedResults.Ok(new PolledRows { RubricVersion = 0, Rows = [] });
            }

            var team = ApiRoutes.Found(await grains.GetGrain<ITeamGrain>(ApiRoutes.Key(tenantId, convening.OwnerId)).TryGet(), "Team", convening.OwnerId);
            var initiative = ApiRoutes.Found(await grains.GetGrain<IInitiativeGrain>(ApiRoutes.Key(tenantId, team.InitiativeId)).TryGet(), "Initiative", team.InitiativeId);
            var rubric = await grains.GetGrain<IRubricCatalogGrain>(tenantId).GetVersion(initiative.RubricVersion);
            var byId = rubric.Rows.ToDictionary(r => r.Id, StringComparer.Ordinal);
            return TypedResults.Ok(new PolledRows
            {
                RubricVersion = rubric.Version,
                Rows = [.. rowIds.Where(byId.ContainsKey).Select(id => byId[id])],
            });
        })
        .WithName("GetPolledRows")
        .RequireAccess(AccessRule.ConveningReader)
        .WithSummary("The rubric rows of the convening's open depth poll, with their words, for everyone who takes part (guests too).")
        .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
