using System.Text.RegularExpressions;
using LbcCommunity.Validation;

namespace LbcCommunity.Access;

/// <summary>Checks what state admins send about people and identity providers.</summary>
public static partial class AccessRules
{
    /// <summary>The provider id the built-in development sign-in uses.</summary>
    public const string DevelopmentProviderId = "development";

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static string DomainOf(string email) => NormalizeEmail(email)[(email.Trim().LastIndexOf('@') + 1)..];

    public static void Validate(StaffDraft draft)
    {
        var v = new Validator().Email("email", draft.Email).OptionalText("displayName", draft.DisplayName, Validator.NameMaxLength);
        if (string.IsNullOrWhiteSpace(draft.Email))
        {
            v.Add("email", "'email' is required.");
        }

        foreach (var (regionId, i) in (draft.CoordinatesRegionIds ?? []).Select((r, i) => (r, i)))
        {
            v.Slug($"coordinatesRegionIds[{i}]", regionId);
        }

        v.ThrowIfInvalid();
    }

    public static void Validate(SignInBinding binding)
    {
        var v = new Validator().OptionalText("subject", binding.Subject, 255).OptionalText("reason", binding.Reason, 500);
        if (binding.ProviderId is not null)
        {
            v.Slug("providerId", binding.ProviderId);
        }
        else if (binding.Subject is not null)
        {
            v.Add("subject", "'subject' needs a 'providerId'.");
        }

        v.ThrowIfInvalid();
    }

    public static void Validate(IdentityProviderDraft draft, bool creating)
    {
        var v = new Validator()
            .Slug("id", draft.Id)
            .RequiredText("displayName", draft.DisplayName)
            .RequiredText("clientId", draft.ClientId, 400)
            .OptionalText("clientSecret", draft.ClientSecret, 1000);
        if (creating && string.IsNullOrEmpty(draft.ClientSecret))
        {
            v.Add("clientSecret", "'clientSecret' is required for a new identity provider.");
        }

        if (!IsAcceptableIssuer(draft.Issuer))
        {
            v.Add("issuer", "'issuer' must be an absolute https URI (http only on loopback), without query or fragment.");
        }

        foreach (var (scope, i) in (draft.Scopes ?? []).Select((s, i) => (s, i)))
        {
            if (scope is null || !ScopePattern().IsMatch(scope))
            {
                v.Add($"scopes[{i}]", "A scope is 1–100 letters, digits or . _ : -.");
            }
        }

        foreach (var (domain, i) in (draft.EmailDomains ?? []).Select((d, i) => (d, i)))
        {
            v.EmailDomain($"emailDomains[{i}]", domain);
        }

        foreach (var (address, i) in (draft.AllowedEmails ?? []).Select((a, i) => (a, i)))
        {
            v.Email($"allowedEmails[{i}]", address);
            if (string.IsNullOrWhiteSpace(address))
            {
                v.Add($"allowedEmails[{i}]", "An allowed address is an e-mail such as 'maria.alvarez@example.com'.");
            }
        }

        foreach (var (mapping, i) in (draft.RoleMappings ?? []).Select((m, i) => (m, i)))
        {
            var field = $"roleMappings[{i}]";
            v.RequiredText($"{field}.claim", mapping?.Claim, 100).RequiredText($"{field}.value", mapping?.Value, 400);
            if (!Grant.TryParseRole(mapping?.Role, out var role) || role is AccessRole.PlatformOperator or AccessRole.Guest or AccessRole.Integration)
            {
                v.Add($"{field}.role", "'role' must be one of state-admin, regional-coordinator, team-facilitator, team-member, community-facilitator, community-member.");
            }
            else if (Grant.IsScoped(role) != (mapping!.ScopeId is not null))
            {
                v.Add($"{field}.scopeId", Grant.IsScoped(role) ? $"'{mapping.Role}' needs the id of its region, team or community." : $"'{mapping.Role}' applies to the whole tenant: leave 'scopeId' out.");
            }
            else if (mapping.ScopeId is not null)
            {
                v.Slug($"{field}.scopeId", mapping.ScopeId);
            }
        }

        v.ThrowIfInvalid();
    }

    /// <summary>The roles the provider's claims give, through its mappings.</summary>
    public static IReadOnlyList<Grant> MapRoles(IEnumerable<RoleMapping> mappings, Func<string, IEnumerable<string>> claimValues) =>
    [
        .. mappings
            .Where(m => claimValues(m.Claim!).Contains(m.Value, StringComparer.Ordinal))
            .Select(m => Grant.TryParseRole(m.Role, out var role) ? new Grant { Role = role, ScopeId = m.ScopeId } : null)
            .OfType<Grant>()
            .Distinct(),
    ];

    private static bool IsAcceptableIssuer(string? issuer) =>
        Uri.TryCreate(issuer, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,100}$")]
    private static partial Regex ScopePattern();
}
