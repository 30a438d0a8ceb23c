using System.Net;
using LbcCommunity.Client;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;

namespace LbcCommunity.Host.Tests.Api;

[Collection(ApiHostCollection.Name)]
public sealed class OrganizationApiTests(ApiHostFixture fixture)
{
    private readonly LbcCommunityClient _api = fixture.Api;

    [Fact]
    public async Task State_structure_is_created_read_updated_and_listed()
    {
        var state = await ApiWorld.NewTenant(_api);

        var region = await _api.CreateRegionAsync(state, new RegionDraft { Id = "west", Name = "West Georgia RESA" });
        var generated = await _api.CreateRegionAsync(state, new RegionDraft { Name = "Metro RESA" });
        await _api.UpdateRegionAsync(state, "west", new RegionDraft { Name = "West Georgia RESA (Region 4)", Description = "Ten districts" });
        var district = await _api.CreateDistrictAsync(state, new DistrictDraft { Id = "meriwether", Name = "Meriwether County", RegionId = "west" });
        await _api.CreateDistrictAsync(state, new DistrictDraft { Id = "clayton", Name = "Clayton County", RegionId = generated.Id });
        await _api.UpdateDistrictAsync(state, "meriwether", new DistrictDraft { Name = "Meriwether County Schools", RegionId = "west" });
        var tenant = await _api.UpdateTenantAsync(state, new TenantDraft { Name = "Georgia Department of Education", StateCode = "GA", LevelThresholdPercent = 60 });

        Assert.Equal("west", region.Id);
        Assert.True(LbcCommunity.Validation.Validator.IsSlug(generated.Id));
        Assert.Equal(60, (await _api.GetTenantAsync(state)).LevelThresholdPercent);
        Assert.Equal("Georgia Department of Education", tenant.Name);
        Assert.Equal(["Metro RESA", "West Georgia RESA (Region 4)"], (await _api.ListRegionsAsync(state)).Select(r => r.Name));
        Assert.Equal("Ten districts", (await _api.GetRegionAsync(state, "west")).Description);
        Assert.Equal("Meriwether County Schools", (await _api.GetDistrictAsync(state, district.Id)).Name);
        Assert.Equal(["meriwether"], (await _api.ListDistrictsAsync(state, regionId: "west")).Select(d => d.Id));
        Assert.Equal(2, (await _api.ListDistrictsAsync(state)).Count);
        Assert.Contains(state, (await _api.ListTenantsAsync()).Select(t => t.Id));
    }

    [Fact]
    public async Task Initiative_enrols_district_teams_with_members()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        var team = Roster.OfTeam("cafe");

        var facilitator = await _api.AddMemberAsync(state, team, new MemberDraft { DisplayName = "Facilitator", Email = "facilitator@cafe.example", StakeholderRole = StakeholderRole.DistrictAdministrator, IsFacilitator = true });
        var parent = await _api.AddMemberAsync(state, team, new MemberDraft { DisplayName = "Parent", StakeholderRole = StakeholderRole.FamilyMember });
        await _api.UpdateMemberAsync(state, team, parent.Id, new MemberDraft { DisplayName = "Parent mentor", StakeholderRole = StakeholderRole.ParentMentor });
        await _api.RemoveMemberAsync(state, team, facilitator.Id);
        await _api.UpdateTeamAsync(state, "cafe", new TeamDraft { Name = "CAFÉ — Circles of Adults Focusing on Education", DistrictId = "meriwether" });
        var initiative = await _api.UpdateInitiativeAsync(state, "graduatefirst", new InitiativeDraft { Name = "GraduateFIRST", FundingSource = "SPDG" });

        var members = await _api.ListMembersAsync(state, team);
        var stored = await _api.GetTeamAsync(state, "cafe");
        Assert.Equal(StakeholderRole.ParentMentor, Assert.Single(members).StakeholderRole);
        Assert.Equal(("west", 1), (stored.RegionId, stored.MemberCount));
        Assert.Equal("CAFÉ — Circles of Adults Focusing on Education", stored.Name);
        Assert.Equal(["cafe"], (await _api.ListTeamsAsync(state, "graduatefirst")).Select(t => t.Id));
        // A region with no teams lists none (a region that does not exist is a 400: BadInputTests).
        await _api.CreateRegionAsync(state, new RegionDraft { Id = "metro", Name = "Metro RESA" });
        Assert.Empty(await _api.ListTeamsAsync(state, "graduatefirst", regionId: "metro"));
        Assert.Equal(("SPDG", 1), (initiative.FundingSource, initiative.RubricVersion));
        Assert.Equal(["graduatefirst"], (await _api.ListInitiativesAsync(state)).Select(i => i.Id));
        var gone = await Assert.ThrowsAsync<LbcApiException>(() => _api.GetMemberAsync(state, team, facilitator.Id));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
    }

    [Fact]
    public async Task Communities_of_practice_are_started_and_keep_members()
    {
        var state = await ApiWorld.NewTenant(_api);

        var community = await _api.CreateCommunityAsync(state, new CommunityDraft { Id = "transition", Name = "Statewide Transition CoP", Focus = "Secondary transition" });
        await _api.AddMemberAsync(state, Roster.OfCommunity("transition"), new MemberDraft { DisplayName = "Student", StakeholderRole = StakeholderRole.Student });
        await _api.UpdateCommunityAsync(state, "transition", new CommunityDraft { Name = "Transition CoP", Focus = "Transition" });

        var stored = await _api.GetCommunityAsync(state, community.Id);
        Assert.Equal(("Transition CoP", 1), (stored.Name, stored.MemberCount));
        Assert.Equal(["transition"], (await _api.ListCommunitiesAsync(state)).Select(c => c.Id));
    }

    [Fact]
    public async Task Tenant_starts_with_the_default_rubric_and_publishes_versions_of_its_own()
    {
        var state = await ApiWorld.NewTenant(_api);
        var defaultRubric = await _api.GetRubricVersionAsync(state, 1);

        var published = await _api.PublishRubricAsync(state, RubricDrafts.From(defaultRubric, "Georgia rubric with Spanish text", spanishTitles: true));
        await _api.CreateInitiativeAsync(state, new InitiativeDraft { Id = "new-rubric", Name = "On the new rubric" });

        Assert.Equal(12, defaultRubric.Rows.Count);
        Assert.Equal(2, published.Version);
        Assert.Equal([1, 2], (await _api.ListRubricVersionsAsync(state)).Select(v => v.Version));
        Assert.Equal("ES: Acknowledging and valuing diversity", (await _api.GetRubricVersionAsync(state, 2)).Rows[0].Title["es"]);
        Assert.Equal(2, (await _api.GetInitiativeAsync(state, "new-rubric")).RubricVersion);
        Assert.Equal(12, (await _api.GetRubricVersionAsync(state, 1)).Rows.Count);
    }
}
