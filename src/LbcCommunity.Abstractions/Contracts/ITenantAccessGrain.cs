using Orleans.Concurrency;
using LbcCommunity.Access;
using LbcCommunity.Convenings;

namespace LbcCommunity.Contracts;

/// <summary>
/// Who may sign in to a tenant, how, and with which roles: the tenant's people (by e-mail), their staff roles and
/// roster memberships, and the tenant's identity providers. Keyed by the tenant id.
/// </summary>
public interface ITenantAccessGrain : IGrainWithStringKey
{
    /// <summary>
    /// Signs a person in. Through an identity provider: finds them by the provider and subject they are bound to, or by
    /// e-mail when they are bound to no one yet (binding them now; provisioning them at their first sign-in); refuses an
    /// e-mail the provider may not sign in and any e-mail of a person bound to another provider or subject. Through the
    /// development sign-in: finds them by e-mail. Refuses a disabled person, records the provider's roles, and answers
    /// with everything they may do now. A refusal (<see cref="SignInRefusedException"/>) changes nothing.
    /// </summary>
    Task<Person> SignIn(SignInAssertion assertion);

    /// <summary>The person as they are now, for a token refresh: <c>null</c> when unknown or disabled.</summary>
    Task<Person?> Refresh(string personId);

    [AlwaysInterleave]
    Task<IReadOnlyList<Person>> ListPeople();

    Task<Person> GetPerson(string personId);

    /// <summary>Gives (or takes away) staff roles; creates the person, not yet signed in, when the e-mail is new.</summary>
    Task<Person> SetStaff(StaffDraft draft);

    /// <summary>
    /// A state admin's move of a person to another identity provider (or unbinding them), recorded in their sign-in
    /// history with <paramref name="by"/> (the admin's subject).
    /// </summary>
    Task<Person> BindSignIn(string personId, SignInBinding binding, string by);

    /// <summary>Enables or disables a person.</summary>
    Task<Person> SetEnabled(string personId, bool enabled);

    /// <summary>Called by a roster before it stores a member with an e-mail: their sign-in will carry the membership.</summary>
    Task RecordMembership(string email, string displayName, Membership membership);

    /// <summary>Called by a roster when a member leaves it or their e-mail changes.</summary>
    Task ForgetMembership(string email, ConveningOwnerKind ownerKind, string ownerId, string memberId);

    /// <summary>Adds or replaces an identity provider; the client secret arrives already encrypted (or null to keep the stored one).</summary>
    /// <remarks>
    /// Refuses (naming <c>roleMappings[i].scopeId</c>) a role mapping whose region, team or community does not exist.
    /// <paramref name="check"/> is what checking the provider found before saving: its status from now on.
    /// </remarks>
    Task<IdentityProvider> SaveIdentityProvider(IdentityProviderDraft draft, string? protectedClientSecret, IdentityProviderCheck check);

    /// <summary>
    /// Records the outcome of a test-connection or of a sign-in that failed at the provider: its status, and for an
    /// error its last error and time. Not a change of the provider's set-up (sign-in registrations are not reloaded).
    /// </summary>
    Task<IdentityProvider> RecordIdentityProviderCheck(string providerId, IdentityProviderCheck check);

    /// <summary>A sign-in through the provider went through: its status becomes ok (written only when it was not).</summary>
    Task MarkIdentityProviderWorking(string providerId, DateTimeOffset at);

    Task RemoveIdentityProvider(string providerId);

    [AlwaysInterleave]
    Task<IReadOnlyList<IdentityProvider>> ListIdentityProviders();

    /// <summary>The providers with their encrypted secrets, for the sign-in machinery.</summary>
    [AlwaysInterleave]
    Task<IdentityProviderSet> GetIdentityProviderSet();
}
