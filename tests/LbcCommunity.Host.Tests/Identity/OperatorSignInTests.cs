using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LbcCommunity.Client.Auth;
using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Identity;

/// <summary>
/// Platform operators sign in through the platform's own identity provider (configuration, not tenant data), with the
/// development sign-in off, as in a cluster; only e-mails on the operators' list are let in.
/// </summary>
public sealed class OperatorSignInTests
{
    private const string Secret = "the-platform-client-secret";

    [Fact]
    public async Task An_operator_signs_in_through_the_platforms_provider_and_someone_not_on_the_list_is_refused()
    {
        var ada = new IdentityProviderAccount("op-1", "ada@platform.example", "Ada (operator)", []);
        var mallory = new IdentityProviderAccount("op-2", "mallory@platform.example", "Mallory", []);
        await using var provider = await ExternalIdentityProvider.StartAsync(
            [new IdentityProviderClient("lbc-platform", Secret, [new Uri("http://localhost/signin/operators/callback")])],
            [ada, mallory]);
        using var folder = new TemporaryFolder();
        await using var host = new LbcHostFactory(folder.Path, new Dictionary<string, string?>
        {
            ["Identity:DevelopmentSignIn"] = "false",
            ["Identity:Operators:0"] = ada.Email,
            ["Identity:OperatorProvider:Issuer"] = provider.IssuerIdentifier,
            ["Identity:OperatorProvider:ClientId"] = "lbc-platform",
            ["Identity:OperatorProvider:ClientSecret"] = Secret,
        });

        var tokens = await SignIn(host, provider, ada.Sub);
        using var asOperator = host.ClientWith(tokens.AccessToken);
        var me = await asOperator.GetFromJsonAsync<JsonElement>("/api/me");
        var created = await asOperator.PostAsJsonAsync("/api/tenants", new { id = "oh", name = "Ohio Department of Education", stateCode = "OH" });
        var refused = await Assert.ThrowsAsync<LbcSignInException>(() => SignIn(host, provider, mallory.Sub));

        Assert.Equal(["platform-operator"], me.GetProperty("grants").EnumerateArray().Select(g => g.GetString()));
        Assert.False(me.TryGetProperty("tenantId", out _));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(403, refused.Status);
        Assert.Contains("not a platform operator", refused.Body, StringComparison.Ordinal);
    }

    private static async Task<TokenSet> SignIn(LbcHostFactory host, ExternalIdentityProvider provider, string login)
    {
        using var browser = host.Browser();
        var (authorize, verifier, state) = LbcSignIn.AuthorizeUrl(browser.BaseAddress!);
        var toSignIn = await browser.GetAsync(authorize);
        var page = await browser.GetStringAsync(new Uri(browser.BaseAddress!, toSignIn.Headers.Location!));
        Assert.DoesNotContain("Development sign-in", page, StringComparison.Ordinal);
        var returnUrl = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "/signin/operators\\?returnUrl=([^\"]*)\"").Groups[1].Value);

        var challenge = await browser.GetAsync($"/signin/operators?returnUrl={returnUrl}");
        Assert.Equal(provider.Issuer.Authority, challenge.Headers.Location!.Authority);
        return await SignInDriver.CompleteAtProviderAsync(browser, challenge.Headers.Location!, login, verifier, state);
    }
}
