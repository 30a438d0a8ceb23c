import { useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ConnectionStatus } from "../../hub";
import { useConveningHub, type ConveningHubOptions } from "../../hooks/useConveningHub";
import { LanguageSwitcher } from "../../i18n/LanguageSwitcher";
import { refusalWords } from "../../i18n/refusal";
import { Activity } from "./Activity";
import { MyActions } from "./MyActions";
import { Presence } from "./Presence";
import { useOnline } from "./useOnline";
import "./messages";
import "./participate.css";

export interface ParticipantViewProps extends ConveningHubOptions {
  /** Shown until the snapshot names the convening. */
  title?: string;
  /** Said instead of the connection's state (e.g. the guest's invitation has ended). */
  notice?: string;
  /** What the page adds at the end (leave, a new code). */
  footer?: ReactNode;
  /** False where the page around it already offers the languages (the signed-in app's header). */
  languages?: boolean;
}

/**
 * A participant in a live convening, phone first: the title, the connection's state, and one thing at a time (the
 * running activity), then who is here. Guests (/join) and members (/convenings/{id}/live) see the same view; each route
 * hands it its token and what `Join` sends.
 */
export function ParticipantView({ title, notice, footer, languages = true, ...hub }: ParticipantViewProps) {
  const { t, i18n } = useTranslation();
  const hubState = useConveningHub(hub);
  const { me, status, back, act, people } = hubState;
  // A participant's snapshot names only the facilitators and themself; the people looked up since (the café table's)
  // are shown under their names too.
  const state = useMemo(() => hubState.state && { ...hubState.state, participants: Object.values(people) }, [hubState.state, people]);
  const { online, wasOffline } = useOnline();

  const connection = (s: ConnectionStatus) => {
    if (!online) return t("live.connection.offline");
    switch (s.state) {
      case "live": return `${back || wasOffline ? `${t("live.connection.back")} ` : ""}${t("live.here", { name: me?.displayName ?? t("live.aGuest") })}`;
      case "refused": return refusalWords(t, i18n.language, s.error);
      case "offline": return t("live.connection.offline");
      default: return t(`live.connection.${s.state}`);
    }
  };
  const activity = state?.convening.agenda.find((a) => a.id === state.activeItemId);

  return (
    <main className="join participate">
      {languages && <LanguageSwitcher />}
      <h1>{state?.convening.title ?? title}</h1>
      <p className="status" aria-live="polite" data-testid="connection">{notice ?? connection(status)}</p>
      {state?.ended && <p role="status">{t("live.ended")}</p>}
      {state && !state.ended && activity && <p>{t("live.now")} <strong>{activity.title}</strong></p>}
      {state && me && !state.ended && !notice && <Activity state={state} me={me} act={act} source={hub} />}
      {state && me && (state.ended || state.personalActions?.closed) && state.personalActions && state.personalActions.actions.some((a) => a.participantId === me.id) && (
        <MyActions source={hub} participantId={me.id} />
      )}
      {state && <Presence state={state} me={me} />}
      {footer}
    </main>
  );
}
