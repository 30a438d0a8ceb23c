using LbcCommunity.Errors;
using LbcCommunity.Ratings;
using LbcCommunity.Validation;

namespace LbcCommunity.Convenings;

/// <summary>
/// The live depth poll as a state machine: not opened (no rows), open on some rubric rows (each participant's latest
/// rating counts), closed once the team's consensus rating is recorded. Opening again starts over. Scoring a rating and
/// keeping it on the team's record are the team's (the grain asks it); these steps say what may happen and what the
/// room sees.
/// </summary>
public static class DepthPoll
{
    /// <summary>The rows a poll opens on, each once.</summary>
    public static IReadOnlyList<string> Open(IReadOnlyList<string> rowIds) =>
        rowIds is not { Count: > 0 } || rowIds.Any(id => !Validator.IsSlug(id))
            ? throw DomainValidationException.For("rowIds", "Name one or more rubric rows by id.")
            : [.. rowIds.Distinct(StringComparer.Ordinal)];

    /// <summary>Refuses a rating the poll cannot take: none is open, its consensus is recorded, or it rates a row not polled.</summary>
    public static void CheckRating(IReadOnlyList<string>? rowIds, string? consensusRatingId, PollRating rating)
    {
        var polled = RequireOpened(rowIds);
        if (consensusRatingId is not null)
        {
            throw ConveningRules.Refused("poll", "The team's consensus is recorded; the poll is closed.", ErrorCodes.PollClosed);
        }

        if (rating.Rows?.FirstOrDefault(r => r?.RowId is not null && !polled.Contains(r.RowId)) is { } stray)
        {
            throw DomainValidationException.For("rows", $"Row '{stray.RowId}' is not in this poll.");
        }
    }

    /// <summary>The polled rows, once the facilitator has opened the poll.</summary>
    public static IReadOnlyList<string> RequireOpened(IReadOnlyList<string>? rowIds) =>
        rowIds ?? throw ConveningRules.Refused("poll", "The facilitator has not opened the poll.", ErrorCodes.PollClosed);

    /// <summary>The poll as the room sees it: per row, how many rated it and the lowest, highest and mean depth score.</summary>
    public static DepthPollActivity View(IReadOnlyList<string> rowIds, IEnumerable<IEnumerable<RowRating>> ratings, string? consensusRatingId)
    {
        var byRow = ratings.SelectMany(rows => rows).ToLookup(r => r.RowId, r => r.DepthScore, StringComparer.Ordinal);
        return new DepthPollActivity
        {
            RowIds = [.. rowIds],
            Spread = [.. rowIds.Select(rowId =>
            {
                var scores = byRow[rowId].ToList();
                return new RowSpread
                {
                    RowId = rowId,
                    Ratings = scores.Count,
                    MinDepthScore = scores.Count == 0 ? 0 : scores.Min(),
                    MaxDepthScore = scores.Count == 0 ? 0 : scores.Max(),
                    MeanDepthScore = scores.Count == 0 ? 0 : Math.Round(scores.Average(), 2, MidpointRounding.AwayFromZero),
                };
            })],
            ConsensusRatingId = consensusRatingId,
        };
    }
}
