import { apiWith } from "../../api";
import type { StakeholderRole } from "../../protocol";

/** A guest's pass to one convening: the short-lived token the join code was exchanged for, and where it leads. */
export interface GuestSession {
  accessToken: string;
  expiresAt: number;
  tenantId: string;
  conveningId: string;
  title: string;
  guestRole: StakeholderRole;
}

/** Why a join code did not work, for the page to say in the person's language (or the server's words, if neither). */
export type ExchangeFailure = { reason: "code-not-valid" } | { reason: "no-convening" } | { reason: "refused"; status: number; description?: string };

export class ExchangeError extends Error {
  constructor(readonly failure: ExchangeFailure) { super(failure.reason); }
}

// Kept for the tab only, so a reload comes back as the same guest while the token lasts.
const storageKey = "lbc.guest";

export function storedSession(): GuestSession | undefined {
  try {
    const session = JSON.parse(sessionStorage.getItem(storageKey) ?? "null") as GuestSession | null;
    return session && session.expiresAt > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

export const keepSession = (session: GuestSession) => sessionStorage.setItem(storageKey, JSON.stringify(session));
export const forgetSession = () => sessionStorage.removeItem(storageKey);

/** Exchanges a join code and a display name for a guest token, and finds the convening it opens. */
export async function exchange(code: string, displayName: string, guestRole: StakeholderRole): Promise<GuestSession> {
  const response = await fetch("/connect/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: new URLSearchParams({
      grant_type: "urn:lbc:params:oauth:grant-type:join-code",
      client_id: "lbc-web",
      join_code: code,
      display_name: displayName,
    }),
  });
  const answer = (await response.json().catch(() => undefined)) as { access_token?: string; expires_in?: number; error?: string; error_description?: string } | undefined;
  if (!response.ok || !answer?.access_token) {
    // invalid_grant is the one answer for a code that is unknown, expired or revoked (the server tells them apart to no one).
    throw new ExchangeError(answer?.error === "invalid_grant"
      ? { reason: "code-not-valid" }
      : { reason: "refused", status: response.status, description: answer?.error_description });
  }

  const accessToken = answer.access_token;
  const api = apiWith(() => Promise.resolve(accessToken));
  const me = await api.me();
  const conveningId = me.grants.find((g) => g.startsWith("guest:"))?.split(":")[1];
  if (!me.tenantId || !conveningId) throw new ExchangeError({ reason: "no-convening" });
  const convening = await api.convening(me.tenantId, conveningId);
  return {
    accessToken,
    expiresAt: Date.now() + (Number(answer.expires_in) || 3600) * 1000,
    tenantId: me.tenantId,
    conveningId,
    title: convening.title,
    guestRole,
  };
}
