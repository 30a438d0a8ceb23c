import { useTranslation } from "react-i18next";
import type { RubricRow } from "../../api";
import type { DashboardView } from "./api";
import { depthLevels } from "./levels";

/**
 * The view's habits and rows now, every count the roll-up keeps (the state view's table before the dashboards), with
 * the exact sum of scores beside the rounded mean (anyone can recompute the mean from it). Wider than a phone: it scrolls sideways in
 * its own box, focusable so that a keyboard can scroll it too.
 */
export function NowTable({ view, rubricRows }: { view: DashboardView; rubricRows: RubricRow[] }) {
  const { t, i18n } = useTranslation("dashboard");
  const rowTitle = (id: string) => { const row = rubricRows.find((r) => r.id === id); return row ? row.title[i18n.language] ?? row.title.en : id; };
  const levelHeads = ["none", ...depthLevels] as const;
  return (
    <section className="now">
      <h3>{t("now.heading")}</h3>
      <div className="table-scroll" role="region" aria-label={t("now.label")} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("now.row")}</th><th scope="col">{t("now.teamsRated")}</th><th scope="col">{t("now.mean")}</th>
              <th scope="col">{t("now.sum")}</th>
              {levelHeads.map((l) => <th key={l} scope="col">{t(`levels.${l}`)}</th>)}
              <th scope="col">{t("now.movedUp")}</th><th scope="col">{t("now.noProgress")}</th>
            </tr>
          </thead>
          <tbody>
            {view.habits.map((habit) => [
              <tr key={habit.key} className="habit" data-habit={habit.key}>
                <th scope="row">{t(`habits.${habit.habit}`)}</th><td>{habit.teamsRated}</td><td className="mean">{habit.meanDepthScore.toFixed(2)}</td>
                <td>{habit.scoreSum}</td>
                {habit.teamsAtLevel.map((n, i) => <td key={i}>{n}</td>)}<td>{habit.movedUp}</td><td>{habit.noProgress}</td>
              </tr>,
              ...view.rows.filter((row) => row.habit === habit.key).map((row) => (
                <tr key={row.key} data-row={row.key}>
                  <th scope="row" className="row-title">{rowTitle(row.key)}</th><td>{row.teamsRated}</td><td className="mean">{row.meanDepthScore.toFixed(2)}</td>
                  <td>{row.scoreSum}</td>
                  {row.teamsAtLevel.map((n, i) => <td key={i}>{n}</td>)}<td>{row.movedUp}</td><td>{row.noProgress}</td>
                </tr>
              )),
            ])}
          </tbody>
        </table>
      </div>
    </section>
  );
}
