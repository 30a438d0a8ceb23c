namespace LbcCommunity.Grains;

/// <summary>
/// The clock of what happens in the domain: when a tenant, a rating or a convening's event was recorded, when a join code
/// expires, when a café round ends. Grains take it as <c>[FromKeyedServices(DomainClock.Key)] TimeProvider</c>. It is the
/// runtime's <see cref="TimeProvider"/> unless a silo registers another under <see cref="Key"/>: the grain tests give
/// their silo a fake one and move it, while Orleans' own timers, membership and timeouts keep the real clock (a fake
/// clock under those would stop them).
/// </summary>
public static class DomainClock
{
    /// <summary>The service key of the domain's <see cref="TimeProvider"/>.</summary>
    public const string Key = "lbc-domain-clock";
}
