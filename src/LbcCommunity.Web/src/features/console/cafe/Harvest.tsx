import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ActivityPanelProps } from "../panel";
import { Refusal, useCafeAction } from "./useCafeAction";

/** The whole group's harvest: saving it again replaces it; a team keeps it on its record. */
export function Harvest({ saved, act }: { saved?: string; act: ActivityPanelProps["act"] }) {
  const { t } = useTranslation("cafe");
  const id = useId();
  const [text, setText] = useState(saved ?? "");
  const [done, setDone] = useState(false);
  const { run, error, busy } = useCafeAction(act);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setDone(false);
    setDone(await run("SaveHarvest", text));
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="cafe-section">
      <h3 id={`${id}-heading`}>{t("harvest.heading")}</h3>
      <form onSubmit={(e) => void save(e)}>
        <label htmlFor={`${id}-text`}>{t("harvest.label")}</label>
        <textarea id={`${id}-text`} value={text} maxLength={4000} rows={4} onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={busy}>{t("harvest.save")}</button>
        <Refusal error={error} />
        {done && !error && <p role="status">{t("harvest.saved")}</p>}
      </form>
    </section>
  );
}
