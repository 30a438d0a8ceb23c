import { useParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import "./messages";
import "./console.css";
import type { ConnectionStatus } from "../../hub";
import { useConveningHub, type ConveningHub } from "../../hooks/useConveningHub";
import { accessToken } from "../../auth";
import { refusalWords } from "../../i18n/refusal";
import { useMe } from "./queries";
import { WhoIsHere } from "./WhoIsHere";
import { AgendaStepper } from "./AgendaStepper";
import { CloseConvening } from "./CloseConvening";
import { activityPanels } from "./panels";

const join = {};

/** `/convenings/{conveningId}/run`: the facilitator's live console, for the signed-in person's tenant. */
export function ConsolePage() {
  const { conveningId = "" } = useParams();
  const { t } = useTranslation("console");
  const me = useMe();
  const tenantId = me.data?.tenantId;
  if (me.error) return <main className="page console"><p role="alert" className="error">{me.error.message}</p></main>;
  if (!tenantId) return <main className="page console"><p aria-live="polite">{t("loading")}</p></main>;
  return <LiveConsole key={`${tenantId}/${conveningId}`} tenantId={tenantId} conveningId={conveningId} />;
}

function LiveConsole({ tenantId, conveningId }: { tenantId: string; conveningId: string }) {
  const { t } = useTranslation("console");
  // The member joins as themself: the token names them; a facilitator's snapshot is whole.
  const hub = useConveningHub({ tenantId, conveningId, accessToken, join });
  const { state, me, act, previewCafeRound } = hub;
  const present = state ? state.present.length : 0;
  const item = state?.convening.agenda.find((a) => a.id === state.activeItemId);
  const Panel = item ? activityPanels[item.kind] : undefined;

  return (
    <main className="page console">
      <header className="console-header">
        <h1>{state?.convening.title ?? t("heading")}</h1>
        <p className="status">
          <span aria-live="polite" data-testid="connection"><Connection hub={hub} /></span>
          {state && <> · <span data-testid="present-count">{t("present", { count: present })}</span></>}
        </p>
      </header>
      {state && me && !me.isFacilitator && <p role="alert" className="error">{t("notFacilitator")}</p>}
      {state && me?.isFacilitator && (
        <div className="console-grid">
          <div className="agenda-area"><AgendaStepper state={state} act={act} /></div>
          <div className="who-area"><WhoIsHere state={state} /></div>
          <div className="main-area">
            {!state.ended && !item && <p>{t("startFirst")}</p>}
            {!state.ended && item && Panel && <Panel key={item.id} tenantId={tenantId} conveningId={conveningId} state={state} me={me} item={item} act={act} previewCafeRound={previewCafeRound} />}
            <CloseConvening conveningId={conveningId} ended={state.ended} act={act} />
          </div>
        </div>
      )}
    </main>
  );
}

/** The connection's state in words (a refusal of the join in the chosen language). */
function Connection({ hub }: { hub: ConveningHub }) {
  const { t, i18n } = useTranslation("console");
  const { t: words } = useTranslation();
  const status: ConnectionStatus = hub.status;
  switch (status.state) {
    case "live": return <>{hub.back ? t("connection.back") : t("connection.live")}</>;
    case "refused": return <span className="error">{refusalWords(words, i18n.language, status.error)}</span>;
    case "offline": return <>{t("connection.offline")}</>;
    default: return <>{t(`connection.${status.state}`)}</>;
  }
}
