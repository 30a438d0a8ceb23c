import type { HubConnection } from "@microsoft/signalr";

/**
 * Keeps a hub connection up until the returned stop is called. SignalR's automatic reconnect bridges drops; when it
 * gives up, or the server closes the connection because its access token expired, this starts it again (the
 * accessTokenFactory then hands out the renewed token). `onUp` runs after every (re)connect: watch or join again there.
 */
export function keepConnected(connection: HubConnection, onUp: () => Promise<void>, onStatus: (status: string) => void): () => Promise<void> {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;

  const start = async () => {
    if (stopped) return;
    onStatus(attempt === 0 ? "connecting" : "reconnecting");
    try {
      await connection.start();
    } catch (e) {
      onStatus(`offline: ${(e as Error).message}`);
      retry();
      return;
    }
    attempt = 0;
    // A refusal (no access, not found) is shown, not retried: asking again would get the same answer.
    await onUp().then(() => onStatus("live"), (e: Error) => onStatus(e.message));
  };
  const retry = () => {
    if (stopped) return;
    attempt++;
    timer = setTimeout(() => void start(), Math.min(10_000, 500 * 2 ** Math.min(attempt, 5)));
  };

  connection.onreconnecting(() => onStatus("reconnecting"));
  connection.onreconnected(() => { void onUp().then(() => onStatus("live"), (e: Error) => onStatus(e.message)); });
  // Closed for good (the token expired, or automatic reconnect gave up): say so at once, then start again.
  connection.onclose(() => {
    if (stopped) return;
    onStatus("reconnecting");
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
  /** The stable code (`invalid`, `not-found`, `rate-limited`, `convening-moving`, …), or undefined when there is none. */
  code?: string;
  /** The words for people, after the code. */
  text: string;
}

/** Reads a failed hub call: SignalR's clients report it as "An unexpected error occurred invoking … HubException: code: …". */
export function hubError(e: unknown): HubError {
  const message = String((e as Error)?.message ?? e).replace(/^.*HubException:\s*/, "");
  const match = /^([a-z]+(?:-[a-z]+)*):\s*(.*)$/s.exec(message);
  return match ? { code: match[1], text: match[2] } : { text: message };
}
