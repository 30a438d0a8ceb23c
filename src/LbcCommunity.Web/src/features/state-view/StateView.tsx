import { useEffect, useState } from "react";
import { HubConnectionBuilder, LogLevel } from "@microsoft/signalr";
import type { TokenSource } from "./api";
import { keepConnected } from "./hub";

// The state view of an initiative as the MonitoringHub sends it (see docs/ratings-and-rollups.md).
export interface DimensionSummary {
  key: string;
  habit: string;
  teamsRated: number;
  meanDepthScore: number;
  teamsAtLevel: number[];
  movedUp: number;
  noProgress: number;
}
export interface RollUpView {
  tenantId: string;
  initiativeId: string;
  version: number;
  teams: number;
  teamsRated: number;
  habits: DimensionSummary[];
  rows: DimensionSummary[];
}

const levels = ["None yet", "Informing", "Networking", "Collaborating", "Transforming"];
const words = (name: string) => name.replace(/([a-z])([A-Z])/g, "$1 $2");

/**
 * Watches an initiative live (the state view), or one region of it (a regional coordinator's view): the hub answers
 * with the view now, then sends every change (≤ 10 a second). The connection carries the access token; the server
 * closes it when that token expires, and the automatic reconnect comes back with the renewed one.
 */
export function StateView({ tenantId, initiativeId, regionId, regionName, accessToken }: {
  tenantId: string;
  initiativeId: string;
  regionId?: string;
  regionName?: string;
  accessToken: TokenSource;
}) {
  const [view, setView] = useState<RollUpView>();
  const [status, setStatus] = useState("connecting");

  useEffect(() => {
    const connection = new HubConnectionBuilder()
      .withUrl("/hubs/monitoring", { accessTokenFactory: accessToken })
      .withAutomaticReconnect()
      .configureLogging(LogLevel.Warning)
      .build();
    const watch = () => (regionId
      ? connection.invoke<RollUpView>("WatchRegion", tenantId, initiativeId, regionId)
      : connection.invoke<RollUpView>("WatchInitiative", tenantId, initiativeId))
      .then((now) => setView((current) => (current && current.version > now.version ? current : now)));
    // Views only grow: ignore one that arrives after a newer one.
    connection.on("RollUpUpdated", (next: RollUpView) =>
      setView((current) => (current && current.version > next.version ? current : next)));
    const stop = keepConnected(connection, watch, setStatus);
    return () => { void stop(); };
  }, [tenantId, initiativeId, regionId, accessToken]);

  const title = regionId ? `${regionName ?? regionId} view` : "State view";
  if (!view) return <p aria-live="polite">{title}: {status}…</p>;
  return (
    <section aria-label={title} data-version={view.version}>
      <h3>{title} <small>({status}; {view.teamsRated} of {view.teams} teams rated, {view.version} consensus ratings)</small></h3>
      <table>
        <thead>
          <tr><th>Habit / row</th><th>Teams rated</th><th>Mean depth</th>{levels.map((l) => <th key={l}>{l}</th>)}<th>Moved up</th><th>No progress</th></tr>
        </thead>
        <tbody>
          {view.habits.map((habit) => (
            [<tr key={habit.key} style={{ fontWeight: "bold" }} data-habit={habit.key}>
              <td>{words(habit.key)}</td><td>{habit.teamsRated}</td><td className="mean">{habit.meanDepthScore.toFixed(2)}</td>
              {habit.teamsAtLevel.map((n, i) => <td key={i}>{n}</td>)}<td>{habit.movedUp}</td><td>{habit.noProgress}</td>
            </tr>,
            ...view.rows.filter((row) => row.habit === habit.key).map((row) => (
              <tr key={row.key} data-row={row.key}>
                <td style={{ paddingLeft: 16 }}>{row.key}</td><td>{row.teamsRated}</td><td className="mean">{row.meanDepthScore.toFixed(2)}</td>
                {row.teamsAtLevel.map((n, i) => <td key={i}>{n}</td>)}<td>{row.movedUp}</td><td>{row.noProgress}</td>
              </tr>
            ))]
          ))}
        </tbody>
      </table>
    </section>
  );
}
