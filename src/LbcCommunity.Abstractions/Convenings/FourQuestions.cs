using LbcCommunity.Errors;
using LbcCommunity.Validation;

namespace LbcCommunity.Convenings;

/// <summary>
/// The Four Simple Questions as a state machine: answers and upvotes come in until the facilitator saves them, which
/// closes the questions. A step gives the answer as it now stands (what its event carries) or refuses; the caller adds
/// or replaces it, so a thousand answers are not copied with each one.
/// </summary>
public static class FourQuestions
{
    /// <summary>A new answer to question 1–4, under an id the caller chose.</summary>
    public static QuestionAnswer Answer(FourQuestionsActivity questions, string answerId, string participantId, int question, string text)
    {
        RefuseWhenSaved(questions);
        var v = new Validator().RequiredText("text", text, ConveningRules.TextMaxLength);
        if (question is < 1 or > 4)
        {
            v.Add("question", "'question' is 1–4: shared concerns; who should be at the table; what to do together; who can convene.");
        }

        v.ThrowIfInvalid();
        return new QuestionAnswer { Id = answerId, Question = question, Text = text.Trim(), ParticipantId = participantId, UpvotedBy = [] };
    }

    /// <summary>The answer with one more upvote: each participant upvotes an answer once.</summary>
    public static QuestionAnswer Upvote(FourQuestionsActivity questions, string answerId, string participantId)
    {
        RefuseWhenSaved(questions);
        var answer = questions.Answers.FirstOrDefault(a => a.Id == answerId) ?? throw DomainValidationException.For("answerId", $"No answer '{answerId}'.");
        if (answer.UpvotedBy.Contains(participantId))
        {
            throw ConveningRules.Refused("answerId", "You have upvoted this answer already.", ErrorCodes.Conflict);
        }

        return answer with { UpvotedBy = [.. answer.UpvotedBy, participantId] };
    }

    /// <summary>Saves the answers: the questions take no more.</summary>
    public static FourQuestionsActivity Save(FourQuestionsActivity questions)
    {
        RefuseWhenSaved(questions);
        return questions with { Saved = true };
    }

    private static void RefuseWhenSaved(FourQuestionsActivity questions)
    {
        if (questions.Saved)
        {
            throw ConveningRules.Refused("answers", "The answers are saved; the questions are closed.", ErrorCodes.AnswersSaved);
        }
    }
}
