import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { GroupPerception, Team } from "../../api";
import { EChart, type ChartOption } from "../../components/EChart";
import { usePerception, useRubric, wordsIn } from "./queries";

const groups = ["members", "families", "staff"] as const;
const number = (n: number | undefined, language: string, signed = false) =>
  n === undefined || n === null ? undefined : n.toLocaleString(language, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: signed ? "exceptZero" : "auto" });

/** The members' latest own ratings against the team's consensus, per row: all of them, families, staff, and by role. */
export function PerceptionGapView({ tenantId, team }: { tenantId: string; team: Team }) {
  const { t, i18n } = useTranslation("team");
  const { t: common } = useTranslation();
  const rubric = useRubric(tenantId, team.initiativeId).data!;
  const perception = usePerception(tenantId, team.id);
  const rows = (perception.data?.rows ?? []).filter((r) => r.members.count > 0);
  const titleOf = (id: string) => wordsIn(rubric.rows.find((r) => r.id === id)?.title, i18n.language) || id;
  const lang = i18n.language;

  const option = useMemo<ChartOption>(() => ({
    animation: false,
    grid: { left: 36, right: 16, top: 16, bottom: 90 },
    legend: { bottom: 0 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: rows.map((r) => titleOf(r.rowId)), axisLabel: { interval: 0, width: 90, overflow: "truncate" } },
    yAxis: { type: "value", min: 0, max: 4, interval: 1 },
    series: [
      { type: "bar", name: t("gap.consensus"), data: rows.map((r) => r.consensusDepthScore ?? null), itemStyle: { color: "#333" } },
      ...groups.map((g, i) => ({
        type: "bar",
        name: t(`gap.${g}`),
        data: rows.map((r) => r[g].meanDepthScore ?? null),
        itemStyle: { color: ["#1a5fb4", "#c64600", "#26a269"][i] },
      })),
    ],
  }), [rows, lang]); // eslint-disable-line react-hooks/exhaustive-deps

  const group = (g: GroupPerception) => g.count === 0 ? t("gap.nobody") : (
    <>
      {t("gap.mean", { mean: number(g.meanDepthScore, lang), count: g.count })}
      {g.gapToConsensus !== undefined && g.gapToConsensus !== null && <><br /><small>{t("gap.gapTo", { gap: number(g.gapToConsensus, lang, true) })}</small></>}
    </>
  );

  return (
    <section id="gap" aria-labelledby="gap-heading" className="team-section">
      <h2 id="gap-heading">{t("gap.heading")}</h2>
      <p>{t("gap.intro")}</p>
      {perception.error && <p role="alert">{perception.error.message}</p>}
      {perception.data && rows.length === 0 && <p>{t("gap.none")}</p>}
      {rows.length > 0 && (
        <>
          <EChart option={option} height={320} />
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t("gap.table")}>
            <table className="gap-table">
              <thead>
                <tr>
                  <th scope="col">{t("gap.row")}</th>
                  <th scope="col">{t("gap.consensus")}</th>
                  {groups.map((g) => <th key={g} scope="col">{t(`gap.${g}`)}</th>)}
                  <th scope="col">{t("gap.familiesMinusStaff")}</th>
                  <th scope="col">{t("gap.byRole")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.rowId}>
                    <th scope="row">{titleOf(r.rowId)}</th>
                    <td>{number(r.consensusDepthScore, lang) ?? t("gap.nobody")}</td>
                    {groups.map((g) => <td key={g}>{group(r[g])}</td>)}
                    <td>{number(r.familiesMinusStaff, lang, true) ?? t("gap.nobody")}</td>
                    <td>
                      <ul className="by-role">
                        {r.byRole.map((x) => <li key={x.stakeholderRole}>{common(`roles.${x.stakeholderRole}`)}: {t("gap.mean", { mean: number(x.ratings.meanDepthScore, lang), count: x.ratings.count })}</li>)}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
