using LbcCommunity.Convenings;

namespace LbcCommunity.Access;

/// <summary>
/// A person of a tenant who may sign in: known by e-mail until their first sign-in through an identity provider, which
/// binds them to that provider's subject; from then on only that provider and subject sign them in.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Person
{
    /// <summary>The person's id in the tenant: the subject of their tokens.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>Lower case; unique in the tenant.</summary>
    [Id(1)] public required string Email { get; init; }

    [Id(2)] public required string DisplayName { get; init; }

    /// <summary>A disabled person cannot sign in, and their refresh tokens stop working.</summary>
    [Id(3)] public required bool Enabled { get; init; }

    /// <summary>Roles a state admin gave (state admin, regional coordinator); kept across sign-ins.</summary>
    [Id(4)] public IReadOnlyList<Grant> StaffGrants { get; init; } = [];

    /// <summary>Roles the tenant's identity provider asserted at the last sign-in (through the provider's role mappings).</summary>
    [Id(5)] public IReadOnlyList<Grant> ProviderGrants { get; init; } = [];

    /// <summary>Where the person is on a team's or community's roster (found by their e-mail).</summary>
    [Id(6)] public IReadOnlyList<Membership> Memberships { get; init; } = [];

    /// <summary>The identity provider and subject of the last sign-in, e.g. <c>state-idp</c> / <c>248289761001</c>.</summary>
    [Id(7)] public string? LastProviderId { get; init; }

    [Id(8)] public string? LastExternalSubject { get; init; }

    [Id(9)] public DateTimeOffset? LastSignInAt { get; init; }

    [Id(10)] public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// The identity provider that signs this person in: bound at their first sign-in through a provider, or set by a
    /// state admin (<see cref="SignInBinding"/>). <c>null</c>: not bound yet.
    /// </summary>
    [Id(11)] public string? SignInProviderId { get; init; }

    /// <summary>The provider's subject for this person; <c>null</c> while a binding set by a state admin awaits its first sign-in.</summary>
    [Id(12)] public string? SignInSubject { get; init; }

    /// <summary>How this person's sign-in binding and e-mail changed, oldest first: the audit trail.</summary>
    [Id(13)] public IReadOnlyList<SignInChange> SignInHistory { get; init; } = [];

    /// <summary>Everything the person may do now: staff roles, provider roles and roster memberships.</summary>
    public IReadOnlyList<Grant> Grants =>
    [
        .. StaffGrants.Concat(ProviderGrants).Concat(Memberships.Select(m => m.ToGrant())).Distinct(),
    ];
}

/// <summary>What changed a person's sign-in: bound at a first sign-in, moved by a state admin, or a new e-mail from the provider.</summary>
public enum SignInChangeKind
{
    Bound,
    Moved,
    EmailChanged,
}

/// <summary>One entry of a person's sign-in audit trail.</summary>
[GenerateSerializer, Immutable]
public sealed record SignInChange
{
    [Id(0)] public required DateTimeOffset At { get; init; }

    [Id(1)] public required SignInChangeKind Kind { get; init; }

    /// <summary>Who made the change: a state admin's or operator's subject, or <c>provider:{providerId}</c> for a sign-in.</summary>
    [Id(2)] public required string By { get; init; }

    [Id(3)] public string? ProviderId { get; init; }

    [Id(4)] public string? Subject { get; init; }

    [Id(5)] public string? PreviousProviderId { get; init; }

    [Id(6)] public string? PreviousSubject { get; init; }

    /// <summary>For <see cref="SignInChangeKind.EmailChanged"/>: the e-mail before.</summary>
    [Id(7)] public string? PreviousEmail { get; init; }

    /// <summary>The state admin's reason, when they gave one.</summary>
    [Id(8)] public string? Reason { get; init; }
}

/// <summary>
/// What a state admin sends to move a person to another identity provider (or to unbind them): the provider that will
/// sign them in, and optionally its subject for them. Without a subject, their next sign-in through that provider binds it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SignInBinding
{
    /// <summary>The tenant's provider id; <c>null</c> unbinds the person (their next sign-in through a provider allowed for their e-mail binds them again).</summary>
    [Id(0)] public string? ProviderId { get; init; }

    [Id(1)] public string? Subject { get; init; }

    [Id(2)] public string? Reason { get; init; }
}

