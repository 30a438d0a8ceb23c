namespace LbcCommunity.Tenancy;

/// <summary>
/// The tenant a grain call is made for. It travels with every call in the Orleans
/// <see cref="RequestContext"/> and is checked against the target grain's key by the tenant call filter.
/// </summary>
public static class TenantScope
{
    /// <summary>The <see cref="RequestContext"/> key that carries the caller's tenant id.</summary>
    public const string RequestContextKey = "lbc.tenant";

    /// <summary>The value that marks a call made by the platform itself (a platform operator, the demo loader).</summary>
    public const string Platform = "*";

    /// <summary>The tenant the current call runs for, or <c>null</c> when the caller named none.</summary>
    public static string? Current => RequestContext.Get(RequestContextKey) as string;

    /// <summary>Makes the calls that follow on this async flow run for <paramref name="tenantId"/>.</summary>
    public static void Enter(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        RequestContext.Set(RequestContextKey, tenantId);
    }

    /// <summary>Makes the calls that follow on this async flow run with platform rights (every tenant).</summary>
    public static void EnterPlatform() => RequestContext.Set(RequestContextKey, Platform);

    /// <summary>Issues one call with platform rights and restores the caller's tenant at once (see <see cref="For{T}"/>).</summary>
    public static T AsPlatform<T>(Func<T> issueCall) => For(Platform, issueCall);

    /// <summary>
    /// Issues one call for <paramref name="tenantId"/> and restores the caller's tenant at once. Synchronous on purpose:
    /// the call captures the request context when it is issued, and a value set inside an awaited method would not flow back.
    /// </summary>
    public static T For<T>(string tenantId, Func<T> issueCall)
    {
        var caller = RequestContext.Get(RequestContextKey);
        RequestContext.Set(RequestContextKey, tenantId);
        try
        {
            return issueCall();
        }
        finally
        {
            if (caller is null)
            {
                RequestContext.Remove(RequestContextKey);
            }
            else
            {
                RequestContext.Set(RequestContextKey, caller);
            }
        }
    }
}
