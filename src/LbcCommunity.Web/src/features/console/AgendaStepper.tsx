import { useTranslation } from "react-i18next";
import type { ConveningSnapshot } from "../../convening";
import type { ConveningHub } from "../../hooks/useConveningHub";
import { useAction } from "./useAction";
import { Refusal } from "./Refusal";

/**
 * The agenda as a stepper: every item in order, the running one marked `aria-current="step"` (and in words), those
 * before it done. Each other item has a Start button (a real button: Tab and Enter work), which moves the convening on.
 */
export function AgendaStepper({ state, act }: { state: ConveningSnapshot; act: ConveningHub["act"] }) {
  const { t } = useTranslation("console");
  const start = useAction();
  const agenda = state.convening.agenda;
  const running = agenda.findIndex((a) => a.id === state.activeItemId);

  return (
    <nav aria-labelledby="agenda-heading" className="agenda">
      <h2 id="agenda-heading">{t("agenda")}</h2>
      <ol className="stepper">
        {agenda.map((item, i) => {
          const done = state.ended || (running >= 0 && i < running);
          const now = i === running && !state.ended;
          return (
            <li key={item.id} aria-current={now ? "step" : undefined} className={now ? "now" : done ? "done" : ""} data-item={item.id}>
              <span className="marker" aria-hidden="true">{done ? "✓" : i + 1}</span>
              <span className="what">
                <span className="title">{item.title}</span>
                <small>{t(`kinds.${item.kind}`)} · {now ? t("running") : done ? t("done") : t("upNext")}</small>
              </span>
              {!now && !state.ended && (
                <button type="button" disabled={start.pending} aria-label={t("startNamed", { title: item.title })}
                  onClick={() => void start.run(() => act("StartActivity", item.id))}>{t("start")}</button>
              )}
            </li>
          );
        })}
      </ol>
      <Refusal text={start.refusal} />
    </nav>
  );
}
