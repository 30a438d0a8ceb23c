import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CafeRound } from "../../../convening";
import { Countdown } from "../../cafe-timer/Countdown";
import type { ActivityPanelProps } from "../panel";
import { Refusal, useCafeAction } from "./useCafeAction";

/**
 * Starts the next round (minutes, from 0.5) when none runs; while one runs, the timer everyone sees (the server's
 * `endsAt`), "+1 minute" and "End now". Each button's refusal is shown beside the buttons.
 */
export function RoundControls({ last, running, plannedMinutes, act }: {
  last?: CafeRound;
  running: boolean;
  plannedMinutes?: number;
  act: ActivityPanelProps["act"];
}) {
  const { t } = useTranslation("cafe");
  const id = useId();
  const [minutes, setMinutes] = useState(String(plannedMinutes ?? 20));
  const { run, error, busy } = useCafeAction(act);
  const next = (last?.number ?? 0) + 1;

  const start = (e: React.FormEvent) => {
    e.preventDefault();
    void run("StartCafeRound", Number(minutes.replace(",", ".")));
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="cafe-section">
      <h3 id={`${id}-heading`}>{t("round.heading")}</h3>
      {last && <p>{running ? t("round.running", { number: last.number }) : t("round.over", { number: last.number })}</p>}
      {last && <Countdown endsAt={last.endsAt} />}
      {running ? (
        <div className="cafe-buttons">
          <button type="button" disabled={busy} onClick={() => void run("ExtendCafeRound", 1)}>{t("round.extend")}</button>
          <button type="button" disabled={busy} onClick={() => void run("EndCafeRound")}>{t("round.endNow")}</button>
        </div>
      ) : (
        <form onSubmit={start} className="cafe-inline-form">
          <label htmlFor={`${id}-minutes`}>{t("round.minutes")}</label>
          <input id={`${id}-minutes`} type="number" inputMode="decimal" min={0.5} max={120} step={0.5} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
          <button type="submit" disabled={busy}>{t("round.start", { number: next })}</button>
        </form>
      )}
      <Refusal error={error} />
    </section>
  );
}
