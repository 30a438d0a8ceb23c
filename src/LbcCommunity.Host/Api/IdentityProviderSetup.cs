using LbcCommunity.Access;
using LbcCommunity.Errors;
using LbcCommunity.Contracts;
using LbcCommunity.Identity.Federation;
using LbcCommunity.Organization;
using Microsoft.AspNetCore.DataProtection;

namespace LbcCommunity.Host.Api;

/// <summary>
/// Saving and testing a tenant's identity provider: the set-up is checked against the provider itself (its discovery
/// document, then its answer to the client's credentials) before anything is stored, and the outcome becomes the
/// provider's status.
/// </summary>
internal static class IdentityProviderSetup
{
    /// <summary>Checks the draft at the provider and saves it; a set-up that cannot work is refused (400) and nothing is stored.</summary>
    public static async Task<IdentityProvider> Save(HttpContext http, string tenantId, string providerId, IdentityProviderDraft draft, IGrainFactory grains,
        IDataProtectionProvider protection, IdentityProviderProbe probe, TimeProvider time)
    {
        var access = grains.GetGrain<ITenantAccessGrain>(tenantId);
        // Before anything else: a body naming another provider must not be checked (or saved) as this one.
        OrganizationRules.RequireSameId(draft.Id, providerId);
        var stored = (await access.GetIdentityProviderSet()).Providers.FirstOrDefault(p => p.Provider.Id == providerId);
        AccessRules.Validate(draft with { Id = providerId }, creating: stored is null);
        var protector = protection.CreateProtector(FederationRegistrations.SecretPurpose);
        var secret = draft.ClientSecret ?? protector.Unprotect(stored!.ProtectedClientSecret);
        var result = await probe.Check(ProbeRequest(http, tenantId, providerId, draft.Issuer!, draft.ClientId!, secret, draft.Scopes), http.RequestAborted);
        if (result.Refused)
        {
            throw new DomainValidationException(result.Refusals);
        }

        var check = new IdentityProviderCheck { Status = result.Status, Message = result.Message, At = time.GetUtcNow() };
        var protectedSecret = draft.ClientSecret is null ? null : protector.Protect(draft.ClientSecret);
        return await access.SaveIdentityProvider(draft with { Id = providerId, ClientSecret = null }, protectedSecret, check);
    }

    /// <summary>Checks the stored set-up at the provider again and records the outcome as its status.</summary>
    public static async Task<IdentityProvider> Test(HttpContext http, string tenantId, string providerId, IGrainFactory grains,
        IDataProtectionProvider protection, IdentityProviderProbe probe, TimeProvider time)
    {
        var access = grains.GetGrain<ITenantAccessGrain>(tenantId);
        var stored = (await access.GetIdentityProviderSet()).Providers.FirstOrDefault(p => p.Provider.Id == providerId)
            ?? throw new EntityNotFoundException("IdentityProvider", providerId);
        var provider = stored.Provider;
        var secret = protection.CreateProtector(FederationRegistrations.SecretPurpose).Unprotect(stored.ProtectedClientSecret);
        var result = await probe.Check(ProbeRequest(http, tenantId, providerId, provider.Issuer, provider.ClientId, secret, provider.Scopes), http.RequestAborted);
        // A refusal here is a set-up that worked when it was saved and no longer does: it is the provider's error now.
        var check = result.Refused
            ? new IdentityProviderCheck { Status = IdentityProviderStatus.Error, Message = result.Describe(), At = time.GetUtcNow() }
            : new IdentityProviderCheck { Status = result.Status, Message = result.Message, At = time.GetUtcNow() };
        return await access.RecordIdentityProviderCheck(providerId, check);
    }

    private static IdentityProviderProbeRequest ProbeRequest(HttpContext http, string tenantId, string providerId, string issuer, string clientId, string secret, IReadOnlyList<string>? scopes)
    {
        // The sign-in's redirect URI is relative: OpenIddict's client completes it with the address of the request, as here.
        var redirectUri = new Uri($"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/{FederationRegistrations.CallbackPath(tenantId, providerId)}");
        var given = scopes is { Count: > 0 };
        var effective = given ? scopes! : IdentityProviderDefaults.Scopes;
        return new IdentityProviderProbeRequest(issuer, clientId, secret, effective, given, redirectUri);
    }
}
