using LbcCommunity.Access;
using LbcCommunity.Contracts;
using LbcCommunity.Grains.Access;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Tests.Grains;

/// <summary>
/// The tenant's people and the identity providers that sign them in, on the grain: bindings to (provider, subject), a
/// refused sign-in that stores nothing, and people stored before bindings existed.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SignInBindingTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task A_refused_sign_in_stores_nothing()
    {
        var (tenant, access, domain) = await NewTenantWithProvider();
        TenantScope.Enter(tenant);
        await access.SignIn(Assertion($"lee@{domain}", "s-1"));
        var stored = await Stored(access);

        var refusals = new[]
        {
            await Assert.ThrowsAsync<SignInRefusedException>(() => access.SignIn(Assertion($"lee@{domain}", "s-2"))),
            await Assert.ThrowsAsync<SignInRefusedException>(() => access.SignIn(Assertion("director@elsewhere.example", "s-3"))),
            await Assert.ThrowsAsync<SignInRefusedException>(() => access.SignIn(Assertion($"lee@{domain}", "s-1") with { ProviderId = "removed" })),
        };

        TenantScope.Enter(tenant);
        Assert.Equal([SignInRefusal.BoundElsewhere, SignInRefusal.EmailNotOfProvider, SignInRefusal.UnknownProvider], refusals.Select(r => r.Refusal));
        Assert.Equal(stored, await Stored(access));
    }

    [Fact]
    public async Task People_stored_before_bindings_are_bound_to_the_provider_and_subject_of_their_last_sign_in()
    {
        var (tenant, access, domain) = await NewTenantWithProvider();
        TenantScope.Enter(tenant);
        var person = await access.SignIn(Assertion($"pat@{domain}", "s-10"));
        var onlyByDevelopment = await access.SetStaff(new StaffDraft { Email = $"dev@{domain}", StateAdmin = true });
        await ClusterFixture.Deactivate(access);
        // Rewrite what is stored in the earlier shape: the provider and subject of the last sign-in, no binding.
        var storage = fixture.GrainStorage;
        var grainId = access.GetGrainId();
        var state = new GrainState<TenantAccessState>();
        await storage.ReadStateAsync("access", grainId, state);
        var people = state.State!.People;
        people[person.Email] = people[person.Email] with { SignInProviderId = null, SignInSubject = null, SignInHistory = [] };
        people[onlyByDevelopment.Email] = people[onlyByDevelopment.Email] with
        {
            LastProviderId = AccessRules.DevelopmentProviderId,
            LastExternalSubject = onlyByDevelopment.Email,
        };
        await storage.WriteStateAsync("access", grainId, state);

        TenantScope.Enter(tenant);
        var takeover = await Assert.ThrowsAsync<SignInRefusedException>(() => access.SignIn(Assertion($"pat@{domain}", "s-99")));
        var again = await access.SignIn(Assertion($"pat@{domain}", "s-10"));
        var developmentOnly = await access.SignIn(Assertion($"dev@{domain}", "s-20"));

        Assert.Equal(SignInRefusal.BoundElsewhere, takeover.Refusal);
        Assert.Equal(person.Id, again.Id);
        Assert.Equal(("state-idp", "s-10"), (again.SignInProviderId, again.SignInSubject));
        Assert.Equal(onlyByDevelopment.Id, developmentOnly.Id);
        Assert.Equal(("state-idp", "s-20"), (developmentOnly.SignInProviderId, developmentOnly.SignInSubject));
    }

    private async Task<(string Tenant, ITenantAccessGrain Access, string Domain)> NewTenantWithProvider()
    {
        var tenant = await GrainWorld.NewTenant(_grains);
        TenantScope.Enter(tenant);
        var access = _grains.GetGrain<ITenantAccessGrain>(tenant);
        var domain = $"{tenant}.district.example";
        await access.SaveIdentityProvider(new IdentityProviderDraft
        {
            Id = "state-idp",
            DisplayName = "State sign-in",
            Issuer = "https://login.example",
            ClientId = "lbc",
            EmailDomains = [domain],
        }, protectedClientSecret: "protected", new IdentityProviderCheck { Status = IdentityProviderStatus.Ok, At = DateTimeOffset.UtcNow });
        return (tenant, access, domain);
    }

    private static SignInAssertion Assertion(string email, string subject) => new()
    {
        ProviderId = "state-idp",
        ExternalSubject = subject,
        Email = email,
        DisplayName = "Someone",
    };

    /// <summary>Every person as stored, in one comparable string.</summary>
    private static async Task<string> Stored(ITenantAccessGrain access) =>
        string.Join("\n", (await access.ListPeople()).Select(p =>
            $"{p.Id} {p.Email} {p.DisplayName} {p.SignInProviderId}/{p.SignInSubject} {p.LastSignInAt:O} {p.SignInHistory.Count}"));
}
