using System.Net;
using LbcCommunity.Client;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>
/// A tenant's routes reach only that tenant's data. (Who may call which route is the sign-in work; here the
/// route's tenant is the caller's, and the grain call filter refuses anything else.)
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class TenantIsolationApiTests(ApiHostFixture fixture)
{
    private readonly LbcCommunityClient _api = fixture.Api;

    [Fact]
    public async Task Another_tenants_entities_are_not_found_through_this_tenants_routes()
    {
        var georgia = await ApiWorld.NewStateWithTeam(_api);
        var florida = await ApiWorld.NewTenant(_api);
        await _api.CreateCommunityAsync(georgia, new CommunityDraft { Id = "parent-mentors", Name = "Parent Mentors" });

        var reads = new Func<Task>[]
        {
            () => _api.GetRegionAsync(florida, "west"),
            () => _api.GetDistrictAsync(florida, "meriwether"),
            () => _api.GetInitiativeAsync(florida, "graduatefirst"),
            () => _api.ListTeamsAsync(florida, "graduatefirst"),
            () => _api.GetTeamAsync(florida, "cafe"),
            () => _api.ListMembersAsync(florida, Roster.OfTeam("cafe")),
            () => _api.GetCommunityAsync(florida, "parent-mentors"),
        };
        foreach (var read in reads)
        {
            var error = await Assert.ThrowsAsync<LbcApiException>(read);
            Assert.Equal(HttpStatusCode.NotFound, error.Status);
        }

        Assert.Empty(await _api.ListRegionsAsync(florida));
        Assert.Empty(await _api.ListInitiativesAsync(florida));
        Assert.Empty(await _api.ListCommunitiesAsync(florida));
    }

    [Fact]
    public async Task Writes_through_another_tenants_routes_cannot_touch_or_borrow_its_entities()
    {
        var georgia = await ApiWorld.NewStateWithTeam(_api);
        var florida = await ApiWorld.NewTenant(_api);
        await _api.CreateInitiativeAsync(florida, new InitiativeDraft { Id = "fl-spdg", Name = "Florida SPDG" });

        var rename = await Assert.ThrowsAsync<LbcApiException>(() => _api.UpdateTeamAsync(florida, "cafe", new TeamDraft { Name = "Stolen", DistrictId = "meriwether" }));
        var join = await Assert.ThrowsAsync<LbcApiException>(() => _api.AddMemberAsync(florida, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Intruder", StakeholderRole = StakeholderRole.Other }));
        var borrowDistrict = await Assert.ThrowsAsync<LbcApiException>(() => _api.CreateTeamAsync(florida, "fl-spdg", new TeamDraft { Id = "borrowed", Name = "Borrowed", DistrictId = "meriwether" }));
        var borrowRegion = await Assert.ThrowsAsync<LbcApiException>(() => _api.CreateDistrictAsync(florida, new DistrictDraft { Name = "Borrowed", RegionId = "west" }));
        var rubric = await _api.PublishRubricAsync(florida, RubricDrafts.From(await _api.GetRubricVersionAsync(florida, 1), "Florida rubric"));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (rename.Status, join.Status));
        Assert.Contains("districtId", borrowDistrict.Errors.Keys);
        Assert.Contains("regionId", borrowRegion.Errors.Keys);
        Assert.Equal(2, rubric.Version);
        Assert.Equal("CAFÉ", (await _api.GetTeamAsync(georgia, "cafe")).Name);
        Assert.Empty(await _api.ListMembersAsync(georgia, Roster.OfTeam("cafe")));
        Assert.Equal([1], (await _api.ListRubricVersionsAsync(georgia)).Select(v => v.Version));
    }
}
