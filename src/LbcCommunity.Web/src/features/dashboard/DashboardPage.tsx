import { useEffect } from "react";
import { Link, Navigate, useParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { ApiError, scopesOf, type Region } from "../../api";
import { signIn } from "../../auth";
import { mayWatch, useInitiatives, useMe, useRegions } from "../home/queries";
import { Dashboard } from "./Dashboard";
import "./messages";

/**
 * `/initiatives/{i}` (the state's dashboard, state staff) and `/initiatives/{i}/regions/{r}` (a region's, state staff
 * and that region's coordinator). A coordinator who opens the state's address is taken to their region; one who opens
 * another region's is told so in words, with the way to their own. The server refuses the same (the roll-ups' access
 * rules); this only spares the person a bare refusal.
 */
export function DashboardPage() {
  const { t } = useTranslation("dashboard");
  const { initiativeId = "", regionId } = useParams();
  const me = useMe();
  const caller = me.data;
  const tenantId = caller?.tenantId;
  const watching = !!caller && mayWatch(caller);
  const initiatives = useInitiatives(tenantId, watching);
  const regions = useRegions(tenantId, watching);
  const error = me.error ?? initiatives.error ?? regions.error;
  const expired = error instanceof ApiError && error.status === 401;
  useEffect(() => { if (expired) void signIn(); }, [expired]);

  if (error && !expired) return <main className="page"><p role="alert">{error.message}</p></main>;
  if (!caller || !tenantId || (watching && (!initiatives.data || !regions.data))) {
    return <main className="page"><p aria-live="polite">{t("loading")}</p></main>;
  }
  if (!watching) return <main className="page"><h1>{t("stateTitle")}</h1><p role="status">{t("notWatcher")}</p></main>;

  const stateAdmin = caller.roles.includes("state-admin");
  const coordinated = scopesOf(caller, "regional-coordinator");
  const allRegions = regions.data ?? [];
  const own = allRegions.filter((r) => coordinated.includes(r.id));
  const regionPath = (r: Region) => `/initiatives/${encodeURIComponent(initiativeId)}/regions/${encodeURIComponent(r.id)}`;
  if (!stateAdmin && !regionId && own.length === 1) return <Navigate to={regionPath(own[0])} replace />;

  const initiative = initiatives.data?.find((i) => i.id === initiativeId);
  const region = allRegions.find((r) => r.id === regionId);
  const refused = !stateAdmin && (!regionId || !coordinated.includes(regionId));
  if (!initiative || refused || (regionId && !region)) {
    return (
      <main className="page dashboard-page">
        <h1>{t("stateTitle")}</h1>
        <p role="alert" className="error">{refused ? t("notYours") : t("notFound", { path: `${initiativeId}${regionId ? ` / ${regionId}` : ""}` })}</p>
        {own.length > 0 && <ul>{own.map((r) => <li key={r.id}><Link to={regionPath(r)}>{r.name}</Link></li>)}</ul>}
      </main>
    );
  }

  return (
    <main className="page dashboard-page">
      <nav aria-label={t("breadcrumb")} className="breadcrumb">
        <ol>
          {stateAdmin && <li><Link to={`/initiatives/${encodeURIComponent(initiative.id)}`} aria-current={region ? undefined : "page"}>{t("state")}: {initiative.name}</Link></li>}
          {region && <li><Link to={regionPath(region)} aria-current="page">{region.name}</Link></li>}
        </ol>
      </nav>
      <h1>{region ? t("regionHeading", { initiative: initiative.name, region: region.name }) : t("stateHeading", { initiative: initiative.name })}</h1>
      <ul className="report-links">
        <li><Link to={`/initiatives/${encodeURIComponent(initiative.id)}${region ? `/regions/${encodeURIComponent(region.id)}` : ""}/reports`}>{t("reportLinks.reports")}</Link></li>
        {stateAdmin && <li><Link to={`/initiatives/${encodeURIComponent(initiative.id)}/evidence`}>{t("reportLinks.evidence")}</Link></li>}
      </ul>
      <Dashboard key={`${initiative.id}/${regionId ?? ""}`} tenantId={tenantId} initiative={initiative} regionId={regionId} regions={allRegions} stateAdmin={stateAdmin} />
    </main>
  );
}
