using LbcCommunity.Errors;
using LbcCommunity.Contracts;
using LbcCommunity.Organization;
using LbcCommunity.Rubrics;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class OrganizationGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Team_enrolled_in_an_initiative_takes_its_districts_region_and_keeps_its_members()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        var initiative = _grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(state, "graduatefirst"));

        var team = await initiative.EnrolTeam(new TeamDraft { Id = "cafe", Name = "CAFÉ", DistrictId = "meriwether" });
        var teamGrain = _grains.GetGrain<ITeamGrain>(GrainKeys.Of(state, team.Id));
        var parent = await teamGrain.AddMember(new MemberDraft { DisplayName = "A parent", StakeholderRole = StakeholderRole.FamilyMember });
        await teamGrain.AddMember(new MemberDraft { DisplayName = "Facilitator", Email = "f@example.org", StakeholderRole = StakeholderRole.DistrictAdministrator, IsFacilitator = true });

        Assert.Equal(("west", "graduatefirst"), (team.RegionId, team.InitiativeId));
        Assert.Equal(["cafe"], await initiative.ListTeamIds());
        Assert.Equal(2, (await teamGrain.TryGet())!.MemberCount);
        Assert.Equal(StakeholderRole.FamilyMember, (await teamGrain.GetMember(parent.Id)).StakeholderRole);
    }

    [Fact]
    public async Task Team_in_an_unknown_district_is_rejected_and_nothing_is_stored()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        var initiative = _grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(state, "graduatefirst"));

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            initiative.EnrolTeam(new TeamDraft { Id = "ghost", Name = "Ghost team", DistrictId = "atlantis" }));

        Assert.Contains("districtId", error.Errors.Keys);
        Assert.Empty(await initiative.ListTeamIds());
        Assert.Null(await _grains.GetGrain<ITeamGrain>(GrainKeys.Of(state, "ghost")).TryGet());
    }

    [Fact]
    public async Task Team_id_taken_in_one_initiative_cannot_be_enrolled_in_another()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        var tenant = _grains.GetGrain<ITenantGrain>(state);
        await tenant.StartInitiative(new InitiativeDraft { Id = "second", Name = "Second initiative" });
        await _grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(state, "graduatefirst")).EnrolTeam(new TeamDraft { Id = "cafe", Name = "CAFÉ", DistrictId = "meriwether" });
        var second = _grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(state, "second"));

        await Assert.ThrowsAsync<EntityConflictException>(() => second.EnrolTeam(new TeamDraft { Id = "cafe", Name = "Impostor", DistrictId = "meriwether" }));

        Assert.Empty(await second.ListTeamIds());
        Assert.Equal("CAFÉ", (await _grains.GetGrain<ITeamGrain>(GrainKeys.Of(state, "cafe")).TryGet())!.Name);
    }

    [Fact]
    public async Task Member_with_an_email_already_on_the_roster_is_refused_and_the_roster_is_unchanged()
    {
        var state = await GrainWorld.NewTenant(_grains);
        TenantScope.Enter(state);
        var community = await _grains.GetGrain<ITenantGrain>(state).StartCommunity(new CommunityDraft { Id = "parent-mentors", Name = "Parent Mentors" });
        var roster = _grains.GetGrain<ICommunityGrain>(GrainKeys.Of(state, community.Id));
        await roster.AddMember(new MemberDraft { DisplayName = "First", Email = "mentor@example.org", StakeholderRole = StakeholderRole.ParentMentor });

        await Assert.ThrowsAsync<EntityConflictException>(() =>
            roster.AddMember(new MemberDraft { DisplayName = "Second", Email = "MENTOR@example.org", StakeholderRole = StakeholderRole.FamilyMember }));

        var member = Assert.Single(await roster.ListMembers());
        Assert.Equal("First", member.DisplayName);
        Assert.Equal(1, (await roster.TryGet())!.MemberCount);
    }

    [Fact]
    public async Task District_keeps_its_region_and_a_region_must_exist()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        var tenant = _grains.GetGrain<ITenantGrain>(state);
        await tenant.AddRegion(new RegionDraft { Id = "metro", Name = "Metro RESA" });

        var moved = await Assert.ThrowsAsync<DomainValidationException>(() =>
            tenant.UpdateDistrict("meriwether", new DistrictDraft { Name = "Meriwether", RegionId = "metro" }));
        var orphan = await Assert.ThrowsAsync<DomainValidationException>(() =>
            tenant.AddDistrict(new DistrictDraft { Id = "nowhere", Name = "Nowhere", RegionId = "atlantis" }));

        Assert.Contains("regionId", moved.Errors.Keys);
        Assert.Contains("regionId", orphan.Errors.Keys);
        Assert.Equal(["meriwether"], (await tenant.ListDistricts()).Select(d => d.Id));
        Assert.Equal("west", (await tenant.GetDistrict("meriwether")).RegionId);
    }

    [Fact]
    public async Task Tenant_starts_with_the_default_rubric_and_publishes_its_own_versions_without_changing_older_ones()
    {
        var state = await GrainWorld.NewTenant(_grains);
        TenantScope.Enter(state);
        var catalog = _grains.GetGrain<IRubricCatalogGrain>(state);
        var spanish = DefaultRubric.Rows[0];
        var draft = new RubricDraft
        {
            Name = "Georgia 2026",
            Rows =
            [
                new RubricRowDraft
                {
                    Id = "family-voice",
                    Habit = Habit.EnsuringRelevantParticipation,
                    Title = new Dictionary<string, string> { ["en"] = "Family voice", ["es"] = "La voz de las familias" },
                    Cells = [.. spanish.Cells.Select(c => new RubricCellDraft { Level = c.Level, Text = c.Text })],
                },
            ],
        };

        var published = await catalog.Publish(draft);
        var duplicate = draft with { Rows = [draft.Rows[0], draft.Rows[0]] };
        await Assert.ThrowsAsync<DomainValidationException>(() => catalog.Publish(duplicate));

        Assert.Equal(2, published.Version);
        Assert.Equal([1, 2], (await catalog.List()).Select(v => v.Version));
        Assert.Equal(12, (await catalog.GetVersion(1)).Rows.Count);
        Assert.Equal("La voz de las familias", (await catalog.GetVersion(2)).Rows[0].Title["es"]);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => catalog.GetVersion(3));
    }

    [Fact]
    public async Task Initiative_must_name_a_published_rubric_version()
    {
        var state = await GrainWorld.NewTenant(_grains);
        TenantScope.Enter(state);
        var tenant = _grains.GetGrain<ITenantGrain>(state);

        var error = await Assert.ThrowsAsync<DomainValidationException>(() =>
            tenant.StartInitiative(new InitiativeDraft { Id = "future", Name = "Future", RubricVersion = 7 }));

        Assert.Contains("rubricVersion", error.Errors.Keys);
        Assert.Empty(await tenant.ListInitiativeIds());
    }
}
