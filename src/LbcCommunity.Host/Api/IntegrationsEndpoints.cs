using LbcCommunity.Host.Api.Access;
using LbcCommunity.Identity.Server;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary>
/// <c>…/integrations</c>: the tenant's data systems, which pull roll-ups with client credentials. They are clients of
/// the identity server (<see cref="ClientRegistrar"/>), not grains.
/// </summary>
internal static class IntegrationsEndpoints
{
    public static void MapIntegrations(this RouteGroupBuilder tenant)
    {
        var integrations = tenant.MapGroup("/integrations").WithTags("Access");
        integrations.MapGet("/", async Task<Ok<IReadOnlyList<IntegrationClient>>> (string tenantId, ClientRegistrar clients, CancellationToken cancellationToken) =>
            TypedResults.Ok(await clients.ListIntegrations(tenantId, cancellationToken)))
        .WithName("ListIntegrations")
        .WithSummary("The tenant's data systems that pull roll-ups with client credentials.")
        .RequireAccess(AccessRule.StateAdmin);

        integrations.MapPost("/", async Task<Created<IntegrationClient>> (string tenantId, IntegrationClientDraft draft, ClientRegistrar clients, CancellationToken cancellationToken) =>
        {
            var client = await clients.CreateIntegration(tenantId, draft, cancellationToken);
            return TypedResults.Created($"/api/tenants/{tenantId}/integrations/{client.ClientId}", client);
        })
        .WithName("CreateIntegration")
        .WithSummary("Register a data system; the answer holds its client secret, shown this once.")
        .ProducesValidationProblem()
        .RequireAccess(AccessRule.StateAdmin);

        integrations.MapDelete("/{clientId}", async Task<NoContent> (string tenantId, string clientId, ClientRegistrar clients, CancellationToken cancellationToken) =>
        {
            await clients.DeleteIntegration(tenantId, clientId, cancellationToken);
            return TypedResults.NoContent();
        })
        .WithName("DeleteIntegration")
        .WithSummary("Remove a data system: its client credentials stop working.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAccess(AccessRule.StateAdmin);
    }
}
