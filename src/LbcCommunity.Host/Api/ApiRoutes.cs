using LbcCommunity.Errors;
using LbcCommunity.Contracts;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Host.Api;

/// <summary>The REST API: one endpoint group per resource, all under <c>/api</c>.</summary>
internal static class ApiRoutes
{
    public static IEndpointRouteBuilder MapLbcApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter<AccessFilter>().WithMetadata(QueryParameterRules.Strict.Instance);
        api.MapTenants();
        api.MapMe();

        var tenant = api.MapGroup("/tenants/{tenantId}");
        tenant.MapPeople();
        tenant.MapIdentityProviders();
        tenant.MapIntegrations();
        tenant.MapJoinCodes();
        tenant.MapRegions();
        tenant.MapDistricts();
        tenant.MapInitiatives();
        tenant.MapTeams();
        tenant.MapCommunities();
        tenant.MapRubrics();
        tenant.MapRatings();
        tenant.MapPerception();
        tenant.MapRollUps();
        tenant.MapDashboards();
        tenant.MapConvenings();
        tenant.MapMyFollows();
        tenant.MapMyNotifications();
        tenant.MapStories();
        tenant.MapReports();
        tenant.MapActionPlans();
        return app;
    }

    /// <summary>Reads many grains at once and keeps those that exist, in the order of <paramref name="ids"/>.</summary>
    public static async Task<IReadOnlyList<T>> Collect<T>(IEnumerable<string> ids, Func<string, Task<T?>> read)
        where T : class
    {
        var found = await Task.WhenAll(ids.Select(read));
        return [.. found.OfType<T>()];
    }

    /// <summary>A region named in the query string (a filter) must exist: a filter on nothing would answer an empty list.</summary>
    public static async Task RequireQueriedRegion(IGrainFactory grains, string tenantId, string? regionId)
    {
        if (regionId is not null && !(await grains.GetGrain<ITenantGrain>(tenantId).ListRegions()).Any(r => r.Id == regionId))
        {
            throw DomainValidationException.For("regionId", $"Region '{regionId}' does not exist in this tenant.");
        }
    }

    /// <summary>The entity, or a not-found error (404) when the grain holds none.</summary>
    public static T Found<T>(T? entity, string kind, string id)
        where T : class => entity ?? throw new EntityNotFoundException(kind, id);

    /// <summary>The grain key of a tenant-owned entity named in the route.</summary>
    public static string Key(string tenantId, string localId) => GrainKeys.Of(tenantId, localId);
}
