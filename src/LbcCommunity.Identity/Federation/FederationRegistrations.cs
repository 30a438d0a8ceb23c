using System.Collections.Concurrent;
using LbcCommunity.Access;
using LbcCommunity.Contracts;
using LbcCommunity.Identity.Server;
using LbcCommunity.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenIddict.Client;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LbcCommunity.Identity.Federation;

/// <summary>
/// The tenants' identity providers as OpenIddict client registrations, resolved at run time: before a sign-in starts
/// or completes, the tenant's providers are checked against the tenant's version; a change swaps the registrations
/// through the options change token, with no restart. Each provider has its own redirect URI,
/// <c>/signin/callback/{tenant}/{provider}</c>.
/// </summary>
public sealed class FederationRegistrations(IGrainFactory grains, IDataProtectionProvider dataProtection, IOptions<LbcIdentityOptions> identity)
    : IConfigureOptions<OpenIddictClientOptions>, IOptionsChangeTokenSource<OpenIddictClientOptions>, IDisposable
{
    /// <summary>Purpose string of the protector that keeps providers' client secrets.</summary>
    public const string SecretPurpose = "LbcCommunity.IdentityProviders.ClientSecret";

    private readonly ConcurrentDictionary<string, IdentityProviderSet> _tenants = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private CancellationTokenSource _changed = new();

    public string? Name => Options.DefaultName;

    /// <summary>The registration id of the operators' provider (no tenant id can contain a colon).</summary>
    public const string OperatorsRegistrationId = "platform:operators";

    public const string OperatorsCallbackPath = "signin/operators/callback";

    /// <summary>The registration id of a tenant's provider.</summary>
    public static string RegistrationId(string tenantId, string providerId) => $"{tenantId}:{providerId}";

    public static string CallbackPath(string tenantId, string providerId) => $"signin/callback/{tenantId}/{providerId}";

    public IChangeToken GetChangeToken()
    {
        lock (_gate)
        {
            return new CancellationChangeToken(_changed.Token);
        }
    }

    /// <summary>Loads the tenant's providers when they changed since they were last loaded; the provider, if it exists.</summary>
    public async Task<IdentityProviderSecret?> EnsureCurrent(string tenantId, string providerId)
    {
        var set = await TenantScope.For(tenantId, () => grains.GetGrain<ITenantAccessGrain>(tenantId).GetIdentityProviderSet());
        if (!_tenants.TryGetValue(tenantId, out var loaded) || loaded.Version != set.Version)
        {
            _tenants[tenantId] = set;
            CancellationTokenSource previous;
            lock (_gate)
            {
                previous = _changed;
                _changed = new CancellationTokenSource();
            }

            previous.Cancel();
            previous.Dispose();
        }

        return set.Providers.FirstOrDefault(p => p.Provider.Id == providerId);
    }

    public void Dispose() => _changed.Dispose();

    public void Configure(OpenIddictClientOptions options)
    {
        if (identity.Value.OperatorProvider is { Issuer: { Length: > 0 } issuer, ClientId: { Length: > 0 } clientId } operators)
        {
            Register(options, OperatorsRegistrationId, "Platform operators", issuer, clientId, operators.ClientSecret, OperatorsCallbackPath, operators.Scopes);
        }

        var protector = dataProtection.CreateProtector(SecretPurpose);
        foreach (var (tenantId, set) in _tenants)
        {
            foreach (var entry in set.Providers)
            {
                var provider = entry.Provider;
                Register(options, RegistrationId(tenantId, provider.Id), provider.DisplayName, provider.Issuer, provider.ClientId,
                    protector.Unprotect(entry.ProtectedClientSecret), CallbackPath(tenantId, provider.Id), provider.Scopes);
            }
        }
    }

    /// <summary>Adds one provider's registration and its own redirect URI.</summary>
    private static void Register(OpenIddictClientOptions options, string registrationId, string displayName, string issuer, string clientId, string? clientSecret, string callbackPath, IEnumerable<string> scopes)
    {
        var callback = new Uri(callbackPath, UriKind.Relative);
        options.RedirectionEndpointUris.Add(callback);
        var registration = new OpenIddictClientRegistration
        {
            RegistrationId = registrationId,
            ProviderName = registrationId,
            ProviderDisplayName = displayName,
            Issuer = new Uri(issuer, UriKind.Absolute),
            ClientId = clientId,
            ClientSecret = clientSecret,
            RedirectUri = callback,
            PostLogoutRedirectUri = new Uri(IdentityEndpoints.PostLogoutPath, UriKind.Relative),
        };
        // The code comes back in the query (a top-level GET), so the correlation cookie can stay SameSite=Lax;
        // PKCE and the single-use code protect it. form_post would need SameSite=None cookies.
        registration.ResponseModes.Add(ResponseModes.Query);
        registration.Scopes.Add(Scopes.OpenId);
        foreach (var scope in scopes)
        {
            registration.Scopes.Add(scope);
        }

        options.Registrations.Add(registration);
    }
}
