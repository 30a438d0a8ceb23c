import { useTranslation } from "react-i18next";
import { levelsOf, type ConsensusRound } from "../../convening";

/**
 * A round's votes by level once they are shown: a bar per level with its number written beside it, so the numbers
 * are text (read aloud, and not carried by length or colour alone).
 */
export function Results({ round }: { round: ConsensusRound }) {
  const { t } = useTranslation();
  const { t: words } = useTranslation("participate");
  const levels = levelsOf(round.scale);
  const most = Math.max(1, ...round.tally);
  const label = (level: number) => (round.scale === "FistToFive" ? t(`consensus.fist.${level}` as "consensus.fist.0") : `${level}: ${t(`consensus.gradient.${level}` as "consensus.gradient.1")}`);

  return (
    <figure className="results" aria-labelledby="results-heading">
      <figcaption id="results-heading">{words("results.heading")}</figcaption>
      <table aria-label={t("consensus.byLevel")} data-testid="results">
        <thead><tr><th scope="col">{words("results.level")}</th><th scope="col">{words("results.votes")}</th></tr></thead>
        <tbody>
          {levels.map((level, i) => (
            <tr key={level}>
              <th scope="row">{label(level)}</th>
              <td>
                <span className="bar" aria-hidden="true" style={{ width: `${((round.tally[i] ?? 0) / most) * 100}%` }} />
                <span className="count">{round.tally[i] ?? 0}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
