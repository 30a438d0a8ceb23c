import type { TokenSource } from "../../api";
import { statusWords } from "../../hub";
import { useMonitoringHub } from "../../hooks/useMonitoringHub";

// The state view of an initiative as the MonitoringHub sends it (see docs/ratings-and-rollups.md). For state staff and
// regional coordinators, in English (participants' pages are the ones in English and Spanish).
const levels = ["None yet", "Informing", "Networking", "Collaborating", "Transforming"];
const words = (name: string) => name.replace(/([a-z])([A-Z])/g, "$1 $2");

/** An initiative's depth live, or one region's (a regional coordinator's view). */
export function StateView({ tenantId, initiativeId, regionId, regionName, accessToken }: {
  tenantId: string;
  initiativeId: string;
  regionId?: string;
  regionName?: string;
  accessToken: TokenSource;
}) {
  const { view, status } = useMonitoringHub(tenantId, initiativeId, regionId, accessToken);
  const shown = statusWords(status);

  const title = regionId ? `${regionName ?? regionId} view` : "State view";
  if (!view) return <p aria-live="polite">{title}: {shown}…</p>;
  return (
    <section aria-label={title} data-version={view.version}>
      <h3>{title} <small>({shown}; {view.teamsRated} of {view.teams} teams rated, {view.version} consensus ratings)</small></h3>
      {/* Wider than a phone: the table scrolls sideways in its own box (focusable, so a keyboard can scroll it too). */}
      <div className="table-scroll" role="region" aria-label="Depth of interaction by habit and row" tabIndex={0}>
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
      </div>
    </section>
  );
}
