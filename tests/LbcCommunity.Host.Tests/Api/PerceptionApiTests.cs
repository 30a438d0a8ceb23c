using System.Net;
using System.Net.Http.Json;
using LbcCommunity.Client;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;

namespace LbcCommunity.Host.Tests.Api;

[Collection(ApiHostCollection.Name)]
public sealed class PerceptionApiTests(ApiHostFixture fixture)
{
    private readonly LbcCommunityClient _api = fixture.Api;

    [Fact]
    public async Task The_perception_gap_holds_the_members_own_ratings_against_the_consensus_families_against_staff()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        var parent = await _api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Parent", Email = "parent@gap.test", StakeholderRole = StakeholderRole.FamilyMember });
        var mentor = await _api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Mentor", StakeholderRole = StakeholderRole.ParentMentor });
        var teacher = await _api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Teacher", StakeholderRole = StakeholderRole.Teacher });
        await _api.RecordMemberRatingAsync(state, "cafe", Ratings.Draft(("acknowledging-diversity", [100, 0, 0, 0])) with { MemberId = parent.Id });
        await _api.RecordMemberRatingAsync(state, "cafe", Ratings.Draft(("acknowledging-diversity", [100, 20, 0, 0])) with { MemberId = mentor.Id });
        await _api.RecordMemberRatingAsync(state, "cafe", Ratings.Draft(("acknowledging-diversity", [100, 100, 80, 40])) with { MemberId = teacher.Id });
        await _api.RecordConsensusRatingAsync(state, "cafe", Ratings.Draft(("acknowledging-diversity", [100, 70, 30, 20])));

        // The member reads it as well as state staff: the rule is the ratings' own (team-reader).
        var asParent = fixture.Host.ClientWith(await fixture.Host.TokenFor(state, "parent@gap.test"));
        var perception = (await asParent.GetFromJsonAsync<TeamPerception>($"/api/tenants/{state}/teams/cafe/perception", LbcCommunityClient.JsonOptions))!;

        var row = Assert.Single(perception.Rows);
        Assert.Equal((3, 1), (perception.MembersRated, perception.RubricVersion));
        Assert.Equal(2.2m, row.ConsensusDepthScore);
        Assert.Equal((3, 5.4m, 1.8m, -0.4m), (row.Members.Count, row.Members.ScoreSum, row.Members.MeanDepthScore, row.Members.GapToConsensus));
        Assert.Equal((2, 2.2m, 1.1m, -1.1m), (row.Families.Count, row.Families.ScoreSum, row.Families.MeanDepthScore, row.Families.GapToConsensus));
        Assert.Equal((1, 3.2m, 1.0m), (row.Staff.Count, row.Staff.ScoreSum, row.Staff.GapToConsensus));
        Assert.Equal(-2.1m, row.FamiliesMinusStaff);
        Assert.Equal([StakeholderRole.FamilyMember, StakeholderRole.ParentMentor, StakeholderRole.Teacher], row.ByRole.Select(r => r.StakeholderRole));
    }

    [Fact]
    public async Task A_team_that_does_not_exist_has_no_perception()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);

        using var response = await _api.Http.GetAsync($"api/tenants/{state}/teams/no-such-team/perception");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
