import { useEffect, useState } from "react";
import { HubConnectionBuilder, LogLevel } from "@microsoft/signalr";
import type { TokenSource } from "../api";
import { invoke, keepConnected, type ConnectionStatus } from "../hub";
import { MonitoringClientMethods, type MonitoringHubMethods, type MonitoringHubResults, type RollUpView } from "../protocol";

/**
 * One connection to `/hubs/monitoring`, watching an initiative (the state view) or one region of it (a regional
 * coordinator's view): the hub answers with the view now, then sends every change (≤ 10 a second). The connection
 * carries the access token; the server closes it when that token expires, and the page connects again with the
 * renewed one. Views only grow: one that arrives after a newer one is ignored.
 */
export function useMonitoringHub(tenantId: string, initiativeId: string, regionId: string | undefined, accessToken: TokenSource) {
  const [view, setView] = useState<RollUpView>();
  const [status, setStatus] = useState<ConnectionStatus>({ state: "connecting" });

  useEffect(() => {
    const connection = new HubConnectionBuilder()
      .withUrl("/hubs/monitoring", { accessTokenFactory: accessToken })
      .withAutomaticReconnect()
      .configureLogging(LogLevel.Warning)
      .build();
    const newer = (next: RollUpView) => setView((current) => (current && current.version > next.version ? current : next));
    const watch = () => (regionId
      ? invoke<MonitoringHubMethods, MonitoringHubResults, "WatchRegion">(connection, "WatchRegion", tenantId, initiativeId, regionId)
      : invoke<MonitoringHubMethods, MonitoringHubResults, "WatchInitiative">(connection, "WatchInitiative", tenantId, initiativeId))
      .then(newer);
    connection.on(MonitoringClientMethods.RollUpUpdated, newer);
    const stop = keepConnected(connection, watch, setStatus);
    return () => { void stop(); };
  }, [tenantId, initiativeId, regionId, accessToken]);

  return { view, status };
}
