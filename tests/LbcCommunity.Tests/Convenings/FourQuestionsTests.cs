using LbcCommunity.Convenings;
using LbcCommunity.Errors;

namespace LbcCommunity.Tests.Convenings;

public sealed class FourQuestionsTests
{
    private static readonly FourQuestionsActivity Open = new() { Answers = [], Saved = false };

    [Fact]
    public void An_answer_to_one_of_the_four_questions_is_trimmed_and_starts_with_no_upvotes()
    {
        var answer = FourQuestions.Answer(Open, "answer-1", "parent", 4, " The parent mentors ");

        Assert.Equal(("answer-1", 4, "The parent mentors", "parent"), (answer.Id, answer.Question, answer.Text, answer.ParticipantId));
        Assert.Empty(answer.UpvotedBy);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void There_are_four_questions(int question)
    {
        var refused = Refused(() => FourQuestions.Answer(Open, "answer-1", "parent", question, "Fifth"));

        Assert.Equal(("question", ErrorCodes.Invalid), (Assert.Single(refused.Errors.Keys), refused.Code));
    }

    [Fact]
    public void An_answer_needs_text()
    {
        Assert.Contains("text", Refused(() => FourQuestions.Answer(Open, "answer-1", "parent", 1, " ")).Errors.Keys);
    }

    [Fact]
    public void Each_participant_upvotes_an_answer_once()
    {
        var answer = FourQuestions.Answer(Open, "answer-1", "guest", 2, "Grandparents");
        var questions = Open with { Answers = [answer] };

        var upvoted = FourQuestions.Upvote(questions, "answer-1", "parent");
        var again = Refused(() => FourQuestions.Upvote(questions with { Answers = [upvoted] }, "answer-1", "parent"));

        Assert.Equal(["parent"], upvoted.UpvotedBy);
        Assert.Equal(["parent", "guest"], FourQuestions.Upvote(questions with { Answers = [upvoted] }, "answer-1", "guest").UpvotedBy);
        Assert.Equal(ErrorCodes.Conflict, again.Code);
        Assert.Equal(("answerId", ErrorCodes.Invalid), Single(Refused(() => FourQuestions.Upvote(questions, "answer-9", "parent"))));
    }

    [Fact]
    public void Saving_closes_the_questions_to_answers_upvotes_and_saving_again()
    {
        var answer = FourQuestions.Answer(Open, "answer-1", "guest", 2, "Grandparents");
        var saved = FourQuestions.Save(Open with { Answers = [answer] });

        Assert.True(saved.Saved);
        Assert.Equal([answer], saved.Answers);
        Assert.Equal(ErrorCodes.AnswersSaved, Refused(() => FourQuestions.Answer(saved, "answer-2", "parent", 1, "Late")).Code);
        Assert.Equal(ErrorCodes.AnswersSaved, Refused(() => FourQuestions.Upvote(saved, "answer-1", "parent")).Code);
        Assert.Equal(ErrorCodes.AnswersSaved, Refused(() => FourQuestions.Save(saved)).Code);
    }

    private static (string Field, string Code) Single(DomainValidationException refused) => (Assert.Single(refused.Errors.Keys), refused.Code);

    private static DomainValidationException Refused(Action step) => Assert.Throws<DomainValidationException>(step);
}
