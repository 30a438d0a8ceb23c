using System.Security.Claims;
using LbcCommunity.Access;
using LbcCommunity.Contracts;
using LbcCommunity.Tenancy;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LbcCommunity.Identity.Server;

/// <summary>
/// Turns a sign-in session into the identity our tokens carry, reading the person's roles fresh from their tenant
/// (so a disabled person gets no tokens, and new roles arrive with the next token).
/// </summary>
public sealed class PrincipalFactory(IGrainFactory grains, IdentityRuntime runtime)
{
    /// <summary>The session claim that marks a platform operator's session.</summary>
    public const string OperatorClaim = "lbc_operator";

    /// <summary>The session claim naming the OpenIddict client registration of the provider the person signed in at.</summary>
    public const string ProviderRegistrationClaim = "lbc_idp";

    /// <summary>The session claim keeping the provider's identity token, the hint of a sign-out at that provider.</summary>
    public const string ProviderIdentityTokenClaim = "lbc_idp_id_token";

    /// <summary>
    /// The claims the sign-in session cookie keeps: who signed in, in which tenant, and (for a sign-in through an
    /// identity provider) which provider registration and its identity token, so signing out can end that session too.
    /// </summary>
    public static ClaimsPrincipal Session(string subject, string? tenantId, string email, bool isOperator, string? providerRegistrationId = null, string? providerIdentityToken = null)
    {
        var identity = new ClaimsIdentity("lbc.session", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject).SetClaim(LbcClaims.Tenant, tenantId).SetClaim(Claims.Email, email)
            .SetClaim(ProviderRegistrationClaim, providerRegistrationId).SetClaim(ProviderIdentityTokenClaim, providerIdentityToken);
        if (isOperator)
        {
            identity.SetClaim(OperatorClaim, "true");
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>The identity for a session or a token being refreshed; <c>null</c> when the person may no longer sign in.</summary>
    public async Task<ClaimsIdentity?> ForSubject(string subject, string? tenantId, string? email, bool isOperator)
    {
        if (isOperator)
        {
            return email is not null && runtime.IsOperator(email)
                ? LbcClaims.Identity(subject, null, email, email, [new Grant { Role = AccessRole.PlatformOperator }])
                : null;
        }

        if (tenantId is null)
        {
            return null;
        }

        var person = await TenantScope.For(tenantId, () => grains.GetGrain<ITenantAccessGrain>(tenantId).Refresh(subject));
        return person is null ? null : ForPerson(tenantId, person);
    }

    public static ClaimsIdentity ForPerson(string tenantId, Person person) =>
        LbcClaims.Identity(person.Id, tenantId, person.DisplayName, person.Email, person.Grants);

    /// <summary>Reads the subject, tenant, e-mail and operator mark of a session or token principal.</summary>
    public static (string? Subject, string? TenantId, string? Email, bool IsOperator) Describe(ClaimsPrincipal principal) => (
        principal.GetClaim(Claims.Subject),
        principal.GetClaim(LbcClaims.Tenant),
        principal.GetClaim(Claims.Email),
        principal.GetClaim(OperatorClaim) == "true" || principal.GetClaims(Grant.ClaimType).Contains(Grant.NameOf(AccessRole.PlatformOperator)));
}
