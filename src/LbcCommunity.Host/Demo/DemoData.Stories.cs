using LbcCommunity.Contracts;
using LbcCommunity.Errors;
using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.Rubrics;
using LbcCommunity.Stories;
using LbcCommunity.Tenancy;

namespace LbcCommunity.Host.Demo;

/// <summary>
/// The demo's stories: the CAFÉ team's, published in the Parent Mentors community, its depth change read from the
/// team's demo ratings, and a few other teams' at Networking → Collaborating, so "teams like mine" finds something.
/// A story that exists is left as it is: loading twice changes nothing.
/// </summary>
public static partial class DemoData
{
    public const string ParentMentorsId = "parent-mentors";

    public const string CafeStoryId = "cafe-defense-to-offense";

    private const string ParentMentorEmail = "parent.mentor@cafe.example";

    private static async Task<int> LoadStoriesAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var community = grains.GetGrain<ICommunityGrain>(GrainKeys.Of(TenantId, ParentMentorsId));
        if (!(await community.ListMembers()).Any(m => m.Email == ParentMentorEmail))
        {
            await community.AddMember(new MemberDraft { DisplayName = "Parent mentor (CAFÉ)", Email = ParentMentorEmail, StakeholderRole = StakeholderRole.ParentMentor });
        }

        var people = await grains.GetGrain<ITenantAccessGrain>(TenantId).ListPeople();
        var mentor = people.Single(p => p.Email == ParentMentorEmail);
        var director = people.Single(p => p.Email == StateAdminEmail);
        var author = new StoryViewer { PersonId = mentor.Id, DisplayName = "Parent mentor (CAFÉ)", IsTenantPerson = true, CommunityIds = [ParentMentorsId], TeamIds = [CafeTeamId] };
        var publisher = new StoryViewer { PersonId = director.Id, DisplayName = director.DisplayName, IsStateAdmin = true, IsTenantPerson = true };
        var created = 0;

        var cafeRow = await RowThatMoved(grains, CafeTeamId, null) ?? "consensus-decisions";
        created += await PublishOnce(grains, CafeStoryId, Cafe(cafeRow), author, publisher);

        // Other teams whose ratings show Networking → Collaborating on some row, written by the state director.
        var others = 0;
        foreach (var teamId in TeamIds().Where(t => t != CafeTeamId))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (others == 3)
            {
                break;
            }

            if (await RowThatMoved(grains, teamId, (DepthLevel.Networking, DepthLevel.Collaborating)) is not { } row)
            {
                continue;
            }

