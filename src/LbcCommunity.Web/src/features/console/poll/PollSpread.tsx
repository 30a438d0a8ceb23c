import { useTranslation } from "react-i18next";
import type { RowSpread } from "../../../convening";

const fixed = (n: number) => n.toFixed(2);

/**
 * The live spread per polled row (numbered as in the table): a line from the lowest to the highest depth score with the
 * mean marked, over the levels' thresholds (a score of 1 reaches Informing … 4 Transforming, as the note below says);
 * the same numbers in the table below.
 */
export function PollSpread({ spread, titleOf }: { spread: RowSpread[]; titleOf: (rowId: string) => string }) {
  const { t } = useTranslation("console");
  const width = 400;
  const rowHeight = 28;
  const left = 28;
  const x = (score: number) => left + (score / 4) * (width - left - 12);
  const height = spread.length * rowHeight + 24;
  return (
    <figure className="spread">
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
        {[0, 1, 2, 3, 4].map((s) => (
          <g key={s}>
            <line x1={x(s)} x2={x(s)} y1={0} y2={height - 20} className="threshold" />
            <text x={x(s)} y={height - 6} textAnchor="middle" className="label">{s}</text>
          </g>
        ))}
        {spread.map((r, i) => {
          const y = i * rowHeight + 14;
          return (
            <g key={r.rowId}>
              <text x={4} y={y + 4} className="label">{i + 1}</text>
              {r.ratings > 0 && <line x1={x(r.minDepthScore)} x2={x(r.maxDepthScore)} y1={y} y2={y} className="range" />}
              {r.ratings > 0 && <circle cx={x(r.meanDepthScore)} cy={y} r={6} className="mean" />}
            </g>
          );
        })}
      </svg>
      <p className="note">{t("poll.scaleNote")}</p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t("poll.spread")}>
        <table data-testid="poll-spread">
          <caption>{t("poll.spread")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("poll.row")}</th><th scope="col">{t("poll.ratings")}</th><th scope="col">{t("poll.lowest")}</th>
              <th scope="col">{t("poll.mean")}</th><th scope="col">{t("poll.highest")}</th>
            </tr>
          </thead>
          <tbody>
            {spread.map((r, i) => (
              <tr key={r.rowId} data-row={r.rowId}>
                <th scope="row">{i + 1}. {titleOf(r.rowId)}</th>
                <td className="ratings">{r.ratings}</td>
                <td className="min">{r.ratings ? fixed(r.minDepthScore) : "–"}</td>
                <td className="mean">{r.ratings ? fixed(r.meanDepthScore) : "–"}</td>
                <td className="max">{r.ratings ? fixed(r.maxDepthScore) : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
