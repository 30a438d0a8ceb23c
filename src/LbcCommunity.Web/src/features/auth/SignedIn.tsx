import { useEffect, useState } from "react";
import { NavLink, Outlet } from "react-router-dom";
import { useTranslation } from "react-i18next";
import type { User } from "oidc-client-ts";
import { currentUser, signIn, signOut, userManager } from "../../auth";
import { LanguageSwitcher } from "../../i18n/LanguageSwitcher";
import "../convenings/messages";
import { InboxLink } from "../notifications/InboxLink";


/** The app for people who sign in: sends them to sign in when they have no session, then shows the page inside. */
export function SignedIn() {
  const { t } = useTranslation("convenings");
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

  if (!user) return <main className="page"><p aria-live="polite">{t("header.signingIn")}</p></main>;
  const name = user.profile.name ?? user.profile.email ?? "";
  return (
    <>
      <header className="bar">
        <strong>LbcCommunity</strong>
        <nav aria-label={t("nav.label")} className="main-nav">
          <NavLink to="/" end>{t("nav.home")}</NavLink>
          <NavLink to="/convenings" end>{t("nav.mine")}</NavLink>
          <InboxLink />
        </nav>
        <span className="who">{t("header.signedInAs")} <span data-testid="signed-in-name">{name}</span></span>
        <LanguageSwitcher />
        <button type="button" onClick={() => void signOut()}>{t("header.signOut")}</button>
      </header>
      {ended && (
        <p role="alert" className="page">{t("header.renewFailed")} <button type="button" onClick={() => void signIn()}>{t("header.signInAgain")}</button></p>
      )}
      <Outlet />
    </>
  );
}
