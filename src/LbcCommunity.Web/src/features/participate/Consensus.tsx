import { useTranslation } from "react-i18next";
import { openRound, type ConveningSnapshot } from "../../convening";
import type { ConveningHub } from "../../hooks/useConveningHub";
import { ConsensusVote } from "./ConsensusVote";
import { Results } from "./Results";

/** Consensus: the open round to vote in; between rounds the last proposal with its results once they are shown. */
export function Consensus({ state, act }: { state: ConveningSnapshot; act: ConveningHub["act"] }) {
  const { t } = useTranslation();
  const round = openRound(state);
  if (round) return <ConsensusVote key={round.number} round={round} act={act} />;
  const last = state.consensus?.rounds[state.consensus.rounds.length - 1];
  return (
    <section aria-labelledby="round-heading" className="round">
      <h2 id="round-heading">{t("consensus.heading")}</h2>
      {last && <p className="proposal">{last.proposal}</p>}
      {last && !last.resultsHidden && last.tally.length > 0 && <Results round={last} />}
      <p role="status">{t("live.waiting")}</p>
    </section>
  );
}
