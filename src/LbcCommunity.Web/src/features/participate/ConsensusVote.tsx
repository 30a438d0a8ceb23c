import { useState } from "react";
import { useTranslation } from "react-i18next";
import { levelsOf, type ConsensusRound } from "../../convening";
import type { ConveningHub } from "../../hooks/useConveningHub";
import { Results } from "./Results";
import { useSend } from "./useSend";

/** The open consensus round as a participant sees it: the proposal, one big button per level, and a concern. */
export function ConsensusVote({ round, act }: { round: ConsensusRound; act: ConveningHub["act"] }) {
  const { t } = useTranslation();
  const { t: words } = useTranslation("participate");
  const [myVotes, setMyVotes] = useState<Record<number, number>>({});
  const [concern, setConcern] = useState("");
  const vote = useSend();
  const raise = useSend();
  const fist = round.scale === "FistToFive";
  const label = (level: number) => (fist ? t(`consensus.fist.${level}` as "consensus.fist.0") : t(`consensus.gradient.${level}` as "consensus.gradient.1"));
  const mine = myVotes[round.number];

  return (
    <section aria-labelledby="round-heading" className="round">
      <h2 id="round-heading">{t("consensus.heading")}</h2>
      <p className="proposal">{round.proposal}</p>
      <div role="group" aria-label={fist ? t("consensus.fistToFive") : t("consensus.gradients")} className="levels">
        {levelsOf(round.scale).map((level) => (
          // The name is the visible words: a fist-to-five level's words say its number already, a gradient's do not.
          <button key={level} type="button" className="level" aria-pressed={mine === level} disabled={vote.sending}
            onClick={async () => { if (await vote.send(() => act("CastVote", level))) setMyVotes((v) => ({ ...v, [round.number]: level })); }}>
            <span className="number" aria-hidden={fist ? "true" : undefined}>{level}</span> {label(level)}
          </button>
        ))}
      </div>
      {vote.refusal && <p role="alert" className="error">{vote.refusal}</p>}
      <p aria-live="polite">
        {mine !== undefined ? t("consensus.yourVote", { level: mine }) : ""}
        {t("consensus.votes", { count: round.voteCount })}{round.resultsHidden ? t("consensus.hidden") : ""}.
      </p>
      {!round.resultsHidden && round.tally.length > 0 && <Results round={round} />}
      <form onSubmit={async (e) => { e.preventDefault(); if (concern.trim() && await raise.send(() => act("RaiseConcern", concern.trim()))) setConcern(""); }}>
        <label htmlFor="concern">{t("consensus.concern")}</label>
        <textarea id="concern" value={concern} onChange={(e) => setConcern(e.target.value)} rows={2} maxLength={1000} />
        {raise.refusal && <p role="alert" className="error">{raise.refusal}</p>}
        <button type="submit" disabled={!concern.trim() || raise.sending}>{raise.sending ? words("sending") : t("consensus.sendConcern")}</button>
      </form>
      {round.concerns.length > 0 && (
        <ul aria-label={t("consensus.concerns")} className="concerns">
          {round.concerns.map((c, i) => <li key={i} data-testid="concern">{c.text}</li>)}
        </ul>
      )}
    </section>
  );
}
