using LbcCommunity.Access;
using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Grains.Access;

// The identity providers: their set-up (with the client secret, encrypted), their checked status, and the e-mail
// domains they claim for the whole platform.
internal sealed partial class TenantAccessGrain
{
    public async Task<IdentityProvider> SaveIdentityProvider(IdentityProviderDraft draft, string? protectedClientSecret, IdentityProviderCheck check)
    {
        var existing = draft.Id is null ? null : State.IdentityProviders.GetValueOrDefault(draft.Id);
        // The secret arrives encrypted beside the draft, never in it: its presence is checked here instead.
        AccessRules.Validate(draft, creating: false);
        if (existing is null && protectedClientSecret is null)
        {
            throw DomainValidationException.For("clientSecret", "'clientSecret' is required for a new identity provider.");
        }

        await RequireMappingTargets(draft.RoleMappings ?? []);
        var provider = new IdentityProvider
        {
            Id = draft.Id!,
            DisplayName = draft.DisplayName!.Trim(),
            Issuer = draft.Issuer!,
            ClientId = draft.ClientId!,
            Scopes = draft.Scopes is { Count: > 0 } scopes ? [.. scopes.Distinct(StringComparer.Ordinal)] : IdentityProviderDefaults.Scopes,
            EmailDomains = [.. (draft.EmailDomains ?? []).Distinct(StringComparer.Ordinal)],
            RoleMappings = [.. draft.RoleMappings ?? []],
            AllowedEmails = [.. (draft.AllowedEmails ?? []).Select(AccessRules.NormalizeEmail).Distinct(StringComparer.Ordinal)],
            UpdatedAt = _time.GetUtcNow(),
        };
        provider = WithCheck(existing is null ? provider : provider with { LastError = existing.Provider.LastError, LastErrorAt = existing.Provider.LastErrorAt }, check);

        // Domains route sign-ins across the whole platform: claim them first, so two tenants never share one.
        await TenantScope.AsPlatform(() => _grains.GetGrain<IPlatformDirectoryGrain>(IPlatformDirectoryGrain.Key).ClaimEmailDomains(TenantId, provider.Id, provider.EmailDomains));
        State.IdentityProviders[provider.Id] = new IdentityProviderSecret
        {
            Provider = provider,
            ProtectedClientSecret = protectedClientSecret ?? existing!.ProtectedClientSecret,
        };
        State.IdentityProvidersVersion++;
        await Save();
        return provider;
    }

    public async Task<IdentityProvider> RecordIdentityProviderCheck(string providerId, IdentityProviderCheck check)
    {
        var entry = State.IdentityProviders.GetValueOrDefault(providerId) ?? throw new EntityNotFoundException("IdentityProvider", providerId);
        var provider = WithCheck(entry.Provider, check);
        // The version stays: a status is not a change of set-up, and moving it would reload every silo's registrations.
        State.IdentityProviders[providerId] = entry with { Provider = provider };
        await Save();
        return provider;
    }

    public async Task MarkIdentityProviderWorking(string providerId, DateTimeOffset at)
    {
        // Every federated sign-in ends here: only a change of status is worth a write.
        if (State.IdentityProviders.GetValueOrDefault(providerId) is { Provider.Status: not IdentityProviderStatus.Ok } entry)
        {
            State.IdentityProviders[providerId] = entry with { Provider = WithCheck(entry.Provider, new IdentityProviderCheck { Status = IdentityProviderStatus.Ok, At = at }) };
            await Save();
        }
    }

    private static IdentityProvider WithCheck(IdentityProvider provider, IdentityProviderCheck check) => check.Status == IdentityProviderStatus.Error
        ? provider with { Status = check.Status, StatusAt = check.At, LastError = check.Message, LastErrorAt = check.At }
        : provider with { Status = check.Status, StatusAt = check.At };

    /// <summary>Each mapping's region, team or community must exist: a mapping to nowhere would grant a role over nothing.</summary>
    private async Task RequireMappingTargets(IReadOnlyList<RoleMapping> mappings)
    {
        var v = new Validation.Validator();
        IReadOnlySet<string>? regions = null;
        foreach (var (mapping, i) in mappings.Select((m, i) => (m, i)))
        {
            if (mapping.ScopeId is not { } scopeId || !Grant.TryParseRole(mapping.Role, out var role))
            {
                continue;
            }

            var (kind, exists) = role switch
            {
                AccessRole.RegionalCoordinator => ("Region", (regions ??= (await _grains.GetGrain<ITenantGrain>(TenantId).ListRegions()).Select(r => r.Id).ToHashSet(StringComparer.Ordinal)).Contains(scopeId)),
                AccessRole.TeamFacilitator or AccessRole.TeamMember => ("Team", await _grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, scopeId)).TryGet() is not null),
                AccessRole.CommunityFacilitator or AccessRole.CommunityMember => ("Community", await _grains.GetGrain<ICommunityGrain>(GrainKeys.Of(TenantId, scopeId)).TryGet() is not null),
                _ => ("", true),
            };
            if (!exists)
            {
                v.Add($"roleMappings[{i}].scopeId", $"{kind} '{scopeId}' does not exist in this tenant.");
            }
        }

        v.ThrowIfInvalid();
    }

    public async Task RemoveIdentityProvider(string providerId)
    {
        if (!State.IdentityProviders.ContainsKey(providerId))
        {
            throw new EntityNotFoundException("IdentityProvider", providerId);
        }

        await TenantScope.AsPlatform(() => _grains.GetGrain<IPlatformDirectoryGrain>(IPlatformDirectoryGrain.Key).ClaimEmailDomains(TenantId, providerId, []));
        State.IdentityProviders.Remove(providerId);

        State.IdentityProvidersVersion++;
        await Save();
    }

    public Task<IReadOnlyList<IdentityProvider>> ListIdentityProviders() =>
        Task.FromResult<IReadOnlyList<IdentityProvider>>([.. State.IdentityProviders.Values.Select(p => p.Provider).OrderBy(p => p.Id, StringComparer.Ordinal)]);

    public Task<IdentityProviderSet> GetIdentityProviderSet() => Task.FromResult(new IdentityProviderSet
    {
        Version = State.IdentityProvidersVersion,
        Providers = [.. State.IdentityProviders.Values],
    });
}
