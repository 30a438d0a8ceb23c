import { useEffect } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { ApiError, scopesOf } from "../../api";
import { signIn } from "../../auth";
import { Dashboard } from "../dashboard/Dashboard";
import { MyConveningsOf } from "../convenings/MyConvenings";
import { MyTeams } from "../team/MyTeams";
import { MyCommunities } from "../stories/MyCommunities";
import { mayWatch, useInitiatives, useMe, useRegions, useTeams } from "./queries";

/**
 * The live dashboard of the caller's initiative (a coordinator: their region's), with a way to its own page and to
 * their convenings, and the teams by region; for everyone else, their convenings themselves.
 */
export function Home() {
  const { t } = useTranslation("convenings");
  const { t: words } = useTranslation("dashboard");
  const [params, setParams] = useSearchParams();
  const me = useMe();
  const caller = me.data;
  const tenantId = caller?.tenantId;
  const watching = !!caller && mayWatch(caller);
  const initiatives = useInitiatives(tenantId, watching);
  const regions = useRegions(tenantId, watching);

  const list = initiatives.data ?? [];
  const chosen = params.get("initiative") ?? undefined;
  const initiativeId = list.some((i) => i.id === chosen) ? chosen : list[0]?.id;
  const stateAdmin = !!caller?.roles.includes("state-admin");
  const coordinated = caller ? scopesOf(caller, "regional-coordinator") : [];
  const teams = useTeams(tenantId, watching ? initiativeId : undefined, stateAdmin ? [undefined] : coordinated);

  const error = me.error ?? initiatives.error ?? regions.error ?? teams.error;
  const expired = error instanceof ApiError && error.status === 401;
  useEffect(() => { if (expired) void signIn(); }, [expired]);

  const choose = (id: string) => setParams((p) => { p.set("initiative", id); return p; }, { replace: true });
  const chooseRegion = (id: string) => setParams((p) => { p.set("region", id); return p; }, { replace: true });

  if (error && !expired) return <main className="page"><p role="alert">{error.message}</p></main>;
  if (!caller) return <main className="page"><p aria-live="polite">{t("loading")}</p></main>;
  if (!tenantId) {
    return <main className="page"><h1>{t("home.operatorHeading")}</h1><p>{t("home.operator")} <a href="/api/reference">{t("home.apiReference")}</a></p></main>;
  }
  if (!watching) {
    return (
      <main className="page convenings">
        <h1>{t("home.welcome", { name: caller.displayName ?? t("home.friend") })}</h1>
        <MyTeams me={caller} tenantId={tenantId} />
        <MyCommunities me={caller} tenantId={tenantId} />
        <p role="status">{t("home.notWatcher")}</p>
        <MyConveningsOf me={caller} tenantId={tenantId} compact />
      </main>
    );
  }

  const initiative = list.find((i) => i.id === initiativeId);
  const allRegions = regions.data ?? [];
  const shownRegions = stateAdmin ? allRegions : allRegions.filter((r) => coordinated.includes(r.id));
  // A coordinator of several regions sees one region's dashboard at a time (each would repeat the same headings).
  const dashboardRegion = shownRegions.find((r) => r.id === params.get("region")) ?? shownRegions[0];
  return (
    <main className="page">
      <p><Link to="/convenings">{t("home.watcherLink")}</Link></p>
      {list.length > 1 && (
        <label>
          {t("home.initiative")}{" "}
          <select value={initiativeId} onChange={(e) => choose(e.target.value)}>
            {list.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
          </select>
        </label>
      )}
      {initiatives.isSuccess && list.length === 0 && <p>{t("home.noInitiative")}</p>}
      {initiative && (
        <section key={initiative.id}>
          <h1>{initiative.name}</h1>
          <ul className="dashboard-links">
            {stateAdmin
              ? <li><Link to={`/initiatives/${encodeURIComponent(initiative.id)}`}>{words("open", { name: words("stateTitle") })}</Link></li>
              : shownRegions.map((r) => (
                  <li key={r.id}><Link to={`/initiatives/${encodeURIComponent(initiative.id)}/regions/${encodeURIComponent(r.id)}`}>{words("open", { name: r.name })}</Link></li>
                ))}
          </ul>
          {!stateAdmin && shownRegions.length > 1 && dashboardRegion && (
            <label>
              {t("home.region")}{" "}
              <select value={dashboardRegion.id} onChange={(e) => chooseRegion(e.target.value)}>
                {shownRegions.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
              </select>
            </label>
          )}
          {stateAdmin
            ? <Dashboard tenantId={tenantId} initiative={initiative} regions={allRegions} stateAdmin />
            : dashboardRegion && (
                <Dashboard key={dashboardRegion.id} tenantId={tenantId} initiative={initiative} regionId={dashboardRegion.id} regions={allRegions} stateAdmin={false} />
              )}
          {shownRegions.map((region) => {
            const inRegion = teams.teams.filter((t) => t.regionId === region.id);
            return inRegion.length === 0 ? null : (
              <details key={region.id}>
                <summary>{region.name} ({t("home.teams", { count: inRegion.length })})</summary>
                <ul>{inRegion.map((team) => <li key={team.id}>{team.name} · {t("home.members", { count: team.memberCount })}</li>)}</ul>
              </details>
            );
          })}
        </section>
      )}
      <p><a href="/api/reference">{t("home.apiReference")}</a></p>
    </main>
  );
}
