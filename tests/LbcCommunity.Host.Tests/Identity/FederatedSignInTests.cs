using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LbcCommunity.Client.Auth;
using LbcCommunity.Host.Tests.Api;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;

namespace LbcCommunity.Host.Tests.Identity;

/// <summary>
/// A tenant signs in through its own identity provider: a real, independent OpenID provider (oidc-provider on
/// loopback) configured at run time by the tenant's state admin. The whole way a browser goes: our authorize endpoint,
/// our sign-in page, the provider's login, our callback, our tokens; then the API and a hub with them.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class FederatedSignInTests(ApiHostFixture fixture)
{
    private const string ProviderId = "state-idp";
    private const string ClientSecret = "a-client-secret-of-the-state";
    private static readonly string[] Scopes = ["email", "profile"];

    [Fact]
    public async Task A_coordinator_signs_in_at_the_states_provider_found_by_email_domain_and_gets_the_mapped_role()
    {
        var state = await ApiWorld.NewStateWithTeam(fixture.Host.Api());
        var domain = $"{state}.k12.example";
        var coordinator = new IdentityProviderAccount("248289761001", $"pat.lee@{domain}", "Pat Lee", ["gf-west-coordinators"]);
        await using var provider = await StartProvider(state, coordinator);
        await ConfigureProvider(state, provider, domain);

        var tokens = await SignInThroughProvider(provider, coordinator.Email, coordinator.Email);

        using var api = fixture.Host.ClientWith(tokens.AccessToken);
        var me = await api.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(state, me.GetProperty("tenantId").GetString());
        Assert.Equal("Pat Lee", me.GetProperty("displayName").GetString());
        Assert.Equal(["regional-coordinator:west"], me.GetProperty("grants").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/tenants/{state}/initiatives/graduatefirst/regions/west/rollup")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/tenants/{state}/initiatives/graduatefirst/rollup")).StatusCode);
        await using var monitoring = await fixture.Host.Monitoring(tokens.AccessToken);
        var view = await monitoring.WatchRegionAsync(state, "graduatefirst", "west");
        Assert.Equal("west", view.RegionId);
        Assert.NotNull(tokens.RefreshToken);
        Assert.NotNull(tokens.IdToken);
    }

    [Fact]
    public async Task A_first_sign_in_provisions_the_member_with_their_roster_place_and_a_disabled_member_cannot_sign_in_again()
    {
        var admin = fixture.Host.Api();
        var state = await ApiWorld.NewStateWithTeam(admin);
        var domain = $"{state}.families.example";
        var parent = new IdentityProviderAccount("fam-77", $"maria@{domain}", "Maria Alvarez", []);
        await admin.AddMemberAsync(state, LbcCommunity.Client.Roster.OfTeam("cafe"), new MemberDraft
        {
            DisplayName = "Maria (parent)",
            Email = parent.Email,
            StakeholderRole = StakeholderRole.FamilyMember,
        });
        await using var provider = await StartProvider(state, parent);
        await ConfigureProvider(state, provider, domain);

        var tokens = await SignInThroughProvider(provider, parent.Email, parent.Sub);
        using var asParent = fixture.Host.ClientWith(tokens.AccessToken);
        var me = await asParent.GetFromJsonAsync<JsonElement>("/api/me");
        var grant = Assert.Single(me.GetProperty("grants").EnumerateArray()).GetString()!;
        Assert.StartsWith("team-member:cafe:", grant, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await asParent.GetAsync($"/api/tenants/{state}/teams/cafe/ratings")).StatusCode);

        using var asAdmin = fixture.Host.ClientWith(await fixture.Host.StateAdminToken(state));
        var people = await asAdmin.GetFromJsonAsync<JsonElement>($"/api/tenants/{state}/people");
        var person = people.EnumerateArray().Single(p => p.GetProperty("email").GetString() == parent.Email);
        Assert.Equal(ProviderId, person.GetProperty("lastProviderId").GetString());
        Assert.Equal(parent.Sub, person.GetProperty("lastExternalSubject").GetString());
        var disabled = await asAdmin.PutAsJsonAsync($"/api/tenants/{state}/people/{person.GetProperty("id").GetString()}/enabled", new { enabled = false });
        disabled.EnsureSuccessStatusCode();

        var refused = await Assert.ThrowsAsync<LbcSignInException>(() => SignInThroughProvider(provider, parent.Email, parent.Sub));
        Assert.Equal(403, refused.Status);
        Assert.Contains("disabled", refused.Body, StringComparison.Ordinal);
        var refresh = await Assert.ThrowsAsync<LbcSignInException>(() => LbcSignIn.RefreshAsync(fixture.Host.CreateClient(), tokens.RefreshToken!));
        Assert.Contains("invalid_grant", refresh.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_email_domain_signs_in_with_one_state_only_and_is_free_again_when_its_provider_is_removed()
    {
        var api = fixture.Host.Api();
        var first = await ApiWorld.NewStateWithTeam(api);
        var second = await ApiWorld.NewStateWithTeam(api);
        var domain = $"{first}.shared.example";
        var account = new IdentityProviderAccount("s-1", $"lee@{domain}", "Lee", []);
        await using var provider = await StartProvider(first, account);
        await ConfigureProvider(first, provider, domain);
        using var asSecondAdmin = fixture.Host.ClientWith(await fixture.Host.StateAdminToken(second));
        // Credentials the provider knows: a provider is checked at the provider before its domains are claimed.
        object Draft() => new { displayName = "Second state", issuer = provider.IssuerIdentifier, clientId = "lbc-" + first, clientSecret = ClientSecret, emailDomains = new[] { domain } };

        var taken = await asSecondAdmin.PutAsJsonAsync($"/api/tenants/{second}/identity-providers/{ProviderId}", Draft());
        var secondsProviders = await asSecondAdmin.GetStringAsync($"/api/tenants/{second}/identity-providers");
        using var asFirstAdmin = fixture.Host.ClientWith(await fixture.Host.StateAdminToken(first));
        var removed = await asFirstAdmin.DeleteAsync($"/api/tenants/{first}/identity-providers/{ProviderId}");
        var routedAfterRemoval = await RouteEmail(account.Email);
        var claimedNow = await asSecondAdmin.PutAsJsonAsync($"/api/tenants/{second}/identity-providers/{ProviderId}", Draft());

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("[]", secondsProviders);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Contains("No state signs in with that e-mail domain", routedAfterRemoval, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, claimedNow.StatusCode);
    }

    /// <summary>Where the sign-in page sends someone who enters <paramref name="email"/>: the page it ends on.</summary>
    private async Task<string> RouteEmail(string email)
    {
        using var browser = fixture.Host.Browser();
        var (authorize, _, _) = LbcSignIn.AuthorizeUrl(browser.BaseAddress!);
        var toSignIn = await browser.GetAsync(authorize);
        var page = await browser.GetStringAsync(new Uri(browser.BaseAddress!, toSignIn.Headers.Location!));
        var routed = await PostEmail(browser, page, email);
        return await browser.GetStringAsync(new Uri(browser.BaseAddress!, routed.Headers.Location!));
    }

    [Fact]
    public async Task An_email_domain_no_state_signs_in_with_is_told_so_on_the_sign_in_page()
    {
        var page = await RouteEmail("someone@nowhere.example");

        Assert.Contains("No state signs in with that e-mail domain", page, StringComparison.Ordinal);
    }

    private static async Task<ExternalIdentityProvider> StartProvider(string state, params IdentityProviderAccount[] accounts) =>
        await ExternalIdentityProvider.StartAsync(
            [new IdentityProviderClient("lbc-" + state, ClientSecret, [new Uri($"http://localhost/signin/callback/{state}/{ProviderId}")])],
            accounts);

    /// <summary>What the state admin does in the API: the provider takes effect at once, with no restart.</summary>
    private async Task ConfigureProvider(string state, ExternalIdentityProvider provider, string domain)
    {
        using var asAdmin = fixture.Host.ClientWith(await fixture.Host.StateAdminToken(state));
        var saved = await asAdmin.PutAsJsonAsync($"/api/tenants/{state}/identity-providers/{ProviderId}", new
        {
            displayName = "State single sign-on",
            issuer = provider.IssuerIdentifier,
            clientId = "lbc-" + state,
            clientSecret = ClientSecret,
            scopes = Scopes,
            emailDomains = new[] { domain },
            roleMappings = new[] { new { claim = "groups", value = "gf-west-coordinators", role = "regional-coordinator", scopeId = "west" } },
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var listed = await asAdmin.GetStringAsync($"/api/tenants/{state}/identity-providers");
        Assert.DoesNotContain(ClientSecret, listed, StringComparison.Ordinal);
    }

    /// <summary>The web app's authorization request, our sign-in page, the provider's login, our callback, our token endpoint.</summary>
    private async Task<TokenSet> SignInThroughProvider(ExternalIdentityProvider provider, string email, string login)
    {
        using var browser = fixture.Host.Browser();
        var (authorize, verifier, state) = LbcSignIn.AuthorizeUrl(browser.BaseAddress!);
        var toSignIn = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        var page = await browser.GetStringAsync(new Uri(browser.BaseAddress!, toSignIn.Headers.Location!));

        var routed = await PostEmail(browser, page, email);
        Assert.StartsWith("/signin/", routed.Headers.Location!.ToString(), StringComparison.Ordinal);
        var challenge = await browser.GetAsync(routed.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        // To the state's provider (the request itself was pushed to it first: the login hint travels there, not in this URL).
        Assert.Equal(provider.Issuer.Authority, challenge.Headers.Location!.Authority);

        return await SignInDriver.CompleteAtProviderAsync(browser, challenge.Headers.Location!, login, verifier, state);
    }

    private static async Task<HttpResponseMessage> PostEmail(HttpClient browser, string signInPage, string email)
    {
        var returnUrl = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(signInPage, "name=\"returnUrl\" value=\"([^\"]*)\"").Groups[1].Value);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LbcSignIn.AntiforgeryToken(signInPage),
            ["returnUrl"] = returnUrl,
            ["email"] = email,
        });
        var routed = await browser.PostAsync("/signin/email", form);
        Assert.Equal(HttpStatusCode.Redirect, routed.StatusCode);
        return routed;
    }
}
