using LbcCommunity.Errors;
using LbcCommunity.Validation;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// The filter that runs every hub method for the caller's own tenant: the ids are well formed, the tenant is the one the
/// caller's token names (another tenant's id gets the same error as a tenant that does not exist), and the grain calls
/// the method makes carry the tenant (<see cref="Tenancy.TenantScope"/>), which every grain checks. A guest's token opens
/// one convening: any other is, for them, one that does not exist.
/// </summary>
/// <remarks>
/// The tenant is entered here, before the method runs, because a value set in the request context flows into the awaited
/// calls below it, never back out of an awaited method.
/// </remarks>
internal sealed class HubTenant : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var shape = HubCallShape.Of(invocationContext.HubMethod);
        var arguments = invocationContext.HubMethodArguments;
        if (shape.Tenant < 0)
        {
            // A programming error, caught by the access matrix test: there is no tenant to run the method for.
            throw new InvalidOperationException($"{shape.Method} has no tenantId parameter: every hub method runs for one tenant.");
        }

        var tenantId = arguments[shape.Tenant] as string;
        RequireId("tenantId", tenantId);
        foreach (var (name, index, optional) in shape.Ids)
        {
            if (!optional || arguments[index] is not null)
            {
                RequireId(name, arguments[index] as string);
            }
        }

        var caller = invocationContext.Context.Caller();
        if (!string.Equals(caller.TenantId, tenantId, StringComparison.Ordinal))
        {
            throw HubAccess.NotFound(tenantId!);
        }

        if (caller.GuestConveningId is { } invited && shape.Convening >= 0 && arguments[shape.Convening] is string conveningId && conveningId != invited)
        {
            throw HubErrors.Of(ErrorCodes.NotFound, $"Convening '{conveningId}' was not found.");
        }

        Tenancy.TenantScope.Enter(tenantId!);
        return next(invocationContext);
    }

    private static void RequireId(string name, string? value)
    {
        if (string.IsNullOrEmpty(value) || !Validator.IsSlug(value))
        {
            throw HubErrors.Of(ErrorCodes.Invalid, $"'{name}' must be an id (lowercase letters, digits and hyphens).");
        }
    }
}
