using LbcCommunity.Errors;
using LbcCommunity.Rubrics;
using LbcCommunity.Stories;
using LbcCommunity.Tests.Ratings;

namespace LbcCommunity.Tests.Stories;

public sealed class StoryRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 15, 0, 0, TimeSpan.Zero);

    internal static readonly StoryViewer Author = new() { PersonId = "p-author", DisplayName = "Parent mentor", IsTenantPerson = true, CommunityIds = ["parent-mentors"], TeamIds = ["cafe"] };

    internal static readonly StoryViewer Facilitator = new() { PersonId = "p-lead", DisplayName = "CoP lead", IsTenantPerson = true, CommunityIds = ["parent-mentors"], FacilitatedCommunityIds = ["parent-mentors"] };

    internal static readonly StoryViewer Member = new() { PersonId = "p-member", DisplayName = "Teacher", IsTenantPerson = true, CommunityIds = ["parent-mentors"] };

    internal static readonly StoryViewer Outsider = new() { PersonId = "p-outsider", DisplayName = "Transition teacher", IsTenantPerson = true, CommunityIds = ["transition"] };

    internal static StoryOutcome Graduation => new()
    {
        Measure = "Graduation rate, regular education",
        Baseline = 60m,
        Result = 94.7m,
        Unit = "%",
        Period = "4th year",
        Population = "Regular-education students",
        Source = "Georgia DOE graduation report",
        VerifiedBy = "GraduateFIRST evaluator",
    };

    private static Story Draft(StoryVisibility visibility = StoryVisibility.Community) => new()
    {
        Id = "cafe-story",
        CommunityId = "parent-mentors",
        AuthorPersonId = Author.PersonId,
        AuthorName = Author.DisplayName,
        Title = "From defense to offense",
        Status = StoryStatus.Draft,
        Visibility = visibility,
        ShareToken = visibility == StoryVisibility.Link ? "secret-token" : null,
        Version = 1,
        CreatedAt = Now,
        UpdatedAt = Now,
    };

    [Fact]
    public void A_draft_with_several_problems_names_every_field_at_once()
    {
        var draft = new StoryDraft
        {
            Title = " ",
            Challenge = new StoryChallenge { Text = "Low graduation" },
            Outcomes = [Graduation, Graduation with { Baseline = null, Source = null }],
            Tags = ["Graduation Rate"],
            Tools = [StoryTool.WorldCafe],
            OtherTool = "Fishbowl",
            DepthChanges = [new DepthChangeDraft { RowId = "consensus-decisions", From = DepthLevel.Collaborating, To = DepthLevel.Networking }],
        };

        var refused = Assert.Throws<DomainValidationException>(() => StoryRules.Validate(draft));

        Assert.Equal(
            ["challenge.kind", "depthChanges", "depthChanges[0].to", "otherTool", "outcomes[1].baseline", "outcomes[1].source", "tags[0]", "title"],
            refused.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_complete_cafe_draft_is_valid()
    {
        StoryRules.Validate(new StoryDraft
        {
            Title = "CAFÉ: from a defensive position to an offensive one",
            TeamId = "cafe",
            Challenge = new StoryChallenge { Kind = ChallengeKind.Adaptive, Text = "Declining scores, absenteeism, low parent involvement." },
            Habits = [Habit.CoalescingAroundIssues],
            RowIds = ["consensus-decisions"],
            Tools = [StoryTool.DialogueGuide, StoryTool.Other],
            OtherTool = "Homeroom monitors",
            Outcomes = [Graduation],
            DepthChanges = [new DepthChangeDraft { RowId = "consensus-decisions" }],
            Quotes = [new StoryQuote { Text = "Together, we switched from a defensive position to an offensive one.", Who = "CAFÉ member" }],
            Tags = ["graduation", "family-engagement"],
        });
    }

    [Fact]
    public void A_first_story_is_reviewed_and_a_trusted_authors_publishes_directly()
    {
        var submitted = StoryRules.Transition(Draft(), new StoryTransition { Action = StoryAction.Submit }, Author, authorTrusted: false, Now);
        var direct = StoryRules.Transition(Draft(), new StoryTransition { Action = StoryAction.Submit }, Author, authorTrusted: true, Now);
        var published = StoryRules.Transition(submitted, new StoryTransition { Action = StoryAction.Publish }, Facilitator, false, Now);

        Assert.Equal((StoryStatus.Submitted, 2L), (submitted.Status, submitted.Version));
        Assert.Equal((StoryStatus.Published, 1), (direct.Status, direct.PublishCount));
        Assert.Equal((StoryStatus.Published, Now, 1), (published.Status, published.PublishedAt, published.PublishCount));
    }

    [Fact]
    public void Only_the_right_person_acts_and_only_where_the_status_allows()
    {
        var submitted = StoryRules.Transition(Draft(), new StoryTransition { Action = StoryAction.Submit }, Author, false, Now);

        Assert.Throws<AccessDeniedException>(() => StoryRules.Transition(submitted, new StoryTransition { Action = StoryAction.Publish }, Author, false, Now));
        Assert.Throws<AccessDeniedException>(() => StoryRules.Transition(Draft(), new StoryTransition { Action = StoryAction.Submit }, Member, false, Now));
        var status = Assert.Throws<EntityConflictException>(() => StoryRules.Transition(Draft(), new StoryTransition { Action = StoryAction.Publish }, Facilitator, false, Now));
        Assert.Equal(ErrorCodes.StoryStatus, status.Code);
        var noComment = Assert.Throws<DomainValidationException>(() => StoryRules.Transition(submitted, new StoryTransition { Action = StoryAction.Return }, Facilitator, false, Now));
        Assert.Equal(["comment"], noComment.Errors.Keys);
    }

    [Fact]
    public void A_returned_story_is_a_draft_with_the_comment_and_a_withdrawn_one_reopens()
    {
        var submitted = StoryRules.Transition(Draft(), new StoryTransition { Action = StoryAction.Submit }, Author, false, Now);
        var returned = StoryRules.Transition(submitted, new StoryTransition { Action = StoryAction.Return, Comment = " Add the source. " }, Facilitator, false, Now);
        var published = StoryRules.Transition(returned, new StoryTransition { Action = StoryAction.Submit }, Author, true, Now);
        var withdrawn = StoryRules.Transition(published, new StoryTransition { Action = StoryAction.Withdraw }, Facilitator, false, Now);
        var reopened = StoryRules.Transition(withdrawn, new StoryTransition { Action = StoryAction.Reopen }, Author, false, Now);

        Assert.Equal((StoryStatus.Draft, "Add the source."), (returned.Status, returned.ReviewComment));
        Assert.Null(published.ReviewComment);
        Assert.Equal([StoryStatus.Withdrawn, StoryStatus.Draft], [withdrawn.Status, reopened.Status]);
    }

    [Fact]
    public void Who_reads_a_story_follows_its_status_and_visibility()
    {
        var published = Draft() with { Status = StoryStatus.Published };
        var state = published with { Visibility = StoryVisibility.State };
        var link = Draft(StoryVisibility.Link) with { Status = StoryStatus.Published };

        Assert.True(StoryRules.CanRead(Draft(), Author));
        Assert.True(StoryRules.CanRead(Draft(), Facilitator));
        Assert.False(StoryRules.CanRead(Draft(), Member));
        Assert.True(StoryRules.CanRead(published, Member));
        Assert.False(StoryRules.CanRead(published, Outsider));
        Assert.True(StoryRules.CanRead(state, Outsider));
        Assert.False(StoryRules.CanRead(state, StoryViewer.Anonymous));
        Assert.True(StoryRules.CanRead(link, StoryViewer.Anonymous, "secret-token"));
        Assert.False(StoryRules.CanRead(link, StoryViewer.Anonymous, "secret-tokem"));
        Assert.False(StoryRules.CanRead(Draft(StoryVisibility.Link), StoryViewer.Anonymous, "secret-token"));
        Assert.Null(StoryRules.ForViewer(link, Outsider).ShareToken);
        Assert.Equal("secret-token", StoryRules.ForViewer(link, Author).ShareToken);
    }

    [Fact]
    public void A_depth_change_is_read_from_the_teams_consensus_ratings()
    {
        var ratings = new[]
        {
            TestRatings.Consensus(1, new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.Zero), ("consensus-decisions", 1.6m, 2), ("relevant-data", 1.2m, 1)),
            TestRatings.Consensus(2, new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), ("consensus-decisions", 2.7m, 3), ("relevant-data", 1.2m, 1)),
        };

        var change = Assert.Single(StoryRules.ReadDepthChanges([new DepthChangeDraft { RowId = "consensus-decisions" }], ratings, 7));
        var typed = Assert.Throws<DomainValidationException>(() => StoryRules.ReadDepthChanges(
            [new DepthChangeDraft { RowId = "consensus-decisions", From = DepthLevel.Networking, To = DepthLevel.Transforming }, new DepthChangeDraft { RowId = "relevant-data" }], ratings, 7));

        Assert.Equal(("consensus-decisions", Habit.CoalescingAroundIssues, DepthLevel.Networking, DepthLevel.Collaborating, "FY2026", "r1", "r2"),
            (change.RowId, change.Habit, change.From, change.To, change.Period, change.FromRatingId, change.ToRatingId));
        Assert.Equal(["depthChanges[0]", "depthChanges[1]"], typed.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(DepthLevel.Collaborating, StoryRules.CurrentLevels(ratings)["consensus-decisions"]);
        Assert.Equal("FY2025–FY2026", StoryRules.PeriodOf(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 8, 1, 0, 0, 0, TimeSpan.Zero), 7));
    }

    [Fact]
    public void Publishing_and_commenting_make_the_activity_records_the_notifications_need()
    {
        var story = Draft() with { Status = StoryStatus.Published, PublishCount = 2, Tags = ["graduation"], Summary = "**Regular-ed** graduation went from 60 % to 94.7 %." };
        var first = new StoryComment { Id = "c1", AuthorPersonId = "p-member", AuthorName = "Teacher", Text = "Thank you", At = Now };
        var second = new StoryComment { Id = "c2", AuthorPersonId = "p-outsider", AuthorName = "Other", Text = new string('x', 400), At = Now };

        var published = StoryRules.Published(story, Facilitator, Now);
        var commented = StoryRules.Commented(story, second, [first]);

        Assert.Equal(("cafe-story/published/2", StoryActivityKind.Published, "p-lead", "Regular-ed graduation went from 60 % to 94.7 %."), (published.ActivityId, published.Kind, published.ActorPersonId, published.Excerpt));
        Assert.Equal(["graduation"], published.Tags);
        Assert.Equal(("cafe-story/comment/c2", StoryActivityKind.Commented), (commented.ActivityId, commented.Kind));
        Assert.Equal(["p-author", "p-member"], commented.ParticipantPersonIds);
        Assert.True(commented.Excerpt!.Length <= 300);
    }

    [Fact]
    public void Attachments_are_recognised_by_their_content_and_svg_or_html_is_refused()
    {
        Assert.Equal("image/png", AttachmentRules.Sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]));
        Assert.Equal("image/jpeg", AttachmentRules.Sniff([0xFF, 0xD8, 0xFF, 0xE0]));
        Assert.Equal("image/gif", AttachmentRules.Sniff("GIF89a..."u8));
        Assert.Equal("image/webp", AttachmentRules.Sniff("RIFF\0\0\0\0WEBPVP8 "u8));
        Assert.Equal("application/pdf", AttachmentRules.Sniff("%PDF-1.7\n"u8));
        foreach (var hostile in new[] { "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "<!DOCTYPE html><script>alert(1)</script>", "" })
        {
            var refused = Assert.Throws<DomainValidationException>(() => AttachmentRules.Sniff(System.Text.Encoding.UTF8.GetBytes(hostile)));
            Assert.Equal((ErrorCodes.AttachmentRefused, "file"), (refused.Code, Assert.Single(refused.Errors.Keys)));
        }

        Assert.Throws<DomainValidationException>(() => AttachmentRules.Sniff(new byte[AttachmentRules.MaxBytes + 1]));
        Assert.Throws<DomainValidationException>(() => AttachmentRules.FileName("../etc/passwd"));
    }

    [Fact]
    public void An_image_needs_its_alt_text_and_a_pdf_may_go_without()
    {
        Assert.Equal("The CAFÉ team", AttachmentRules.AltText("  The CAFÉ team ", "image/png"));
        Assert.Null(AttachmentRules.AltText(null, AttachmentRules.Pdf));
        Assert.Equal("Year 4 report", AttachmentRules.AltText("Year 4 report", AttachmentRules.Pdf));
        foreach (var (alt, type) in new[] { ((string?)null, "image/jpeg"), ("  ", "image/png"), (new string('x', AttachmentRules.AltTextMaxLength + 1), AttachmentRules.Pdf) })
        {
            var refused = Assert.Throws<DomainValidationException>(() => AttachmentRules.AltText(alt, type));
            Assert.Equal("altText", Assert.Single(refused.Errors.Keys));
        }
    }
}
