import { useTranslation } from "react-i18next";
import type { QuestionAnswer } from "../../../convening";
import type { ActivityPanelProps } from "../panel";
import { useAction } from "../useAction";
import { Refusal } from "../Refusal";

const questions = [1, 2, 3, 4] as const;

/** The Four Simple Questions: the answers as they come, under their question, most upvoted first; then save them. */
export function FourQuestionsPanel({ state, act }: ActivityPanelProps) {
  const { t } = useTranslation("console");
  const answers = state.fourQuestions?.answers ?? [];
  const saved = state.fourQuestions?.saved ?? false;
  const save = useAction();
  const byVotes = (a: QuestionAnswer, b: QuestionAnswer) => b.upvotedBy.length - a.upvotedBy.length || a.id.localeCompare(b.id);

  return (
    <section aria-labelledby="questions-heading" className="panel">
      <h2 id="questions-heading">{t("questions.heading")}</h2>
      <div className="questions">
        {questions.map((q) => {
          const mine = answers.filter((a) => a.question === q).sort(byVotes);
          return (
            <section key={q} aria-labelledby={`question-${q}`} className="question" data-question={q}>
              <h3 id={`question-${q}`}>{q}. {t(`questions.q${q}`)}</h3>
              <p className="count">{t("questions.answers", { count: mine.length })}</p>
              {mine.length === 0 ? <p>{t("questions.none")}</p> : (
                <ol aria-labelledby={`question-${q}`} className="answers">
                  {mine.map((a) => (
                    <li key={a.id} data-answer={a.id}>
                      <span className="text">{a.text}</span>{" "}
                      <span className="upvotes">{t("questions.upvotes", { count: a.upvotedBy.length })}</span>
                    </li>
                  ))}
                </ol>
              )}
            </section>
          );
        })}
      </div>
      {saved
        ? <p role="status">{t("questions.saved")}</p>
        : (
          <div>
            <button type="button" className="primary" disabled={save.pending} onClick={() => void save.run(() => act("SaveAnswers"))}>{t("questions.save")}</button>
            <Refusal text={save.refusal} />
          </div>
        )}
    </section>
  );
}
