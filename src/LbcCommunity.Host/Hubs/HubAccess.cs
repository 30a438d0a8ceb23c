using LbcCommunity.Access;
using LbcCommunity.Errors;
using LbcCommunity.Identity.Server;
using Microsoft.AspNetCore.SignalR;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// The hubs' side of access: the caller from the connection's token, and the refusals every hub gives in the same words.
/// The tenant itself is checked and entered before any hub method runs (<see cref="HubTenant"/>).
/// </summary>
internal static class HubAccess
{
    private static readonly object CallerKey = new();

    /// <summary>
    /// The caller, read from the connection's token once and kept with the connection (the token, and so the caller, is
    /// the connection's for its lifetime: SignalR closes it when the token expires); the tenant filter and the hub method
    /// of every call ask for it.
    /// </summary>
    public static Caller Caller(this HubCallerContext context)
    {
        if (context.Items.TryGetValue(CallerKey, out var kept) && kept is Caller caller)
        {
            return caller;
        }

        caller = (context.User is { } user ? LbcClaims.ToCaller(user) : null)
            ?? throw HubErrors.Of(ErrorCodes.SignInRequired, "Sign-in required.");
        context.Items[CallerKey] = caller;
        return caller;
    }

    /// <summary>Another tenant's id gets the same words as a tenant that does not exist.</summary>
    public static HubException NotFound(string tenantId) => HubErrors.Of(ErrorCodes.NotFound, $"Tenant '{tenantId}' was not found.");

    public static HubException Forbidden() => HubErrors.Of(ErrorCodes.Forbidden, "your role does not allow this.");
}
