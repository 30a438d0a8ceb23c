using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Identity.Server;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary>
/// <c>…/convenings/{conveningId}/join-codes</c>: the codes a facilitator gives guests without an account. The code
/// itself is shown once and stored nowhere; the convening keeps the code's id and the platform an index of its hash.
/// </summary>
internal static class JoinCodesEndpoints
{
    public static void MapJoinCodes(this RouteGroupBuilder tenant)
    {
        var codes = tenant.MapGroup("/convenings/{conveningId}/join-codes").WithTags("Convenings");
        codes.MapPost("/", async Task<Created<IssuedJoinCode>> (string tenantId, string conveningId, JoinCodeDraft draft, IGrainFactory grains, HttpContext http, TimeProvider time) =>
        {
            var lifetime = JoinCodeRules.Lifetime(draft.Label, draft.ValidForHours);
            var code = JoinCodes.Generate();
            var now = time.GetUtcNow();
            var joinCode = await Convening(grains, tenantId, conveningId).IssueJoinCode(JoinCodes.Hash(code)!, new JoinCode
            {
                Id = "jc-" + Organization.OrganizationRules.NewId(),
                Label = draft.Label?.Trim(),
                IssuedAt = now,
                ExpiresAt = now + lifetime,
                IssuedBy = http.Caller().Subject,
            });
            var link = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/join?code={Uri.EscapeDataString(code)}";
            return TypedResults.Created($"/api/tenants/{tenantId}/convenings/{conveningId}/join-codes/{joinCode.Id}", new IssuedJoinCode { Code = code, Link = link, JoinCode = joinCode });
        })
        .WithName("IssueJoinCode")
        .WithSummary("Issue a join code (and link) for guests without an account; the code is shown this once.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAccess(AccessRule.ConveningFacilitator);

        codes.MapGet("/", async Task<Ok<IReadOnlyList<JoinCode>>> (string tenantId, string conveningId, IGrainFactory grains) =>
        {
            var convening = await ExistingConvening(grains, tenantId, conveningId);
            return TypedResults.Ok(await convening.ListJoinCodes());
        })
        .WithName("ListJoinCodes")
        .WithSummary("The convening's join codes (without the codes themselves).")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAccess(AccessRule.ConveningFacilitator);

        codes.MapDelete("/{joinCodeId}", async Task<Ok<JoinCode>> (string tenantId, string conveningId, string joinCodeId, IGrainFactory grains) =>
        {
            var convening = await ExistingConvening(grains, tenantId, conveningId);
            return TypedResults.Ok(await convening.RevokeJoinCode(joinCodeId));
        })
        .WithName("RevokeJoinCode")
        .WithSummary("Revoke a join code: no one joins with it any more, and guests who came with it can no longer act.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAccess(AccessRule.ConveningFacilitator);
    }

    private static IConveningGrain Convening(IGrainFactory grains, string tenantId, string conveningId) =>
        grains.GetGrain<IConveningGrain>(ApiRoutes.Key(tenantId, conveningId));

    /// <summary>The convening named in the route; not found (404) when it was never planned.</summary>
    private static async Task<IConveningGrain> ExistingConvening(IGrainFactory grains, string tenantId, string conveningId)
    {
        var convening = Convening(grains, tenantId, conveningId);
        _ = ApiRoutes.Found(await convening.TryGet(), "Convening", conveningId);
        return convening;
    }
}

public sealed record JoinCodeDraft
{
    /// <summary>Who the code is for, for the facilitator's own list.</summary>
    public string? Label { get; init; }

    /// <summary>Hours the code works (1–336); 24 when left out.</summary>
    public int? ValidForHours { get; init; }
}

public sealed record IssuedJoinCode
{
    /// <summary>The code to read out or send (shown this once).</summary>
    public required string Code { get; init; }

    /// <summary>A link that opens the join page with the code filled in.</summary>
    public required string Link { get; init; }

    public required JoinCode JoinCode { get; init; }

}