/// <summary>A place on a roster: the team or community, the member id there, and whether they facilitate it.</summary>
[GenerateSerializer, Immutable]
public sealed record Membership
{
    [Id(0)] public required ConveningOwnerKind OwnerKind { get; init; }

    [Id(1)] public required string OwnerId { get; init; }

    [Id(2)] public required string MemberId { get; init; }

    [Id(3)] public required bool IsFacilitator { get; init; }

    public Grant ToGrant() => new()
    {
        Role = (OwnerKind, IsFacilitator) switch
        {
            (ConveningOwnerKind.Team, true) => AccessRole.TeamFacilitator,
            (ConveningOwnerKind.Team, false) => AccessRole.TeamMember,
            (_, true) => AccessRole.CommunityFacilitator,
            _ => AccessRole.CommunityMember,
        },
        ScopeId = OwnerId,
        MemberId = MemberId,
    };
}

/// <summary>Who signed in, as the identity provider (or the development sign-in) asserted it.</summary>
[GenerateSerializer, Immutable]
public sealed record SignInAssertion
{
    /// <summary>The tenant's identity provider id, or <c>development</c> for the built-in development sign-in.</summary>
    [Id(0)] public required string ProviderId { get; init; }

    [Id(1)] public required string ExternalSubject { get; init; }

    [Id(2)] public required string Email { get; init; }

    [Id(3)] public string? DisplayName { get; init; }

    /// <summary>Roles from the provider's claims (through its role mappings); replaces those of the last sign-in.</summary>
    [Id(4)] public IReadOnlyList<Grant> ProviderGrants { get; init; } = [];

    /// <summary>When false, only people already known to the tenant may sign in (the development sign-in).</summary>
    [Id(5)] public bool MayProvision { get; init; } = true;
}

/// <summary>What a state admin sends to give a person staff roles (creates the person when the e-mail is new).</summary>
[GenerateSerializer, Immutable]
public sealed record StaffDraft
{
    [Id(0)] public string? Email { get; init; }

    [Id(1)] public string? DisplayName { get; init; }

    [Id(2)] public bool StateAdmin { get; init; }

    /// <summary>The regions the person coordinates.</summary>
    [Id(3)] public IReadOnlyList<string>? CoordinatesRegionIds { get; init; }
}

/// <summary>A tenant's OpenID Connect identity provider, as a state admin configures it.</summary>
[GenerateSerializer, Immutable]
public sealed record IdentityProviderDraft
{
    /// <summary>A slug naming the provider in the tenant; part of its redirect URI.</summary>
    [Id(0)] public string? Id { get; init; }

    [Id(1)] public string? DisplayName { get; init; }

    /// <summary>The provider's issuer (https; http only on loopback for development and tests).</summary>
    [Id(2)] public string? Issuer { get; init; }

    [Id(3)] public string? ClientId { get; init; }

    /// <summary>Write-only: kept encrypted, never returned. Leave out on update to keep the stored one.</summary>
    [Id(4)] public string? ClientSecret { get; init; }

    /// <summary>Scopes to ask for besides <c>openid</c>; defaults to <c>email profile</c>.</summary>
    [Id(5)] public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>E-mail domains whose users this provider signs in (<c>doe.k12.ga.us</c>); unique across the platform.</summary>
    [Id(6)] public IReadOnlyList<string>? EmailDomains { get; init; }

    /// <summary>Claim values that give roles, e.g. claim <c>groups</c> = <c>spdg-staff</c> → <c>state-admin</c>.</summary>
    [Id(7)] public IReadOnlyList<RoleMapping>? RoleMappings { get; init; }

    /// <summary>
    /// Single addresses outside <see cref="EmailDomains"/> that this provider may sign in too (a family member's own
    /// address at a consumer provider, say). No other e-mail is accepted from it.
    /// </summary>
    [Id(8)] public IReadOnlyList<string>? AllowedEmails { get; init; }
}

