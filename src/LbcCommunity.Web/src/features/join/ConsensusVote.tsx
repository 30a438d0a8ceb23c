import { useState } from "react";
import { useTranslation } from "react-i18next";
import { levelsOf, type ActionAck, type ConsensusRound } from "../../convening";
import type { HubError } from "../../hub";
import { acknowledged, type ConveningHub } from "../../hooks/useConveningHub";
import { refusalWords } from "../../i18n/refusal";

/** The open consensus round as a participant sees it: the proposal, one big button per level, and a concern. */
export function ConsensusVote({ round, act, onRefused }: { round: ConsensusRound; act: ConveningHub["act"]; onRefused: (text?: string) => void }) {
  const { t, i18n } = useTranslation();
  const [myVotes, setMyVotes] = useState<Record<number, number>>({});
  const [concern, setConcern] = useState("");
  const fist = round.scale === "FistToFive";
  const label = (level: number) => (fist ? t(`consensus.fist.${level}` as "consensus.fist.0") : t(`consensus.gradient.${level}` as "consensus.gradient.1"));

  const send = async (sent: Promise<ActionAck | HubError>) => {
    onRefused(undefined);
    const answer = await sent;
    if (acknowledged(answer)) return true;
    onRefused(refusalWords(t, i18n.language, answer));
    return false;
  };
  const mine = myVotes[round.number];

  return (
    <section aria-labelledby="round-heading" className="round">
      <h2 id="round-heading">{t("consensus.heading")}</h2>
      <p className="proposal">{round.proposal}</p>
      <div role="group" aria-label={fist ? t("consensus.fistToFive") : t("consensus.gradients")} className="levels">
        {levelsOf(round.scale).map((level) => (
          <button key={level} type="button" className="level" aria-pressed={mine === level}
            aria-label={fist ? label(level) : `${level}: ${label(level)}`}
            onClick={async () => { if (await send(act("CastVote", level))) setMyVotes((v) => ({ ...v, [round.number]: level })); }}>
            <span className="number" aria-hidden="true">{level}</span> {label(level)}
          </button>
        ))}
      </div>
      <p aria-live="polite">
        {mine !== undefined ? t("consensus.yourVote", { level: mine }) : ""}
        {t("consensus.votes", { count: round.voteCount })}{round.resultsHidden ? t("consensus.hidden") : ""}.
      </p>
      {!round.resultsHidden && round.tally.length > 0 && (
        <ul aria-label={t("consensus.byLevel")} className="tally">
          {round.tally.map((n, i) => <li key={i}>{levelsOf(round.scale)[i] ?? i}: {n}</li>)}
        </ul>
      )}
      <form onSubmit={async (e) => { e.preventDefault(); if (concern.trim() && await send(act("RaiseConcern", concern.trim()))) setConcern(""); }}>
        <label htmlFor="concern">{t("consensus.concern")}</label>
        <textarea id="concern" value={concern} onChange={(e) => setConcern(e.target.value)} rows={2} maxLength={1000} />
        <button type="submit" disabled={!concern.trim()}>{t("consensus.sendConcern")}</button>
      </form>
    </section>
  );
}
