using System.Security.Claims;
using LbcCommunity.Access;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LbcCommunity.Identity.Server;

/// <summary>The claims of LbcCommunity's tokens, and how a validated token becomes a <see cref="Caller"/>.</summary>
public static class LbcClaims
{
    /// <summary>The tenant the token is for; absent for platform operators.</summary>
    public const string Tenant = "tenant";

    /// <summary>A guest's join code id: the convening refuses the guest once it is revoked.</summary>
    public const string JoinCode = "lbc_join_code";

    /// <summary>The API's scope, and the audience of every access token.</summary>
    public const string ApiScope = "lbc";

    public const string ApiAudience = "lbc-api";

    /// <summary>The web app's client id (public client, authorization code with PKCE).</summary>
    public const string WebClientId = "lbc-web";

    /// <summary>The grant type guests use at the token endpoint to exchange a join code.</summary>
    public const string JoinCodeGrantType = "urn:lbc:params:oauth:grant-type:join-code";

    /// <summary>Builds the identity our tokens carry; every claim goes to the access token, the profile also to the identity token.</summary>
    public static ClaimsIdentity Identity(string subject, string? tenantId, string? name, string? email, IEnumerable<Grant> grants, string? joinCodeId = null)
    {
        var identity = new ClaimsIdentity(
            authenticationType: "lbc",
            nameType: Claims.Name,
            roleType: Claims.Role);
        identity.SetClaim(Claims.Subject, subject)
            .SetClaim(Claims.Name, name)
            .SetClaim(Claims.Email, email)
            .SetClaim(Tenant, tenantId)
            .SetClaim(JoinCode, joinCodeId);
        var list = grants.ToList();
        identity.SetClaims(Grant.ClaimType, [.. list.Select(g => g.ClaimValue)]);
        identity.SetClaims(Claims.Role, [.. list.Select(g => Grant.NameOf(g.Role)).Distinct()]);
        identity.SetDestinations(claim => claim.Type switch
        {
            Claims.Name or Claims.Email or Tenant or Claims.Role => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return identity;
    }

    /// <summary>The caller a validated access token names; <c>null</c> when it names no subject.</summary>
    public static Caller? ToCaller(ClaimsPrincipal principal)
    {
        var subject = principal.GetClaim(Claims.Subject);
        if (subject is null)
        {
            return null;
        }

        var grants = principal.GetClaims(Grant.ClaimType)
            .Select(value => Grant.TryParse(value, out var grant) ? grant : null)
            .OfType<Grant>()
            .ToList();
        return new Caller(principal.GetClaim(Tenant), subject, principal.GetClaim(Claims.Name), grants, principal.GetClaim(JoinCode));
    }
}
