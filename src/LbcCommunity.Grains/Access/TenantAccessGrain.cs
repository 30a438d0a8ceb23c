using LbcCommunity.Access;
using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Grains.Access;

[GenerateSerializer]
internal sealed class TenantAccessState
{
    /// <summary>People by normalized e-mail.</summary>
    [Id(0)] public Dictionary<string, Person> People { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<string, IdentityProviderSecret> IdentityProviders { get; set; } = new(StringComparer.Ordinal);

    [Id(2)] public long IdentityProvidersVersion { get; set; }
}

/// <summary>The tenant's people, their roles and memberships, and the tenant's identity providers.</summary>
internal sealed class TenantAccessGrain(
    [PersistentState("access", StorageNames.Grains)] IPersistentState<TenantAccessState> state,
    IGrainFactory grains,
    TimeProvider time) : PersistentGrain<TenantAccessState>(state), ITenantAccessGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // People who signed in through a provider before bindings existed are bound to the provider and subject of
        // their last sign-in: from now on that is the only way in for them.
        foreach (var (key, person) in State.People.ToList())
        {
            if (person is { SignInProviderId: null, LastProviderId: { } provider, LastExternalSubject: { } subject }
                && provider != AccessRules.DevelopmentProviderId)
            {
                State.People[key] = person with { SignInProviderId = provider, SignInSubject = subject };
            }
        }

