using LbcCommunity.Access;

namespace LbcCommunity.Grains.Access;

// Sign-in: a provider's (or the development sign-in's) assertion becomes a person, bound to the provider and subject
// that signed them in; a token refresh reads the person again.
internal sealed partial class TenantAccessGrain
{
    public async Task<Person> SignIn(SignInAssertion assertion)
    {
        var email = AccessRules.NormalizeEmail(assertion.Email);
        var now = _time.GetUtcNow();
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
}
