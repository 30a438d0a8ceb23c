import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import "./messages";
import "./cafe-timer.css";
import { useCountdown, type Announcement } from "./useCountdown";

/**
 * A café round's time left, counted down to the server's `endsAt`: visible every second, while its polite live region
 * speaks only at whole minutes, at 10 s left and at the end. Free of console code, so the participant's page uses it too.
 */
export function Countdown({ endsAt, label, onEnded }: { endsAt?: string; label?: string; onEnded?: () => void }) {
  const { t } = useTranslation("cafeTimer");
  const { display, running, announcement } = useCountdown(endsAt);
  // Told once the time is up, so a page can move on (a participant's "waiting for the next round").
  useEffect(() => { if (endsAt && !running) onEnded?.(); }, [endsAt, running, onEnded]);
  const words = (a: Announcement) =>
    a.kind === "minutes" ? t("minutesLeft", { count: a.count }) : a.kind === "seconds" ? t("secondsLeft") : t("timeUp");

  return (
    <div className="cafe-countdown">
      <span className="cafe-countdown-label">{label ?? t("label")}</span>{" "}
      <span role="timer" aria-live="off" className={running ? "cafe-countdown-time" : "cafe-countdown-time cafe-countdown-over"} data-testid="cafe-countdown">
        {display}
      </span>
      {!running && endsAt && <span className="cafe-countdown-ended"> {t("ended")}</span>}
      <span className="visually-hidden" aria-live="polite" aria-atomic="true">{announcement ? words(announcement) : ""}</span>
    </div>
  );
}
