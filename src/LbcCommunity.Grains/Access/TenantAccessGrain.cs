using LbcCommunity.Access;
using LbcCommunity.Contracts;
using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace LbcCommunity.Grains.Access;

/// <summary>
/// The tenant's people, their roles and memberships, and the tenant's identity providers. By job: the people and their
/// staff roles, memberships and bindings (here), sign-in (<c>TenantAccessGrain.SignIn.cs</c>) and the identity providers
/// (<c>TenantAccessGrain.IdentityProviders.cs</c>); the stored state is <see cref="TenantAccessState"/>.
/// </summary>
internal sealed partial class TenantAccessGrain(
    [PersistentState("access", StorageNames.Grains)] IPersistentState<TenantAccessState> state,
    IGrainFactory grains,
    [FromKeyedServices(DomainClock.Key)] TimeProvider time) : PersistentGrain<TenantAccessState>(state), ITenantAccessGrain
{
    private readonly IGrainFactory _grains = grains;

    private readonly TimeProvider _time = time;

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
                    At = _time.GetUtcNow(),
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

    public Task<IReadOnlyList<Person>> ListPeople() =>
        Task.FromResult<IReadOnlyList<Person>>([.. State.People.Values.OrderBy(p => p.Email, StringComparer.Ordinal)]);

    public Task<Person> GetPerson(string personId) => Task.FromResult(Find(personId) ?? throw new EntityNotFoundException("Person", personId));

    public async Task<Person> SetStaff(StaffDraft draft)
    {
        AccessRules.Validate(draft);
        var regions = (draft.CoordinatesRegionIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        var tenant = _grains.GetGrain<ITenantGrain>(TenantId);
        var known = (await tenant.ListRegions()).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = regions.FindIndex(r => !known.Contains(r));
        if (unknown >= 0)
        {
            throw DomainValidationException.For($"coordinatesRegionIds[{unknown}]", $"Region '{regions[unknown]}' does not exist.");
        }

        var email = AccessRules.NormalizeEmail(draft.Email!);
        var person = State.People.GetValueOrDefault(email) ?? NewPerson(email, draft.DisplayName, _time.GetUtcNow());
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
        var person = State.People.GetValueOrDefault(key) ?? NewPerson(key, displayName, _time.GetUtcNow());
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
                ? _grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, m.OwnerId))
                : _grains.GetGrain<ICommunityGrain>(GrainKeys.Of(TenantId, m.OwnerId));
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
