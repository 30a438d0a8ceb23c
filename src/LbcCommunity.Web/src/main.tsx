import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { api, type Initiative, type Region, type Team, type Tenant } from "./api";
import { StateView } from "./StateView";

// A state's initiatives: the live state view of depth of interaction, and the district teams by region.
function App() {
  const [tenants, setTenants] = useState<Tenant[]>([]);
  const [tenant, setTenant] = useState<string>();
  const [initiatives, setInitiatives] = useState<Initiative[]>([]);
  const [regions, setRegions] = useState<Region[]>([]);
  const [teams, setTeams] = useState<Record<string, Team[]>>({});
  const [error, setError] = useState<string>();

  useEffect(() => {
    api.tenants().then((list) => { setTenants(list); setTenant(list[0]?.id); }).catch((e: Error) => setError(e.message));
  }, []);

  useEffect(() => {
    if (!tenant) return;
    Promise.all([api.initiatives(tenant), api.regions(tenant)])
      .then(async ([initiativeList, regionList]) => {
        setInitiatives(initiativeList);
        setRegions(regionList);
        const byInitiative = await Promise.all(initiativeList.map((i) => api.teams(tenant, i.id)));
        setTeams(Object.fromEntries(initiativeList.map((i, n) => [i.id, byInitiative[n]])));
      })
      .catch((e: Error) => setError(e.message));
  }, [tenant]);

  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 960, margin: "0 auto", padding: 16 }}>
      <h1>LbcCommunity</h1>
      {error && <p role="alert">{error}</p>}
      <label>
        State{" "}
        <select value={tenant} onChange={(e) => setTenant(e.target.value)}>
          {tenants.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </select>
      </label>
      {initiatives.map((initiative) => (
        <section key={initiative.id}>
          <h2>{initiative.name}</h2>
          {tenant && <StateView tenantId={tenant} initiativeId={initiative.id} />}
          {regions.map((region) => {
            const inRegion = (teams[initiative.id] ?? []).filter((t) => t.regionId === region.id);
            return inRegion.length === 0 ? null : (
              <details key={region.id}>
                <summary>{region.name} ({inRegion.length} {inRegion.length === 1 ? "team" : "teams"})</summary>
                <ul>{inRegion.map((t) => <li key={t.id}>{t.name} · {t.memberCount} members</li>)}</ul>
              </details>
            );
          })}
        </section>
      ))}
      <p><a href="/api/reference">API reference</a></p>
    </main>
  );
}

createRoot(document.getElementById("root")!).render(<StrictMode><App /></StrictMode>);
