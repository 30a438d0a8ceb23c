import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Initiative, Region } from "../../api";
import { accessToken } from "../../auth";
import type { ConnectionStatus } from "../../hub";
import { useMonitoringHub } from "../../hooks/useMonitoringHub";
import { api } from "../home/queries";
import { dashboardApi, paths, useAttention, type DashboardView } from "./api";
import { Attention } from "./Attention";
import { Download } from "./Download";
import { RegionHeatMap, StateHeatMap } from "./HeatMaps";
import { NowTable } from "./NowTable";
import { StateTrends } from "./StateTrends";
import { Trends } from "./Trends";
import "./messages";
import "./dashboard.css";

export const useRubric = (tenantId: string, version: number) =>
  useQuery({ queryKey: ["tenants", tenantId, "rubrics", version], queryFn: () => api.rubric(tenantId, version), staleTime: Infinity });

/** The connection's state in the reader's language (a refusal in the server's words). */
export function useStatusWords() {
  const { t } = useTranslation("dashboard");
  return (status: ConnectionStatus) => {
    switch (status.state) {
      case "offline": return t("status.offline", { message: status.message });
      case "refused": return status.error.text;
      default: return t(`status.${status.state}`);
    }
  };
}

/**
 * An initiative's dashboard (state staff), or one region's (its coordinator too): the heat map, the trends, the
 * counts now and the lists that ask for action. The roll-up comes live over the MonitoringHub; the reads beside it
 * (the region's teams, the lists) are read again whenever its version moves, so the whole page follows the convenings.
 * The section keeps `data-version`, the roll-up's version, for whoever waits on a change.
 */
export function Dashboard({ tenantId, initiative, regionId, regions, stateAdmin }: {
  tenantId: string;
  initiative: Initiative;
  regionId?: string;
  regions: Region[];
  stateAdmin: boolean;
}) {
  const { t } = useTranslation("dashboard");
  const { view: live, status } = useMonitoringHub(tenantId, initiative.id, regionId, accessToken);
  const view = live as DashboardView | undefined;
  const rubric = useRubric(tenantId, initiative.rubricVersion);
  const criterion = useAttention(tenantId, initiative.id, regionId, 90, view?.version).data?.criterion;
  const statusWords = useStatusWords();
  const regionName = regions.find((r) => r.id === regionId)?.name ?? regionId;
  const title = regionId ? t("regionTitle", { name: regionName }) : t("stateTitle");
  const shown = statusWords(status);

  if (status.state === "refused") return <p role="alert" className="error">{title}: {shown}</p>;
  if (!view) return <p aria-live="polite">{title}: {shown}…</p>;
  const rubricRows = rubric.data?.rows ?? [];
  const ratings = view.version;
  return (
    <section aria-label={title} data-version={view.version} className="dashboard">
      <h2>{title} <small>{t("summary", { status: shown, rated: view.teamsRated, teams: view.teams, ratings })}</small></h2>
      <p className={`live-note ${status.state === "live" ? "is-live" : ""}`}>
        <span className="live-dot" aria-hidden="true" />{status.state === "live" ? t("liveNote") : shown}
      </p>
      <Download
        path={`${paths.rollup(tenantId, initiative.id, regionId)}.csv`}
        fileName={`${initiative.id}${regionId ? `-${regionId}` : ""}-rollup.csv`}
        what={title}
      />
      {regionId
        ? <RegionHeatMap tenantId={tenantId} initiativeId={initiative.id} regionId={regionId} regionName={regionName ?? regionId} version={view.version} rubricRows={rubricRows} />
        : <StateHeatMap initiativeId={initiative.id} view={view} regions={regions} rubricRows={rubricRows} />}
      <section className="trends">
        <h3>{t("trend.heading")}</h3>
        {regionId
          ? <Trends name={regionName ?? regionId} quarters={view.quarters} criterionLevel={criterion?.level} />
          : <StateTrends tenantId={tenantId} initiative={initiative} view={view} regions={regions} criterionLevel={criterion?.level} />}
      </section>
      <NowTable view={view} rubricRows={rubricRows} />
      <Attention
        tenantId={tenantId}
        initiativeId={initiative.id}
        regionId={regionId}
        version={view.version}
        rubricRows={rubricRows}
        stateAdmin={stateAdmin}
        csvPath={(days) => dashboardApi.attentionCsv(tenantId, initiative.id, regionId, days)}
      />
    </section>
  );
}
