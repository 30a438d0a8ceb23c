using LbcCommunity.Convenings;
using LbcCommunity.Errors;
using LbcCommunity.Ratings;
using LbcCommunity.Rubrics;
using LbcCommunity.Tests.Ratings;

namespace LbcCommunity.Tests.Convenings;

public sealed class DepthPollTests
{
    private static readonly IReadOnlyList<string> Rows = ["acknowledging-diversity", "shared-vision"];

    [Fact]
    public void A_poll_opens_on_rubric_rows_by_id_each_once()
    {
        Assert.Equal(Rows, DepthPoll.Open(["acknowledging-diversity", "shared-vision", "acknowledging-diversity"]));
        Assert.Contains("rowIds", Refused(() => DepthPoll.Open([])).Errors.Keys);
        Assert.Contains("rowIds", Refused(() => DepthPoll.Open(["Not a slug"])).Errors.Keys);
    }

    [Fact]
    public void A_rating_is_taken_only_while_the_poll_is_open_and_only_for_its_rows()
    {
        DepthPoll.CheckRating(Rows, consensusRatingId: null, Rating("shared-vision"));

        Assert.Equal(ErrorCodes.PollClosed, Refused(() => DepthPoll.CheckRating(null, null, Rating("shared-vision"))).Code);
        Assert.Equal(ErrorCodes.PollClosed, Refused(() => DepthPoll.CheckRating(Rows, "rating-1", Rating("shared-vision"))).Code);
        var stray = Refused(() => DepthPoll.CheckRating(Rows, null, Rating("shared-vision", "not-polled")));
        Assert.Equal(("rows", ErrorCodes.Invalid), (Assert.Single(stray.Errors.Keys), stray.Code));
        Assert.Contains("not-polled", stray.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_consensus_is_recorded_only_on_an_opened_poll()
    {
        Assert.Equal(Rows, DepthPoll.RequireOpened(Rows));
        Assert.Equal(ErrorCodes.PollClosed, Refused(() => DepthPoll.RequireOpened(null)).Code);
    }

    [Fact]
    public void The_room_sees_per_row_how_many_rated_it_and_the_lowest_highest_and_mean_depth_score()
    {
        IReadOnlyList<RowRating>[] ratings =
        [
            [Scored("acknowledging-diversity", 2.2m)],
            [Scored("acknowledging-diversity", 3.2m), Scored("unpolled", 4m)],
            [Scored("acknowledging-diversity", 1.1m)],
        ];

        var poll = DepthPoll.View(Rows, ratings, "rating-1");

        Assert.Equal(Rows, poll.RowIds);
        Assert.Equal("rating-1", poll.ConsensusRatingId);
        Assert.Equal(
            [
                new RowSpread { RowId = "acknowledging-diversity", Ratings = 3, MinDepthScore = 1.1m, MaxDepthScore = 3.2m, MeanDepthScore = 2.17m },
                new RowSpread { RowId = "shared-vision", Ratings = 0, MinDepthScore = 0, MaxDepthScore = 0, MeanDepthScore = 0 },
            ],
            poll.Spread);
    }

    private static PollRating Rating(params string[] rowIds) =>
        new() { Rows = [.. rowIds.SelectMany(id => RatingRulesTests.Draft((id, [100, 0, 0, 0])).Rows!)] };

    private static RowRating Scored(string rowId, decimal depthScore) =>
        new() { RowId = rowId, Habit = Habit.CoalescingAroundIssues, Cells = [], DepthScore = depthScore, LevelReached = 0 };

    private static DomainValidationException Refused(Action step) => Assert.Throws<DomainValidationException>(step);
}
