import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { EChart, type ChartOption } from "../../components/EChart";
import type { DepthLevel } from "../../protocol";
import type { DashboardQuarter } from "./api";
import { depthLevels, habits } from "./levels";

const lineColours = ["#1a5fb4", "#c64600", "#26a269"];
const dashes = ["solid", "dashed", "dotted"] as const;

/**
 * Mean depth per habit, quarter by quarter, with the levels' thresholds drawn and the sustained-depth criterion's
 * level marked. The quarters read as calendar quarters or as the state's fiscal year; the table behind the chart has
 * the same numbers.
 */
export function Trends({ name, quarters, criterionLevel, chooser }: {
  name: string;
  quarters: DashboardQuarter[];
  criterionLevel?: DepthLevel;
  /** The state dashboard's choice of whose trend (the initiative's or a region's). */
  chooser?: React.ReactNode;
}) {
  const { t } = useTranslation("dashboard");
  const [fiscal, setFiscal] = useState(false);
  const radios = useId();
  const hasFiscal = quarters.some((q) => q.fiscalQuarter);
  const labelOf = (q: DashboardQuarter) => (fiscal && q.fiscalQuarter ? q.fiscalQuarter : q.quarter);
  const sorted = useMemo(() => [...quarters].sort((a, b) => a.quarter.localeCompare(b.quarter)), [quarters]);
  const meanOf = (q: DashboardQuarter, habit: string) => q.habits.find((h) => h.key === habit || h.habit === habit);

  const option = useMemo<ChartOption>(() => {
    const criterion = criterionLevel ? depthLevels.indexOf(criterionLevel) + 1 : 0;
    return {
      animation: false,
      grid: { left: 40, right: 16, top: 56, bottom: 32 },
      legend: { top: 0, type: "scroll" },
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (typeof v === "number" ? v.toFixed(2) : "–") },
      xAxis: { type: "category", data: sorted.map(labelOf) },
      yAxis: { type: "value", min: 0, max: 4, interval: 1 },
      series: habits.map((habit, i) => ({
        type: "line",
        name: t(`habits.${habit}`),
        data: sorted.map((q) => { const s = meanOf(q, habit); return s && s.teamsRated > 0 ? s.meanDepthScore : null; }),
        connectNulls: true,
        symbolSize: 8,
        lineStyle: { color: lineColours[i], type: dashes[i], width: 2 },
        itemStyle: { color: lineColours[i] },
        ...(i === 0 ? {
          markLine: {
            silent: true,
            symbol: "none",
            label: { formatter: "{b}", position: "insideEndTop", fontSize: 11 },
            data: depthLevels.map((level, band) => ({
              name: band + 1 === criterion ? `${t(`levels.${level}`)} ★` : t(`levels.${level}`),
              yAxis: band + 1,
              lineStyle: band + 1 === criterion ? { color: "#a51d2d", type: "solid", width: 2 } : { color: "#888", type: "dotted", width: 1 },
            })),
          },
        } : {}),
      })),
    };
    // labelOf reads `fiscal`; t changes with the language.
  }, [sorted, fiscal, criterionLevel, t]);

  return (
    <section className="trend" aria-labelledby={`${radios}-heading`}>
      <h4 id={`${radios}-heading`}>{t("trend.headingOf", { name })}</h4>
      {chooser}
      <fieldset className="quarter-labels">
        <legend>{t("trend.labels")}</legend>
        <label><input type="radio" name={radios} checked={!fiscal} onChange={() => setFiscal(false)} /> {t("trend.calendar")}</label>
        <label><input type="radio" name={radios} checked={fiscal} onChange={() => setFiscal(true)} /> {t("trend.fiscal")}</label>
      </fieldset>
      {fiscal && !hasFiscal && <p className="note">{t("trend.noFiscal")}</p>}
      {sorted.length === 0 ? <p>{t("trend.none")}</p> : (
        <>
          <EChart option={option} height={300} className="trend-chart" />
          <details>
            <summary>{t("showTable")}</summary>
            <div className="table-scroll" role="region" aria-label={t("trend.table", { name })} tabIndex={0}>
              <table>
                <thead>
                  <tr><th scope="col">{t("trend.quarter")}</th>{habits.map((h) => <th key={h} scope="col">{t("trend.meanOf", { habit: t(`habits.${h}`) })}</th>)}</tr>
                </thead>
                <tbody>
                  {sorted.map((q) => (
                    <tr key={q.quarter} data-quarter={q.quarter}>
                      <th scope="row">{labelOf(q)}</th>
                      {habits.map((h) => {
                        const s = meanOf(q, h);
                        return <td key={h}>{s && s.teamsRated > 0 ? `${s.meanDepthScore.toFixed(2)} (${s.teamsRated})` : "–"}</td>;
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
