import type { HubConnection } from "@microsoft/signalr";
import type { ErrorCode } from "./protocol";

/**
 * Where a hub connection stands, for the page to show: `offline` while it cannot reach the server (it keeps trying),
 * `refused` when the server answered the join or watch with an error (asking again would get the same answer).
 */
export type ConnectionStatus =
  | { state: "connecting" | "reconnecting" | "live" }
  | { state: "offline"; message: string }
  | { state: "refused"; error: HubError };

/**
 * Keeps a hub connection up until the returned stop is called. SignalR's automatic reconnect bridges drops; when it
 * gives up, or the server closes the connection because its access token expired, this starts it again (the
 * accessTokenFactory then hands out the renewed token). `onUp` runs after every start and automatic reconnect: each is
 * a new connection on the server (a drop that stateful reconnect bridges reports neither), so join, resume or watch
 * again there.
 */
export function keepConnected(connection: HubConnection, onUp: () => Promise<void>, onStatus: (status: ConnectionStatus) => void): () => Promise<void> {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;

  // A refusal (no access, not found) is shown, not retried: asking again would get the same answer.
  const up = () => onUp().then(() => onStatus({ state: "live" }), (e: unknown) => onStatus({ state: "refused", error: hubError(e) }));
  const start = async () => {
    if (stopped) return;
    onStatus({ state: attempt === 0 ? "connecting" : "reconnecting" });
    try {
      await connection.start();
    } catch (e) {
      onStatus({ state: "offline", message: (e as Error).message });
      retry();
      return;
    }
    attempt = 0;
    await up();
  };
  const retry = () => {
    if (stopped) return;
    attempt++;
    timer = setTimeout(() => void start(), Math.min(10_000, 500 * 2 ** Math.min(attempt, 5)));
  };

  connection.onreconnecting(() => onStatus({ state: "reconnecting" }));
  connection.onreconnected(() => void up());
  // Closed for good (the token expired, or automatic reconnect gave up): say so at once, then start again.
  connection.onclose(() => {
    if (stopped) return;
    onStatus({ state: "reconnecting" });
    retry();
  });
  void start();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await connection.stop();
  };
}

/** A hub refusal as the server sends it: `code: what happened` (docs/errors.md), without SignalR's own words in front. */
export interface HubError {
  /** The stable code, or undefined when there is none. A code this app does not know is to be treated like `invalid`. */
  code?: ErrorCode | (string & {});
  /** The words for people, after the code. */
  text: string;
}

/** Reads a failed hub call: SignalR's clients report it as "An unexpected error occurred invoking … HubException: code: …". */
export function hubError(e: unknown): HubError {
  const message = String((e as Error)?.message ?? e).replace(/^.*HubException:\s*/, "");
  const match = /^([a-z]+(?:-[a-z]+)*):\s*(.*)$/s.exec(message);
  return match ? { code: match[1], text: match[2] } : { text: message };
}

/** The words for a status that is not "live" (the state view shows them in English; participants' pages translate). */
export function statusWords(status: ConnectionStatus): string {
  switch (status.state) {
    case "offline": return `offline: ${status.message}`;
    case "refused": return status.error.text;
    default: return status.state;
  }
}

/** A typed `invoke`: the method's parameters and answer as published in ./protocol/hubs.ts. */
export function invoke<Methods extends Record<keyof Methods, unknown[]>, Results extends Record<keyof Methods, unknown>, M extends keyof Methods & string>(
  connection: HubConnection, method: M, ...args: Methods[M]): Promise<Results[M]> {
  return connection.invoke<Results[M]>(method, ...args);
}
