using System.Net.Http.Json;
using LbcCommunity.Convenings;
using LbcCommunity.Host.Demo;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>The embedded default (one silo, a SQLite file) keeps everything across a restart of the process.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Everything_acknowledged_is_there_after_a_restart()
    {
        using var folder = new TemporaryFolder();
        string state;
        string memberId;
        await using (var first = new LbcHostFactory(folder.Path))
        {
            var api = first.Api();
            state = await ApiWorld.NewStateWithTeam(api);
            memberId = (await api.AddMemberAsync(state, LbcCommunity.Client.Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Parent", StakeholderRole = StakeholderRole.FamilyMember })).Id;
            await api.PublishRubricAsync(state, RubricDrafts.From(await api.GetRubricVersionAsync(state, 1), "Second version"));
        }

        Assert.True(File.Exists(Path.Combine(folder.Path, "lbc.db")), "The embedded store is the SQLite file in the configured data folder.");
        await using var second = new LbcHostFactory(folder.Path);
        var again = second.Api();

        Assert.Equal(state, (await again.GetTenantAsync(state)).Id);
        Assert.Equal("west", (await again.GetTeamAsync(state, "cafe")).RegionId);
        Assert.Equal(memberId, Assert.Single(await again.ListMembersAsync(state, LbcCommunity.Client.Roster.OfTeam("cafe"))).Id);
        Assert.Equal([1, 2], (await again.ListRubricVersionsAsync(state)).Select(v => v.Version));
        Assert.Equal(["meriwether"], (await again.ListDistrictsAsync(state)).Select(d => d.Id));
    }

    [Fact]
    public async Task A_live_convenings_people_and_acknowledged_votes_are_there_after_a_restart()
    {
        using var folder = new TemporaryFolder();
        ConveningWorld.Planned session;
        IReadOnlyList<Participant> participants;
        ActionAck vote;
        await using (var first = new LbcHostFactory(folder.Path))
        {
            session = await ConveningWorld.Plan(first);
            await using var facilitator = await first.Convening(session.FacilitatorToken);
            await using var parent = await first.Convening(session.ParentToken);
            await using var guest = await first.Convening(await ConveningWorld.GuestToken(first, session, "Grandmother"));
            await facilitator.JoinAsync(session.State, session.ConveningId, new JoinRequest { MemberId = session.FacilitatorId });
            await parent.JoinAsync(session.State, session.ConveningId, new JoinRequest());
            await guest.JoinAsync(session.State, session.ConveningId, new JoinRequest());
            // Everyone, as the facilitator's roster holds them (a guest's snapshot carries the facilitators and the guest).
            participants = (await facilitator.RosterAsync(session.State, session.ConveningId, new RosterRequest())).Participants;
            await facilitator.StartActivityAsync(session.State, session.ConveningId, "item-1");
            await facilitator.OpenConsensusRoundAsync(session.State, session.ConveningId, "Meet in the evenings", AgreementScale.FistToFive, anonymous: false, hideResults: false);
            vote = await parent.CastVoteAsync(session.State, session.ConveningId, 4, actionId: "vote-before-restart");
        }

        await using var second = new LbcHostFactory(folder.Path);
        await using var again = await second.Convening(await second.TokenFor(session.State, ConveningWorld.FacilitatorEmail));
        var rejoined = await again.JoinAsync(session.State, session.ConveningId, new JoinRequest { MemberId = session.FacilitatorId });
        await using var parentAgain = await second.Convening(await second.TokenFor(session.State, ConveningWorld.ParentEmail));
        await parentAgain.JoinAsync(session.State, session.ConveningId, new JoinRequest());
        var retried = await parentAgain.CastVoteAsync(session.State, session.ConveningId, 4, actionId: "vote-before-restart");

        Assert.Equal(3, participants.Count);
        Assert.Equal(participants, rejoined.Snapshot.Participants);
        Assert.Equal(1, rejoined.Snapshot.Consensus!.Rounds[0].Tally[4]);
        Assert.Equal(vote.Sequence, retried.Sequence);
    }

    [Fact]
    public async Task A_long_convenings_missed_events_and_earlier_action_ids_come_back_from_its_log_pages_after_a_restart()
    {
        using var folder = new TemporaryFolder();
        await ConveningWorld.LongConveningAcrossARestart(folder.Path);
    }

    [Fact]
    public async Task Demo_data_loads_georgia_and_loading_it_again_changes_nothing()
    {
        using var folder = new TemporaryFolder();
        await using var host = new LbcHostFactory(folder.Path, new Dictionary<string, string?> { ["Demo:Seed"] = "true" });
        var api = host.Api();

        var teams = await api.ListTeamsAsync(DemoData.TenantId, DemoData.InitiativeId);
        var stateView = await api.GetInitiativeRollUpAsync(DemoData.TenantId, DemoData.InitiativeId);
        var cafeRatings = await api.ListRatingsAsync(DemoData.TenantId, DemoData.CafeTeamId);
        var createdAgain = await DemoData.LoadAsync(host.Services.GetRequiredService<IGrainFactory>(), NullLogger.Instance);

        Assert.Equal("Georgia Department of Education", (await api.GetTenantAsync(DemoData.TenantId)).Name);
        Assert.Equal("GraduateFIRST", (await api.GetInitiativeAsync(DemoData.TenantId, DemoData.InitiativeId)).Name);
        Assert.True(teams.Count >= 24, $"a few dozen district teams, got {teams.Count}");
        Assert.True((await api.ListRegionsAsync(DemoData.TenantId)).Count >= 4);
        Assert.Contains(teams, t => t.Id == DemoData.CafeTeamId && t.DistrictId == "meriwether-county" && t.MemberCount > 0);
        Assert.Equal(2, (await api.ListCommunitiesAsync(DemoData.TenantId)).Count);
        Assert.Equal(0, createdAgain);
        Assert.Equal(teams.Count, (await api.ListTeamsAsync(DemoData.TenantId, DemoData.InitiativeId)).Count);
        Assert.Equal(7, (await api.ListMembersAsync(DemoData.TenantId, LbcCommunity.Client.Roster.OfTeam(DemoData.CafeTeamId))).Count);

        // A year of quarterly consensus ratings: every team rated, quarters to draw a trend, some moving up, some stuck.
        Assert.Equal((teams.Count, teams.Count), (stateView.Teams, stateView.TeamsRated));
        Assert.True(stateView.Quarters.Count >= 4, $"a year of quarters, got {stateView.Quarters.Count}");
        Assert.Contains(stateView.Rows, r => r.MovedUp > 0);
        Assert.All(stateView.Rows, r => Assert.True(r.NoProgress >= 3, $"{r.Key}: {r.NoProgress} teams with no progress"));
        Assert.Equal(stateView.Version, (await api.GetInitiativeRollUpAsync(DemoData.TenantId, DemoData.InitiativeId)).Version);
        // The CAFÉ members' own ratings: families see less depth than the staff do.
        var members = await api.ListMembersAsync(DemoData.TenantId, LbcCommunity.Client.Roster.OfTeam(DemoData.CafeTeamId));
        var own = cafeRatings.Where(r => r.Kind == RatingKind.Member).ToDictionary(r => members.Single(m => m.Id == r.MemberId).StakeholderRole, r => r.Rows.Average(row => row.DepthScore));
        Assert.Equal(7, own.Count);
        Assert.True(own[StakeholderRole.FamilyMember] + 1 < own[StakeholderRole.Teacher], $"family {own[StakeholderRole.FamilyMember]}, teacher {own[StakeholderRole.Teacher]}");
        Assert.Equal(cafeRatings.Count, (await api.ListRatingsAsync(DemoData.TenantId, DemoData.CafeTeamId)).Count);
        // Two past convenings, with the consensus outcome kept as evidence and the café's harvest on the team's record.
        var past = await api.ListTeamConveningsAsync(DemoData.TenantId, DemoData.CafeTeamId, ConveningStatus.Ended);
        Assert.Equal(2, past.Count);
        Assert.Contains(await api.ListEvidenceAsync(DemoData.TenantId, DemoData.CafeTeamId), e => e.RowId == "consensus-decisions" && e.Text.Contains("ConsensusReached", StringComparison.Ordinal));
        Assert.Contains("evening meetings", Assert.Single(await api.ListHarvestsAsync(DemoData.TenantId, DemoData.CafeTeamId)).Text, StringComparison.Ordinal);
        Assert.All(past, c => Assert.True(c.StartsAt < DateTimeOffset.UtcNow));
        // The CAFÉ story, published in the Parent Mentors community with its outcomes and a depth change read from
        // the team's ratings, and other teams' stories at Networking → Collaborating for "teams like mine".
        using var admin = host.ClientWith(await host.StateAdminToken(DemoData.TenantId));
        var story = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/tenants/{DemoData.TenantId}/stories/{DemoData.CafeStoryId}");
        Assert.Equal(("Published", DemoData.ParentMentorsId, 3), (story.GetProperty("status").GetString(), story.GetProperty("communityId").GetString(), story.GetProperty("outcomes").GetArrayLength()));
        var change = Assert.Single(story.GetProperty("depthChanges").EnumerateArray());
        Assert.True(change.GetProperty("to").GetString() != change.GetProperty("from").GetString());
        var row = (await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/tenants/{DemoData.TenantId}/stories?from=Networking&to=Collaborating&rowId=consensus-decisions&limit=100")).GetProperty("total").GetInt32()
            + (await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/tenants/{DemoData.TenantId}/stories?q=deciding%20together&limit=100")).GetProperty("total").GetInt32();
        Assert.True(row > 0, "other teams' stories at Networking → Collaborating");
        // The CAFÉ team's action plan: goals on rubric rows, actions owned by its members, something in each list.
        using var facilitator = host.ClientWith(await host.TokenFor(DemoData.TenantId, "facilitator@cafe.example"));
        var plan = await facilitator.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/tenants/{DemoData.TenantId}/teams/{DemoData.CafeTeamId}/action-plan");
        Assert.Equal((2, 5), (plan.GetProperty("goals").GetArrayLength(), plan.GetProperty("actions").GetArrayLength()));
        Assert.All(plan.GetProperty("actions").EnumerateArray(), a => Assert.Contains(members, m => m.Id == a.GetProperty("ownerMemberId").GetString()));
        var attention = await facilitator.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/tenants/{DemoData.TenantId}/teams/{DemoData.CafeTeamId}/action-plan/attention");
        Assert.Equal((1, 1), (attention.GetProperty("overdue").GetArrayLength(), attention.GetProperty("dueThisWeek").GetArrayLength()));
    }
}
