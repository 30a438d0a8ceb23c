import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ParticipantView } from "../participate/ParticipantView";
import type { GuestSession } from "./guestSession";

/** A guest in the live convening, with the pass their join code was exchanged for (it is not renewed). */
export function LiveConvening({ session, onLeave }: { session: GuestSession; onLeave: () => void }) {
  const { t } = useTranslation();
  const [expired, setExpired] = useState(() => session.expiresAt <= Date.now());

  // The token is not renewed: when it ends, so does this guest's place (a new code gives a new one).
  useEffect(() => {
    const timer = setTimeout(() => setExpired(true), Math.max(0, Math.min(session.expiresAt - Date.now(), 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session]);

  return (
    <ParticipantView
      tenantId={session.tenantId}
      conveningId={session.conveningId}
      accessToken={() => session.accessToken}
      join={{ guestRole: session.guestRole }}
      enabled={!expired}
      title={session.title}
      notice={expired ? t("live.invitationEnded") : undefined}
      footer={<button type="button" onClick={onLeave}>{expired ? t("live.newCode") : t("live.leave")}</button>}
    />
  );
}
