import { useTranslation } from "react-i18next";
import { levelsOf, type ConsensusRound } from "../../../convening";
import { BarChart } from "../BarChart";

/** The spread of a round's votes: a bar per level, and the same numbers in a table. */
export function RoundSpread({ round }: { round: ConsensusRound }) {
  const { t } = useTranslation("console");
  const { t: words } = useTranslation();
  const levels = levelsOf(round.scale);
  const count = (i: number) => round.tally[i] ?? 0;
  const levelWords = (level: number) =>
    round.scale === "FistToFive" ? words(`consensus.fist.${level}` as "consensus.fist.0") : words(`consensus.gradient.${level}` as "consensus.gradient.1");
  const caption = t("consensus.spread", { number: round.number });
  return (
    <figure className="spread">
      <BarChart bars={levels.map((level, i) => ({ label: String(level), value: count(i) }))} />
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table data-testid="tally">
          <caption>{caption}</caption>
          <thead><tr><th scope="col">{t("consensus.level")}</th><th scope="col">{t("consensus.count")}</th></tr></thead>
          <tbody>
            {levels.map((level, i) => (
              <tr key={level} data-level={level}>
                <th scope="row">{level}: {levelWords(level)}</th>
                <td className="count">{count(i)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
