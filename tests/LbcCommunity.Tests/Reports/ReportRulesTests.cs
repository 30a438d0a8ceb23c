using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.Reports;
using LbcCommunity.Rubrics;

namespace LbcCommunity.Tests.Reports;

/// <summary>The reports' pure rules: quarters and due dates, answers, the quarter's facts and the evidence's arithmetic.</summary>
public sealed class ReportRulesTests
{
    private static readonly DateTimeOffset Q4 = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-Q5")]
    [InlineData("2026-q4")]
    [InlineData("1999-Q1")]
    [InlineData("26-Q1")]
    public void A_quarter_that_is_not_yyyy_Qn_is_a_problem_naming_the_field(string quarter)
    {
        var refused = Assert.Throws<DomainValidationException>(() => ReportRules.Quarter(quarter, "from"));
        Assert.Equal("from", Assert.Single(refused.Errors.Keys));
    }

    [Fact]
    public void A_quarter_is_due_the_tenants_days_after_its_last_day_and_late_after_that()
    {
        var (start, end) = ReportRules.Quarter("2026-Q4");
        var due = ReportRules.DueAt(end, 15);

        Assert.Equal((Q4, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)), (start, end));
        Assert.Equal(new DateTimeOffset(2027, 1, 16, 0, 0, 0, TimeSpan.Zero), due);
        Assert.False(ReportRules.IsLate(due, due, due.AddDays(30)));
        Assert.True(ReportRules.IsLate(due.AddTicks(1), due, due.AddDays(30)));
        Assert.False(ReportRules.IsLate(null, due, due));
        Assert.True(ReportRules.IsLate(null, due, due.AddSeconds(1)));
        Assert.Throws<DomainValidationException>(() => ReportRules.ReportableQuarter("2027-Q1", end.AddDays(-1)));
    }

    [Fact]
    public void Answers_name_questions_of_the_version_once_each_and_blank_ones_are_dropped_in_the_versions_order()
    {
        var questions = DefaultReportQuestions.Create(Q4);
        var answers = ReportRules.Answers(new ReportAnswersDraft
        {
            Answers = [new() { QuestionId = "transforming-1", Text = " Plans " }, new() { QuestionId = "informing-1", Text = "Families" }, new() { QuestionId = "networking-1", Text = " " }],
        }, questions);

        Assert.Equal([("informing-1", "Families"), ("transforming-1", "Plans")], answers.Select(a => (a.QuestionId, a.Text)));
        var refused = Assert.Throws<DomainValidationException>(() => ReportRules.Answers(new ReportAnswersDraft
        {
            Answers = [new() { QuestionId = "informing-1", Text = "A" }, new() { QuestionId = "informing-1", Text = "B" }, new() { QuestionId = "nope", Text = "C" }],
        }, questions));
        Assert.Equal(["answers[1].questionId", "answers[2].questionId"], refused.Errors.Keys.Order());
        Assert.Throws<DomainValidationException>(() => ReportRules.RequireComplete(answers, questions));
        Assert.Equal(8, questions.Questions.Count);
        Assert.All(questions.Questions, q => Assert.False(string.IsNullOrWhiteSpace(q.Text["es"])));
    }

    [Fact]
    public void The_quarters_facts_count_convenings_begun_in_it_attendance_by_role_decisions_and_level_moves()
    {
        var inside = Summary("in", Q4.AddDays(3), (StakeholderRole.FamilyMember, 2), (StakeholderRole.Teacher, 1));
        var before = Summary("before", Q4.AddDays(-3), (StakeholderRole.ParentMentor, 5));
        var planned = Summary("planned", null, (StakeholderRole.Teacher, 1));
        var ratings = new[]
        {
            Rating(1, Q4.AddMonths(-2), ("relevant-data", 1), ("future-work", 2)),
            Rating(2, Q4.AddDays(10), ("relevant-data", 3), ("future-work", 1), ("action-plan", 0)),
            Rating(3, Q4.AddDays(20), ("relevant-data", 3)),
            Rating(4, Q4.AddMonths(4), ("relevant-data", 4)),
        };

        var facts = ReportFacts.Of([inside, before, planned], ratings, Q4, Q4.AddMonths(3), Q4);

        Assert.Equal(["in"], facts.Convenings.Select(c => c.ConveningId));
        Assert.Equal((3, 2, 10), (facts.Participants.Participants, facts.Participants.FamilyVoices, facts.Participants.ByRole.Count));
        Assert.Equal(2, facts.Participants.ByRole.Single(r => r.StakeholderRole == StakeholderRole.FamilyMember).Count);
        Assert.Equal(0, facts.Participants.ByRole.Single(r => r.StakeholderRole == StakeholderRole.ParentMentor).Count);
        Assert.Equal(("Adopt in", ConsensusOutcome.ConsensusReached), (Assert.Single(facts.Decisions).Proposal, facts.Decisions[0].Outcome));
        Assert.Equal(2, facts.Ratings.ConsensusRatings);
        Assert.Equal([("relevant-data", 1, 3)], facts.Ratings.MovedUp.Select(m => (m.RowId, m.From, m.To)));
        Assert.Equal([("future-work", 2, 1)], facts.Ratings.MovedDown.Select(m => (m.RowId, m.From, m.To)));
        Assert.Null(facts.Actions);
    }

    [Fact]
    public void The_evidences_percent_is_one_decimal_half_away_from_zero_and_a_period_is_checked()
    {
        Assert.Equal((33.3m, 66.7m, null), (EvidenceRules.Percent(1, 3), EvidenceRules.Percent(2, 3), EvidenceRules.Percent(0, 0)));
        Assert.Equal(50.0m, EvidenceRules.Percent(1, 2));
        Assert.Equal((Q4, Q4.AddMonths(6)), EvidenceRules.Period("2026-Q4", "2027-Q1"));
        Assert.Equal("to", Assert.Single(Assert.Throws<DomainValidationException>(() => EvidenceRules.Period("2026-Q4", "2026-Q3")).Errors.Keys));
        Assert.Equal("to", Assert.Single(Assert.Throws<DomainValidationException>(() => EvidenceRules.Period("2020-Q1", "2026-Q3")).Errors.Keys));
    }

    private static ConveningSummary Summary(string id, DateTimeOffset? startedAt, params (StakeholderRole Role, int Count)[] roles) => new()
    {
        Convening = new ConveningListing { Id = id, Title = id, OwnerKind = ConveningOwnerKind.Team, OwnerId = "cafe", Status = startedAt is null ? ConveningStatus.Planned : ConveningStatus.Ended, CreatedAt = Q4.AddMonths(-3) },
        StartedAt = startedAt,
        Attendance = new Attendance
        {
            Participants = roles.Sum(r => r.Count),
            Guests = 0,
            FamilyVoices = roles.Where(r => r.Role is StakeholderRole.FamilyMember or StakeholderRole.ParentMentor).Sum(r => r.Count),
            YouthVoices = 0,
            ByRole = [.. roles.Select(r => new RoleAttendance { StakeholderRole = r.Role, Count = r.Count })],
        },
        Decision = new ConsensusDecision
        {
            Outcome = ConsensusOutcome.ConsensusReached,
            Rounds = [new DecisionRound { Number = 1, Proposal = $"Adopt {id}", Scale = AgreementScale.FistToFive, VoteCount = 1, Tally = [0, 0, 0, 0, 0, 1], Concerns = [] }],
        },
        PollRatings = 0,
    };

    private static Rating Rating(long sequence, DateTimeOffset ratedAt, params (string RowId, int Level)[] rows) => new()
    {
        Id = $"r{sequence}",
        Kind = RatingKind.Consensus,
        TeamId = "cafe",
        RubricVersion = 1,
        LevelThresholdPercent = 50,
        Rows = [.. rows.Select(r => new RowRating { RowId = r.RowId, Habit = Habit.CoalescingAroundIssues, Cells = [], DepthScore = r.Level, LevelReached = r.Level })],
        RecordedAt = ratedAt,
        RatedAt = ratedAt,
        Sequence = sequence,
    };
}
