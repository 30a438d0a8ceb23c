using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LbcCommunity.Client.Auth;
using LbcCommunity.Host.Tests.Api;
using LbcCommunity.Host.Tests.Infrastructure;

namespace LbcCommunity.Host.Tests.Identity;

/// <summary>A state's data system: registered by a state admin, reads roll-ups with client credentials, removed at will.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class IntegrationTests(ApiHostFixture fixture)
{
    [Fact]
    public async Task A_registered_integration_reads_roll_ups_only_and_stops_working_when_removed()
    {
        var state = await ApiWorld.NewStateWithTeam(fixture.Host.Api());
        using var asAdmin = fixture.Host.ClientWith(await fixture.Host.StateAdminToken(state));
        var created = await (await asAdmin.PostAsJsonAsync($"/api/tenants/{state}/integrations", new { displayName = "State longitudinal data system" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var clientId = created.GetProperty("clientId").GetString()!;
        var secret = created.GetProperty("clientSecret").GetString()!;

        var token = (await LbcSignIn.ClientCredentialsAsync(fixture.Host.CreateClient(), clientId, secret)).AccessToken;
        using var asIntegration = fixture.Host.ClientWith(token);
        var rollUp = await asIntegration.GetAsync($"/api/tenants/{state}/initiatives/graduatefirst/rollup.csv");
        var roster = await asIntegration.GetAsync($"/api/tenants/{state}/teams/cafe/members");
        var listed = await asAdmin.GetStringAsync($"/api/tenants/{state}/integrations");
        var removed = await asAdmin.DeleteAsync($"/api/tenants/{state}/integrations/{clientId}");
        var refused = await Assert.ThrowsAsync<LbcSignInException>(() => LbcSignIn.ClientCredentialsAsync(fixture.Host.CreateClient(), clientId, secret));
        var wrongSecret = await Assert.ThrowsAsync<LbcSignInException>(() => LbcSignIn.ClientCredentialsAsync(fixture.Host.CreateClient(), "nobody-integration-00", secret));

        Assert.Equal(HttpStatusCode.OK, rollUp.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, roster.StatusCode);
        Assert.Contains(clientId, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Contains("invalid_client", refused.Body, StringComparison.Ordinal);
        Assert.Contains("invalid_client", wrongSecret.Body, StringComparison.Ordinal);
    }
}
