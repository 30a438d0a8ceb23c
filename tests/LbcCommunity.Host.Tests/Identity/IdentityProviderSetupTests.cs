using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LbcCommunity.Client.Auth;
using LbcCommunity.Host.Tests.Api;
using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Identity;

/// <summary>
/// A state admin sets up the state's identity provider (a real oidc-provider on loopback) and gets told what is wrong
/// before anything is stored; the provider's status shows what went wrong later; and a person whose sign-in fails at
/// the provider gets a page that says what happened, what to do, and a way back.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class IdentityProviderSetupTests(ApiHostFixture fixture)
{
    private const string ProviderId = "state-idp";
    private const string ClientSecret = "the-states-client-secret";

    [Fact]
    public async Task Provider_with_a_wrong_client_secret_is_refused_naming_the_secret_and_nothing_is_stored()
    {
        var world = await World.Start(fixture);
        await using var provider = world.Provider;

        var saved = await world.Save(world.Draft(clientSecret: "not-the-secret"));

        var errors = await ValidationErrors(saved);
        Assert.Contains("invalid_client", Assert.Single(errors["clientSecret"]), StringComparison.Ordinal);
        Assert.True(errors.ContainsKey("clientId"));
        Assert.Equal("[]", await world.ListProviders());
    }

    [Fact]
    public async Task Provider_with_a_wrong_client_id_is_refused_and_nothing_is_stored()
    {
        var world = await World.Start(fixture);
        await using var provider = world.Provider;

        var saved = await world.Save(world.Draft(clientId: "no-such-client"));

        var errors = await ValidationErrors(saved);
        Assert.Contains("invalid_client", Assert.Single(errors["clientId"]), StringComparison.Ordinal);
        Assert.Equal("[]", await world.ListProviders());
    }

    [Fact]
    public async Task Provider_whose_issuer_does_not_answer_is_refused_naming_the_issuer_and_nothing_is_stored()
    {
        var world = await World.Start(fixture);
        await using var provider = world.Provider;
        var nobody = $"http://127.0.0.1:{FreePorts.Next()}";

        var saved = await world.Save(world.Draft(issuer: nobody));

        var errors = await ValidationErrors(saved);
        Assert.Contains("does not answer", Assert.Single(errors["issuer"]), StringComparison.Ordinal);
        Assert.Equal("[]", await world.ListProviders());
    }

    [Fact]
    public async Task Provider_whose_discovery_document_names_another_issuer_is_refused_and_nothing_is_stored()
    {
        var world = await World.Start(fixture);
        await using var provider = world.Provider;
        // The same provider under another name: its document says http://127.0.0.1:PORT.
        var otherName = $"http://localhost:{provider.Port}";

        var saved = await world.Save(world.Draft(issuer: otherName));

        var errors = await ValidationErrors(saved);
        Assert.Contains(provider.IssuerIdentifier, Assert.Single(errors["issuer"]), StringComparison.Ordinal);
        Assert.Equal("[]", await world.ListProviders());
    }

    [Fact]
    public async Task Provider_asking_for_a_scope_the_provider_does_not_support_is_refused_naming_the_scope()
    {
        var world = await World.Start(fixture);
        await using var provider = world.Provider;

        var saved = await world.Save(world.Draft(scopes: ["email", "staff_directory"]));

        var errors = await ValidationErrors(saved);
        Assert.Contains("staff_directory", Assert.Single(errors["scopes[1]"]), StringComparison.Ordinal);
        Assert.False(errors.ContainsKey("scopes[0]"));
        Assert.Equal("[]", await world.ListProviders());
    }

    [Fact]
    public async Task Provider_that_accepts_no_client_secret_is_refused_naming_the_secret()
    {
        var world = await World.Start(fixture, clientAuthMethods: ["none", "private_key_jwt"]);
        await using var provider = world.Provider;

        var saved = await world.Save(world.Draft());

        var errors = await ValidationErrors(saved);
        Assert.Contains("private_key_jwt", Assert.Single(errors["clientSecret"]), StringComparison.Ordinal);
        Assert.Equal("[]", await world.ListProviders());
    }

    [Fact]
    public async Task Provider_whose_body_names_another_provider_id_is_refused_naming_id_and_nothing_is_stored()
    {
        var world = await World.Start(fixture);
        await using var provider = world.Provider;

        var saved = await world.Save(world.Draft(id: "another-idp"));

        var errors = await ValidationErrors(saved);
        Assert.Contains(ProviderId, Assert.Single(errors["id"]), StringComparison.Ordinal);
        Assert.Equal("[]", await world.ListProviders());
    }

    [Fact]
    public async Task Role_mappings_to_a_region_team_or_community_that_does_not_exist_are_refused_naming_each_scope_id()
    {
        var world = await World.Start(fixture);
        await using var provider = world.Provider;
        object[] mappings =
        [
            new { claim = "groups", value = "resa-atlantis", role = "regional-coordinator", scopeId = "atlantis" },
            new { claim = "groups", value = "cafe-team", role = "team-member", scopeId = "cafe" },
            new { claim = "groups", value = "ghost-team", role = "team-facilitator", scopeId = "no-such-team" },
            new { claim = "groups", value = "ghost-cop", role = "community-member", scopeId = "no-such-cop" },
        ];

        var saved = await world.Save(world.Draft(roleMappings: mappings));

        var errors = await ValidationErrors(saved);
        Assert.Contains("atlantis", Assert.Single(errors["roleMappings[0].scopeId"]), StringComparison.Ordinal);
        Assert.False(errors.ContainsKey("roleMappings[1].scopeId"), "Team 'cafe' exists.");
        Assert.Contains("no-such-team", Assert.Single(errors["roleMappings[2].scopeId"]), StringComparison.Ordinal);
        Assert.Contains("no-such-cop", Assert.Single(errors["roleMappings[3].scopeId"]), StringComparison.Ordinal);
        Assert.Equal("[]", await world.ListProviders());
    }

    [Fact]
    public async Task A_provider_saved_with_accepted_credentials_is_ok_and_test_connection_shows_the_error_once_its_secret_changed()
    {
        var world = await World.Start(fixture);
        var saved = await world.Save(world.Draft());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var provider = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ok", provider.GetProperty("status").GetString());

        // The provider's administrators rotate the client secret; LbcCommunity still holds the old one.
        await using var rotated = await world.Restart("a-rotated-secret");
        var tested = await world.Test();

        Assert.Equal(HttpStatusCode.OK, tested.StatusCode);
        var result = await tested.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("error", result.GetProperty("status").GetString());
        Assert.Contains("invalid_client", result.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.True(result.GetProperty("lastErrorAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        var listed = JsonDocument.Parse(await world.ListProviders()).RootElement.EnumerateArray().Single();
        Assert.Equal("error", listed.GetProperty("status").GetString());
        Assert.Equal(result.GetProperty("lastError").GetString(), listed.GetProperty("lastError").GetString());
        Assert.DoesNotContain(ClientSecret, await world.ListProviders(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Test("no-such-idp")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_that_goes_through_makes_a_failing_provider_ok_again_and_keeps_its_last_error()
    {
        var world = await World.Start(fixture);
        Assert.Equal(HttpStatusCode.OK, (await world.Save(world.Draft())).StatusCode);
        await using (await world.Restart("a-rotated-secret"))
        {
            Assert.Equal("error", (await (await world.Test()).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }

        await using var fixedAgain = await world.Restart(ClientSecret);
        using var browser = fixture.Host.Browser();
        var (authorize, verifier, state) = LbcSignIn.AuthorizeUrl(browser.BaseAddress!);
        var challenge = await world.StartSignIn(browser, authorize);
        var tokens = await SignInDriver.CompleteAtProviderAsync(browser, challenge.Headers.Location!, world.Person.Email, verifier, state);

        Assert.NotNull(tokens.AccessToken);
        using var asAdmin = fixture.Host.ClientWith(await fixture.Host.StateAdminToken(world.State));
        var provider = await asAdmin.GetFromJsonAsync<JsonElement>($"/api/tenants/{world.State}/identity-providers/{ProviderId}");
        Assert.Equal("ok", provider.GetProperty("status").GetString());
        Assert.Contains("invalid_client", provider.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.True(provider.GetProperty("statusAt").GetDateTimeOffset() > provider.GetProperty("lastErrorAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Cancelling_at_the_provider_shows_a_sign_in_page_with_a_way_back_and_leaves_the_provider_ok()
    {
        var world = await World.Start(fixture);
        await using var provider = world.Provider;
        Assert.Equal(HttpStatusCode.OK, (await world.Save(world.Draft())).StatusCode);
        using var browser = fixture.Host.Browser();
        var challenge = await world.StartSignIn(browser);
        Assert.Equal(provider.Issuer.Authority, challenge.Headers.Location!.Authority);

        using var atProvider = new SignInDriver();
        var back = await atProvider.CancelAsync(challenge.Headers.Location!);
        Assert.Contains("error=access_denied", back.Query, StringComparison.Ordinal);
        var page = await browser.GetAsync(back);

        var html = await AssertSignInPage(page, HttpStatusCode.Forbidden);
        Assert.Contains("cancelled", html, StringComparison.Ordinal);
        Assert.Contains("What to do", html, StringComparison.Ordinal);
        Assert.Equal("ok", await world.Status());
    }

    [Fact]
    public async Task A_sign_in_after_the_provider_changed_the_secret_shows_a_page_and_the_providers_status_shows_the_error()
    {
        var world = await World.Start(fixture);
        Assert.Equal(HttpStatusCode.OK, (await world.Save(world.Draft())).StatusCode);
        await using var rotated = await world.Restart("a-rotated-secret");
        using var browser = fixture.Host.Browser();

        // The request is pushed to the provider first (PAR), with the client's credentials: refused there.
        var page = await world.StartSignIn(browser);

        var html = await AssertSignInPage(page, HttpStatusCode.BadGateway);
        Assert.Contains("state administrator", html, StringComparison.Ordinal);
        Assert.DoesNotContain("error_description:", html, StringComparison.Ordinal);
        var listed = JsonDocument.Parse(await world.ListProviders()).RootElement.EnumerateArray().Single();
        Assert.Equal("error", listed.GetProperty("status").GetString());
        Assert.Contains("invalid_client", listed.GetProperty("lastError").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_at_a_provider_that_stopped_answering_shows_a_page_and_the_providers_status_shows_the_error()
    {
        var world = await World.Start(fixture);
        Assert.Equal(HttpStatusCode.OK, (await world.Save(world.Draft())).StatusCode);
        await world.Provider.DisposeAsync();
        using var browser = fixture.Host.Browser();

        var page = await world.StartSignIn(browser);

        var html = await AssertSignInPage(page, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("not answering", html, StringComparison.Ordinal);
        Assert.Equal("error", await world.Status());
    }

    [Fact]
    public async Task A_callback_that_belongs_to_no_sign_in_of_this_browser_shows_an_expired_page_and_is_not_the_providers_error()
    {
        var world = await World.Start(fixture);
        await using var provider = world.Provider;
        Assert.Equal(HttpStatusCode.OK, (await world.Save(world.Draft())).StatusCode);
        using var browser = fixture.Host.Browser();

        var withoutState = await browser.GetAsync($"/signin/callback/{world.State}/{ProviderId}?code=abc&iss={Uri.EscapeDataString(provider.IssuerIdentifier)}");
        var foreignState = await browser.GetAsync($"/signin/callback/{world.State}/{ProviderId}?error=access_denied&state=not-a-state-of-ours");

        Assert.Contains("expired", await AssertSignInPage(withoutState, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("expired", await AssertSignInPage(foreignState, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal("ok", await world.Status());
    }

    /// <summary>A page of ours: HTML, with a link back to /signin, and not OpenIddict's plain protocol text.</summary>
    private static async Task<string> AssertSignInPage(HttpResponseMessage response, HttpStatusCode status)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {html}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<a href=\"/signin\">Back to sign-in</a>", html, StringComparison.Ordinal);
        Assert.Contains("LbcCommunity", html, StringComparison.Ordinal);
        Assert.DoesNotContain("error:", html, StringComparison.Ordinal);
        return html;
    }

    private static async Task<Dictionary<string, string[]>> ValidationErrors(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    /// <summary>A new state with a team, its own provider (oidc-provider) and a person there.</summary>
    private sealed class World
    {
        private ApiHostFixture _fixture = null!;

        public string State { get; private set; } = null!;

        public string Domain => $"{State}.sso.example";

        public ExternalIdentityProvider Provider { get; private set; } = null!;

        public IdentityProviderAccount Person => new("p-1", $"kim@{Domain}", "Kim Park", []);

        private IdentityProviderClient Client(string secret) =>
            new("lbc-" + State, secret, [new Uri($"http://localhost/signin/callback/{State}/{ProviderId}")]);

        public static async Task<World> Start(ApiHostFixture fixture, IReadOnlyList<string>? clientAuthMethods = null)
        {
            var world = new World { _fixture = fixture, State = await ApiWorld.NewStateWithTeam(fixture.Host.Api()) };
            world.Provider = await ExternalIdentityProvider.StartAsync([world.Client(ClientSecret)], [world.Person], clientAuthMethods: clientAuthMethods);
            return world;
        }

        /// <summary>Stops the provider and starts it again at the same issuer, its client now with <paramref name="secret"/>.</summary>
        public async Task<ExternalIdentityProvider> Restart(string secret)
        {
            var port = Provider.Port;
            await Provider.DisposeAsync();
            return Provider = await ExternalIdentityProvider.StartAsync([Client(secret)], [Person], port);
        }

        public object Draft(string? id = null, string? issuer = null, string? clientId = null, string? clientSecret = null, string[]? scopes = null, object[]? roleMappings = null) => new
        {
            id,
            displayName = "State single sign-on",
            issuer = issuer ?? Provider.IssuerIdentifier,
            clientId = clientId ?? "lbc-" + State,
            clientSecret = clientSecret ?? ClientSecret,
            scopes = scopes ?? ["email", "profile"],
            emailDomains = new[] { Domain },
            roleMappings = roleMappings ?? [],
        };

        public async Task<HttpResponseMessage> Save(object draft)
        {
            using var asAdmin = await Admin();
            return await asAdmin.PutAsJsonAsync($"/api/tenants/{State}/identity-providers/{ProviderId}", draft);
        }

        public async Task<HttpResponseMessage> Test(string providerId = ProviderId)
        {
            using var asAdmin = await Admin();
            return await asAdmin.PostAsync($"/api/tenants/{State}/identity-providers/{providerId}/test", null);
        }

        public async Task<string> ListProviders()
        {
            using var asAdmin = await Admin();
            return await asAdmin.GetStringAsync($"/api/tenants/{State}/identity-providers");
        }

        public async Task<string?> Status() =>
            JsonDocument.Parse(await ListProviders()).RootElement.EnumerateArray().Single().GetProperty("status").GetString();

        /// <summary>The web app's authorization request, our sign-in page, the e-mail; the answer to the challenge (not followed).</summary>
        public async Task<HttpResponseMessage> StartSignIn(HttpClient browser, string? authorize = null)
        {
            authorize ??= LbcSignIn.AuthorizeUrl(browser.BaseAddress!).Url;
            var toSignIn = await browser.GetAsync(authorize);
            var page = await browser.GetStringAsync(new Uri(browser.BaseAddress!, toSignIn.Headers.Location!));
            var returnUrl = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "name=\"returnUrl\" value=\"([^\"]*)\"").Groups[1].Value);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = LbcSignIn.AntiforgeryToken(page),
                ["returnUrl"] = returnUrl,
                ["email"] = Person.Email,
            });
            var routed = await browser.PostAsync("/signin/email", form);
            Assert.StartsWith($"/signin/{State}/{ProviderId}", routed.Headers.Location!.ToString(), StringComparison.Ordinal);
            return await browser.GetAsync(routed.Headers.Location);
        }

        private async Task<HttpClient> Admin() => _fixture.Host.ClientWith(await _fixture.Host.StateAdminToken(State));
    }
}
