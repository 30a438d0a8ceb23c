using System.Net;
using System.Net.Http.Json;
using LbcCommunity.Client;
using LbcCommunity.Convenings;
using LbcCommunity.Host.Tests.Infrastructure;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.Reports;
using LbcCommunity.RollUps;
using MiniExcelLibs;

namespace LbcCommunity.Host.Tests.Api;

/// <summary>
/// Quarterly reports and the SPDG / SPP-APR evidence through the real host: numbers against a recompute from the stored
/// facts, the workbook read back, the draft → submitted → returned → resubmitted → accepted path, access and bad input.
/// </summary>
[Collection(ApiHostCollection.Name)]
public sealed class ReportsApiTests(ApiHostFixture fixture)
{
    private static readonly string[] TargetsTwice = ["Targets", "Targets"];
    private readonly LbcCommunityClient _api = fixture.Api;

    private LbcHostFactory Host => fixture.Host;

    [Fact]
    public async Task The_reports_and_the_evidences_numbers_equal_a_recompute_from_the_stored_facts_and_the_workbook_reads_back_the_same()
    {
        var w = await ReportsWorld.Create(Host, _api);
        await _api.RecordConsensusRatingAsync(w.State, "cafe", Ratings.Draft(("relevant-data", [60, 20, 0, 0]), ("future-work", [100, 100, 0, 0])));
        await _api.RecordConsensusRatingAsync(w.State, "cafe", Ratings.Draft(("relevant-data", [100, 70, 60, 0]), ("future-work", [50, 0, 0, 0])));
        await _api.RecordConsensusRatingAsync(w.State, "troup", Ratings.Draft(("relevant-data", [20, 0, 0, 0])));
        using var facilitator = Host.ClientWith(w.FacilitatorToken);
        using var admin = Host.ClientWith(w.AdminToken);
        (await admin.PutAsJsonAsync($"/api/tenants/{w.State}/initiatives/graduatefirst/sustained-depth", new { level = "Informing", consecutiveRatings = 1 })).EnsureSuccessStatusCode();
        var shared = DateTimeOffset.UtcNow;
        (await facilitator.PutAsJsonAsync($"/api/tenants/{w.State}/convenings/{w.ConveningId}/results-shared", new { how = "E-mailed the decision to every family", sharedAt = shared })).EnsureSuccessStatusCode();

        // The team's action plan: one action done today, one due today and still open (not overdue before tomorrow).
        var parent = (await _api.ListMembersAsync(w.State, Roster.OfTeam("cafe"))).Single(m => m.Email == "parent@cafe.test").Id;
        var plan = $"/api/tenants/{w.State}/teams/cafe/action-plan";
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var done = await ReportsWorld.Read<LbcCommunity.ActionPlans.PlanAction>(await facilitator.PostAsJsonAsync($"{plan}/actions", new { title = "Call every family", ownerMemberId = parent, dueOn = today }));
        await ReportsWorld.Read<LbcCommunity.ActionPlans.PlanAction>(await facilitator.PostAsJsonAsync($"{plan}/actions", new { title = "Translate the survey", ownerMemberId = parent, dueOn = today }));
        (await facilitator.PostAsJsonAsync($"{plan}/statuses", new { changes = new[] { new { actionId = done.Id, status = "Done" } } })).EnsureSuccessStatusCode();

        var report = await ReportsWorld.Read<QuarterlyReport>(await facilitator.GetAsync($"/api/tenants/{w.State}/teams/cafe/reports/{w.Quarter}"));

        // The recompute: every stored convening and consensus rating of the team, read through the API and counted here.
        var (start, end) = QuarterOf(w.Quarter);
        var summaries = new List<ConveningSummary>();
        foreach (var listing in await _api.ListTeamConveningsAsync(w.State, "cafe"))
        {
            summaries.Add(await _api.GetConveningSummaryAsync(w.State, listing.Id));
        }

        var held = summaries.Where(s => s.StartedAt >= start && s.StartedAt < end).ToList();
        Assert.Equal(held.Select(s => s.Convening.Id), report.Facts.Convenings.Select(c => c.ConveningId));
        Assert.Equal(held.Sum(s => s.Attendance.Participants), report.Facts.Participants.Participants);
        Assert.Equal(held.Sum(s => s.Attendance.FamilyVoices), report.Facts.Participants.FamilyVoices);
        foreach (var role in Enum.GetValues<StakeholderRole>())
        {
            var expected = held.Sum(s => s.Attendance.ByRole.Where(r => r.StakeholderRole == role).Sum(r => r.Count));
            Assert.Equal(expected, report.Facts.Participants.ByRole.Single(r => r.StakeholderRole == role).Count);
        }

        Assert.Equal((2, 1), (report.Facts.Participants.Participants, report.Facts.Participants.FamilyVoices));
        var decision = Assert.Single(report.Facts.Decisions);
        Assert.Equal(("Raise the graduation target to 80 %", ConsensusOutcome.ConsensusReached), (decision.Proposal, decision.Outcome));
        Assert.Equal([SppAprTopic.Targets, SppAprTopic.DataAnalysis], report.Facts.Convenings[0].SppAprTopics);
        Assert.Equal("E-mailed the decision to every family", report.Facts.Convenings[0].ResultsShared?.How);

        var ratings = await _api.ListRatingsAsync(w.State, "cafe", RatingKind.Consensus);
        var levels = new Dictionary<string, int>();
        var up = new List<(string, int, int)>();
        var down = new List<(string, int, int)>();
        foreach (var rating in ratings.Where(r => r.RatedAt < end).OrderBy(r => r.RatedAt))
        {
            foreach (var row in rating.Rows)
            {
                var before = levels.GetValueOrDefault(row.RowId);
                if (rating.RatedAt >= start && before != row.LevelReached)
                {
                    (row.LevelReached > before ? up : down).Add((row.RowId, before, row.LevelReached));
                }

                levels[row.RowId] = row.LevelReached;
            }
        }

        Assert.Equal(ratings.Count(r => r.RatedAt >= start && r.RatedAt < end), report.Facts.Ratings.ConsensusRatings);
        Assert.Equal(up, report.Facts.Ratings.MovedUp.Select(m => (m.RowId, m.From, m.To)));
        Assert.Equal(down, report.Facts.Ratings.MovedDown.Select(m => (m.RowId, m.From, m.To)));
        Assert.Equal([("future-work", 2, 1)], down);
        var (quarterStart, quarterEnd) = ReportRules.Quarter(w.Quarter);
        var planFacts = await ReportsWorld.Read<LbcCommunity.ActionPlans.ActionFacts>(await facilitator.GetAsync(
            $"{plan}/facts?from={DateOnly.FromDateTime(quarterStart.UtcDateTime):yyyy-MM-dd}&to={DateOnly.FromDateTime(quarterEnd.UtcDateTime):yyyy-MM-dd}"));
        Assert.Equal(new ActionFacts { Done = planFacts.Done.Count, Overdue = planFacts.Overdue.Count, DueInPeriod = planFacts.DueInPeriod }, report.Facts.Actions);
        Assert.Equal((1, 0, 2), (report.Facts.Actions!.Done, report.Facts.Actions.Overdue, report.Facts.Actions.DueInPeriod));
        Assert.Equal(8, report.Questions.Questions.Count);

        // The evidence: both teams' convenings, and the dashboard's own figures for depth and sustained depth.
        var evidence = await ReportsWorld.Read<EvidenceReport>(await admin.GetAsync($"/api/tenants/{w.State}/initiatives/graduatefirst/evidence?from={w.Quarter}&to={w.Quarter}"));
        var all = new List<ConveningSummary>(summaries);
        foreach (var listing in await _api.ListTeamConveningsAsync(w.State, "troup"))
        {
            all.Add(await _api.GetConveningSummaryAsync(w.State, listing.Id));
        }

        var inPeriod = all.Where(s => s.StartedAt >= start && s.StartedAt < end).ToList();
        Assert.Equal(inPeriod.Count, evidence.Convenings.Count);
        Assert.Equal(inPeriod.Sum(s => s.Attendance.Participants), evidence.Participants.Participants);
        Assert.Equal(inPeriod.Sum(s => s.Attendance.FamilyVoices), evidence.Participants.FamilyVoices);
        Assert.Equal(inPeriod.Count(s => s.ResultsShared is not null), evidence.ResultsSharedCount);
        foreach (var topic in Enum.GetValues<SppAprTopic>())
        {
            Assert.Equal(inPeriod.Count(s => s.SppAprTopics.Contains(topic)), evidence.Topics.Single(t => t.Topic == topic).Convenings);
        }

        var view = await _api.GetInitiativeRollUpAsync(w.State, "graduatefirst");
        Assert.Equal(
            view.Habits.Select(h => (h.Habit, h.TeamsRated, h.MeanDepthScore, string.Join(',', h.TeamsAtLevel))),
            evidence.DepthSpread.Where(d => d.Period == TallyKeys.Now).Select(d => (d.Habit, d.TeamsRated, d.MeanDepthScore, string.Join(',', d.TeamsAtLevel))));
        var attention = await ReportsWorld.Read<AttentionLists>(await admin.GetAsync($"/api/tenants/{w.State}/initiatives/graduatefirst/attention"));
        Assert.Equal((attention.Sustained.Count, attention.Teams), (evidence.Sustained.Numerator, evidence.Sustained.Denominator));
        Assert.Equal((1, 2, 50.0m), (evidence.Sustained.Numerator, evidence.Sustained.Denominator, evidence.Sustained.Percent));
        Assert.Equal(["cafe"], evidence.Sustained.TeamIds);

        // The workbook, as the integration downloads it, opened with the library and read back.
        using var integration = Host.ClientWith(w.IntegrationToken);
        var xlsx = await integration.GetAsync($"/api/tenants/{w.State}/initiatives/graduatefirst/evidence.xlsx?from={w.Quarter}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        using var book = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(["summary", "convenings", "participants", "topics", "depth", "sustained", "outcomes"], MiniExcel.GetSheetNames(book));
        var summary = MiniExcel.Query(book, useHeaderRow: true, sheetName: "summary").Cast<IDictionary<string, object?>>()
            .ToDictionary(r => (string)r["measure"]!, r => Convert.ToString(r["value"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(evidence.Convenings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), summary["convenings_held"]);
        Assert.Equal(evidence.Participants.FamilyVoices.ToString(System.Globalization.CultureInfo.InvariantCulture), summary["family_voices"]);
        Assert.Equal(("1", "2"), (summary["sustained_numerator"], summary["sustained_denominator"]));
        Assert.Equal(evidence.Sustained.Percent, decimal.Parse(summary["sustained_percent"]!, System.Globalization.CultureInfo.InvariantCulture));
        var sheet = MiniExcel.Query(book, useHeaderRow: true, sheetName: "convenings").Cast<IDictionary<string, object?>>().ToList();
        var line = Assert.Single(sheet);
        Assert.Equal((w.ConveningId, 2.0, "yes", "yes", "no"), ((string)line["convening_id"]!, Convert.ToDouble(line["participants"], System.Globalization.CultureInfo.InvariantCulture), (string)line["targets"]!, (string)line["data_analysis"]!, (string)line["evaluating_progress"]!));
        var depth = MiniExcel.Query(book, useHeaderRow: true, sheetName: "depth").Cast<IDictionary<string, object?>>().Where(r => (string)r["period"]! == "now").ToList();
        Assert.Equal(view.Habits.Select(h => h.TeamsRated), depth.Select(r => Convert.ToInt32(r["teams_rated"], System.Globalization.CultureInfo.InvariantCulture)));

        var csv = (await (await integration.GetAsync($"/api/tenants/{w.State}/initiatives/graduatefirst/evidence/topics.csv?from={w.Quarter}")).Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["topic,convenings", "Targets,1", "DataAnalysis,1", "ImprovementStrategies,0", "EvaluatingProgress,0"], csv);
    }

    [Fact]
    public async Task A_report_goes_from_draft_to_submitted_returned_with_a_comment_resubmitted_and_accepted_and_the_state_sees_each_step()
    {
        var w = await ReportsWorld.Create(Host, _api);
        using var facilitator = Host.ClientWith(w.FacilitatorToken);
        using var west = Host.ClientWith(w.WestCoordinatorToken);
        using var admin = Host.ClientWith(w.AdminToken);
        var path = $"/api/tenants/{w.State}/teams/cafe/reports/{w.Quarter}";
        var questions = (await ReportsWorld.Read<QuarterlyReport>(await facilitator.GetAsync(path))).Questions.Questions;

        var saved = await ReportsWorld.Read<QuarterlyReport>(await facilitator.PutAsJsonAsync($"{path}/answers", new { answers = new[] { new { questionId = "informing-1", text = "Every family of the district." } } }));
        Assert.Equal((ReportStatus.Draft, true, 1), (saved.Status, saved.Stored, saved.Answers.Count));

        // Incomplete: refused naming the answers, and nothing changed.
        var incomplete = await facilitator.PostAsJsonAsync($"{path}/submit", new { });
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.True((await ReportsWorld.Problem(incomplete)).GetProperty("errors").TryGetProperty("answers", out _));
        Assert.Equal((ReportStatus.Draft, saved.Version), await StatusOf(facilitator, path));

        var all = questions.Select(q => new { questionId = q.Id, text = $"Our answer to {q.Id}." }).ToArray();
        var submitted = await ReportsWorld.Read<QuarterlyReport>(await facilitator.PostAsJsonAsync($"{path}/submit", new { answers = all }));
        Assert.Equal((ReportStatus.Submitted, 8, false), (submitted.Status, submitted.Answers.Count, submitted.Late));
        Assert.Equal(ReportStatus.Submitted, (await RegionQueue(west, w, "west")).Teams.Single(t => t.TeamId == "cafe").Status);

        var edit = await facilitator.PutAsJsonAsync($"{path}/answers", new { answers = all });
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Equal("report-status", (await ReportsWorld.Problem(edit)).GetProperty("code").GetString());

        var noComment = await west.PostAsJsonAsync($"{path}/review", new { decision = "Return" });
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.True((await ReportsWorld.Problem(noComment)).GetProperty("errors").TryGetProperty("comment", out _));
        Assert.Equal((ReportStatus.Submitted, submitted.Version), await StatusOf(facilitator, path));

        var returned = await ReportsWorld.Read<QuarterlyReport>(await west.PostAsJsonAsync($"{path}/review", new { decision = "Return", comment = "Say who received the survey results." }));
        Assert.Equal((ReportStatus.Returned, "Say who received the survey results."), (returned.Status, returned.ReviewComment));
        var table = await ReportsWorld.Read<ReportStatusTable>(await admin.GetAsync($"/api/tenants/{w.State}/initiatives/graduatefirst/reports/{w.Quarter}"));
        Assert.Equal(["cafe", "troup"], table.Teams.Select(t => t.TeamId));
        Assert.Equal((ReportStatus.Returned, true), (table.Teams[0].Status, table.Teams[0].Started));
        Assert.Equal((ReportStatus.Draft, false, null), (table.Teams[1].Status, table.Teams[1].Started, table.Teams[1].SubmittedAt));
        Assert.Equal((0, 1, 1), (table.Submitted, table.Returned, table.NotSubmitted));

        var again = await ReportsWorld.Read<QuarterlyReport>(await facilitator.PostAsJsonAsync($"{path}/submit", new { }));
        Assert.Equal((ReportStatus.Submitted, submitted.SubmittedAt), (again.Status, again.SubmittedAt));
        var accepted = await ReportsWorld.Read<QuarterlyReport>(await west.PostAsJsonAsync($"{path}/review", new { decision = "Accept" }));
        Assert.Equal(ReportStatus.Accepted, accepted.Status);
        Assert.Equal([ReportStatus.Draft, ReportStatus.Submitted, ReportStatus.Returned, ReportStatus.Submitted, ReportStatus.Accepted], accepted.History.Select(h => h.Status));
        Assert.Equal(ReportStatus.Accepted, (await RegionQueue(west, w, "west")).Teams.Single().Status);
    }

    [Fact]
    public async Task Coordinators_review_only_their_region_teams_read_only_their_own_integrations_only_read_exports_and_another_tenant_is_not_found()
    {
        var w = await ReportsWorld.Create(Host, _api);
        var other = await ReportsWorld.Create(Host, _api);
        using var facilitator = Host.ClientWith(w.FacilitatorToken);
        using var east = Host.ClientWith(w.EastCoordinatorToken);
        using var troup = Host.ClientWith(w.TroupFacilitatorToken);
        using var integration = Host.ClientWith(w.IntegrationToken);
        var path = $"/api/tenants/{w.State}/teams/cafe/reports/{w.Quarter}";
        var answers = DefaultReportQuestions.Create(DateTimeOffset.UtcNow).Questions.Select(q => new { questionId = q.Id, text = "Yes." }).ToArray();
        var submitted = await ReportsWorld.Read<QuarterlyReport>(await facilitator.PostAsJsonAsync($"{path}/submit", new { answers }));

        Assert.Equal(HttpStatusCode.Forbidden, (await east.PostAsJsonAsync($"{path}/review", new { decision = "Accept" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await east.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await east.GetAsync($"/api/tenants/{w.State}/initiatives/graduatefirst/regions/west/reports/{w.Quarter}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await troup.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await troup.GetAsync($"/api/tenants/{w.State}/teams/troup/reports/{w.Quarter}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await integration.PostAsJsonAsync($"{path}/review", new { decision = "Accept" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await integration.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await integration.GetAsync($"/api/tenants/{w.State}/initiatives/graduatefirst/evidence")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await integration.PutAsJsonAsync($"/api/tenants/{w.State}/report-settings", new { dueDaysAfterQuarterEnd = 30 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await integration.GetAsync($"/api/tenants/{w.State}/initiatives/graduatefirst/evidence/summary.csv")).StatusCode);

        // Another tenant's report, reviewed or read with this tenant's tokens: not found, as a tenant that does not exist.
        var foreign = await facilitator.GetAsync($"/api/tenants/{other.State}/teams/cafe/reports/{w.Quarter}");
        var nowhere = await facilitator.GetAsync($"/api/tenants/no-such-state/teams/cafe/reports/{w.Quarter}");
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (foreign.StatusCode, nowhere.StatusCode));
        using var westCoordinator = Host.ClientWith(w.WestCoordinatorToken);
        Assert.Equal(HttpStatusCode.NotFound, (await westCoordinator.PostAsJsonAsync($"/api/tenants/{other.State}/teams/cafe/reports/{w.Quarter}/review", new { decision = "Accept" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await integration.GetAsync($"/api/tenants/{other.State}/initiatives/graduatefirst/evidence.xlsx")).StatusCode);

        Assert.Equal((ReportStatus.Submitted, submitted.Version), await StatusOf(facilitator, path));
        using var otherFacilitator = Host.ClientWith(other.FacilitatorToken);
        Assert.Equal((ReportStatus.Draft, 0), await StatusOf(otherFacilitator, $"/api/tenants/{other.State}/teams/cafe/reports/{w.Quarter}"));
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field_and_changes_nothing()
    {
        var w = await ReportsWorld.Create(Host, _api);
        using var facilitator = Host.ClientWith(w.FacilitatorToken);
        using var admin = Host.ClientWith(w.AdminToken);
        var path = $"/api/tenants/{w.State}/teams/cafe/reports/{w.Quarter}";
        var next = TallyKeys.Quarter(QuarterOf(w.Quarter).End);

        await Named(facilitator.GetAsync($"/api/tenants/{w.State}/teams/cafe/reports/2026-Q5"), "quarter");
        await Named(facilitator.GetAsync($"/api/tenants/{w.State}/teams/cafe/reports/{next}"), "quarter");
        await Named(facilitator.PutAsJsonAsync($"{path}/answers", new { answers = new[] { new { questionId = "informing-1", text = "A" }, new { questionId = "informing-1", text = "B" } } }), "answers[1].questionId");
        await Named(facilitator.PutAsJsonAsync($"{path}/answers", new { answers = new[] { new { questionId = "no-such-question", text = "A" } } }), "answers[0].questionId");
        await Named(facilitator.PutAsJsonAsync($"{path}/answers", new { }), "answers");
        Assert.Equal((ReportStatus.Draft, 0), await StatusOf(facilitator, path));

        await Named(facilitator.PutAsJsonAsync($"/api/tenants/{w.State}/convenings/{w.ConveningId}/results-shared", new { how = " ", sharedAt = DateTimeOffset.UtcNow.AddDays(3) }), "how", "sharedAt");
        Assert.Null((await _api.GetConveningSummaryAsync(w.State, w.ConveningId)).ResultsShared);
        await Named(facilitator.PostAsJsonAsync($"/api/tenants/{w.State}/convenings", new { title = "Tagged twice", ownerKind = "Team", ownerId = "cafe", sppAprTopics = TargetsTwice, agenda = new[] { new { kind = "ConsensusBuilding", title = "Decide" } } }), "sppAprTopics[1]");
        Assert.Single(await _api.ListTeamConveningsAsync(w.State, "cafe"));

        await Named(admin.PutAsJsonAsync($"/api/tenants/{w.State}/report-settings", new { dueDaysAfterQuarterEnd = 400 }), "dueDaysAfterQuarterEnd");
        Assert.Equal(15, (await ReportsWorld.Read<ReportSettings>(await admin.GetAsync($"/api/tenants/{w.State}/report-settings"))).DueDaysAfterQuarterEnd);
        await Named(admin.PostAsJsonAsync($"/api/tenants/{w.State}/report-questions", new { name = "Ours", questions = new[] { new { id = "q1", level = "Informing", text = new Dictionary<string, string> { ["es"] = "¿Quién?" } } } }), "questions[0].text.en");
        Assert.Single(await ReportsWorld.Read<List<ReportQuestionSet>>(await admin.GetAsync($"/api/tenants/{w.State}/report-questions")));

        await Named(admin.GetAsync($"/api/tenants/{w.State}/initiatives/graduatefirst/evidence?from={w.Quarter}&to=2020-Q1"), "to");
        await Named(admin.GetAsync($"/api/tenants/{w.State}/initiatives/graduatefirst/evidence?from=last-year"), "from");
        await Named(admin.GetAsync($"/api/tenants/{w.State}/initiatives/graduatefirst/evidence/everything.csv"), "section");
    }

    private static (DateTimeOffset Start, DateTimeOffset End) QuarterOf(string quarter)
    {
        var start = new DateTimeOffset(int.Parse(quarter[..4], System.Globalization.CultureInfo.InvariantCulture), ((quarter[^1] - '1') * 3) + 1, 1, 0, 0, 0, TimeSpan.Zero);
        return (start, start.AddMonths(3));
    }

    private static async Task<(ReportStatus, int)> StatusOf(HttpClient client, string path)
    {
        var report = await ReportsWorld.Read<QuarterlyReport>(await client.GetAsync(path));
        return (report.Status, report.Version);
    }

    private static Task<ReportStatusTable> RegionQueue(HttpClient coordinator, ReportsWorld.World w, string region) =>
        coordinator.GetAsync($"/api/tenants/{w.State}/initiatives/graduatefirst/regions/{region}/reports/{w.Quarter}").ContinueWith(t => ReportsWorld.Read<ReportStatusTable>(t.Result)).Unwrap();

    private static async Task Named(Task<HttpResponseMessage> call, params string[] fields)
    {
        using var response = await call;
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var errors = (await ReportsWorld.Problem(response)).GetProperty("errors");
        Assert.All(fields, f => Assert.True(errors.TryGetProperty(f, out _), $"{f} not named in {errors}"));
    }
}
