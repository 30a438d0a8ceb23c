using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LbcCommunity.ActionPlans;
using LbcCommunity.Client;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>The action plan's endpoints on the real host: who may do what, bad input that changes nothing, the CSV format.</summary>
[Collection(ApiHostCollection.Name)]
public sealed class ActionPlanApiTests(ApiHostFixture fixture)
{
    private static readonly string[] GoalRows = ["action-plan", "participants-to-partners"];

    private static readonly string[] UnknownRows = ["atlantis"];

    private readonly LbcCommunityClient _api = fixture.Api;

    [Fact]
    public async Task A_facilitator_plans_a_goal_and_actions_and_only_an_actions_owner_says_where_it_stands()
    {
        var (state, facilitator, parent, teacher) = await Team();
        using var asFacilitator = await As(state, "facilitator");
        using var asParent = await As(state, "parent");
        using var asTeacher = await As(state, "teacher");
        var plan = $"/api/tenants/{state}/teams/cafe/action-plan";

        var goal = await Read<PlanGoal>(await asFacilitator.PostAsJsonAsync($"{plan}/goals", new { title = "Families are partners", rowIds = GoalRows }), HttpStatusCode.Created);
        var action = await Read<PlanAction>(await asFacilitator.PostAsJsonAsync($"{plan}/actions", new { goalId = goal.Id, title = "Invite parent mentors to plan the fall night", ownerMemberId = parent, dueOn = "2030-10-01" }), HttpStatusCode.Created);
        var byMember = await asParent.PostAsJsonAsync($"{plan}/actions", new { title = "Mine", ownerMemberId = parent });
        var notOwner = await asTeacher.PutAsJsonAsync($"{plan}/actions/{action.Id}/progress", new { status = "Done" });
        var own = await Read<PlanAction>(await asParent.PutAsJsonAsync($"{plan}/actions/{action.Id}/progress", new { status = "HalfDone", notes = "Two mentors said yes" }), HttpStatusCode.OK);
        var read = await Read<ActionPlanView>(await asTeacher.GetAsync(plan), HttpStatusCode.OK);
        var attention = await asTeacher.GetAsync($"{plan}/attention");

        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notOwner.StatusCode);
        Assert.Equal((ActionStatus.HalfDone, "Two mentors said yes"), (own.Status, own.Notes));
        Assert.Equal(50, Assert.Single(read.Progress).Percent);
        Assert.Equal(("Parent", new DateOnly(2030, 10, 1)), (Assert.Single(read.Actions).OwnerName, read.Actions[0].DueOn!.Value));
        Assert.Equal(HttpStatusCode.Forbidden, attention.StatusCode);
        Assert.NotEqual(facilitator, teacher);
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_each_field_and_changes_nothing()
    {
        var (state, _, parent, _) = await Team();
        using var asFacilitator = await As(state, "facilitator");
        var plan = $"/api/tenants/{state}/teams/cafe/action-plan";
        var action = await Read<PlanAction>(await asFacilitator.PostAsJsonAsync($"{plan}/actions", new { title = "Translate the flyer", ownerMemberId = parent }), HttpStatusCode.Created);
        var before = await asFacilitator.GetStringAsync(plan);

        var badAction = await Problem(await asFacilitator.PostAsJsonAsync($"{plan}/actions", new { title = "", ownerMemberId = "nobody", goalId = "no-goal", status = "Finished" }));
        var badFields = await Problem(await asFacilitator.PostAsJsonAsync($"{plan}/actions", new { title = new string('x', 301), ownerMemberId = "nobody", goalId = "no-goal" }));
        var badGoal = await Problem(await asFacilitator.PostAsJsonAsync($"{plan}/goals", new { title = "Goal", rowIds = UnknownRows }));
        var badBulk = await Problem(await asFacilitator.PostAsJsonAsync($"{plan}/statuses", new { changes = new object[] { new { actionId = action.Id, status = "Done" }, new { actionId = "nope", status = "Done" } } }));
        var badProgress = await Problem(await asFacilitator.PutAsJsonAsync($"{plan}/actions/{action.Id}/progress", new { notes = "no status" }));
        var badPeriod = await Problem(await asFacilitator.GetAsync($"{plan}/facts?from=2026-04-01&to=2026-01-01"));
        var noTeam = await _api.Http.GetAsync($"api/tenants/{state}/teams/no-such-team/action-plan");
        var after = await asFacilitator.GetStringAsync(plan);

        Assert.Equal(["$.status"], badAction);
        Assert.Equal(["goalId", "ownerMemberId", "title"], badFields.Order(StringComparer.Ordinal));
        Assert.Equal(["rowIds[0]"], badGoal);
        Assert.Equal(["changes[1].actionId"], badBulk);
        Assert.Equal(["status"], badProgress);
        Assert.Equal(["to"], badPeriod);
        Assert.Equal(HttpStatusCode.NotFound, noTeam.StatusCode);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task The_csv_export_imports_back_and_a_file_with_an_error_in_any_row_changes_nothing()
    {
        var (state, facilitator, parent, _) = await Team();
        using var asFacilitator = await As(state, "facilitator");
        var plan = $"/api/tenants/{state}/teams/cafe/action-plan";
        var first = await Read<PlanAction>(await asFacilitator.PostAsJsonAsync($"{plan}/actions", new { title = "Survey families, \"in Spanish too\"", ownerMemberId = parent, dueOn = "2030-01-15", notes = "Line one\nline two" }), HttpStatusCode.Created);

        var exported = await asFacilitator.GetAsync($"/api/tenants/{state}/teams/cafe/action-plan.csv");
        var csv = await exported.Content.ReadAsStringAsync();
        var edited = csv.Replace(",NotStarted,", ",Started,", StringComparison.Ordinal)
            + $",,Hold a parent night,{facilitator},2030-02-01,,,,,,,\r\n";
        var imported = await Read<ImportResult>(await Import(asFacilitator, plan, edited), HttpStatusCode.OK);
        var afterImport = await asFacilitator.GetStringAsync(plan);
        var header = csv[..csv.IndexOf("\r\n", StringComparison.Ordinal)];
        var bad = $"{header}\r\n{first.Id},,Fine row,{parent},2030-03-01,Done,,,,,,\r\n,,Bad date,{parent},15/03/2030,Done,,,,,,\r\n,,Bad status,nobody,,Finished,,,,,,\r\n";
        var refused = await Problem(await Import(asFacilitator, plan, bad));
        var missing = await Problem(await Import(asFacilitator, plan, "id,title\r\nx,y\r\n"));
        var unchanged = await asFacilitator.GetStringAsync(plan);

        Assert.Equal("text/csv; charset=utf-8", exported.Content.Headers.ContentType!.ToString());
        Assert.StartsWith("id,goal_id,title,owner_member_id,due_on,status,notes,owner_name,owner_is_guest,convening_id,done_at,updated_at\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("\"Survey families, \"\"in Spanish too\"\"\"", csv, StringComparison.Ordinal);
        Assert.Equal((1, 1), (imported.Added, imported.Updated));
        var view = JsonSerializer.Deserialize<ActionPlanView>(afterImport, LbcCommunityClient.JsonOptions)!;
        Assert.Equal(ActionStatus.Started, view.Actions.Single(a => a.Id == first.Id).Status);
        Assert.Equal("Line one\nline two", view.Actions.Single(a => a.Id == first.Id).Notes);
        Assert.Equal(("Hold a parent night", "Facilitator"), (view.Actions[1].Title, view.Actions[1].OwnerName));
        Assert.Equal(["rows[3].due_on", "rows[4].status"], refused.Order(StringComparer.Ordinal));
        Assert.Equal(["header.due_on", "header.goal_id", "header.notes", "header.owner_member_id", "header.status"], missing.Order(StringComparer.Ordinal));
        Assert.Equal(afterImport, unchanged);
    }

    [Fact]
    public async Task A_rows_plan_errors_name_the_row_and_column_too()
    {
        var (state, _, parent, _) = await Team();
        using var asFacilitator = await As(state, "facilitator");
        var plan = $"/api/tenants/{state}/teams/cafe/action-plan";
        var header = "id,goal_id,title,owner_member_id,due_on,status,notes";

        var refused = await Problem(await Import(asFacilitator, plan, $"{header}\r\n,,Good,{parent},,,\r\n,no-goal,,nobody,,,\r\n"));
        var after = await Read<ActionPlanView>(await asFacilitator.GetAsync(plan), HttpStatusCode.OK);

        Assert.Equal(["rows[3].goal_id", "rows[3].owner_member_id", "rows[3].title"], refused.Order(StringComparer.Ordinal));
        Assert.Empty(after.Actions);
    }

    private async Task<(string State, string Facilitator, string Parent, string Teacher)> Team()
    {
        var state = await ApiWorld.NewStateWithTeam(_api);
        var facilitator = await _api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Facilitator", Email = $"facilitator@{state}.test", StakeholderRole = StakeholderRole.DistrictAdministrator, IsFacilitator = true });
        var parent = await _api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Parent", Email = $"parent@{state}.test", StakeholderRole = StakeholderRole.FamilyMember });
        var teacher = await _api.AddMemberAsync(state, Roster.OfTeam("cafe"), new MemberDraft { DisplayName = "Teacher", Email = $"teacher@{state}.test", StakeholderRole = StakeholderRole.Teacher });
        return (state, facilitator.Id, parent.Id, teacher.Id);
    }

    private async Task<HttpClient> As(string state, string who) => fixture.Host.ClientWith(await fixture.Host.TokenFor(state, $"{who}@{state}.test"));

    private static Task<HttpResponseMessage> Import(HttpClient client, string plan, string csv) =>
        client.PostAsync($"{plan}/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static async Task<T> Read<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, LbcCommunityClient.JsonOptions)!;
    }

    private static async Task<IReadOnlyList<string>> Problem(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        return [.. errors.EnumerateObject().Select(p => p.Name)];
    }
}
