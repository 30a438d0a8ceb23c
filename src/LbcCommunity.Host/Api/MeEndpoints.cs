using LbcCommunity.Access;
using LbcCommunity.Host.Api.Access;

namespace LbcCommunity.Host.Api;

/// <summary><c>/api/me</c>: who the caller's token names, so a client can show what they may do.</summary>
internal static class MeEndpoints
{
    public static void MapMe(this RouteGroupBuilder api) =>
        api.MapGet("/me", (HttpContext http) =>
        {
            var caller = http.Caller();
            return TypedResults.Ok(new CallerView
            {
                Subject = caller.Subject,
                TenantId = caller.TenantId,
                DisplayName = caller.DisplayName,
                Roles = [.. caller.Grants.Select(g => Grant.NameOf(g.Role)).Distinct()],
                Grants = [.. caller.Grants.Select(g => g.ClaimValue)],
            });
        })
        .WithTags("Access")
        .WithName("GetMe")
        .WithSummary("Who the token names: subject, tenant, roles and where they apply.")
        .RequireAccess(AccessRule.SignedIn);
}

/// <summary>The caller, as <c>GET /api/me</c> shows them.</summary>
public sealed record CallerView
{
    public required string Subject { get; init; }

    public string? TenantId { get; init; }

    public string? DisplayName { get; init; }

    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>Roles with where they apply: <c>team-facilitator:cafe-manchester:m-1</c>.</summary>
    public required IReadOnlyList<string> Grants { get; init; }
}
