using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using LbcCommunity.Errors;
using LbcCommunity.Validation;
using Microsoft.Extensions.Logging;
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

/// <summary>What one host contributes to the web app's registration: its configured origins and the ones it listens on.</summary>
public sealed record HostWebOrigins(IReadOnlyList<string> Configured, IReadOnlyList<string> Listening);

/// <summary>Another running host whose <c>Identity:WebOrigins</c> differ from this one's.</summary>
public sealed record DifferingWebOrigins(string Host, IReadOnlyList<string> Configured);

/// <summary>Registers the web app as a client of the authorization server, and a tenant's integrations.</summary>
public sealed partial class ClientRegistrar(IOpenIddictApplicationManager applications, IOptions<LbcIdentityOptions> options, ILogger<ClientRegistrar> logger)
{
    /// <summary>The application property that holds the tenant of an integration client.</summary>
    public const string TenantProperty = "lbc_tenant";

    /// <summary>The web app's application property that holds each running host's origins (JSON, by host).</summary>
    public const string HostOriginsProperty = "lbc_web_origins";

    /// <summary>
    /// Before the host starts: creates the web app's registration, or brings its permissions up to date, keeping the
    /// origins the hosts registered. Refuses a configured origin that is not one.
    /// </summary>
    /// <exception cref="InvalidOperationException">An entry of <c>Identity:WebOrigins</c> is not an origin.</exception>
    public async Task RegisterFirstPartyClients(CancellationToken cancellationToken)
    {
        WebOrigins.Configured(options.Value.WebOrigins);
        var existing = await applications.FindByClientIdAsync(LbcClaims.WebClientId, cancellationToken);
        var hosts = existing is null ? [] : await StoredHosts(existing, cancellationToken);
        await Save(existing, hosts, cancellationToken);
    }

    /// <summary>
    /// Once the host listens: records this host's origins (configured, and the ones it listens on) under
    /// <paramref name="hostKey"/>, drops those of hosts that are no longer running, and registers the union of them all
    /// as the web app's redirect URIs. In a cluster every host contributes and none overwrites another's; a host whose
    /// configured list differs from a running host's is logged, once per such host.
    /// </summary>
    /// <returns>The running hosts whose configured origins differ from this host's.</returns>
    public async Task<IReadOnlyList<DifferingWebOrigins>> RegisterHostOrigins(string hostKey, IEnumerable<string> listeningAddresses, Func<string, bool> isRunning, CancellationToken cancellationToken)
    {
        var mine = new HostWebOrigins(WebOrigins.Configured(options.Value.WebOrigins), WebOrigins.FromListeningAddresses(listeningAddresses));
        var existing = await applications.FindByClientIdAsync(LbcClaims.WebClientId, cancellationToken);
        var hosts = existing is null ? [] : await StoredHosts(existing, cancellationToken);
        var kept = hosts.Where(h => h.Key != hostKey && isRunning(h.Key)).ToDictionary(StringComparer.Ordinal);
        var differing = kept
            .Where(h => !h.Value.Configured.Order(StringComparer.Ordinal).SequenceEqual(mine.Configured.Order(StringComparer.Ordinal), StringComparer.Ordinal))
            .Select(h => new DifferingWebOrigins(h.Key, h.Value.Configured))
            .ToList();
        kept[hostKey] = mine;
        await Save(existing, kept, cancellationToken);

        // The lists are short and this runs once per start: joined up front, logged as one line each.
        var origins = string.Join(", ", mine.Configured.Concat(mine.Listening).Distinct(StringComparer.Ordinal));
        LogHostOrigins(logger, hostKey, origins, kept.Count);
        var configured = string.Join(", ", mine.Configured);
        foreach (var other in differing)
        {
            var otherConfigured = string.Join(", ", other.Configured);
            LogDifferingOrigins(logger, WebOrigins.Setting, configured, other.Host, otherConfigured);
        }

        return differing;
    }

    private async Task Save(object? existing, IReadOnlyDictionary<string, HostWebOrigins> hosts, CancellationToken cancellationToken)
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
        foreach (var origin in Union(hosts))
        {
            descriptor.RedirectUris.Add(new Uri(origin + WebOrigins.CallbackPath));
            descriptor.PostLogoutRedirectUris.Add(new Uri(origin + "/"));
        }

        descriptor.Properties[HostOriginsProperty] = JsonSerializer.SerializeToElement(hosts, WebOriginsJson.Default.IReadOnlyDictionaryStringHostWebOrigins);
        if (existing is not null)
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
    }

    private static IReadOnlyList<string> Union(IReadOnlyDictionary<string, HostWebOrigins> hosts) =>
        [.. hosts.Values.SelectMany(h => h.Configured.Concat(h.Listening)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private async Task<Dictionary<string, HostWebOrigins>> StoredHosts(object application, CancellationToken cancellationToken)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        if (!properties.TryGetValue(HostOriginsProperty, out var stored) || stored.ValueKind != JsonValueKind.Object)
        {
            // A registration from before hosts recorded their origins: its redirect URIs were one host's list, which the
            // next host to start replaces with its own contribution.
            return new Dictionary<string, HostWebOrigins>(StringComparer.Ordinal);
        }

        var hosts = stored.Deserialize(WebOriginsJson.Default.DictionaryStringHostWebOrigins) ?? [];
        return new Dictionary<string, HostWebOrigins>(hosts, StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The web app's origins on host {Host}: {Origins}; {HostCount} running hosts contribute to its registration.")]
    private static partial void LogHostOrigins(ILogger logger, string host, string origins, int hostCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Setting} differs between hosts: this host has [{Configured}], running host {OtherHost} has [{OtherConfigured}]. The web app's registration accepts the origins of every running host; set the same list on every host.")]
    private static partial void LogDifferingOrigins(ILogger logger, string setting, string configured, string otherHost, string otherConfigured);

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

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyDictionary<string, HostWebOrigins>))]
[JsonSerializable(typeof(Dictionary<string, HostWebOrigins>))]
internal sealed partial class WebOriginsJson : JsonSerializerContext;
