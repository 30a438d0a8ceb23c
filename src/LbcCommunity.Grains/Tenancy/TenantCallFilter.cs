using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Grains.Tenancy;

/// <summary>
/// Refuses a call to a tenant's grain when the caller's tenant (from <see cref="RequestContext"/>) is another
/// tenant or none at all, and a call to a platform grain unless it has platform rights. This is the one place
/// where tenant isolation is enforced inside the cluster; HTTP and hub layers enter the caller's tenant.
/// </summary>
internal sealed class TenantCallFilter : IIncomingGrainCallFilter
{
    private static readonly System.Reflection.Assembly ContractAssembly = typeof(ITenantGrain).Assembly;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        // Calls from the runtime itself (reminders, management, system targets) carry no tenant and are not ours to
        // police; nor are notifications to observers, which are not grains and have no tenant in their identity.
        var contract = context.InterfaceMethod?.DeclaringType;
        if (contract?.Assembly != ContractAssembly || typeof(IGrainObserver).IsAssignableFrom(contract))
        {
            return context.Invoke();
        }

        var caller = TenantScope.Current;
        if (context.Grain is IPlatformGrain)
        {
            return caller == TenantScope.Platform
                ? context.Invoke()
                : throw new TenantMismatchException(caller, TenantScope.Platform);
        }

        var grainTenant = GrainKeys.TenantOf(context.TargetId.Key.ToString()!);
        if (caller != TenantScope.Platform && !string.Equals(caller, grainTenant, StringComparison.Ordinal))
        {
            throw new TenantMismatchException(caller, grainTenant);
        }

        return context.Invoke();
    }
}
