import { useEffect, useState } from "react";
import { Outlet } from "react-router-dom";
import type { User } from "oidc-client-ts";
import { currentUser, signIn, signOut, userManager } from "../../auth";

/** The app for people who sign in: sends them to sign in when they have no session, then shows the page inside. */
export function SignedIn() {
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
      <Outlet />
    </>
  );
}
