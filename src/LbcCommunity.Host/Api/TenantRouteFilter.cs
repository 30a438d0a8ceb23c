using Microsoft.AspNetCore.Http.HttpResults;
using LbcCommunity.Grains;
using LbcCommunity.Tenancy;
using LbcCommunity.Validation;

namespace LbcCommunity.Host.Api;

/// <summary>
/// Runs before every endpoint under <c>/api/tenants/{tenantId}</c>: ids in the route must be well-formed and the
/// tenant must exist (otherwise 404), and the grain calls that follow run for that tenant only.
/// </summary>
internal sealed class TenantRouteFilter(IGrainFactory grains) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var routeValues = context.HttpContext.Request.RouteValues;
        foreach (var (name, value) in routeValues)
        {
            // An id that can never be stored cannot name anything: answer 404 rather than reach a grain with it.
            if (name.EndsWith("Id", StringComparison.Ordinal) && !Validator.IsSlug(value as string))
            {
                return NotFound(name, value as string);
            }
        }

        var tenantId = (string)routeValues["tenantId"]!;
        TenantScope.Enter(tenantId);
        if (await grains.GetGrain<ITenantGrain>(tenantId).TryGet() is null)
        {
            return NotFound("tenantId", tenantId);
        }

        return await next(context);
    }

    private static ProblemHttpResult NotFound(string routeValue, string? id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not found.",
        detail: $"No resource has {routeValue} '{id}'.");
}
