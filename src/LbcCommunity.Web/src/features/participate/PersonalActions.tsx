import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConveningSnapshot, Participant, PersonalActionsActivity } from "../../convening";
import type { ConveningHub } from "../../hooks/useConveningHub";
import { useSend } from "./useSend";

/** Most actions one person writes (the server refuses a fourth: PersonalActionPlan.MaxPerParticipant). */
const maxActions = 3;

/** The personal action plan: one to three actions of one's own, each with an optional date; one's own listed to remove. */
export function PersonalActions({ state, me, act }: { state: ConveningSnapshot; me: Participant; act: ConveningHub["act"] }) {
  const { t } = useTranslation("participate");
  const activity: PersonalActionsActivity = state.personalActions ?? { actions: [], closed: false };
  const mine = activity.actions.filter((a) => a.participantId === me.id);
  const write = useSend();
  const remove = useSend();
  const [text, setText] = useState("");
  const [due, setDue] = useState("");

  return (
    <section aria-labelledby="personal-heading" className="activity personal-actions">
      <h2 id="personal-heading">{t("personal.heading")}</h2>
      {activity.closed
        ? <p role="status">{t("personal.closed")} {t("personal.summary")}</p>
        : <p>{t("personal.intro")}</p>}
      {!activity.closed && mine.length < maxActions && (
        <form onSubmit={async (e) => {
          e.preventDefault();
          if (text.trim() && await write.send(() => act("WritePersonalAction", text.trim(), due || null))) {
            setText("");
            setDue("");
          }
        }}>
          <label htmlFor="personal-text">{t("personal.action")}</label>
          <textarea id="personal-text" value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={300} />
          <label htmlFor="personal-due">{t("personal.due")}</label>
          <input id="personal-due" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
          {write.refusal && <p role="alert" className="error">{write.refusal}</p>}
          <button type="submit" disabled={!text.trim() || write.sending}>{write.sending ? t("sending") : t("personal.add")}</button>
        </form>
      )}
      {!activity.closed && mine.length >= maxActions && <p role="status">{t("personal.full")}</p>}
      <h3 id="personal-mine">{t("personal.mine")}</h3>
      {mine.length === 0 ? <p>{t("personal.none")}</p> : (
        <ol aria-labelledby="personal-mine" className="my-actions">
          {mine.map((a) => (
            <li key={a.id} data-personal-action={a.id}>
              <span>{a.text}</span>
              {a.dueOn && <span className="meta"> · {t("personal.by", { date: a.dueOn })}</span>}
              {!activity.closed && (
                <button type="button" className="link" disabled={remove.sending} aria-label={t("personal.remove", { text: a.text })}
                  onClick={() => void remove.send(() => act("RemovePersonalAction", a.id))}>×</button>
              )}
            </li>
          ))}
        </ol>
      )}
      {remove.refusal && <p role="alert" className="error">{remove.refusal}</p>}
    </section>
  );
}
