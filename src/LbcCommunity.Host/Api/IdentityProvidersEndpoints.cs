using LbcCommunity.Access;
using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Host.Api.Access;
using LbcCommunity.Identity.Federation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LbcCommunity.Host.Api;

/// <summary>
/// <c>…/identity-providers</c>: the tenant's OpenID Connect providers its people sign in through. Saving and testing
/// one checks it first (<see cref="IdentityProviderSetup"/>).
/// </summary>
internal static class IdentityProvidersEndpoints
{
    public static void MapIdentityProviders(this RouteGroupBuilder tenant)
    {
        var providers = tenant.MapGroup("/identity-providers").WithTags("Access");
        providers.MapGet("/", async Task<Ok<IReadOnlyList<IdentityProvider>>> (string tenantId, IGrainFactory grains) =>
            TypedResults.Ok(await Access(grains, tenantId).ListIdentityProviders()))
        .WithName("ListIdentityProviders")
        .WithSummary("The tenant's OpenID Connect providers (client secrets are never returned).")
        .RequireAccess(AccessRule.StateAdmin);

        providers.MapGet("/{providerId}", async Task<Ok<IdentityProvider>> (string tenantId, string providerId, IGrainFactory grains) =>
            TypedResults.Ok((await Access(grains, tenantId).ListIdentityProviders()).FirstOrDefault(p => p.Id == providerId)
                ?? throw new EntityNotFoundException("IdentityProvider", providerId)))
        .WithName("GetIdentityProvider")
        .WithSummary("One identity provider, with its status and last error (the client secret is never returned).")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAccess(AccessRule.StateAdmin);

        providers.MapPut("/{providerId}", async Task<Ok<IdentityProvider>> (HttpContext http, string tenantId, string providerId, IdentityProviderDraft draft, IGrainFactory grains, IDataProtectionProvider protection, IdentityProviderProbe probe, TimeProvider time) =>
            TypedResults.Ok(await IdentityProviderSetup.Save(http, tenantId, providerId, draft, grains, protection, probe, time)))
        .WithName("SaveIdentityProvider")
        .WithSummary("Add or change an identity provider: issuer, client, scopes, e-mail domains and role mappings. The provider is checked first (discovery document, client id and secret); a set-up that cannot work is refused. Its redirect URI is /signin/callback/{tenantId}/{providerId}; it takes effect at once.")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .RequireAccess(AccessRule.StateAdmin);

        providers.MapPost("/{providerId}/test", async Task<Ok<IdentityProvider>> (HttpContext http, string tenantId, string providerId, IGrainFactory grains, IDataProtectionProvider protection, IdentityProviderProbe probe, TimeProvider time) =>
            TypedResults.Ok(await IdentityProviderSetup.Test(http, tenantId, providerId, grains, protection, probe, time)))
        .WithName("TestIdentityProvider")
        .WithSummary("Check the stored provider again (discovery document, client id and secret) and record the outcome as its status and last error.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAccess(AccessRule.StateAdmin);

        providers.MapDelete("/{providerId}", async Task<NoContent> (string tenantId, string providerId, IGrainFactory grains) =>
        {
            await Access(grains, tenantId).RemoveIdentityProvider(providerId);
            return TypedResults.NoContent();
        })
        .WithName("RemoveIdentityProvider")
        .WithSummary("Remove an identity provider; its users can no longer sign in through it.")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .RequireAccess(AccessRule.StateAdmin);
    }

    private static ITenantAccessGrain Access(IGrainFactory grains, string tenantId) => grains.GetGrain<ITenantAccessGrain>(tenantId);
}
