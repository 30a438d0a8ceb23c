import { useId, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { send, type Initiative, type Region } from "../../api";
import { accessToken } from "../../auth";
import type { DepthLevel } from "../../protocol";
import { paths, type DashboardView } from "./api";
import { Trends } from "./Trends";

/**
 * The state dashboard's trend: the whole initiative's, or a region's chosen here (its roll-up read over REST, again
 * whenever the initiative's version moves).
 */
export function StateTrends({ tenantId, initiative, view, regions, criterionLevel }: {
  tenantId: string;
  initiative: Initiative;
  view: DashboardView;
  regions: Region[];
  criterionLevel?: DepthLevel;
}) {
  const { t } = useTranslation("dashboard");
  const chooser = useId();
  const [regionId, setRegionId] = useState("");
  const region = useQuery({
    queryKey: ["tenants", tenantId, "initiatives", initiative.id, "regions", regionId, "rollup", view.version],
    queryFn: () => send<DashboardView>(accessToken, "GET", paths.rollup(tenantId, initiative.id, regionId)),
    enabled: regionId !== "",
    placeholderData: (previous) => previous,
  });
  const shown = regionId === "" ? view : region.data?.regionId === regionId ? region.data : undefined;
  const name = regionId === "" ? initiative.name : regions.find((r) => r.id === regionId)?.name ?? regionId;
  const pick = (
    <p>
      <label htmlFor={chooser}>{t("heat.region")}</label>{" "}
      <select id={chooser} value={regionId} onChange={(e) => setRegionId(e.target.value)}>
        <option value="">{t("state")}: {initiative.name}</option>
        {regions.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
      </select>
    </p>
  );
  if (region.error) return <>{pick}<p role="alert" className="error">{region.error.message}</p></>;
  return shown ? <Trends name={name} quarters={shown.quarters} criterionLevel={criterionLevel} chooser={pick} /> : pick;
}