        return base.OnActivateAsync(cancellationToken);
    }

    public async Task<Person> SignIn(SignInAssertion assertion)
    {
        var email = AccessRules.NormalizeEmail(assertion.Email);
        var now = time.GetUtcNow();
        var (key, person) = assertion.ProviderId == AccessRules.DevelopmentProviderId
            ? (email, State.People.GetValueOrDefault(email))
            : Bind(assertion, email, now);
        if (person is null)
        {
            if (!assertion.MayProvision)
            {
                throw new SignInRefusedException($"No one with the e-mail '{email}' is known to this tenant.", SignInRefusal.UnknownPerson);
            }

            person = NewPerson(email, assertion.DisplayName, now);
            if (assertion.ProviderId != AccessRules.DevelopmentProviderId)
            {
                person = person with
                {
                    SignInProviderId = assertion.ProviderId,
                    SignInSubject = assertion.ExternalSubject,
                    SignInHistory = [Change(now, SignInChangeKind.Bound, assertion, previous: null)],
                };
            }
        }

        if (!person.Enabled)
        {
            throw new SignInRefusedException("This account is disabled. Ask your state administrator.", SignInRefusal.Disabled);
        }

        person = person with
        {
            DisplayName = string.IsNullOrWhiteSpace(assertion.DisplayName) ? person.DisplayName : assertion.DisplayName.Trim(),
            ProviderGrants = assertion.ProviderGrants,
            Memberships = await CurrentMemberships(person),
            LastProviderId = assertion.ProviderId,
            LastExternalSubject = assertion.ExternalSubject,
            LastSignInAt = now,
        };
        if (key != person.Email)
        {
            State.People.Remove(key);
        }

        State.People[person.Email] = person;
        await Save();
        return person;
    }

    /// <summary>
    /// The person a provider's sign-in is for, with the key they are stored under now: found by the provider and subject
    /// they are bound to, else by e-mail when they are not bound to anyone else yet (then bound here); <c>null</c> for a
    /// new person. Refuses an e-mail the provider may not sign in, and any e-mail of a person bound elsewhere.
    /// Nothing is stored here: the caller writes the person once everything is checked.
    /// </summary>
    private (string Key, Person? Person) Bind(SignInAssertion assertion, string email, DateTimeOffset now)
    {
        var provider = State.IdentityProviders.GetValueOrDefault(assertion.ProviderId)?.Provider
            ?? throw new SignInRefusedException("This sign-in is no longer set up here. Ask your state administrator.", SignInRefusal.UnknownProvider);
        if (!provider.MaySignIn(email))
        {
            throw new SignInRefusedException(
                $"{provider.DisplayName} signed you in as '{email}', but it may only sign in e-mails of {DomainsOf(provider)} here. "
                + "Sign in with your work account, or ask your state administrator.",
                SignInRefusal.EmailNotOfProvider);
        }

        var bound = State.People.FirstOrDefault(p =>
            p.Value.SignInProviderId == assertion.ProviderId && p.Value.SignInSubject == assertion.ExternalSubject);
        if (bound.Value is { } known)
        {
            if (known.Email == email)
            {
                return (bound.Key, known);
            }

            // The provider changed this account's e-mail: the person follows, unless the new e-mail is someone else's.
            if (State.People.ContainsKey(email))
            {
                throw new SignInRefusedException(
                    $"Your identity provider now gives your e-mail as '{email}', which belongs to another person here. Ask your state administrator.",
                    SignInRefusal.EmailTaken);
            }

            return (bound.Key, known with
            {
                Email = email,
                SignInHistory = [.. known.SignInHistory, Change(now, SignInChangeKind.EmailChanged, assertion, known) with { PreviousEmail = known.Email }],
            });
        }

        if (State.People.GetValueOrDefault(email) is not { } person)
        {
            return (email, null);
        }

        // Known by e-mail only: bound at this first sign-in, unless a binding to another provider or subject exists.
        if (person.SignInProviderId is { } other && (other != assertion.ProviderId || person.SignInSubject is not null))
        {
            throw new SignInRefusedException(
                $"The account '{email}' signs in another way here, so this sign-in cannot be used for it. Ask your state administrator.",
                SignInRefusal.BoundElsewhere);
        }

        return (email, person with
        {
            SignInProviderId = assertion.ProviderId,
            SignInSubject = assertion.ExternalSubject,
            SignInHistory = [.. person.SignInHistory, Change(now, SignInChangeKind.Bound, assertion, person)],
        });
    }

    private static SignInChange Change(DateTimeOffset now, SignInChangeKind kind, SignInAssertion assertion, Person? previous) => new()
    {
        At = now,
        Kind = kind,
        By = "provider:" + assertion.ProviderId,
        ProviderId = assertion.ProviderId,
        Subject = assertion.ExternalSubject,
        PreviousProviderId = previous?.SignInProviderId,
        PreviousSubject = previous?.SignInSubject,
    };

    private static string DomainsOf(IdentityProvider provider) => provider.EmailDomains.Count switch
    {
        0 => "the addresses listed on it",
        1 => $"'{provider.EmailDomains[0]}'",
        _ => string.Join(", ", provider.EmailDomains.Select(d => $"'{d}'")),
    };

    public async Task<Person> BindSignIn(string personId, SignInBinding binding, string by)
    {
        var person = Find(personId) ?? throw new EntityNotFoundException("Person", personId);
        AccessRules.Validate(binding);
        if (binding.ProviderId is { } providerId && !State.IdentityProviders.ContainsKey(providerId))
        {
            throw DomainValidationException.For("providerId", $"Identity provider '{providerId}' does not exist.");
        }

        var subject = binding.ProviderId is null ? null : binding.Subject;
        if (subject is not null && State.People.Values.Any(p => p.Id != personId && p.SignInProviderId == binding.ProviderId && p.SignInSubject == subject))
        {
            throw new EntityConflictException("subject", $"Another person is already bound to that subject of '{binding.ProviderId}'.");
        }

        person = person with
        {
            SignInProviderId = binding.ProviderId,
            SignInSubject = subject,
            SignInHistory =
            [
                .. person.SignInHistory,
                new SignInChange
                {
                    At = time.GetUtcNow(),
                    Kind = SignInChangeKind.Moved,
                    By = by,
                    ProviderId = binding.ProviderId,
                    Subject = subject,
                    PreviousProviderId = person.SignInProviderId,
                    PreviousSubject = person.SignInSubject,
                    Reason = string.IsNullOrWhiteSpace(binding.Reason) ? null : binding.Reason.Trim(),
                },
            ],
        };
        State.People[person.Email] = person;
        await Save();
        return person;
    }

    public async Task<Person?> Refresh(string personId)
    {
        var person = Find(personId);
        if (person is not { Enabled: true })
        {
            return null;
        }

        var memberships = await CurrentMemberships(person);
        if (!memberships.SequenceEqual(person.Memberships))
        {
            person = person with { Memberships = memberships };
            State.People[person.Email] = person;
            await Save();
        }

        return person;
    }

    public Task<IReadOnlyList<Person>> ListPeople() =>
        Task.FromResult<IReadOnlyList<Person>>([.. State.People.Values.OrderBy(p => p.Email, StringComparer.Ordinal)]);

    public Task<Person> GetPerson(string personId) => Task.FromResult(Find(personId) ?? throw new EntityNotFoundException("Person", personId));

    public async Task<Person> SetStaff(StaffDraft draft)
    {
        AccessRules.Validate(draft);
        var regions = (draft.CoordinatesRegionIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        var tenant = grains.GetGrain<ITenantGrain>(TenantId);
        var known = (await tenant.ListRegions()).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = regions.FindIndex(r => !known.Contains(r));
        if (unknown >= 0)
        {
            throw DomainValidationException.For($"coordinatesRegionIds[{unknown}]", $"Region '{regions[unknown]}' does not exist.");
        }

        var email = AccessRules.NormalizeEmail(draft.Email!);
        var person = State.People.GetValueOrDefault(email) ?? NewPerson(email, draft.DisplayName, time.GetUtcNow());
        IEnumerable<Grant> staff = regions.Select(r => new Grant { Role = AccessRole.RegionalCoordinator, ScopeId = r });
        if (draft.StateAdmin)
        {
            staff = staff.Prepend(new Grant { Role = AccessRole.StateAdmin });
        }

        person = person with
        {
            StaffGrants = [.. staff],
            DisplayName = string.IsNullOrWhiteSpace(draft.DisplayName) ? person.DisplayName : draft.DisplayName.Trim(),
        };
        State.People[email] = person;
        await Save();
        return person;
    }

    public async Task<Person> SetEnabled(string personId, bool enabled)
    {
        var person = Find(personId) ?? throw new EntityNotFoundException("Person", personId);
        if (person.Enabled != enabled)
        {
            person = person with { Enabled = enabled };
            State.People[person.Email] = person;
            await Save();
        }

        return person;
    }

    public async Task RecordMembership(string email, string displayName, Membership membership)
    {
        var key = AccessRules.NormalizeEmail(email);
        var person = State.People.GetValueOrDefault(key) ?? NewPerson(key, displayName, time.GetUtcNow());
        var others = person.Memberships.Where(m => !SamePlace(m, membership.OwnerKind, membership.OwnerId, membership.MemberId));
        var updated = person with { Memberships = [.. others, membership] };
        if (!updated.Memberships.SequenceEqual(person.Memberships) || !State.People.ContainsKey(key))
        {
            State.People[key] = updated;
            await Save();
        }
    }

    public async Task ForgetMembership(string email, ConveningOwnerKind ownerKind, string ownerId, string memberId)
    {
        var key = AccessRules.NormalizeEmail(email);
        if (State.People.TryGetValue(key, out var person) && person.Memberships.Any(m => SamePlace(m, ownerKind, ownerId, memberId)))
        {
            State.People[key] = person with { Memberships = [.. person.Memberships.Where(m => !SamePlace(m, ownerKind, ownerId, memberId))] };
            await Save();
        }
    }

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
            UpdatedAt = time.GetUtcNow(),
        };
        provider = WithCheck(existing is null ? provider : provider with { LastError = existing.Provider.LastError, LastErrorAt = existing.Provider.LastErrorAt }, check);

        // Domains route sign-ins across the whole platform: claim them first, so two tenants never share one.
        await TenantScope.AsPlatform(() => grains.GetGrain<IPlatformDirectoryGrain>(IPlatformDirectoryGrain.Key).ClaimEmailDomains(TenantId, provider.Id, provider.EmailDomains));
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
                AccessRole.RegionalCoordinator => ("Region", (regions ??= (await grains.GetGrain<ITenantGrain>(TenantId).ListRegions()).Select(r => r.Id).ToHashSet(StringComparer.Ordinal)).Contains(scopeId)),
                AccessRole.TeamFacilitator or AccessRole.TeamMember => ("Team", await grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, scopeId)).TryGet() is not null),
                AccessRole.CommunityFacilitator or AccessRole.CommunityMember => ("Community", await grains.GetGrain<ICommunityGrain>(GrainKeys.Of(TenantId, scopeId)).TryGet() is not null),
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

        await TenantScope.AsPlatform(() => grains.GetGrain<IPlatformDirectoryGrain>(IPlatformDirectoryGrain.Key).ClaimEmailDomains(TenantId, providerId, []));
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

    private Person? Find(string personId) => State.People.Values.FirstOrDefault(p => string.Equals(p.Id, personId, StringComparison.Ordinal));

    private static Person NewPerson(string email, string? displayName, DateTimeOffset now) => new()
    {
        Id = "p-" + OrganizationRules.NewId(),
        Email = email,
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? email : displayName.Trim(),
        Enabled = true,
        CreatedAt = now,
    };

    private static bool SamePlace(Membership m, ConveningOwnerKind kind, string ownerId, string memberId) =>
        m.OwnerKind == kind && m.OwnerId == ownerId && m.MemberId == memberId;

    /// <summary>
    /// The memberships that the rosters still confirm. A roster records a membership here before it stores the member,
    /// so one whose roster write failed is dropped at the next sign-in rather than granting a place that does not exist.
    /// </summary>
    private async Task<IReadOnlyList<Membership>> CurrentMemberships(Person person)
    {
        var confirmed = await Task.WhenAll(person.Memberships.Select(async m =>
        {
            IMemberRosterGrain roster = m.OwnerKind == ConveningOwnerKind.Team
                ? grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, m.OwnerId))
                : grains.GetGrain<ICommunityGrain>(GrainKeys.Of(TenantId, m.OwnerId));
            try
            {
                var member = await roster.GetMember(m.MemberId);
                return string.Equals(member.Email, person.Email, StringComparison.OrdinalIgnoreCase)
                    ? m with { IsFacilitator = member.IsFacilitator }
                    : null;
            }
            catch (EntityNotFoundException)
            {
                return null;
            }
        }));
        return [.. confirmed.OfType<Membership>()];
    }
}
