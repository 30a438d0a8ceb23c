using LbcCommunity.Convenings;
using LbcCommunity.Ratings;

namespace LbcCommunity.Grains.Convenings;

/// <summary>
/// The live depth poll of a team's convening: <see cref="DepthPoll"/> says what may happen; the team scores the ratings
/// and keeps members' own and the consensus on its record.
/// </summary>
internal sealed partial class ConveningGrain
{
    public Task<ActionAck> OpenDepthPoll(ConveningAction action, IReadOnlyList<string> rowIds) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.DepthPoll);
        State.PollRowIds = [.. DepthPoll.Open(rowIds)];
        State.PollRatings.Clear();
        State.PollConsensusRatingId = null;
        return await CommitPoll(action, ConveningEventTypes.PollOpened);
    });

    public Task<ActionAck> SubmitPollRating(ConveningAction action, PollRating rating) => Act(action, facilitatorOnly: false, async () =>
    {
        RequireActive(ActivityKind.DepthPoll);
        DepthPoll.CheckRating(State.PollRowIds, State.PollConsensusRatingId, rating);
        var team = Team(Current.OwnerId);
        var scored = await team.ScoreRows(new RatingDraft { RubricVersion = 0, Rows = rating.Rows });
        var participant = Participant(action.ParticipantId);
        if (!participant.IsGuest)
        {
            // Members' own ratings are kept on the team's record too; guests' count in the live spread only.
            await team.RecordMemberRating(new RatingDraft
            {
                RubricVersion = scored.RubricVersion,
                MemberId = participant.Id,
                ConveningId = ConveningId,
                IdempotencyKey = $"{Key}/{action.ActionId}",
                Rows = rating.Rows,
            });
        }

        State.PollRatings[participant.Id] = [.. scored.Rows];
        return await CommitPoll(action, ConveningEventTypes.PollRatingSubmitted);
    });

    public Task<ActionAck> RecordPollConsensus(ConveningAction action, RatingDraft consensus) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.DepthPoll);
        _ = DepthPoll.RequireOpened(State.PollRowIds);
        var facilitator = Participant(action.ParticipantId);
        var rating = await Team(Current.OwnerId).RecordConsensusRating(consensus with
        {
            MemberId = facilitator.IsGuest ? null : facilitator.Id,
            ConveningId = ConveningId,
            IdempotencyKey = $"{Key}/{action.ActionId}",
            // Agreed in the room, now: a date belongs to a rating entered from paper.
            RatedAt = null,
        });
        State.PollConsensusRatingId = rating.Id;
        return await CommitPoll(action, ConveningEventTypes.PollConsensusRecorded);
    });

    private Task<ActionAck> CommitPoll(ConveningAction action, string type) =>
        Commit(action, action.ParticipantId, type, e => e with { DepthPoll = Poll() });

    private DepthPollActivity Poll() => DepthPoll.View(State.PollRowIds ?? [], State.PollRatings.Values, State.PollConsensusRatingId);
}
