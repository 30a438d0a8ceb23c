import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import type { User } from "oidc-client-ts";
import { ApiError, apiWith, scopesOf, type Initiative, type Me, type Region, type Team } from "./api";
import { accessToken, callbackPath, completeSignIn, currentUser, signIn, signOut, userManager } from "./auth";
import { JoinPage } from "./JoinPage";
import { StateView } from "./StateView";
import "./app.css";

const api = apiWith(accessToken);

// Three pages: the signed-in home (the live state view), the sign-in callback, and the guests' join page.
function Root() {
  const [path, setPath] = useState(() => window.location.pathname.replace(/\/+$/, "") || "/");
  const go = (to: string) => {
    window.history.replaceState(null, "", to);
    setPath(new URL(to, window.location.origin).pathname.replace(/\/+$/, "") || "/");
  };
  if (path === callbackPath) return <Callback go={go} />;
  if (path === "/join") return <JoinPage />;
  return <SignedIn />;
}

/** Back from the authorization server: redeems the code, then returns to where the user was. */
function Callback({ go }: { go: (to: string) => void }) {
  const [error, setError] = useState<string>();
  useEffect(() => {
    // Once only: a code is redeemed once (StrictMode runs effects twice in development).
    let done = false;
    if (!handled) {
      handled = completeSignIn();
    }
    handled.then((returnTo) => { if (!done) go(returnTo); }, (e: Error) => { if (!done) setError(e.message); });
    return () => { done = true; };
  }, []);
  return (
    <main className="page">
      {error
        ? <><h1>Sign-in did not complete</h1><p role="alert">{error}</p><button type="button" onClick={() => go("/")}>Try again</button></>
        : <p aria-live="polite">Signing in…</p>}
    </main>
  );
}
let handled: Promise<string> | undefined;

/** The app for people who sign in: sends them to sign in when they have no session. */
function SignedIn() {
  const [user, setUser] = useState<User | null>();
  const [ended, setEnded] = useState(false);

  useEffect(() => {
    const loaded = (u: User) => { setUser(u); setEnded(false); };
    const unloaded = () => setUser(null);
    const renewFailed = () => setEnded(true);
    userManager.events.addUserLoaded(loaded);
    userManager.events.addUserUnloaded(unloaded);
    userManager.events.addSilentRenewError(renewFailed);
    currentUser().then((u) => (u ? setUser(u) : signIn()), () => signIn());
    return () => {
      userManager.events.removeUserLoaded(loaded);
      userManager.events.removeUserUnloaded(unloaded);
      userManager.events.removeSilentRenewError(renewFailed);
    };
  }, []);

  if (!user) return <main className="page"><p aria-live="polite">Signing in…</p></main>;
  const name = user.profile.name ?? user.profile.email ?? "you";
  return (
    <>
      <header className="bar">
        <strong>LbcCommunity</strong>
        <span className="who">Signed in as <span data-testid="signed-in-name">{name}</span></span>
        <button type="button" onClick={() => void signOut()}>Sign out</button>
      </header>
      {ended && (
        <p role="alert" className="page">Your session could not be renewed. <button type="button" onClick={() => void signIn()}>Sign in again</button></p>
      )}
      <Home />
    </>
  );
}

/** The live state view of the caller's initiative (a coordinator: their region's view), and the teams by region. */
function Home() {
  const [me, setMe] = useState<Me>();
  const [initiatives, setInitiatives] = useState<Initiative[]>([]);
  const [initiativeId, setInitiativeId] = useState(() => new URLSearchParams(window.location.search).get("initiative") ?? undefined);
  const [regions, setRegions] = useState<Region[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [error, setError] = useState<string>();

  const fail = (e: Error) => {
    if (e instanceof ApiError && e.status === 401) void signIn();
    else setError(e.message);
  };

  useEffect(() => {
    api.me().then(async (caller) => {
      setMe(caller);
      if (!caller.tenantId || !mayWatch(caller)) return;
      const [initiativeList, regionList] = await Promise.all([api.initiatives(caller.tenantId), api.regions(caller.tenantId)]);
      setInitiatives(initiativeList);
      setRegions(regionList);
      setInitiativeId((chosen) => (initiativeList.some((i) => i.id === chosen) ? chosen : initiativeList[0]?.id));
    }).catch(fail);
  }, []);

  const tenantId = me?.tenantId;
  const stateAdmin = !!me?.roles.includes("state-admin");
  const coordinated = me ? scopesOf(me, "regional-coordinator") : [];
  useEffect(() => {
    if (!tenantId || !initiativeId || !me || !mayWatch(me)) return;
    const lists = stateAdmin ? [api.teams(tenantId, initiativeId)] : coordinated.map((r) => api.teams(tenantId, initiativeId, r));
    Promise.all(lists).then((all) => setTeams(all.flat())).catch(fail);
  }, [tenantId, initiativeId, stateAdmin, coordinated.join(",")]);

  const choose = (id: string) => {
    setInitiativeId(id);
    const url = new URL(window.location.href);
    url.searchParams.set("initiative", id);
    window.history.replaceState(null, "", url.pathname + url.search);
  };

  if (error) return <main className="page"><p role="alert">{error}</p></main>;
  if (!me) return <main className="page"><p aria-live="polite">Loading…</p></main>;
  if (!tenantId) {
    return <main className="page"><h1>Welcome</h1><p>You are signed in as a platform operator. Tenants are set up through the <a href="/api/reference">API</a>.</p></main>;
  }
  if (!mayWatch(me)) {
    return (
      <main className="page">
        <h1>Welcome, {me.displayName ?? "friend"}</h1>
        <p role="status">The live state view is for state staff and regional coordinators, so there is nothing to show you here yet.
          Your team's work happens in its convenings; your facilitator will share the link when one begins.</p>
      </main>
    );
  }

  const initiative = initiatives.find((i) => i.id === initiativeId);
  const shownRegions = stateAdmin ? regions : regions.filter((r) => coordinated.includes(r.id));
  return (
    <main className="page">
      {initiatives.length > 1 && (
        <label>
          Initiative{" "}
          <select value={initiativeId} onChange={(e) => choose(e.target.value)}>
            {initiatives.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
          </select>
        </label>
      )}
      {initiatives.length === 0 && <p>This state has no initiative yet.</p>}
      {initiative && (
        <section key={initiative.id}>
          <h1>{initiative.name}</h1>
          {stateAdmin
            ? <StateView tenantId={tenantId} initiativeId={initiative.id} accessToken={accessToken} />
            : shownRegions.map((r) => (
                <StateView key={r.id} tenantId={tenantId} initiativeId={initiative.id} regionId={r.id} regionName={r.name} accessToken={accessToken} />
              ))}
          {shownRegions.map((region) => {
            const inRegion = teams.filter((t) => t.regionId === region.id);
            return inRegion.length === 0 ? null : (
              <details key={region.id}>
                <summary>{region.name} ({inRegion.length} {inRegion.length === 1 ? "team" : "teams"})</summary>
                <ul>{inRegion.map((t) => <li key={t.id}>{t.name} · {t.memberCount} members</li>)}</ul>
              </details>
            );
          })}
        </section>
      )}
      <p><a href="/api/reference">API reference</a></p>
    </main>
  );
}

/** State staff watch the whole initiative; a regional coordinator watches their region. */
const mayWatch = (me: Me) => me.roles.includes("state-admin") || me.roles.includes("regional-coordinator");

createRoot(document.getElementById("root")!).render(<StrictMode><Root /></StrictMode>);