            others++;
            created += await PublishOnce(grains, $"{teamId}-story", Other(teamId, row), publisher, publisher);
        }

        return created;
    }

    private static async Task<int> PublishOnce(IGrainFactory grains, string storyId, StoryDraft draft, StoryViewer author, StoryViewer publisher)
    {
        var story = grains.GetGrain<IStoryGrain>(GrainKeys.Of(TenantId, storyId));
        if (await story.TryGet(publisher) is not null)
        {
            return 0;
        }

        await story.Create(ParentMentorsId, draft with { Id = storyId }, author);
        var submitted = await story.Transition(new StoryTransition { Action = StoryAction.Submit }, author);
        if (submitted.Status != StoryStatus.Published)
        {
            await story.Transition(new StoryTransition { Action = StoryAction.Publish }, publisher);
        }

        return 1;
    }

    /// <summary>A row whose change the team's consensus ratings show (between the levels given, if any), or null.</summary>
    private static async Task<string?> RowThatMoved(IGrainFactory grains, string teamId, (DepthLevel From, DepthLevel To)? levels)
    {
        var ratings = await grains.GetGrain<ITeamGrain>(GrainKeys.Of(TenantId, teamId)).ListRatings(RatingKind.Consensus);
        foreach (var rowId in DefaultRubric.Rows.Select(r => r.Id).OrderBy(id => id != "consensus-decisions"))
        {
            try
            {
                StoryRules.ReadDepthChanges([new DepthChangeDraft { RowId = rowId, From = levels?.From, To = levels?.To }], ratings, 7);
                return rowId;
            }
            catch (DomainValidationException)
            {
                // This row shows no such change; try the next.
            }
        }

        return null;
    }

    private static StoryDraft Cafe(string row) => new()
    {
        Title = "CAFÉ: from a defensive position to an offensive one",
        Summary = "Manchester, GA: in its 4th year the regular-ed graduation rate went from 60 % to 94.7 % and the special-ed rate from 28 % to 63 %; in its 5th, the state's award.",
        Body = """
            **Circles of Adults Focusing on Education (CAFÉ)**, funded by Georgia's SPDG GraduateFIRST, began with hard
            facts: declining scores, absenteeism, low parent involvement, a low graduation rate and high turnover.

            Families, teachers, the high school, the faith community and students used the *Dialogue Guide* and met as a
            community of practice. Together they built:

            - academic support and mentorship,
            - homeroom monitors,
            - **FBI — Fathers Being Involved**.

            In the 4th year the graduation rate of regular-education students rose from 60 % to 94.7 %, and of
            special-education students from 28 % to 63 %. In the 5th year the school won the state's award for the highest
            percentage of students meeting or exceeding standards.
            """,
        Visibility = StoryVisibility.State,
        TeamId = CafeTeamId,
        Challenge = new StoryChallenge { Kind = ChallengeKind.Adaptive, Text = "Declining scores, absenteeism, low parent involvement, a low graduation rate and high turnover." },
        Habits = [Habit.CoalescingAroundIssues, Habit.EnsuringRelevantParticipation],
        RowIds = [row],
        Tools = [StoryTool.DialogueGuide, StoryTool.Other],
        OtherTool = "Communities of practice",
        Outcomes =
        [
            new StoryOutcome { Measure = "Graduation rate, regular education", Baseline = 60m, Result = 94.7m, Unit = "%", Period = "4th year", Population = "Regular-education students", Source = "Georgia DOE graduation rate report", VerifiedBy = "GraduateFIRST evaluation" },
            new StoryOutcome { Measure = "Graduation rate, special education", Baseline = 28m, Result = 63m, Unit = "%", Period = "4th year", Population = "Students with disabilities", Source = "Georgia DOE graduation rate report", VerifiedBy = "GraduateFIRST evaluation" },
            new StoryOutcome { Measure = "State award for the highest percentage meeting or exceeding standards", Baseline = 0m, Result = 1m, Unit = "award", Period = "5th year", Population = "All students", Source = "Georgia DOE", VerifiedBy = "Georgia DOE" },
        ],
        DepthChanges = [new DepthChangeDraft { RowId = row }],
        Quotes = [new StoryQuote { Text = "Together, we switched from a defensive position to an offensive one.", Who = "A CAFÉ member", Role = "Parent mentor" }],
        Tags = ["graduation", "family-engagement", "fathers"],
    };

    private static StoryDraft Other(string teamId, string row) => new()
    {
        Title = $"{teamId.Replace("-team", string.Empty, StringComparison.Ordinal).Replace('-', ' ')}: deciding together",
        Summary = "The team moved from exchanging views to engaging across roles, and families helped set the priorities.",
        Body = "After two **World Café** rounds with families and teachers, the team used *consensus building* to choose one priority for the year: attendance in 9th grade.",
        Visibility = StoryVisibility.State,
        TeamId = teamId,
        Challenge = new StoryChallenge { Kind = ChallengeKind.Adaptive, Text = "Meetings where staff talked and families listened." },
        Habits = [Habit.CoalescingAroundIssues],
        RowIds = [row],
        Tools = [StoryTool.WorldCafe, StoryTool.ConsensusBuilding],
        Outcomes = [new StoryOutcome { Measure = "9th-grade average daily attendance", Baseline = 88m, Result = 92m, Unit = "%", Period = "FY2026", Population = "9th grade", Source = "District attendance report" }],
        DepthChanges = [new DepthChangeDraft { RowId = row, From = DepthLevel.Networking, To = DepthLevel.Collaborating }],
        Tags = ["attendance"],
    };
}
