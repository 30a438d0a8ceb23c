import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * The time left until the server's `endsAt`, shown every second but announced to screen readers only at each whole
 * minute and each of the last 10 seconds: a per-second live region would talk over everything else. The clock is the
 * server's end time, so a phone that was asleep or offline shows the right time as soon as it looks again.
 */
export function Countdown({ endsAt, onEnded }: { endsAt: string; onEnded?: () => void }) {
  const { t } = useTranslation("participate");
  const end = Date.parse(endsAt);
  const [now, setNow] = useState(() => Date.now());
  const left = Math.max(0, Math.ceil((end - now) / 1000));

  useEffect(() => {
    if (left === 0) {
      onEnded?.();
      return;
    }
    // Wakes just after the next whole second of the time left.
    const rest = (end - Date.now()) % 1000;
    const timer = setTimeout(() => setNow(Date.now()), (rest > 0 ? rest : 1000) + 10);
    return () => clearTimeout(timer);
  }, [now, end, left, onEnded]);

  const minutes = Math.floor(left / 60);
  const seconds = left % 60;
  const shown = `${minutes}:${String(seconds).padStart(2, "0")}`;
  const announced = left === 0 ? t("cafe.timeUp")
    : left <= 10 ? t("cafe.secondsLeft", { count: left })
    : seconds === 0 ? t("cafe.minutesLeft", { count: minutes })
    : undefined;
  // The announcement keeps its last words between announcements (an emptied region would say nothing, but some
  // screen readers read a change to empty as a change); it is visually hidden, the clock itself is not live.
  const [spoken, setSpoken] = useState("");
  useEffect(() => { if (announced) setSpoken(announced); }, [announced]);

  return (
    <div className="countdown">
      <p className="label" id="countdown-label">{t("cafe.timeLeft")}</p>
      <p className="clock" aria-labelledby="countdown-label" role="timer" data-testid="countdown"><time>{shown}</time></p>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">{spoken}</p>
    </div>
  );
}
