import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { openRound } from "../../convening";
import type { ConnectionStatus } from "../../hub";
import { useConveningHub } from "../../hooks/useConveningHub";
import { LanguageSwitcher } from "../../i18n/LanguageSwitcher";
import { refusalWords } from "../../i18n/refusal";
import { ConsensusVote } from "./ConsensusVote";
import type { GuestSession } from "./guestSession";

/** A guest in the live convening: one thing at a time (the current activity), who is here, and the connection's state. */
export function LiveConvening({ session, onLeave }: { session: GuestSession; onLeave: () => void }) {
  const { t, i18n } = useTranslation();
  const [expired, setExpired] = useState(() => session.expiresAt <= Date.now());
  const [error, setError] = useState<string>();

  // The token is not renewed: when it ends, so does this guest's place (a new code gives a new one).
  useEffect(() => {
    const timer = setTimeout(() => setExpired(true), Math.max(0, Math.min(session.expiresAt - Date.now(), 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session]);

  const { state, me, status, back, act } = useConveningHub({
    tenantId: session.tenantId,
    conveningId: session.conveningId,
    accessToken: () => session.accessToken,
    join: { guestRole: session.guestRole },
    enabled: !expired,
  });

  const round = state && !expired ? openRound(state) : undefined;
  const present = state ? state.participants.filter((p) => state.present.includes(p.id)) : [];
  const activity = state?.convening.agenda.find((a) => a.id === state.activeItemId);

  const connection = (s: ConnectionStatus) => {
    switch (s.state) {
      case "live": return `${back ? `${t("live.connection.back")} ` : ""}${t("live.here", { name: me?.displayName ?? t("live.aGuest") })}`;
      case "refused": return refusalWords(t, i18n.language, s.error);
      case "offline": return t("live.connection.offline");
      default: return t(`live.connection.${s.state}`);
    }
  };

  return (
    <main className="join">
      <LanguageSwitcher />
      <h1>{state?.convening.title ?? session.title}</h1>
      <p className="status" aria-live="polite">{expired ? t("live.invitationEnded") : connection(status)}</p>
      {state?.ended && <p role="status">{t("live.ended")}</p>}
      {activity && <p>{t("live.now")} <strong>{activity.title}</strong></p>}

      {round && <ConsensusVote key={round.number} round={round} act={act} onRefused={setError} />}
      {state && !round && !state.ended && <p>{t("live.waiting")}</p>}
      {error && <p role="alert" className="error">{error}</p>}

      <section aria-labelledby="present-heading">
        <h2 id="present-heading">{t("live.whoIsHereCount", { count: present.length })}</h2>
        <ul aria-label={t("live.whoIsHere")} className="present">
          {present.map((p) => (
            <li key={p.id} data-participant={p.id}>
              {p.displayName} <small>— {t(`roles.${p.stakeholderRole}`)}{p.isFacilitator ? t("live.facilitator") : ""}{p.id === me?.id ? t("live.you") : ""}</small>
            </li>
          ))}
        </ul>
      </section>
      <button type="button" onClick={onLeave}>{expired ? t("live.newCode") : t("live.leave")}</button>
    </main>
  );
}
