using System.Globalization;
using System.Text.RegularExpressions;
using LbcCommunity.Browser.Tests.Infrastructure;
using LbcCommunity.Client;
using LbcCommunity.Client.Auth;
using LbcCommunity.Ratings;
using LbcCommunity.Rubrics;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests;

/// <summary>The web app in Debian's Chromium against the real host: sign-in, then the live state view.</summary>
[Collection(StateViewHostCollection.Name)]
public sealed partial class StateViewPageTests(BrowserHost host)
{
    [Fact]
    public async Task State_view_shows_a_consensus_rating_as_it_is_recorded()
    {
        await using var context = await host.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        // Not signed in: the app sends the browser to the server's sign-in page; the state admin signs in there.
        var startedAt = new Uri(host.BaseAddress, "/?initiative=graduatefirst");
        await page.GotoAsync(startedAt.ToString());
        await Assertions.Expect(page).ToHaveURLAsync(SignInPage());
        await page.GetByRole(AriaRole.Button, new() { Name = $"{BrowserHost.StateAdminName} — {BrowserHost.StateAdminEmail} ({BrowserHost.TenantId}: state-admin)" }).ClickAsync();

        // Back in the app, where the user was (not on the callback, no code in the address), signed in.
        await Assertions.Expect(page.GetByTestId("signed-in-name")).ToHaveTextAsync(BrowserHost.StateAdminName);
        await Assertions.Expect(page).ToHaveURLAsync(startedAt.ToString());
        var firstToken = await StoredAccessToken(page);
        var stateView = page.GetByRole(AriaRole.Region, new() { Name = "State view" });
        // The demo has rated every team for a year; what a new rating does is measured from what the page shows first.
        await Assertions.Expect(stateView).ToContainTextAsync("30 of 30 teams rated");
        var before = long.Parse((await stateView.GetAttributeAsync("data-version"))!, CultureInfo.InvariantCulture);

        var tokens = await host.SignInAsync(BrowserHost.TenantId, BrowserHost.StateAdminEmail);
        var api = host.ApiAs(tokens.AccessToken);
        var expectedMean = await MeanWith(api, BrowserHost.CafeTeamId, 2.2m);
        await api.RecordConsensusRatingAsync(BrowserHost.TenantId, BrowserHost.CafeTeamId, Rating());

        // No reload: the page hears the change over the MonitoringHub (connected with the page's own token).
        await Assertions.Expect(stateView).ToContainTextAsync($"30 of 30 teams rated, {before + 1} consensus ratings");
        await Assertions.Expect(stateView.Locator("tr[data-row='acknowledging-diversity'] .mean")).ToHaveTextAsync(expectedMean.ToString("F2", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByText("West Georgia RESA (5 teams)", new() { Exact = true })).ToBeVisibleAsync();

        // Shortly before the access token expires, the app renews it with the refresh token, with no page load.
        await page.WaitForFunctionAsync(
            "first => Object.keys(sessionStorage).some(k => k.startsWith('oidc.user:') && JSON.parse(sessionStorage.getItem(k)).access_token !== first)",
            firstToken,
            new() { Timeout = (float)BrowserHost.AccessTokenLifetime.TotalMilliseconds });
        Assert.NotEqual(firstToken, await StoredAccessToken(page));
        await Assertions.Expect(page.GetByTestId("signed-in-name")).ToHaveTextAsync(BrowserHost.StateAdminName);

        // When the first token expires the server closes the hub connection; the page connects again with the renewed
        // token and goes on hearing changes.
        // Waits on what the page shows, not on the clock: "reconnecting" when the server closes the expired connection,
        // then "live" again. The first automatic reconnect starts at once and may take only milliseconds, so the page
        // itself notes every change of what it shows; polling could miss so short a state.
        await page.EvaluateAsync("""
            () => new MutationObserver(() => {
                if (document.body.innerText.includes('(reconnecting;')) window.sawReconnecting = true;
            }).observe(document.body, { subtree: true, childList: true, characterData: true })
            """);
        await page.WaitForFunctionAsync(
            "() => window.sawReconnecting === true",
            null,
            new() { Timeout = (float)(BrowserHost.AccessTokenLifetime + TimeSpan.FromSeconds(30)).TotalMilliseconds });
        await Assertions.Expect(stateView).ToContainTextAsync("(live;", new() { Timeout = 15_000 });
        tokens = await host.SignInAsync(BrowserHost.TenantId, BrowserHost.StateAdminEmail);
        await host.ApiAs(tokens.AccessToken).RecordConsensusRatingAsync(BrowserHost.TenantId, "troup-county-team", Rating());
        await Assertions.Expect(stateView).ToContainTextAsync($"30 of 30 teams rated, {before + 2} consensus ratings", new() { Timeout = 15_000 });

        // Signing out revokes the refresh token and ends the session at the server too: the app, back at its root, has to
        // sign in again, and a copy of the refresh token taken before is refused.
        var refreshToken = await StoredRefreshToken(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(SignInPage());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to LbcCommunity" })).ToBeVisibleAsync();
        var refused = await Assert.ThrowsAsync<LbcSignInException>(() => LbcSignIn.RefreshAsync(host.ClientWith(null), refreshToken));
        Assert.Contains("invalid_grant", refused.Body, StringComparison.Ordinal);
    }

    /// <summary>
    /// The state's mean depth on acknowledging-diversity once <paramref name="teamId"/> has rated it
    /// <paramref name="score"/>: every other team's latest rating of the row (the list is in the order taken), recomputed
    /// here from the API, as the page must show it (two decimals).
    /// </summary>
    private static async Task<decimal> MeanWith(LbcCommunityClient api, string teamId, decimal score)
    {
        var scores = new List<decimal> { score };
        foreach (var team in await api.ListTeamsAsync(BrowserHost.TenantId, BrowserHost.InitiativeId))
        {
            var latest = (await api.ListRatingsAsync(BrowserHost.TenantId, team.Id, RatingKind.Consensus))
                .SelectMany(r => r.Rows).LastOrDefault(r => r.RowId == "acknowledging-diversity");
            if (team.Id != teamId && latest is not null)
            {
                scores.Add(latest.DepthScore);
            }
        }

        return Math.Round(scores.Sum() / scores.Count, 2, MidpointRounding.AwayFromZero);
    }

    private static RatingDraft Rating() => new()
    {
        RubricVersion = 1,
        Rows =
        [
            new RowRatingDraft
            {
                RowId = "acknowledging-diversity",
                Cells =
                [
                    new CellAttainment { Level = DepthLevel.Informing, AttainmentPercent = 100 },
                    new CellAttainment { Level = DepthLevel.Networking, AttainmentPercent = 70 },
                    new CellAttainment { Level = DepthLevel.Collaborating, AttainmentPercent = 30 },
                    new CellAttainment { Level = DepthLevel.Transforming, AttainmentPercent = 20 },
                ],
            },
        ],
    };

    [Fact]
    public async Task Someone_without_a_monitoring_role_gets_a_friendly_message()
    {
        await using var context = await host.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(host.BaseAddress.ToString());
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Parent mentor — parent\.mentor@cafe\.example \(ga: ") }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("for state staff and regional coordinators");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "State view" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_regional_coordinator_sees_their_region()
    {
        await using var context = await host.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(host.BaseAddress.ToString());
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Regional coordinator — coordinator@resa\.example \(ga: ") }).ClickAsync();

        var regionView = page.GetByRole(AriaRole.Region, new() { Name = "West Georgia RESA view" });
        await Assertions.Expect(regionView).ToContainTextAsync(new Regex(@"of 5 teams rated"));
        await Assertions.Expect(page.GetByText("West Georgia RESA (5 teams)", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(new Regex("^Metro RESA"))).ToHaveCountAsync(0);
    }

    private static Task<string> StoredRefreshToken(IPage page) => page.EvaluateAsync<string>(
        "() => JSON.parse(sessionStorage.getItem(Object.keys(sessionStorage).find(k => k.startsWith('oidc.user:')))).refresh_token");

    /// <summary>The web app keeps its tokens for the tab only, in sessionStorage (oidc-client-ts's user store).</summary>
    private static Task<string> StoredAccessToken(IPage page) => page.EvaluateAsync<string>(
        "() => JSON.parse(sessionStorage.getItem(Object.keys(sessionStorage).find(k => k.startsWith('oidc.user:')))).access_token");

    [GeneratedRegex("/signin\\?returnUrl=")]
    private static partial Regex SignInPage();
}
