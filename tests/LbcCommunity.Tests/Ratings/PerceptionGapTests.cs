using LbcCommunity.Organization;
using LbcCommunity.Ratings;
using LbcCommunity.Rubrics;

namespace LbcCommunity.Tests.Ratings;

public sealed class PerceptionGapTests
{
    private static readonly DateTimeOffset Start = new(2026, 10, 5, 12, 0, 0, TimeSpan.Zero);

    private static readonly Member[] Roster =
    [
        Member("m-parent", StakeholderRole.FamilyMember),
        Member("m-mentor", StakeholderRole.ParentMentor),
        Member("m-teacher", StakeholderRole.Teacher),
        Member("m-principal", StakeholderRole.Principal),
        Member("m-student", StakeholderRole.Student),
    ];

    [Fact]
    public void Families_and_staff_are_held_against_the_latest_consensus_with_exact_sums_beside_rounded_means()
    {
        var perception = PerceptionGap.Of("cafe",
        [
            Rated(RatingKind.Consensus, 1, null, 0, ("diversity", 1.0m)),
            Rated(RatingKind.Member, 0, "m-parent", 1, ("diversity", 1.0m)),
            Rated(RatingKind.Member, 0, "m-mentor", 2, ("diversity", 1.5m)),
            Rated(RatingKind.Member, 0, "m-teacher", 3, ("diversity", 3.0m)),
            Rated(RatingKind.Member, 0, "m-principal", 4, ("diversity", 2.5m)),
            Rated(RatingKind.Member, 0, "m-student", 5, ("diversity", 2.0m)),
            Rated(RatingKind.Consensus, 2, null, 6, ("diversity", 2.2m)),
        ], Roster);

        var row = Assert.Single(perception.Rows);
        Assert.Equal((5, 2.2m), (perception.MembersRated, row.ConsensusDepthScore));
        Assert.Equal((5, 10.0m, 2.0m, -0.2m), (row.Members.Count, row.Members.ScoreSum, row.Members.MeanDepthScore, row.Members.GapToConsensus));
        Assert.Equal((2, 2.5m, 1.25m, -0.95m), (row.Families.Count, row.Families.ScoreSum, row.Families.MeanDepthScore, row.Families.GapToConsensus));
        Assert.Equal((2, 5.5m, 2.75m, 0.55m), (row.Staff.Count, row.Staff.ScoreSum, row.Staff.MeanDepthScore, row.Staff.GapToConsensus));
        Assert.Equal(-1.5m, row.FamiliesMinusStaff);
        // A student is neither side of the families–staff question, but is one of the members and has a line of their own.
        Assert.Equal(
            [StakeholderRole.FamilyMember, StakeholderRole.ParentMentor, StakeholderRole.Student, StakeholderRole.Teacher, StakeholderRole.Principal],
            row.ByRole.Select(r => r.StakeholderRole));
    }

    [Fact]
    public void A_members_later_rating_of_a_row_replaces_their_earlier_one_and_rows_it_left_out_stand()
    {
        var perception = PerceptionGap.Of("cafe",
        [
            Rated(RatingKind.Member, 0, "m-parent", 1, ("diversity", 1.0m), ("data", 0.5m)),
            Rated(RatingKind.Member, 0, "m-parent", 2, ("diversity", 3.0m)),
        ], Roster);

        Assert.Null(perception.ConsensusRatingId);
        Assert.Equal(["diversity", "data"], perception.Rows.Select(r => r.RowId));
        Assert.Equal((1, 3.0m, null), (perception.Rows[0].Members.Count, perception.Rows[0].Members.ScoreSum, perception.Rows[0].Members.GapToConsensus));
        Assert.Equal(0.5m, perception.Rows[1].Families.ScoreSum);
        Assert.Null(perception.Rows[0].FamiliesMinusStaff);
        Assert.Equal((0, null), (perception.Rows[0].Staff.Count, perception.Rows[0].Staff.MeanDepthScore));
    }

    [Fact]
    public void Ratings_of_people_no_longer_on_the_roster_and_of_another_rubric_version_are_left_out()
    {
        var perception = PerceptionGap.Of("cafe",
        [
            Rated(RatingKind.Member, 0, "m-gone", 1, ("diversity", 4.0m)),
            Rated(RatingKind.Member, 0, "m-teacher", 2, ("diversity", 4.0m)) with { RubricVersion = 1 },
            Rated(RatingKind.Member, 0, "m-parent", 3, ("diversity", 1.0m)),
            Rated(RatingKind.Consensus, 1, null, 4, ("diversity", 2.0m)),
        ], Roster);

        var row = Assert.Single(perception.Rows);
        Assert.Equal((1, 2), (perception.MembersRated, perception.RubricVersion));
        Assert.Equal((1, 1.0m, -1.0m), (row.Members.Count, row.Members.ScoreSum, row.Members.GapToConsensus));
    }

    [Fact]
    public void A_team_with_no_rating_has_no_rows_and_no_version()
    {
        var perception = PerceptionGap.Of("cafe", [], Roster);

        Assert.Equal((0, null, 0), (perception.MembersRated, perception.RubricVersion, perception.Rows.Count));
    }

    private static Member Member(string id, StakeholderRole role) => new()
    {
        Id = id, DisplayName = id, StakeholderRole = role, IsFacilitator = false, JoinedAt = Start, UpdatedAt = Start,
    };

    private static Rating Rated(RatingKind kind, long sequence, string? memberId, int minutes, params (string RowId, decimal Score)[] rows) => new()
    {
        Id = $"r-{minutes}",
        Kind = kind,
        TeamId = "cafe",
        MemberId = memberId,
        RubricVersion = 2,
        LevelThresholdPercent = 50,
        Sequence = sequence,
        RecordedAt = Start.AddMinutes(minutes),
        Rows = [.. rows.Select(r => new RowRating { RowId = r.RowId, Habit = Habit.CoalescingAroundIssues, Cells = [], DepthScore = r.Score, LevelReached = 0 })],
    };
}
