import { useCallback, useEffect, useRef, useState } from "react";
import { HubConnectionBuilder, LogLevel, type HubConnection } from "@microsoft/signalr";
import { accessToken } from "../../../auth";
import type { CafeRoundPreview, ConveningHubMethods, ConveningHubResults } from "../../../convening";
import { hubError, invoke, keepConnected, type HubError } from "../../../hub";

export interface Preview {
  preview?: CafeRoundPreview;
  error?: HubError;
  loading: boolean;
  /** Asks the server again (the console also asks whenever the convening moved on). */
  refresh: () => void;
}

/**
 * The next round's seating and warnings as the server would seat it now (`PreviewCafeRound`, a read the facilitator
 * alone may make). The console's hook sends actions only, so the preview has a connection of its own, joined as the
 * same signed-in facilitator; it is asked again whenever `version` (the convening's sequence) changes, since a
 * presence change or a move changes the next round. The connection stays while `enabled` (the café is under way), and
 * the server is asked only while `ask` (no round runs). Closed with the panel.
 */
export function usePreview(tenantId: string, conveningId: string, enabled: boolean, ask: boolean, version: number): Preview {
  const [preview, setPreview] = useState<CafeRoundPreview>();
  const [error, setError] = useState<HubError>();
  const [loading, setLoading] = useState(false);
  const [joined, setJoined] = useState(false);
  const connectionRef = useRef<HubConnection | undefined>(undefined);

  useEffect(() => {
    if (!enabled) return;
    const connection = new HubConnectionBuilder()
      .withUrl("/hubs/convening", { accessTokenFactory: () => accessToken() })
      .withAutomaticReconnect()
      .configureLogging(LogLevel.Warning)
      .build();
    connectionRef.current = connection;
    const stop = keepConnected(
      connection,
      async () => {
        await invoke<ConveningHubMethods, ConveningHubResults, "Join">(connection, "Join", tenantId, conveningId, {});
        setJoined(true);
      },
      (status) => {
        if (status.state !== "live") setJoined(false);
        if (status.state === "refused") setError(status.error);
      },
    );
    return () => {
      connectionRef.current = undefined;
      setJoined(false);
      void stop();
    };
  }, [tenantId, conveningId, enabled]);

  const askNow = useCallback(async () => {
    const connection = connectionRef.current;
    if (!connection) return;
    setLoading(true);
    try {
      setPreview(await invoke<ConveningHubMethods, ConveningHubResults, "PreviewCafeRound">(connection, "PreviewCafeRound", tenantId, conveningId));
      setError(undefined);
    } catch (e) {
      setError(hubError(e));
    } finally {
      setLoading(false);
    }
  }, [tenantId, conveningId]);

  // A preview from before a round is no preview of the round after it.
  useEffect(() => {
    if (!ask) setPreview(undefined);
  }, [ask]);

  // A burst of events (people arriving) is asked about once, after it settles.
  useEffect(() => {
    if (!enabled || !ask || !joined) return;
    const timer = setTimeout(() => void askNow(), 250);
    return () => clearTimeout(timer);
  }, [enabled, ask, joined, version, askNow]);

  return { preview: enabled && ask ? preview : undefined, error, loading, refresh: () => void askNow() };
}
