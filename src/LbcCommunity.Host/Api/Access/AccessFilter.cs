using LbcCommunity.Access;
using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Identity.Server;
using LbcCommunity.Tenancy;
using LbcCommunity.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api.Access;

/// <summary>
/// Runs before every API endpoint, in this order: a caller with a valid token (otherwise 401); the endpoint's
/// <see cref="AccessRule"/> (none: 403, fail closed); for routes under <c>/api/tenants/{tenantId}</c>, well-formed ids,
/// the caller's own tenant and a tenant that exists (otherwise 404, the same answer whether the tenant is another's or
/// no one's); then the rule (403). The grain calls that follow run for the route's tenant only.
/// </summary>
internal sealed class AccessFilter(IGrainFactory grains) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var caller = http.User.Identity?.IsAuthenticated == true ? LbcClaims.ToCaller(http.User) : null;
        if (caller is null)
        {
            return Problem(StatusCodes.Status401Unauthorized, "Sign-in required.", "Send an access token: Authorization: Bearer <token>.", ErrorCodes.SignInRequired);
        }

        var rule = http.GetEndpoint()?.Metadata.GetMetadata<AccessRule>();
        if (rule is null)
        {
            return Forbidden();
        }

        var routeValues = http.Request.RouteValues;
        string? tenantId = null;
        if (routeValues.TryGetValue("tenantId", out var routeTenant))
        {
            tenantId = routeTenant as string;
            // An id that can never be stored cannot name anything: answer 404 rather than reach a grain with it.
            foreach (var (name, value) in routeValues)
            {
                if (name.EndsWith("Id", StringComparison.Ordinal) && !Validator.IsSlug(value as string))
                {
                    return NotFound(name, value as string);
                }
            }

            var mayEnter = string.Equals(caller.TenantId, tenantId, StringComparison.Ordinal) || (rule.OperatorMayEnter && caller.IsOperator);
            if (!mayEnter)
            {
                return NotFound("tenantId", tenantId);
            }

            TenantScope.Enter(tenantId!);
            if (await grains.GetGrain<ITenantGrain>(tenantId!).TryGet() is null)
            {
                return NotFound("tenantId", tenantId);
            }
        }

        if (!await rule.Allows(new AccessContext(caller, tenantId, routeValues, grains, http.Request.Query)))
        {
            return Forbidden();
        }

        http.Items[typeof(Caller)] = caller;
        return await next(context);
    }

    private static ProblemHttpResult NotFound(string routeValue, string? id) =>
        Problem(StatusCodes.Status404NotFound, "Not found.", $"No resource has {routeValue} '{id}'.", ErrorCodes.NotFound);

    private static ProblemHttpResult Forbidden() =>
        Problem(StatusCodes.Status403Forbidden, "Forbidden.", "Your role does not allow this.", ErrorCodes.Forbidden);

    // The code as every other refusal carries it (docs/errors.md), so a client can tell a filter's refusal by it too.
    private static ProblemHttpResult Problem(int status, string title, string detail, string code) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });
}

internal static class CallerExtensions
{
    /// <summary>The caller the access filter admitted.</summary>
    public static Caller Caller(this HttpContext http) =>
        http.Items[typeof(Caller)] as Caller ?? throw new InvalidOperationException("The access filter did not run for this endpoint.");
}
