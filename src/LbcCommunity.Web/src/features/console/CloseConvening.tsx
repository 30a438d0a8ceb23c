import { useState } from "react";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import type { ConveningHub } from "../../hooks/useConveningHub";
import { useAction } from "./useAction";
import { Refusal } from "./Refusal";

/** Closes the convening for everyone, after asking (it cannot be undone); once ended, links to its summary. */
export function CloseConvening({ conveningId, ended, act }: { conveningId: string; ended: boolean; act: ConveningHub["act"] }) {
  const { t } = useTranslation("console");
  const [asking, setAsking] = useState(false);
  const close = useAction();
  const summary = `/convenings/${encodeURIComponent(conveningId)}/summary`;

  if (ended) {
    return (
      <section className="closing" aria-labelledby="closing-heading">
        <div role="status"><h2 id="closing-heading">{t("closing.ended")}</h2></div>
        <p><Link to={summary}>{t("closing.summary")}</Link></p>
      </section>
    );
  }
  return (
    <section className="closing" aria-label={t("closing.close")}>
      {asking
        ? (
          <div role="group" aria-labelledby="closing-confirm">
            <p id="closing-confirm"><strong>{t("closing.confirm")}</strong></p>
            <div className="actions">
              <button type="button" className="danger" disabled={close.pending}
                onClick={() => void close.run(() => act("CloseConvening")).then((ok) => ok && setAsking(false))}>{t("closing.yes")}</button>
              <button type="button" onClick={() => setAsking(false)}>{t("closing.cancel")}</button>
            </div>
          </div>
        )
        : <button type="button" onClick={() => setAsking(true)}>{t("closing.close")}</button>}
      <Refusal text={close.refusal} />
    </section>
  );
}
