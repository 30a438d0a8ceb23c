import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CafeMessage } from "../../../convening";
import type { ActivityPanelProps } from "../panel";
import { Refusal, useCafeAction } from "./useCafeAction";

/** A message to every table at once (before, during or between rounds), and the messages sent so far. */
export function MessageTables({ messages, act }: { messages: CafeMessage[]; act: ActivityPanelProps["act"] }) {
  const { t } = useTranslation("cafe");
  const id = useId();
  const [text, setText] = useState("");
  const [sent, setSent] = useState(false);
  const { run, error, busy } = useCafeAction(act);

  const send = async (e: React.FormEvent) => {
    e.preventDefault();
    setSent(false);
    if (await run("MessageTables", text)) {
      setText("");
      setSent(true);
    }
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="cafe-section">
      <h3 id={`${id}-heading`}>{t("message.heading")}</h3>
      <form onSubmit={(e) => void send(e)}>
        <label htmlFor={`${id}-text`}>{t("message.label")}</label>
        <textarea id={`${id}-text`} value={text} maxLength={1000} rows={2} onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={busy}>{t("message.send")}</button>
        <Refusal error={error} />
        {sent && !error && <p role="status">{t("message.sent")}</p>}
      </form>
      {messages.length > 0 && (
        <>
          <h4>{t("message.list")}</h4>
          <ul className="cafe-messages">
            {messages.map((m, i) => (
              <li key={i}>{m.text} <small>({m.round === 0 ? t("message.before") : t("message.inRound", { round: m.round })})</small></li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
