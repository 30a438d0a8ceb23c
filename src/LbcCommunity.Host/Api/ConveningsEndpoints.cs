using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Contracts;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Ratings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary><c>/api/tenants/{tenantId}/convenings</c>: plan a convening and change its plan until it begins; the session itself runs on the ConveningHub.</summary>
internal static class ConveningsEndpoints
{
    public static void MapConvenings(this RouteGroupBuilder tenant)
    {
        var convenings = tenant.MapGroup("/convenings").WithTags("Convenings");

        convenings.MapPost("/", async Task<Created<Convening>> (string tenantId, ConveningDraft draft, IGrainFactory grains, HttpContext http, TimeProvider time) =>
        {
            ConveningRules.Validate(draft, time.GetUtcNow());
            if (!http.Caller().CanFacilitate(draft.OwnerKind!.Value, draft.OwnerId!))
            {
                throw new AccessDeniedException($"Only the facilitators of {draft.OwnerKind} '{draft.OwnerId}' plan its convenings.");
            }

            var id = draft.Id ?? Organization.OrganizationRules.NewId();
            var convening = await grains.GetGrain<IConveningGrain>(ApiRoutes.Key(tenantId, id)).Create(draft with { Id = id });
            return TypedResults.Created($"/api/tenants/{tenantId}/convenings/{convening.Id}", convening);
        })
        .WithName("CreateConvening")
        .RequireAccess(AccessRule.ConveningPlanner)
        .WithSummary("Plan a convening of a team or community of practice: its agenda of activities.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict);

        convenings.MapGet("/{conveningId}", async Task<Ok<Convening>> (string tenantId, string conveningId, IGrainFactory grains) =>
            TypedResults.Ok(ApiRoutes.Found(await grains.GetGrain<IConveningGrain>(ApiRoutes.Key(tenantId, conveningId)).TryGet(), "Convening", conveningId)))
        .WithName("GetConvening")
        .RequireAccess(AccessRule.ConveningReader)
        .WithSummary("Read a convening's plan.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        convenings.MapPut("/{conveningId}", async Task<Ok<Convening>> (string tenantId, string conveningId, ConveningPlanDraft draft, IGrainFactory grains, TimeProvider time) =>
        {
            var convening = grains.GetGrain<IConveningGrain>(ApiRoutes.Key(tenantId, conveningId));
            var planned = ApiRoutes.Found(await convening.TryGet(), "Convening", conveningId);
            ConveningRules.Validate(draft, planned.OwnerKind, time.GetUtcNow());
            return TypedResults.Ok(await convening.UpdatePlan(draft));
        })
        .WithName("UpdateConvening")
        .RequireAccess(AccessRule.ConveningFacilitator)
        .WithSummary("Change a convening's plan (title, start, agenda with each activity's settings) while nothing has begun.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

        convenings.MapGet("/{conveningId}/summary", async Task<Ok<ConveningSummary>> (string tenantId, string conveningId, IGrainFactory grains) =>
        {
            var convening = grains.GetGrain<IConveningGrain>(ApiRoutes.Key(tenantId, conveningId));
            ApiRoutes.Found(await convening.TryGet(), "Convening", conveningId);
            return TypedResults.Ok(await convening.GetSummary());
        })
        .WithName("GetConveningSummary")
        .RequireAccess(AccessRule.ConveningReader)
        .WithSummary("What the convening came to: attendance by stakeholder role, decisions, harvest, depth poll, answers, times.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        convenings.MapPollRows();
        convenings.MapPersonalActions();
        tenant.MapConveningLists();

        tenant.MapGet("/teams/{teamId}/harvests", async Task<Ok<IReadOnlyList<Harvest>>> (string tenantId, string teamId, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<ITeamGrain>(ApiRoutes.Key(tenantId, teamId)).ListHarvests()))
        .WithTags("Convenings")
        .WithName("ListHarvests")
        .RequireAccess(AccessRule.TeamReader)
        .WithSummary("The World Café harvests kept on the team's record.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        tenant.MapGet("/teams/{teamId}/evidence", async Task<Ok<IReadOnlyList<EvidenceNote>>> (string tenantId, string teamId, IGrainFactory grains) =>
            TypedResults.Ok(await grains.GetGrain<ITeamGrain>(ApiRoutes.Key(tenantId, teamId)).ListEvidence()))
        .WithTags("Ratings")
        .WithName("ListEvidence")
        .RequireAccess(AccessRule.TeamReader)
        .WithSummary("Evidence kept on the team's rubric rows (consensus decisions reached in convenings).")
        .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
