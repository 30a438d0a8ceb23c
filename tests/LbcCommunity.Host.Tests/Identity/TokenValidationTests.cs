using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using LbcCommunity.Client.Auth;
using LbcCommunity.Host.Tests.Api;
using LbcCommunity.Host.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LbcCommunity.Host.Tests.Identity;

/// <summary>A host whose access tokens live three seconds, so expiry can be watched happen.</summary>
public sealed class ShortTokenHost : IAsyncLifetime, IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(3);

    private readonly TemporaryFolder _folder = new();

    public LbcHostFactory Host { get; private set; } = null!;

    public string State { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new LbcHostFactory(_folder.Path, new Dictionary<string, string?> { ["Identity:AccessTokenLifetime"] = Lifetime.ToString() });
        State = await ApiWorld.NewStateWithTeam(Host.Api());
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public void Dispose() => _folder.Dispose();
}

/// <summary>
/// Tokens the API refuses: expired, tampered, for another audience, signed or encrypted with other keys, for another
/// tenant. Each forged token has a twin made the same way with only the one flaw removed, which the API accepts, so
/// every refusal is for the reason the test names.
/// </summary>
public sealed class TokenValidationTests(ShortTokenHost fixture) : IClassFixture<ShortTokenHost>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_token_forged_with_the_servers_keys_is_accepted_so_the_refusals_below_are_for_their_flaw()
    {
        Assert.Equal(HttpStatusCode.OK, await Status(Forge()));
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await Status(Forge(expires: DateTime.UtcNow.AddMinutes(-5))));
    }

    [Fact]
    public async Task A_token_not_valid_yet_is_refused()
    {
        // Issued five minutes ago, expiring in five, valid only from two minutes on: its nbf lies in the future.
        // Its twin, valid from now, is accepted.
        var now = DateTime.UtcNow;
        Assert.Equal(HttpStatusCode.Unauthorized, await Status(Forge(notBefore: now.AddMinutes(2))));
        Assert.Equal(HttpStatusCode.OK, await Status(Forge(notBefore: now)));
    }

    [Fact]
    public async Task A_token_the_host_has_verified_before_is_refused_once_it_expires()
    {
        // The host remembers tokens it has verified (VerifiedAccessTokens); the memory must not outlive the token.
        var token = await fixture.Host.StateAdminToken(fixture.State);
        Assert.Equal(HttpStatusCode.OK, await Status(token));
        Assert.Equal(HttpStatusCode.OK, await Status(token));

        var expires = new JsonWebToken(token).ValidTo;
        var deadline = DateTime.UtcNow + Patience;
        HttpStatusCode status;
        do
        {
            await Task.Delay(200);
            status = await Status(token);
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(DateTime.UtcNow >= expires, "Refused before the token expired.");
    }

    [Fact]
    public async Task A_remembered_token_is_not_a_key_for_its_look_alikes()
    {
        // Verified once and remembered; the same token with its signature changed, lengthened
        // or left out is verified on its own and refused.
        var token = await fixture.Host.StateAdminToken(fixture.State);
        Assert.Equal(HttpStatusCode.OK, await Status(token));

        var parts = token.Split('.');
        var head = string.Join('.', parts[..^1]);
        var last = parts[^1];
        Assert.Equal(HttpStatusCode.Unauthorized, await Status($"{head}.{(last[0] == 'A' ? 'B' : 'A')}{last[1..]}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Status($"{head}.{last}A"));
        Assert.Equal(HttpStatusCode.Unauthorized, await Status(head));
        Assert.Equal(HttpStatusCode.OK, await Status(token));
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await Status(Forge(audience: "another-api")));
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        using var stranger = RSA.Create(2048);
        Assert.Equal(HttpStatusCode.Unauthorized, await Status(Forge(signingKey: new RsaSecurityKey(stranger) { KeyId = "stranger" })));
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        var token = await fixture.Host.StateAdminToken(fixture.State);
        Assert.Equal(HttpStatusCode.OK, await Status(token));

        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];

        Assert.Equal(HttpStatusCode.Unauthorized, await Status(tampered));
    }

    [Fact]
    public async Task A_valid_token_of_one_tenant_gets_404_on_another_tenants_routes()
    {
        var other = await ApiWorld.NewStateWithTeam(fixture.Host.Api());
        using var client = fixture.Host.ClientWith(await fixture.Host.StateAdminToken(fixture.State));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/tenants/{fixture.State}/regions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/tenants/{other}/regions")).StatusCode);
    }

    [Fact]
    public async Task A_hub_connection_is_closed_when_its_token_expires_and_the_token_no_longer_opens_the_API()
    {
        var signedIn = await fixture.Host.SignInAsync(fixture.State, LbcHostFactory.StateAdminEmail(fixture.State));
        await using var monitoring = await fixture.Host.Monitoring(signedIn.AccessToken);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The client would reconnect (with the expired token, in vain): either way the server ended the connection.
        monitoring.Connection.Closed += error => Task.FromResult(closed.TrySetResult(error));
        monitoring.Connection.Reconnecting += error => Task.FromResult(closed.TrySetResult(error));
        await monitoring.WatchInitiativeAsync(fixture.State, "graduatefirst");

        await closed.Task.WaitAsync(Patience);

        // Closed at the token's own expiry (its exp claim, whole seconds), not before.
        var expires = new JsonWebToken(signedIn.AccessToken).ValidTo;
        Assert.True(DateTime.UtcNow >= expires, $"The connection closed at {DateTime.UtcNow:HH:mm:ss.fff}, before its token expired at {expires:HH:mm:ss.fff}.");
        Assert.Equal(HttpStatusCode.Unauthorized, await Status(signedIn.AccessToken));
        // The refresh token still works: the client comes back with a fresh access token.
        var renewed = await LbcSignIn.RefreshAsync(fixture.Host.CreateClient(), signedIn.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, await Status(renewed.AccessToken));
    }

    private async Task<HttpStatusCode> Status(string token)
    {
        using var client = fixture.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await client.GetAsync("/api/me")).StatusCode;
    }

    /// <summary>An access token made the way the server makes them (a signed JWT), with its key unless told otherwise.</summary>
    private string Forge(string audience = "lbc-api", DateTime? expires = null, SecurityKey? signingKey = null, DateTime? notBefore = null)
    {
        var keys = Path.Combine(fixture.Host.DataFolder, "keys");
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "http://localhost/",
            Audience = audience,
            IssuedAt = (expires ?? now.AddMinutes(5)).AddMinutes(-10),
            NotBefore = notBefore ?? (expires ?? now.AddMinutes(5)).AddMinutes(-10),
            Expires = expires ?? now.AddMinutes(5),
            TokenType = "at+jwt",
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", "p-forged"),
                new Claim("tenant", fixture.State),
                new Claim("scope", "lbc"),
                new Claim("lbc_grant", "state-admin"),
            ]),
            SigningCredentials = new SigningCredentials(signingKey ?? Key(Path.Combine(keys, "signing-key.pem")), SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static RsaSecurityKey Key(string pemPath)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(pemPath));
        return new RsaSecurityKey(rsa)
        {
            KeyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo())[..12]),
        };
    }
}
