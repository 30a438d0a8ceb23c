using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LbcCommunity.Client.Auth;
using LbcCommunity.Host.Tests.Api;
using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Identity;

/// <summary>
/// Who a federated sign-in may sign in, tried with a hostile provider: a real oidc-provider on loopback, configured by a
/// tenant's state admin, whose accounts release e-mails it does not own, unverified e-mails, another subject's e-mail, and
/// a changed e-mail for a known subject. A person is bound to the provider and subject that first signed them in; a
/// provider signs in only the e-mails of its domains and the addresses listed on it; a refusal changes nothing stored.
/// Then signing out: the refresh token is revoked, the provider's session ends, and a provider session that outlived ours
/// does not sign the next person in as the previous one.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed partial class SignInTrustTests(ApiHostFixture fixture)
{
    private const string ClientSecret = "a-client-secret-of-the-district";
    private static readonly string[] Scopes = ["email", "profile"];

    [Fact]
    public async Task A_provider_cannot_sign_in_an_email_outside_its_domains_in_its_own_tenant_or_another()
    {
        var api = fixture.Host.Api();
        var state = await ApiWorld.NewStateWithTeam(api);
        var other = await ApiWorld.NewStateWithTeam(api);
        var director = $"spdg.director@{state}.doe.example";
        using var asAdmin = fixture.Host.ClientWith(await fixture.Host.StateAdminToken(state));
        (await asAdmin.PutAsJsonAsync($"/api/tenants/{state}/people/staff", new { email = director, displayName = "The Director", stateAdmin = true })).EnsureSuccessStatusCode();
        var before = (await PersonJson(state, director))?.ToString();
        var impostor = new IdentityProviderAccount("district-42", director, "Not The Director", []);
        await using var districtProvider = await StartProvider([(state, "district-idp"), (other, "district-idp")], impostor);
        await ConfigureProvider(state, "district-idp", districtProvider, [$"{state}.district.example"]);
        await ConfigureProvider(other, "district-idp", districtProvider, [$"{other}.district.example"]);

        var inOwnTenant = await SignInExpectingRefusal(state, "district-idp", districtProvider, impostor.Sub);
        var inOtherTenant = await SignInExpectingRefusal(other, "district-idp", districtProvider, impostor.Sub);

        Assert.Contains("may only sign in e-mails of", inOwnTenant, StringComparison.Ordinal);
        Assert.Contains("may only sign in e-mails of", inOtherTenant, StringComparison.Ordinal);
        Assert.NotNull(before);
        Assert.Equal(before, (await PersonJson(state, director))?.ToString());
        Assert.Null(await PersonJson(other, director));
    }

    [Fact]
    public async Task A_provider_signs_in_an_address_a_state_admin_listed_on_it_and_nothing_else_outside_its_domains()
    {
        var state = await ApiWorld.NewStateWithTeam(fixture.Host.Api());
        var listed = new IdentityProviderAccount("fam-1", "maria.alvarez@mail.example", "Maria Alvarez", []);
        var unlisted = new IdentityProviderAccount("fam-2", "someone.else@mail.example", "Someone Else", []);
        await using var provider = await StartProvider([(state, "families")], listed, unlisted);
        await ConfigureProvider(state, "families", provider, [], allowedEmails: [listed.Email]);

        var tokens = await SignIn(state, "families", provider, listed.Sub, typedEmail: null);
        var refused = await SignInExpectingRefusal(state, "families", provider, unlisted.Sub);

        Assert.Equal(listed.Email, (await MeOf(tokens)).GetProperty("email").GetString());
        Assert.Contains("may only sign in e-mails of the addresses listed on it", refused, StringComparison.Ordinal);
        Assert.Null(await PersonJson(state, unlisted.Email));
    }

    [Fact]
    public async Task An_unverified_email_is_refused_and_no_one_is_provisioned()
    {
        var state = await ApiWorld.NewStateWithTeam(fixture.Host.Api());
        var domain = $"{state}.district.example";
        var unverified = new IdentityProviderAccount("u-1", $"pat@{domain}", "Pat", [], EmailVerified: false);
        await using var provider = await StartProvider([(state, "district-idp")], unverified);
        await ConfigureProvider(state, "district-idp", provider, [domain]);

        var refused = await SignInExpectingRefusal(state, "district-idp", provider, unverified.Sub);

        Assert.Contains("did not share a verified e-mail", refused, StringComparison.Ordinal);
        Assert.Null(await PersonJson(state, unverified.Email));
    }

    [Fact]
    public async Task A_person_is_bound_to_the_subject_that_first_signed_them_in_and_another_subject_with_their_email_is_refused()
    {
        var state = await ApiWorld.NewStateWithTeam(fixture.Host.Api());
        var domain = $"{state}.district.example";
        var first = new IdentityProviderAccount("s-1", $"lee@{domain}", "Lee Park", []);
        var second = new IdentityProviderAccount("s-2", $"LEE@{domain}", "Someone Claiming Lee", []);
        await using var provider = await StartProvider([(state, "district-idp")], first, second);
        await ConfigureProvider(state, "district-idp", provider, [domain]);

        var tokens = await SignIn(state, "district-idp", provider, first.Sub, typedEmail: null);
        var boundAfterFirst = await PersonJson(state, first.Email);
        var refused = await SignInExpectingRefusal(state, "district-idp", provider, second.Sub);

        var me = await MeOf(tokens);
        Assert.Equal("Lee Park", me.GetProperty("displayName").GetString());
        Assert.Equal("district-idp", boundAfterFirst!.Value.GetProperty("signInProviderId").GetString());
        Assert.Equal("s-1", boundAfterFirst.Value.GetProperty("signInSubject").GetString());
        Assert.Equal("bound", boundAfterFirst.Value.GetProperty("signInHistory")[0].GetProperty("kind").GetString(), ignoreCase: true);
        Assert.Contains("signs in another way here", refused, StringComparison.Ordinal);
        Assert.Equal(boundAfterFirst.Value.ToString(), (await PersonJson(state, first.Email))!.Value.ToString());
    }

    [Fact]
    public async Task A_changed_email_for_a_known_subject_stays_the_same_person_and_never_becomes_someone_else()
    {
        var state = await ApiWorld.NewStateWithTeam(fixture.Host.Api());
        var domain = $"{state}.district.example";
        var taken = $"jordan@{domain}";
        using var asAdmin = fixture.Host.ClientWith(await fixture.Host.StateAdminToken(state));
        (await asAdmin.PutAsJsonAsync($"/api/tenants/{state}/people/staff", new { email = taken, displayName = "Jordan", stateAdmin = true })).EnsureSuccessStatusCode();
        var jordanBefore = (await PersonJson(state, taken))?.ToString();
        var account = new IdentityProviderAccount("s-77", $"sam.lee@{domain}", "Sam Lee", []);
        await using var provider = await StartProvider([(state, "district-idp")], account);
        await ConfigureProvider(state, "district-idp", provider, [domain]);
        var firstTokens = await SignIn(state, "district-idp", provider, account.Sub, typedEmail: null);
        var personId = (await MeOf(firstTokens)).GetProperty("subject").GetString();

        // The provider renames the account (a new surname): the same subject, another e-mail of its domain.
        await provider.UpdateAccountAsync(account with { Email = $"sam.rivera@{domain}" });
        var renamedTokens = await SignIn(state, "district-idp", provider, account.Sub, typedEmail: null);
        var renamed = await PersonJson(state, $"sam.rivera@{domain}");
        // Then it gives the account the e-mail of another person of the tenant, a state admin.
        await provider.UpdateAccountAsync(account with { Email = taken });
        var refused = await SignInExpectingRefusal(state, "district-idp", provider, account.Sub);

        Assert.Equal(personId, (await MeOf(renamedTokens)).GetProperty("subject").GetString());
        Assert.Null(await PersonJson(state, account.Email));
        Assert.Equal(personId, renamed!.Value.GetProperty("id").GetString());
        var change = renamed.Value.GetProperty("signInHistory").EnumerateArray().Last();
        Assert.Equal("emailChanged", change.GetProperty("kind").GetString(), ignoreCase: true);
        Assert.Equal(account.Email, change.GetProperty("previousEmail").GetString());
        Assert.Contains("belongs to another person here", refused, StringComparison.Ordinal);
        Assert.NotNull(jordanBefore);
        Assert.Equal(jordanBefore, (await PersonJson(state, taken))?.ToString());
        Assert.Equal(renamed.Value.GetProperty("email").GetString(), (await PersonJson(state, $"sam.rivera@{domain}"))!.Value.GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_person_bound_to_one_provider_is_not_taken_over_through_another_until_a_state_admin_moves_them()
    {
        var state = await ApiWorld.NewStateWithTeam(fixture.Host.Api());
        var domain = $"{state}.district.example";
        var atDistrict = new IdentityProviderAccount("d-5", $"alex@{domain}", "Alex", []);
        var atFamilies = new IdentityProviderAccount("f-9", $"alex@{domain}", "Alex (families)", []);
        await using var district = await StartProvider([(state, "district-idp")], atDistrict);
        await using var families = await StartProvider([(state, "families")], atFamilies);
        await ConfigureProvider(state, "district-idp", district, [domain]);
        await ConfigureProvider(state, "families", families, [], allowedEmails: [atDistrict.Email]);
        await SignIn(state, "district-idp", district, atDistrict.Sub, typedEmail: null);

        var takeover = await SignInExpectingRefusal(state, "families", families, atFamilies.Sub);
        var person = (await PersonJson(state, atDistrict.Email))!.Value;
        using var asAdmin = fixture.Host.ClientWith(await fixture.Host.StateAdminToken(state));
        var unknownProvider = await asAdmin.PutAsJsonAsync($"/api/tenants/{state}/people/{person.GetProperty("id").GetString()}/sign-in", new { providerId = "nowhere" });
        var afterUnknown = await PersonJson(state, atDistrict.Email);
        var moved = await asAdmin.PutAsJsonAsync($"/api/tenants/{state}/people/{person.GetProperty("id").GetString()}/sign-in", new { providerId = "families", reason = "Alex signs in with the family account now" });
        var throughFamilies = await SignIn(state, "families", families, atFamilies.Sub, typedEmail: null);
        var backThroughDistrict = await SignInExpectingRefusal(state, "district-idp", district, atDistrict.Sub);

        Assert.Contains("signs in another way here", takeover, StringComparison.Ordinal);
        Assert.Equal(person.ToString(), afterUnknown!.Value.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, unknownProvider.StatusCode);
        Assert.Contains("providerId", await unknownProvider.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(person.GetProperty("id").GetString(), (await MeOf(throughFamilies)).GetProperty("subject").GetString());
        Assert.Contains("signs in another way here", backThroughDistrict, StringComparison.Ordinal);
        var history = (await PersonJson(state, atDistrict.Email))!.Value.GetProperty("signInHistory").EnumerateArray().ToList();
        var move = history.Single(h => h.GetProperty("kind").GetString()!.Equals("moved", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("district-idp", move.GetProperty("previousProviderId").GetString());
        Assert.Equal("d-5", move.GetProperty("previousSubject").GetString());
        Assert.Equal("families", move.GetProperty("providerId").GetString());
        Assert.Equal("Alex signs in with the family account now", move.GetProperty("reason").GetString());
        Assert.StartsWith("p-", move.GetProperty("by").GetString(), StringComparison.Ordinal);
        Assert.Equal("f-9", history[^1].GetProperty("subject").GetString());
    }

    [Fact]
    public async Task A_revoked_refresh_token_is_refused()
    {
        var state = await ApiWorld.NewStateWithTeam(fixture.Host.Api());
        using var browser = fixture.Host.Browser();
        var tokens = await LbcSignIn.SignInAsync(browser, state, LbcHostFactory.StateAdminEmail(state));
        var refreshed = await LbcSignIn.RefreshAsync(browser, tokens.RefreshToken!);

        await LbcSignIn.RevokeAsync(browser, refreshed.RefreshToken!);

        var refused = await Assert.ThrowsAsync<LbcSignInException>(() => LbcSignIn.RefreshAsync(browser, refreshed.RefreshToken!));
        Assert.Contains("invalid_grant", refused.Body, StringComparison.Ordinal);
        // The one it was renewed from would still be taken for a while (a renewal racing another in a second tab may
        // reuse it): revoking a refresh token ends the whole sign-in, so that copy is refused too.
        var earlier = await Assert.ThrowsAsync<LbcSignInException>(() => LbcSignIn.RefreshAsync(browser, tokens.RefreshToken!));
        Assert.Contains("invalid_grant", earlier.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_at_the_provider_so_the_next_person_on_the_browser_signs_in_as_themselves()
    {
        var state = await ApiWorld.NewStateWithTeam(fixture.Host.Api());
        var domain = $"{state}.district.example";
        var first = new IdentityProviderAccount("a-1", $"ana@{domain}", "Ana", []);
        var next = new IdentityProviderAccount("b-2", $"ben@{domain}", "Ben", []);
        await using var provider = await StartProvider([(state, "district-idp")], first, next);
        await ConfigureProvider(state, "district-idp", provider, [domain]);
        using var atProvider = new SignInDriver();
        using var browser = fixture.Host.Browser();
        var firstTokens = await SignIn(state, "district-idp", provider, first.Sub, first.Email, browser, atProvider);

        // The web app's sign-out: RP-initiated logout at our server, which goes on to the provider's end-session endpoint.
        var endSession = await browser.GetAsync(
            $"/connect/endsession?client_id=lbc-web&id_token_hint={Uri.EscapeDataString(firstTokens.IdToken!)}&post_logout_redirect_uri={Uri.EscapeDataString(new Uri(browser.BaseAddress!, "/").ToString())}");
        Assert.Equal(HttpStatusCode.Redirect, endSession.StatusCode);
        Assert.Equal(provider.Issuer.Authority, endSession.Headers.Location!.Authority);
        var back = await atProvider.SignOutAsync(endSession.Headers.Location!);
        Assert.NotNull(back);
        var home = await browser.SendAsync(back.ToRequest());
        Assert.Equal("/", home.Headers.Location?.ToString());
        var nextTokens = await SignIn(state, "district-idp", provider, next.Sub, next.Email, browser, atProvider);

        Assert.Equal(next.Email, (await MeOf(nextTokens)).GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_provider_session_left_on_the_browser_does_not_sign_the_next_person_in_as_the_previous_one()
    {
        var state = await ApiWorld.NewStateWithTeam(fixture.Host.Api());
        var domain = $"{state}.district.example";
        var previous = new IdentityProviderAccount("a-1", $"ana@{domain}", "Ana", []);
        var next = new IdentityProviderAccount("b-2", $"ben@{domain}", "Ben", []);
        await using var provider = await StartProvider([(state, "district-idp")], previous, next);
        await ConfigureProvider(state, "district-idp", provider, [domain]);
        using var atProvider = new SignInDriver();
        using (var previousBrowser = fixture.Host.Browser())
        {
            await SignIn(state, "district-idp", provider, previous.Sub, previous.Email, previousBrowser, atProvider);
        }

        // Ben types his own e-mail on the same browser; the provider still has Ana's session and answers with her.
        using var browser = fixture.Host.Browser();
        var (authorize, verifier, oauthState) = LbcSignIn.AuthorizeUrl(browser.BaseAddress!);
        var challenge = await Challenge(browser, state, "district-idp", authorize, next.Email);
        var callback = await atProvider.SignInToCallbackAsync(challenge, next.Sub);
        var refusal = await browser.SendAsync(callback.ToRequest());
        var page = await refusal.Content.ReadAsStringAsync();
        var session = await browser.GetAsync(authorize);

        Assert.Equal(HttpStatusCode.Forbidden, refusal.StatusCode);
        Assert.Contains($"You entered '{next.Email}'", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains($"signed you in as '{previous.Email}'", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.StartsWith("/signin?", session.Headers.Location!.ToString(), StringComparison.Ordinal);

        // "Sign in as ben@…" asks the provider to prompt for the login again.
        var again = WebUtility.HtmlDecode(SignInAsLink().Match(page).Groups[1].Value);
        var reprompt = await browser.GetAsync(again);
        Assert.Equal(HttpStatusCode.Redirect, reprompt.StatusCode);
        var tokens = await CompleteAt(browser, atProvider, reprompt.Headers.Location!, next.Sub, authorize, verifier, oauthState);
        Assert.Equal(next.Email, (await MeOf(tokens)).GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_callback_for_a_provider_that_is_not_set_up_is_a_page_with_a_way_back_not_a_server_error()
    {
        var state = await ApiWorld.NewStateWithTeam(fixture.Host.Api());
        using var browser = fixture.Host.Browser();

        var answer = await browser.GetAsync($"/signin/callback/{state}/no-such-provider?code=abc&state=xyz");

        var page = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("This sign-in is not set up here", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/signin\">Back to sign-in</a>", page, StringComparison.Ordinal);
    }

    private static async Task<ExternalIdentityProvider> StartProvider(IReadOnlyList<(string State, string ProviderId)> registrations, params IdentityProviderAccount[] accounts) =>
        await ExternalIdentityProvider.StartAsync(Clients(registrations), accounts);

    private static IEnumerable<IdentityProviderClient> Clients(IReadOnlyList<(string State, string ProviderId)> registrations) =>
        registrations.Select(r => new IdentityProviderClient(
            $"lbc-{r.State}-{r.ProviderId}",
            ClientSecret,
            [new Uri($"http://localhost/signin/callback/{r.State}/{r.ProviderId}")],
            [new Uri("http://localhost/signin/signedout")]));

    private async Task ConfigureProvider(string state, string providerId, ExternalIdentityProvider provider, string[] domains, string[]? allowedEmails = null)
    {
        using var asAdmin = fixture.Host.ClientWith(await fixture.Host.StateAdminToken(state));
        var saved = await asAdmin.PutAsJsonAsync($"/api/tenants/{state}/identity-providers/{providerId}", new
        {
            displayName = $"Sign-in {providerId}",
            issuer = provider.IssuerIdentifier,
            clientId = $"lbc-{state}-{providerId}",
            clientSecret = ClientSecret,
            scopes = Scopes,
            emailDomains = domains,
            allowedEmails = allowedEmails ?? [],
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    /// <summary>The person with that e-mail as the state admin's people list shows them, or null.</summary>
    private async Task<JsonElement?> PersonJson(string state, string email)
    {
        using var asAdmin = fixture.Host.ClientWith(await fixture.Host.StateAdminToken(state));
        var people = await asAdmin.GetFromJsonAsync<JsonElement>($"/api/tenants/{state}/people");
        return people.EnumerateArray().Where(p => string.Equals(p.GetProperty("email").GetString(), email, StringComparison.OrdinalIgnoreCase)).Select(p => (JsonElement?)p).SingleOrDefault();
    }

    private async Task<JsonElement> MeOf(TokenSet tokens)
    {
        using var api = fixture.Host.ClientWith(tokens.AccessToken);
        var me = await api.GetFromJsonAsync<JsonElement>("/api/me");
        var people = me.GetProperty("tenantId").GetString();
        // /api/me has no e-mail; the tenant's people list has it for this subject.
        using var asAdmin = fixture.Host.ClientWith(await fixture.Host.StateAdminToken(people!));
        var all = await asAdmin.GetFromJsonAsync<JsonElement>($"/api/tenants/{people}/people");
        var person = all.EnumerateArray().Single(p => p.GetProperty("id").GetString() == me.GetProperty("subject").GetString());
        return JsonSerializer.SerializeToElement(new
        {
            subject = me.GetProperty("subject").GetString(),
            displayName = me.GetProperty("displayName").GetString(),
            email = person.GetProperty("email").GetString(),
        });
    }

    /// <summary>A whole sign-in from the web app's authorization request, typing <paramref name="typedEmail"/> (or choosing the provider by its link).</summary>
    private async Task<TokenSet> SignIn(string state, string providerId, ExternalIdentityProvider provider, string login, string? typedEmail, HttpClient? browser = null, SignInDriver? atProvider = null)
    {
        using var ownBrowser = browser is null ? fixture.Host.Browser() : null;
        using var ownDriver = atProvider is null ? new SignInDriver() : null;
        browser ??= ownBrowser!;
        atProvider ??= ownDriver!;
        var (authorize, verifier, oauthState) = LbcSignIn.AuthorizeUrl(browser.BaseAddress!);
        var challenge = await Challenge(browser, state, providerId, authorize, typedEmail);
        Assert.Equal(provider.Issuer.Authority, challenge.Authority);
        return await CompleteAt(browser, atProvider, challenge, login, authorize, verifier, oauthState);
    }

    /// <summary>The sign-in that should be refused: the text of the page our callback answers with (403).</summary>
    private async Task<string> SignInExpectingRefusal(string state, string providerId, ExternalIdentityProvider provider, string login)
    {
        using var browser = fixture.Host.Browser();
        using var atProvider = new SignInDriver();
        var (authorize, _, _) = LbcSignIn.AuthorizeUrl(browser.BaseAddress!);
        var challenge = await Challenge(browser, state, providerId, authorize, typedEmail: null);
        Assert.Equal(provider.Issuer.Authority, challenge.Authority);
        var callback = await atProvider.SignInToCallbackAsync(challenge, login);
        var answer = await browser.SendAsync(callback.ToRequest());
        var page = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync());
        Assert.True(answer.StatusCode == HttpStatusCode.Forbidden, $"Expected a refusal, got {(int)answer.StatusCode}: {page}");
        Assert.Contains("href=\"/signin\"", page, StringComparison.Ordinal);
        return page;
    }

    /// <summary>Our authorize endpoint sends the browser to sign in; it goes to the provider (by e-mail, or by the tenant's link).</summary>
    private static async Task<Uri> Challenge(HttpClient browser, string state, string providerId, string authorize, string? typedEmail)
    {
        var toSignIn = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        var signInUrl = new Uri(browser.BaseAddress!, toSignIn.Headers.Location!);
        var returnUrl = System.Web.HttpUtility.ParseQueryString(signInUrl.Query)["returnUrl"]!;
        var target = typedEmail is null
            ? $"/signin/{state}/{providerId}?returnUrl={Uri.EscapeDataString(returnUrl)}"
            : await TypeEmail(browser, signInUrl, typedEmail);
        var challenge = await browser.GetAsync(target);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        return challenge.Headers.Location!;
    }

    private static async Task<string> TypeEmail(HttpClient browser, Uri signInUrl, string email)
    {
        var page = await browser.GetStringAsync(signInUrl);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = LbcSignIn.AntiforgeryToken(page),
            ["returnUrl"] = WebUtility.HtmlDecode(ReturnUrlField().Match(page).Groups[1].Value),
            ["email"] = email,
        });
        var routed = await browser.PostAsync("/signin/email", form);
        Assert.Equal(HttpStatusCode.Redirect, routed.StatusCode);
        return routed.Headers.Location!.ToString();
    }

    private static async Task<TokenSet> CompleteAt(HttpClient browser, SignInDriver atProvider, Uri challenge, string login, string authorize, string verifier, string oauthState)
    {
        var callback = await atProvider.SignInToCallbackAsync(challenge, login);
        var back = await browser.SendAsync(callback.ToRequest());
        if (back.StatusCode != HttpStatusCode.Redirect)
        {
            throw new LbcSignInException((int)back.StatusCode, await back.Content.ReadAsStringAsync());
        }

        return await LbcSignIn.CompleteAsync(browser, authorize, verifier, oauthState);
    }

    [GeneratedRegex("name=\"returnUrl\" value=\"([^\"]*)\"")]
    private static partial Regex ReturnUrlField();

    [GeneratedRegex("<a href=\"([^\"]*prompt=login[^\"]*)\">Sign in as")]
    private static partial Regex SignInAsLink();
}
