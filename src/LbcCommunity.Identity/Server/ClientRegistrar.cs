using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using LbcCommunity.Errors;
using LbcCommunity.Validation;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LbcCommunity.Identity.Server;

/// <summary>A state's data system that pulls roll-ups with client credentials. The secret is shown once, at creation.</summary>
public sealed record IntegrationClient
{
    public required string ClientId { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>Only in the answer that created it.</summary>
    public string? ClientSecret { get; init; }
}

/// <summary>What a state admin sends to register a data system.</summary>
public sealed record IntegrationClientDraft
{
    public string? DisplayName { get; init; }
}

/// <summary>Registers the web app as a client of the authorization server, and a tenant's integrations.</summary>
public sealed class ClientRegistrar(IOpenIddictApplicationManager applications, IOptions<LbcIdentityOptions> options)
{
    /// <summary>The application property that holds the tenant of an integration client.</summary>
    public const string TenantProperty = "lbc_tenant";

    public async Task RegisterFirstPartyClients(CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = LbcClaims.WebClientId,
            ClientType = ClientTypes.Public,
            DisplayName = "LbcCommunity web app",
            ConsentType = ConsentTypes.Implicit,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.Prefixes.GrantType + LbcClaims.JoinCodeGrantType,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email,
                Permissions.Scopes.Profile,
                Permissions.Prefixes.Scope + LbcClaims.ApiScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var origin in options.Value.WebOrigins)
        {
            var root = new Uri(origin.TrimEnd('/') + "/");
            descriptor.RedirectUris.Add(new Uri(root, "auth/callback"));
            descriptor.PostLogoutRedirectUris.Add(root);
        }

        // The descriptor follows the configuration: origins added or removed take effect at the next start.
        if (await applications.FindByClientIdAsync(LbcClaims.WebClientId, cancellationToken) is { } existing)
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
    }

    public async Task<IntegrationClient> CreateIntegration(string tenantId, IntegrationClientDraft draft, CancellationToken cancellationToken)
    {
        new Validator().RequiredText("displayName", draft.DisplayName).ThrowIfInvalid();
        var clientId = string.Create(CultureInfo.InvariantCulture, $"{tenantId}-integration-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = draft.DisplayName!.Trim(),
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + LbcClaims.ApiScope,
            },
        };
        descriptor.Properties[TenantProperty] = JsonSerializer.SerializeToElement(tenantId);
        await applications.CreateAsync(descriptor, cancellationToken);
        return new IntegrationClient { ClientId = clientId, DisplayName = descriptor.DisplayName, ClientSecret = secret };
    }

    public async Task<IReadOnlyList<IntegrationClient>> ListIntegrations(string tenantId, CancellationToken cancellationToken)
    {
        var found = new List<IntegrationClient>();
        // Integration client ids start with their tenant's id, but the stored tenant property is what counts.
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            if (await TenantOf(application, cancellationToken) == tenantId)
            {
                found.Add(new IntegrationClient
                {
                    ClientId = (await applications.GetClientIdAsync(application, cancellationToken))!,
                    DisplayName = await applications.GetDisplayNameAsync(application, cancellationToken) ?? string.Empty,
                });
            }
        }

        return [.. found.OrderBy(c => c.ClientId, StringComparer.Ordinal)];
    }

    public async Task DeleteIntegration(string tenantId, string clientId, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null || await TenantOf(application, cancellationToken) != tenantId)
        {
            throw new EntityNotFoundException("Integration", clientId);
        }

        await applications.DeleteAsync(application, cancellationToken);
    }

    /// <summary>The tenant an integration client belongs to; <c>null</c> for the first-party clients.</summary>
    public async Task<string?> TenantOf(object application, CancellationToken cancellationToken)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        return properties.TryGetValue(TenantProperty, out var tenant) && tenant.ValueKind == JsonValueKind.String ? tenant.GetString() : null;
    }
}
