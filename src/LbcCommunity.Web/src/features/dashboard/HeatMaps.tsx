import { useTranslation } from "react-i18next";
import type { Region, RubricRow } from "../../api";
import { paths, useRegionTeams, type DashboardSummary, type DashboardView } from "./api";
import { Download } from "./Download";
import { HeatMap, type HeatColumn, type HeatLine } from "./HeatMap";
import { habits } from "./levels";

const e = encodeURIComponent;

/** The rubric's rows as columns, numbered within their habit ("2.3": the habit's third row). */
function useRowColumns(rubricRows: RubricRow[]): HeatColumn[] {
  const { i18n } = useTranslation("dashboard");
  return habits.flatMap((habit, h) => rubricRows
    .filter((r) => r.habit === habit)
    .map((r, i) => ({ key: r.id, short: `${h + 1}.${i + 1}`, title: r.title[i18n.language] ?? r.title.en, habit })));
}

/** A score only where some team is rated: an unrated region's cell says so rather than 0.00. */
const scoresOf = (summaries: DashboardSummary[] | undefined) =>
  Object.fromEntries((summaries ?? []).filter((s) => s.teamsRated > 0).map((s) => [s.key, s.meanDepthScore]));

/**
 * Regions × rubric rows: each region's mean depth now. A server that does not send the regions' rows yet gives the
 * regions × habits instead. Every cell and region name leads to that region's dashboard.
 */
export function StateHeatMap({ initiativeId, view, regions, rubricRows }: {
  initiativeId: string;
  view: DashboardView;
  regions: Region[];
  rubricRows: RubricRow[];
}) {
  const { t } = useTranslation("dashboard");
  const rowColumns = useRowColumns(rubricRows);
  const lines = view.regions ?? [];
  const byRow = lines.some((l) => l.rows !== undefined) && rowColumns.length > 0;
  const columns: HeatColumn[] = byRow ? rowColumns : habits.map((h) => ({ key: h, short: h, title: t(`habits.${h}`), habit: h }));
  const nameOf = (id: string) => regions.find((r) => r.id === id)?.name ?? id;
  const heat: HeatLine[] = [...lines]
    .sort((a, b) => nameOf(a.regionId).localeCompare(nameOf(b.regionId)))
    .map((line) => {
      const href = `/initiatives/${e(initiativeId)}/regions/${e(line.regionId)}`;
      return {
        key: line.regionId,
        name: nameOf(line.regionId),
        href,
        note: t("heat.teamsRated", { rated: line.teamsRated, teams: line.teams }),
        scores: scoresOf(byRow ? line.rows : line.habits),
        cellHref: () => href,
      };
    });
  return (
    <section className="heat">
      <h3>{t("heat.regionsHeading")}</h3>
      {!byRow && lines.length > 0 && <p className="note">{t("heat.habitsOnly")}</p>}
      <HeatMap label={t("heat.regionsHeading")} caption={t("heat.regionsCaption")} firstColumn={t("heat.region")} columns={columns} lines={heat} />
    </section>
  );
}

/**
 * A region's teams × rubric rows: each team's latest consensus depth score per row. Every cell leads to that row's
 * history on the team's page.
 */
export function RegionHeatMap({ tenantId, initiativeId, regionId, regionName, version, rubricRows }: {
  tenantId: string;
  initiativeId: string;
  regionId: string;
  regionName: string;
  version: number;
  rubricRows: RubricRow[];
}) {
  const { t, i18n } = useTranslation("dashboard");
  const columns = useRowColumns(rubricRows);
  const rated = useRegionTeams(tenantId, initiativeId, regionId, version);
  const teams = rated.data?.teams ?? [];
  const teamHref = (id: string) => `/teams/${e(id)}`;
  const heat: HeatLine[] = [...teams]
    .sort((a, b) => a.teamName.localeCompare(b.teamName))
    .map((team) => ({
      key: team.teamId,
      name: team.teamName,
      href: teamHref(team.teamId),
      note: `${t("heat.lastRated")}: ${team.lastRatedAt ? new Date(team.lastRatedAt).toLocaleDateString(i18n.language) : t("heat.never")}`,
      scores: Object.fromEntries(team.rows.map((r) => [r.rowId, r.depthScore])),
      cellHref: (column) => `${teamHref(team.teamId)}?row=${e(column.key)}`,
    }));
  const error = rated.error;
  return (
    <section className="heat">
      <h3>{t("heat.teamsHeading")}</h3>
      {error instanceof Error && <p role="alert" className="error">{error.message}</p>}
      <HeatMap label={t("heat.teamsHeading")} caption={t("heat.teamsCaption")} firstColumn={t("heat.team")} columns={columns} lines={heat} />
      <Download path={`${paths.regionTeams(tenantId, initiativeId, regionId)}.csv`} fileName={`${initiativeId}-${regionId}-teams.csv`} what={`${t("heat.teamsHeading")} (${regionName})`} />
    </section>
  );
}
