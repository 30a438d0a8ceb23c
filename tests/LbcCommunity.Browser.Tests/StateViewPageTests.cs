using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LbcCommunity.Client;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.Rubrics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace LbcCommunity.Browser.Tests;

/// <summary>The web app in Debian's Chromium against the real host on a loopback port.</summary>
public sealed class StateViewPageTests : IAsyncLifetime
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "lbc-browser-tests", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program> _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private LbcCommunityClient _api = null!;

    public async Task InitializeAsync()
    {
        _host = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            web.UseSetting("Storage:DataFolder", _dataFolder);
            web.UseSetting("Storage:SiloPort", FreePort());
            web.UseSetting("Storage:GatewayPort", FreePort());
        });
        _host.UseKestrel(0);
        _host.StartServer();
        _api = new LbcCommunityClient(_host.CreateClient());
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    [Fact]
    public async Task State_view_shows_a_consensus_rating_as_it_is_recorded()
    {
        await _api.CreateTenantAsync(new TenantDraft { Id = "ga", Name = "Georgia Department of Education", StateCode = "GA" });
        await _api.CreateRegionAsync("ga", new RegionDraft { Id = "west-georgia", Name = "West Georgia RESA" });
        await _api.CreateDistrictAsync("ga", new DistrictDraft { Id = "meriwether-county", Name = "Meriwether County", RegionId = "west-georgia" });
        await _api.CreateInitiativeAsync("ga", new InitiativeDraft { Id = "graduatefirst", Name = "GraduateFIRST" });
        await _api.CreateTeamAsync("ga", "graduatefirst", new TeamDraft { Id = "cafe-manchester", Name = "CAFÉ (Manchester, GA)", DistrictId = "meriwether-county" });
        var page = await _browser.NewPageAsync();

        await page.GotoAsync(_host.ClientOptions.BaseAddress.ToString());
        var stateView = page.GetByRole(AriaRole.Region, new() { Name = "State view" });
        await Assertions.Expect(stateView).ToContainTextAsync("0 of 1 teams rated");
        await _api.RecordConsensusRatingAsync("ga", "cafe-manchester", new RatingDraft
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
        });

        // No reload: the page hears the change over the MonitoringHub.
        await Assertions.Expect(stateView).ToContainTextAsync("1 of 1 teams rated");
        await Assertions.Expect(stateView.Locator("tr[data-row='acknowledging-diversity'] .mean")).ToHaveTextAsync("2.20");
        await Assertions.Expect(page.GetByText("West Georgia RESA (1 team)")).ToBeVisibleAsync();
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }
}
