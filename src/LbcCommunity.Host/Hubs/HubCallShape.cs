using System.Collections.Concurrent;
using System.Reflection;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Host.Hubs;

/// <summary>
/// What the hub filters read from a hub method's parameters, found once per method: the <c>tenantId</c> every hub method
/// takes, the ids that name what the call is about (<see cref="ScopeIds"/>, checked before the method runs), and the
/// convening it acts on when it has a <c>conveningId</c>. The names are the protocol's (docs/convenings.md,
/// docs/ratings-and-rollups.md), so a new hub method gets the checks by naming its parameters the same way.
/// </summary>
internal sealed class HubCallShape
{
    /// <summary>The parameters checked as ids (lowercase letters, digits and hyphens) along with <c>tenantId</c>.</summary>
    public static readonly IReadOnlySet<string> ScopeIds = new HashSet<string>(StringComparer.Ordinal) { "conveningId", "initiativeId", "regionId" };

    private static readonly ConcurrentDictionary<MethodInfo, HubCallShape> Shapes = new();

    private HubCallShape(MethodInfo method)
    {
        var parameters = method.GetParameters();
        Method = $"{method.DeclaringType?.Name}.{method.Name}";
        Tenant = Array.FindIndex(parameters, p => p.Name == "tenantId" && p.ParameterType == typeof(string));
        Convening = Array.FindIndex(parameters, p => p.Name == "conveningId" && p.ParameterType == typeof(string));
        var nullability = new NullabilityInfoContext();
        Ids = [.. parameters.Select((p, i) => (Parameter: p, Index: i))
            .Where(p => p.Parameter.ParameterType == typeof(string) && ScopeIds.Contains(p.Parameter.Name!))
            .Select(p => (p.Parameter.Name!, p.Index, nullability.Create(p.Parameter).ReadState == NullabilityState.Nullable))];
        RateLimit = method.GetCustomAttribute<RateLimitedAttribute>() ?? method.DeclaringType?.GetCustomAttribute<RateLimitedAttribute>();
    }

    /// <summary><c>Hub.Method</c>, for errors about the method itself.</summary>
    public string Method { get; }

    /// <summary>The position of <c>tenantId</c>, or -1.</summary>
    public int Tenant { get; }

    /// <summary>The position of <c>conveningId</c>, or -1.</summary>
    public int Convening { get; }

    /// <summary>The ids to check: name, position, and whether the method allows it to be left out (null).</summary>
    public IReadOnlyList<(string Name, int Index, bool Optional)> Ids { get; }

    /// <summary>The method's (or its hub's) rate limit, if it has one.</summary>
    public RateLimitedAttribute? RateLimit { get; }

    public static HubCallShape Of(MethodInfo method) => Shapes.GetOrAdd(method, m => new HubCallShape(m));

    /// <summary>The grain key of the convening the call acts on, once its ids are known to be well formed; else null.</summary>
    public string? ConveningKey(IReadOnlyList<object?> arguments) =>
        Tenant >= 0 && Convening >= 0 && arguments[Tenant] is string tenantId && arguments[Convening] is string conveningId
            && Validation.Validator.IsSlug(tenantId) && Validation.Validator.IsSlug(conveningId)
            ? GrainKeys.Of(tenantId, conveningId)
            : null;
}
