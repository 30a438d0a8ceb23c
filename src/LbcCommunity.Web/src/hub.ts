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
