using LbcCommunity.Access;
using LbcCommunity.Identity.Server;
using LbcCommunity.Tenancy;
using LbcCommunity.Validation;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// The hubs' side of access: the caller from the connection's token, and the tenant check every hub method makes
/// before any grain call. Another tenant's id gets the same error as a tenant that does not exist.
/// </summary>
internal static class HubAccess
{
    public static Caller Caller(this HubCallerContext context) =>
        (context.User is { } user ? LbcClaims.ToCaller(user) : null)
        ?? throw new HubException("Sign-in required.");

    /// <summary>
    /// Checks the ids, refuses another tenant, and makes the grain calls that follow run for the tenant. Not async on
    /// purpose: a RequestContext value set inside an awaited method does not flow back to the hub method.
    /// </summary>
    public static Caller EnterTenant(this HubCallerContext context, string tenantId, params (string Name, string? Value)[] ids)
    {
        foreach (var (name, value) in ids.Prepend(("tenantId", tenantId)))
        {
            if (string.IsNullOrEmpty(value) || !Validator.IsSlug(value))
            {
                throw new HubException($"'{name}' must be an id (lowercase letters, digits and hyphens).");
            }
        }

        var caller = context.Caller();
        if (!string.Equals(caller.TenantId, tenantId, StringComparison.Ordinal))
        {
            throw NotFound(tenantId);
        }

        TenantScope.Enter(tenantId);
        return caller;
    }

    public static HubException NotFound(string tenantId) => new($"Tenant '{tenantId}' was not found.");

    public static HubException Forbidden() => new("Forbidden: your role does not allow this.");
}
