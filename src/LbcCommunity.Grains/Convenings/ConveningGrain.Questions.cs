using LbcCommunity.Convenings;
using LbcCommunity.Organization;

namespace LbcCommunity.Grains.Convenings;

/// <summary>
/// The Four Simple Questions: <see cref="FourQuestions"/> decides each step. Answers and upvotes interleave with other
/// actions, so each is checked and applied in one step, and only the answer it changed is sent.
/// </summary>
internal sealed partial class ConveningGrain
{
    public Task<ActionAck> AnswerQuestion(ConveningAction action, int question, string text) => Act(action, facilitatorOnly: false, async () =>
    {
        RequireActive(ActivityKind.FourSimpleQuestions);
        var answer = FourQuestions.Answer(QuestionsInPlace(), OrganizationRules.NewId(), action.ParticipantId, question, text);
        (State.Answers ??= []).Add(answer);
        return await Commit(action, action.ParticipantId, ConveningEventTypes.QuestionAnswered, e => e with { Answer = answer });
    });

    public Task<ActionAck> Upvote(ConveningAction action, string answerId) => Act(action, facilitatorOnly: false, async () =>
    {
        RequireActive(ActivityKind.FourSimpleQuestions);
        var upvoted = FourQuestions.Upvote(QuestionsInPlace(), answerId, action.ParticipantId);
        State.Answers![State.Answers.FindIndex(a => a.Id == answerId)] = upvoted;
        return await Commit(action, action.ParticipantId, ConveningEventTypes.AnswerUpvoted, e => e with { Answer = upvoted });
    });

    public Task<ActionAck> SaveAnswers(ConveningAction action) => Act(action, facilitatorOnly: true, async () =>
    {
        RequireActive(ActivityKind.FourSimpleQuestions);
        // Only the flag: saving before any answer leaves the questions without answers, as they were.
        State.AnswersSaved = FourQuestions.Save(QuestionsInPlace()).Saved;
        return await Commit(action, action.ParticipantId, ConveningEventTypes.AnswersSaved, e => e with { FourQuestions = Questions() });
    });

    private FourQuestionsActivity Questions() => new() { Answers = [.. State.Answers ?? []], Saved = State.AnswersSaved };

    /// <summary>The questions read where they are stored, not copied: for a step to check against, never to send.</summary>
    private FourQuestionsActivity QuestionsInPlace() => new() { Answers = State.Answers ?? [], Saved = State.AnswersSaved };
}
