import { useEffect, useState } from "react";
import { HubConnectionBuilder, LogLevel } from "@microsoft/signalr";

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

/** Watches an initiative live: the hub answers with the view now, then sends every change (≤ 10 a second). */
export function StateView({ tenantId, initiativeId }: { tenantId: string; initiativeId: string }) {
  const [view, setView] = useState<RollUpView>();
  const [status, setStatus] = useState("connecting");

  useEffect(() => {
    const connection = new HubConnectionBuilder()
      .withUrl("/hubs/monitoring")
      .withAutomaticReconnect()
      .configureLogging(LogLevel.Warning)
      .build();
    const watch = () => connection.invoke<RollUpView>("WatchInitiative", tenantId, initiativeId).then(setView);
    // Views only grow: ignore one that arrives after a newer one.
    connection.on("RollUpUpdated", (next: RollUpView) =>
      setView((current) => (current && current.version > next.version ? current : next)));
    connection.onreconnected(() => { setStatus("live"); void watch(); });
    connection.onreconnecting(() => setStatus("reconnecting"));
    connection.start().then(watch).then(() => setStatus("live")).catch((e: Error) => setStatus(e.message));
    return () => { void connection.stop(); };
  }, [tenantId, initiativeId]);

  if (!view) return <p aria-live="polite">State view: {status}…</p>;
  return (
    <section aria-label="State view" data-version={view.version}>
      <h3>State view <small>({status}; {view.teamsRated} of {view.teams} teams rated, {view.version} consensus ratings)</small></h3>
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
