import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import type { Habit } from "../../protocol";
import { bandOf, depthLevels, thresholdOf } from "./levels";

/** A column of the heat map: a rubric row (numbered "1.2" in its habit) or, when rows are not sent, a whole habit. */
export interface HeatColumn { key: string; short: string; title: string; habit: Habit }

/** A line of the heat map (a region or a team): its name's link, a note (teams rated, last rated) and a score per column. */
export interface HeatLine {
  key: string;
  name: string;
  href: string;
  note?: ReactNode;
  scores: Record<string, number | undefined>;
  /** Where a cell leads: the region's dashboard, or the team's history of that row. */
  cellHref: (column: HeatColumn) => string;
}

const levelKeys = ["none", ...depthLevels] as const;

/**
 * The heat map as a real table: a screen reader reads the same numbers the eye sees as colours, and every cell is a
 * link one click down. A cell's colour is its level's band; its number is always written, and hovering or focusing it
 * shows the value with the level's threshold.
 */
export function HeatMap({ label, caption, firstColumn, columns, lines }: {
  label: string;
  caption: string;
  firstColumn: string;
  columns: HeatColumn[];
  lines: HeatLine[];
}) {
  const { t } = useTranslation("dashboard");
  const groups = columns.reduce<{ habit: Habit; span: number }[]>((all, c) => {
    const last = all[all.length - 1];
    if (last?.habit === c.habit) last.span++;
    else all.push({ habit: c.habit, span: 1 });
    return all;
  }, []);
  const byRow = columns.some((c) => c.key !== c.habit);

  return (
    <>
      <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
        <table className="heat-map">
          <caption>{caption}</caption>
          <thead>
            {byRow && (
              <tr>
                <td />
                {groups.map((g) => <th key={g.habit} scope="colgroup" colSpan={g.span}>{t(`habits.${g.habit}`)}</th>)}
              </tr>
            )}
            <tr>
              <th scope="col">{firstColumn}</th>
              {columns.map((c) => (
                <th key={c.key} scope="col" className={byRow ? "short" : undefined}>
                  {byRow ? <><span aria-hidden="true">{c.short}</span><span className="visually-hidden">{c.title}</span></> : c.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.key} data-line={line.key}>
                <th scope="row">
                  <Link to={line.href}>{line.name}</Link>
                  {line.note && <span className="heat-note">{line.note}</span>}
                </th>
                {columns.map((c) => <Cell key={c.key} line={line} column={c} score={line.scores[c.key]} />)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Legend />
      {byRow && (
        <details className="heat-key">
          <summary>{t("heat.rowsKey")}</summary>
          <ul>{columns.map((c) => <li key={c.key}><strong>{c.short}</strong> {c.title}</li>)}</ul>
        </details>
      )}
    </>
  );
}

function Cell({ line, column, score }: { line: HeatLine; column: HeatColumn; score: number | undefined }) {
  const { t } = useTranslation("dashboard");
  const band = score === undefined ? 0 : bandOf(score);
  const level = t(`levels.${levelKeys[band]}`);
  const tip = score === undefined
    ? t("heat.cellNone", { where: line.name, what: column.title })
    : t("heat.cell", { where: line.name, what: column.title, value: score.toFixed(2), level, threshold: thresholdOf(band).toFixed(2) });
  return (
    <td className={`heat band-${score === undefined ? "unrated" : band}`} data-column={column.key}>
      <Link to={line.cellHref(column)}>
        <span className="heat-value" aria-hidden="true">{score === undefined ? "–" : score.toFixed(2)}</span>
        <span className="heat-tip">{tip}</span>
      </Link>
    </td>
  );
}

/** The colours' key, in words: each level with the score it starts at. */
export function Legend() {
  const { t } = useTranslation("dashboard");
  return (
    <div className="heat-legend">
      <span>{t("heat.legend")}:</span>
      <ul>
        {levelKeys.map((key, band) => (
          <li key={key}><span className={`swatch band-${band}`} aria-hidden="true" />{t("heat.from", { level: t(`levels.${key}`), threshold: thresholdOf(band).toFixed(2) })}</li>
        ))}
      </ul>
    </div>
  );
}
