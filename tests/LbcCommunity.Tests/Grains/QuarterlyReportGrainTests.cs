using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Reports;
using LbcCommunity.RollUps;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Tests.Grains;

/// <summary>The quarterly report grain in the two-silo cluster: lateness against the tenant's due days, frozen facts, reactivation.</summary>
[Collection(ClusterCollection.Name)]
public sealed class QuarterlyReportGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task A_report_is_late_by_the_tenants_due_days_keeps_its_first_submission_time_and_survives_deactivation()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        await _grains.GetGrain<IInitiativeGrain>(GrainKeys.Of(state, "graduatefirst")).EnrolTeam(new TeamDraft { Id = "cafe", Name = "CAFÉ", DistrictId = "meriwether" });
        var catalog = _grains.GetGrain<IReportCatalogGrain>(state);
        var now = ClusterFixture.Clock.GetUtcNow();
        var twoBack = TallyKeys.Quarter(now.AddMonths(-6));
        var report = _grains.GetGrain<IQuarterlyReportGrain>(IQuarterlyReportGrain.KeyOf(state, "cafe", twoBack));

        // Due 15 days after a quarter that ended months ago: late before anything is sent.
        Assert.True((await report.Read()).Late);
        Assert.True((await report.GetStatus())!.Late);

        // A year's grace: on time, and submitted on time.
        await catalog.SetSettings(new ReportSettingsDraft { DueDaysAfterQuarterEnd = 365 });
        var answers = DefaultReportQuestions.Create(now).Questions.Select(q => new ReportAnswerDraft { QuestionId = q.Id, Text = "Done." }).ToList();
        var submitted = await report.Submit(new ReportAnswersDraft { Answers = answers }, "facilitator");
        Assert.False(submitted.Late);
        Assert.Equal(ReportRules.DueAt(ReportRules.Quarter(twoBack).End, 365), submitted.DueAt);

        await report.Review(new ReviewDraft { Decision = ReviewDecision.Return, Comment = "More on surveys." }, "coordinator");
        await ClusterFixture.Deactivate(report);
        var resubmitted = await report.Submit(null, "facilitator");
        Assert.Equal((ReportStatus.Submitted, submitted.SubmittedAt, 8), (resubmitted.Status, resubmitted.SubmittedAt, resubmitted.Answers.Count));

        // The state shortens the grace: the first submission is now after the due date.
        await catalog.SetSettings(new ReportSettingsDraft { DueDaysAfterQuarterEnd = 0 });
        Assert.True((await report.GetStatus())!.Late);
        var refused = await Assert.ThrowsAsync<EntityConflictException>(() => report.SaveAnswers(new ReportAnswersDraft { Answers = answers }, "facilitator"));
        Assert.Equal(ErrorCodes.ReportStatus, refused.Code);
    }

    [Fact]
    public async Task A_report_of_a_team_that_does_not_exist_is_not_found_and_stores_nothing()
    {
        var state = await GrainWorld.NewStateWithInitiative(_grains);
        TenantScope.Enter(state);
        var report = _grains.GetGrain<IQuarterlyReportGrain>(IQuarterlyReportGrain.KeyOf(state, "nobody", TallyKeys.Quarter(ClusterFixture.Clock.GetUtcNow())));

        await Assert.ThrowsAsync<EntityNotFoundException>(() => report.Read());
        await Assert.ThrowsAsync<EntityNotFoundException>(() => report.SaveAnswers(new ReportAnswersDraft { Answers = [] }, "someone"));
        Assert.Null(await report.GetStatus());
    }
}
