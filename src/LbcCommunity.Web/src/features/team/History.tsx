import { useEffect, useMemo, useRef } from "react";
import { useSearchParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import type { Rating, RubricRow, Team } from "../../api";
import type { Habit } from "../../protocol";
import { EChart, type ChartOption } from "../../components/EChart";
import { levels, useRatings, useRubric, wordsIn } from "./queries";

/**
 * Each row's depth score over the team's consensus ratings: a chart per habit (a line per row, the levels' thresholds
 * drawn) with the same numbers in a table behind it. `?row={rowId}` opens that row's table and moves focus to it.
 */
export function History({ tenantId, team }: { tenantId: string; team: Team }) {
  const { t, i18n } = useTranslation("team");
  const rubric = useRubric(tenantId, team.initiativeId).data!;
  const all = useRatings(tenantId, team.id).data ?? [];
  const consensus = useMemo(() => all.filter((r) => r.kind === "Consensus").sort((a, b) => a.sequence - b.sequence), [all]);
  const [params] = useSearchParams();
  const focusRow = params.get("row") ?? undefined;
  const rowIds = [...new Set([...rubric.rows.map((r) => r.id), ...consensus.flatMap((r) => r.rows.map((x) => x.rowId))])];
  const byHabit = new Map<Habit, string[]>();
  for (const id of rowIds) {
    const habit = (rubric.rows.find((r) => r.id === id)?.habit ?? consensus.flatMap((r) => r.rows).find((x) => x.rowId === id)!.habit) as Habit;
    byHabit.set(habit, [...(byHabit.get(habit) ?? []), id]);
  }
  const titleOf = (id: string) => wordsIn(rubric.rows.find((r: RubricRow) => r.id === id)?.title, i18n.language) || id;

  return (
    <section id="history" aria-labelledby="history-heading" className="team-section">
      <h2 id="history-heading">{t("history.heading")}</h2>
      {consensus.length === 0 ? <p>{t("history.none")}</p> : (
        <>
          <p>{t("history.intro")}</p>
          {[...byHabit].map(([habit, ids]) => {
            const rated = ids.filter((id) => consensus.some((r) => r.rows.some((x) => x.rowId === id)));
            return rated.length === 0 ? null : (
              <HabitHistory key={habit} habit={habit} rowIds={rated} ratings={consensus} titleOf={titleOf} focusRow={rated.includes(focusRow ?? "") ? focusRow : undefined} />
            );
          })}
        </>
      )}
    </section>
  );
}

function HabitHistory({ habit, rowIds, ratings, titleOf, focusRow }: {
  habit: Habit; rowIds: string[]; ratings: Rating[]; titleOf: (id: string) => string; focusRow?: string;
}) {
  const { t, i18n } = useTranslation("team");
  const focused = useRef<HTMLTableRowElement>(null);
  const when = (r: Rating) => new Date(r.recordedAt).toLocaleDateString(i18n.language);
  const cell = (r: Rating, id: string) => r.rows.find((x) => x.rowId === id);
  useEffect(() => {
    if (focusRow && focused.current) {
      focused.current.scrollIntoView({ block: "center" });
      focused.current.focus();
    }
  }, [focusRow]);

  const option = useMemo<ChartOption>(() => ({
    animation: false,
    grid: { left: 36, right: 16, top: 16, bottom: 64, containLabel: false },
    legend: { bottom: 0, type: "scroll" },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: ratings.map((r) => `#${r.sequence} ${when(r)}`) },
    yAxis: { type: "value", min: 0, max: 4, interval: 1 },
    series: rowIds.map((id, i) => ({
      type: "line",
      name: titleOf(id),
      data: ratings.map((r) => cell(r, id)?.depthScore ?? null),
      connectNulls: true,
      lineStyle: { width: id === focusRow ? 4 : 2 },
      symbol: ["circle", "rect", "triangle", "diamond"][i % 4],
      symbolSize: 8,
      ...(i === 0 ? {
        markLine: {
          silent: true,
          symbol: "none",
          lineStyle: { type: "dashed", color: "#555" },
          label: { formatter: (p: { value: number }) => t(`levels.${levels[p.value - 1]}`), position: "insideStartTop" },
          data: [1, 2, 3, 4].map((y) => ({ yAxis: y })),
        },
      } : {}),
    })),
  }), [ratings, rowIds, focusRow, i18n.language]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="habit-history">
      <h3>{t(`habits.${habit}` as "habits.CoalescingAroundIssues", { defaultValue: habit })}</h3>
      <EChart option={option} height={300} />
      <details open={!!focusRow}>
        <summary>{t("history.table")}</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t(`habits.${habit}` as "habits.CoalescingAroundIssues", { defaultValue: habit })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("history.row")}</th>
                {ratings.map((r) => (
                  <th key={r.id} scope="col">{t("history.rating", { sequence: r.sequence, when: when(r) })}<br /><small>{t("history.version", { version: r.rubricVersion })}</small></th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rowIds.map((id) => (
                <tr key={id} id={`history-${id}`} ref={id === focusRow ? focused : undefined} tabIndex={id === focusRow ? -1 : undefined}
                  className={id === focusRow ? "focused" : undefined}>
                  <th scope="row">{titleOf(id)}</th>
                  {ratings.map((r) => {
                    const x = cell(r, id);
                    return <td key={r.id}>{x ? t("history.score", { score: x.depthScore.toFixed(1), level: x.levelReached === 0 ? t("noLevel") : t(`levels.${levels[x.levelReached - 1]}`) }) : t("history.notInRating")}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
