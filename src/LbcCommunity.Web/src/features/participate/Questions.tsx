import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConveningSnapshot, FourQuestionsActivity, Participant } from "../../convening";
import type { ConveningHub } from "../../hooks/useConveningHub";
import { useSend } from "./useSend";

const questions = [1, 2, 3, 4] as const;

/** The Four Simple Questions: each with one's answer to send and the room's answers, most upvoted first, to upvote. */
export function Questions({ state, me, act }: { state: ConveningSnapshot; me: Participant; act: ConveningHub["act"] }) {
  const { t } = useTranslation("participate");
  const activity: FourQuestionsActivity = state.fourQuestions ?? { answers: [], saved: false };
  return (
    <section aria-labelledby="questions-heading" className="activity questions">
      <h2 id="questions-heading">{t("questions.heading")}</h2>
      {activity.saved && <p role="status">{t("questions.saved")}</p>}
      {questions.map((q) => <Question key={q} number={q} activity={activity} me={me} act={act} />)}
    </section>
  );
}

function Question({ number, activity, me, act }: { number: 1 | 2 | 3 | 4; activity: FourQuestionsActivity; me: Participant; act: ConveningHub["act"] }) {
  const { t } = useTranslation("participate");
  const { send, sending, refusal } = useSend();
  const upvote = useSend();
  const [text, setText] = useState("");
  const answers = activity.answers.filter((a) => a.question === number).sort((a, b) => b.upvotedBy.length - a.upvotedBy.length);
  const id = `question-${number}`;

  return (
    <article aria-labelledby={id} className="question-block" data-question={number}>
      <h3 id={id}>{number}. {t(`questions.q${number}`)}</h3>
      {!activity.saved && (
        <form onSubmit={async (e) => {
          e.preventDefault();
          if (text.trim() && await send(() => act("AnswerQuestion", number, text.trim()))) setText("");
        }}>
          <label htmlFor={`${id}-answer`}>{t("questions.answer")}</label>
          <textarea id={`${id}-answer`} value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={1000} />
          {refusal && <p role="alert" className="error">{refusal}</p>}
          <button type="submit" disabled={!text.trim() || sending}>{sending ? t("sending") : t("questions.send")}</button>
        </form>
      )}
      {answers.length === 0 ? <p>{t("questions.noAnswers")}</p> : (
        <ul aria-label={t("questions.answers")} className="answers">
          {answers.map((a) => {
            const mine = a.participantId === me.id;
            const upvoted = a.upvotedBy.includes(me.id);
            return (
              <li key={a.id} data-answer={a.id}>
                <p>{a.text}</p>
                <p className="meta">
                  <span data-testid="upvotes">{t("questions.upvotes", { count: a.upvotedBy.length })}</span>
                  {mine ? ` · ${t("questions.yours")}` : upvoted ? ` · ${t("questions.upvoted")}` : ""}
                </p>
                {!mine && !upvoted && !activity.saved && (
                  <button type="button" disabled={upvote.sending} aria-label={t("questions.upvoteAnswer", { text: a.text })}
                    onClick={() => void upvote.send(() => act("Upvote", a.id))}>
                    {t("questions.upvote")}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {upvote.refusal && <p role="alert" className="error">{upvote.refusal}</p>}
    </article>
  );
}
