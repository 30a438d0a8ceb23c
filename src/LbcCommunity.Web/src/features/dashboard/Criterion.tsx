import { useId, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api";
import type { DepthLevel, Habit } from "../../protocol";
import { dashboardApi, type SustainedDepthCriterion } from "./api";
import { depthLevels, habits } from "./levels";

/** The criterion in words: "Collaborating or deeper on every row of a habit on 3 consecutive consensus ratings". */
export function useCriterionWords() {
  const { t } = useTranslation("dashboard");
  return (c: SustainedDepthCriterion) => t("criterion.words", {
    level: t(`levels.${c.level}`),
    habit: c.habit ? t("criterion.habitWords", { habit: t(`habits.${c.habit}`) }) : t("criterion.anyHabit"),
    count: c.consecutiveRatings,
  });
}

/**
 * The initiative's sustained-depth criterion, and for the state admin a form to change it. The server checks the
 * input; a refusal is shown in words beside the field it names, and nothing is stored.
 */
export function CriterionEditor({ tenantId, initiativeId, criterion, editable }: {
  tenantId: string;
  initiativeId: string;
  criterion: SustainedDepthCriterion;
  editable: boolean;
}) {
  const { t } = useTranslation("dashboard");
  const words = useCriterionWords();
  const id = useId();
  const queries = useQueryClient();
  const [level, setLevel] = useState<DepthLevel>(criterion.level);
  const [count, setCount] = useState(String(criterion.consecutiveRatings));
  const [habit, setHabit] = useState<Habit | "">(criterion.habit ?? "");
  const save = useMutation({
    mutationFn: () => dashboardApi.setSustainedDepth(tenantId, initiativeId, {
      level,
      consecutiveRatings: Number(count),
      habit: habit === "" ? null : habit,
    }),
    onSuccess: () => queries.invalidateQueries({ queryKey: ["tenants", tenantId, "initiatives", initiativeId, "attention"] }),
  });
  const problems = save.error instanceof ApiError ? save.error.errors : {};
  const problemOf = (field: string) => Object.entries(problems).find(([name]) => name.toLowerCase() === field.toLowerCase())?.[1]?.join(" ");

  return (
    <section className="criterion" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>{t("criterion.heading")}</h4>
      <p data-testid="criterion-words">{words(criterion)}</p>
      {editable && (
        <details>
          <summary>{t("criterion.change")}</summary>
          <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
            <label htmlFor={`${id}-level`}>{t("criterion.level")}</label>
            <select id={`${id}-level`} value={level} onChange={(e) => setLevel(e.target.value as DepthLevel)} aria-describedby={problemOf("level") ? `${id}-level-problem` : undefined}>
              {depthLevels.map((l) => <option key={l} value={l}>{t(`levels.${l}`)}</option>)}
            </select>
            {problemOf("level") && <p id={`${id}-level-problem`} className="error">{problemOf("level")}</p>}
            <label htmlFor={`${id}-count`}>{t("criterion.consecutive")}</label>
            <input id={`${id}-count`} type="number" inputMode="numeric" min={1} value={count} onChange={(e) => setCount(e.target.value)}
              aria-invalid={!!problemOf("consecutiveRatings")} aria-describedby={problemOf("consecutiveRatings") ? `${id}-count-problem` : undefined} />
            {problemOf("consecutiveRatings") && <p id={`${id}-count-problem`} className="error">{problemOf("consecutiveRatings")}</p>}
            <label htmlFor={`${id}-habit`}>{t("criterion.habit")}</label>
            <select id={`${id}-habit`} value={habit} onChange={(e) => setHabit(e.target.value as Habit | "")} aria-describedby={problemOf("habit") ? `${id}-habit-problem` : undefined}>
              <option value="">{t("criterion.any")}</option>
              {habits.map((h) => <option key={h} value={h}>{t(`habits.${h}`)}</option>)}
            </select>
            {problemOf("habit") && <p id={`${id}-habit-problem`} className="error">{problemOf("habit")}</p>}
            <button type="submit" disabled={save.isPending}>{t("criterion.save")}</button>
            <div role="status">{save.isSuccess && t("criterion.saved")}</div>
            {save.error && <p role="alert" className="error">{t("criterion.failed", { message: save.error.message })}</p>}
          </form>
        </details>
      )}
    </section>
  );
}