/// <summary>A claim value from the identity provider that gives a role (scoped to a region, team or community when the role needs one).</summary>
[GenerateSerializer, Immutable]
public sealed record RoleMapping
{
    [Id(0)] public string? Claim { get; init; }

    [Id(1)] public string? Value { get; init; }

    /// <summary>The role's name: <c>state-admin</c>, <c>regional-coordinator</c>, <c>team-member</c>…</summary>
    [Id(2)] public string? Role { get; init; }

    /// <summary>The region, team or community the role applies to, for the roles that need one.</summary>
    [Id(3)] public string? ScopeId { get; init; }
}

/// <summary>A configured identity provider. The client secret is held encrypted and never leaves the server.</summary>
[GenerateSerializer, Immutable]
public sealed record IdentityProvider
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string DisplayName { get; init; }

    [Id(2)] public required string Issuer { get; init; }

    [Id(3)] public required string ClientId { get; init; }

    [Id(4)] public required IReadOnlyList<string> Scopes { get; init; }

    [Id(5)] public required IReadOnlyList<string> EmailDomains { get; init; }

    [Id(6)] public required IReadOnlyList<RoleMapping> RoleMappings { get; init; }

    [Id(7)] public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Whether people can sign in through it, as far as the last check or sign-in showed.</summary>
    [Id(8)] public IdentityProviderStatus Status { get; init; } = IdentityProviderStatus.Untested;

    /// <summary>When <see cref="Status"/> was last established (a save, a test-connection, a sign-in).</summary>
    [Id(9)] public DateTimeOffset? StatusAt { get; init; }

    /// <summary>The last failure that was the provider's or its set-up's fault (kept after it is fixed, with its time).</summary>
    [Id(10)] public string? LastError { get; init; }

    [Id(11)] public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>Addresses outside the e-mail domains that this provider may sign in (lower case).</summary>
    [Id(12)] public IReadOnlyList<string> AllowedEmails { get; init; } = [];

    /// <summary>Whether this provider may sign in <paramref name="email"/>: of one of its domains, or listed on it.</summary>
    public bool MaySignIn(string email)
    {
        var normalized = AccessRules.NormalizeEmail(email);
        return EmailDomains.Contains(AccessRules.DomainOf(normalized), StringComparer.Ordinal)
            || AllowedEmails.Contains(normalized, StringComparer.Ordinal);
    }
}

/// <summary>An identity provider with its encrypted client secret: only the sign-in machinery reads this.</summary>
[GenerateSerializer, Immutable]
public sealed record IdentityProviderSecret
{
    [Id(0)] public required IdentityProvider Provider { get; init; }

    [Id(1)] public required string ProtectedClientSecret { get; init; }
}

/// <summary>A tenant's identity providers and a version that moves on every change (so sign-in machinery reloads them).</summary>
[GenerateSerializer, Immutable]
public sealed record IdentityProviderSet
{
    [Id(0)] public required long Version { get; init; }

    [Id(1)] public required IReadOnlyList<IdentityProviderSecret> Providers { get; init; }
}

/// <summary>Why a sign-in was refused, for the log and for tests; the message is what the person reads.</summary>
public enum SignInRefusal
{
    /// <summary>An unknown person where provisioning is off (the development sign-in).</summary>
    UnknownPerson,
    Disabled,
    /// <summary>The provider released an e-mail outside its domains and listed addresses.</summary>
    EmailNotOfProvider,
    /// <summary>The e-mail belongs to a person bound to another provider or another subject.</summary>
    BoundElsewhere,
    /// <summary>The provider changed a known subject's e-mail to one another person of the tenant has.</summary>
    EmailTaken,
    UnknownProvider,
}

/// <summary>A sign-in that is refused: see <see cref="Refusal"/>. The message says what happened and what to do.</summary>
[GenerateSerializer]
public sealed class SignInRefusedException(string message, SignInRefusal refusal) : Exception(message)
{
    [Id(0)] public SignInRefusal Refusal { get; } = refusal;
}
