import { useState } from "react";
import { useTranslation } from "react-i18next";
import { levelsOf, type ConsensusOutcome, type ConsensusRound } from "../../../convening";
import type { ActivityPanelProps } from "../panel";
import { OpenRoundForm } from "./OpenRoundForm";
import { RoundSpread } from "./RoundSpread";
import { useAction } from "../useAction";
import { Refusal } from "../Refusal";

const outcomes: ConsensusOutcome[] = ["ConsensusReached", "NotYet", "Parked"];

/**
 * Consensus building as the facilitator runs it: open a round (prefilled from the plan, then from the last round when
 * amending), watch the spread and the concerns, reveal, close, amend and vote again, and record the outcome.
 */
export function ConsensusPanel({ state, item, act }: ActivityPanelProps) {
  const { t } = useTranslation("console");
  const rounds = state.consensus?.rounds ?? [];
  const last = rounds[rounds.length - 1];
  const outcome = state.consensus?.outcome;
  const reveal = useAction();
  const close = useAction();
  const record = useAction();

  return (
    <section aria-labelledby="consensus-heading" className="panel">
      <h2 id="consensus-heading">{t("consensus.heading")}</h2>
      {last?.open && (
        <div className="round-live" data-round={last.number}>
          <h3>{t("consensus.round", { number: last.number })} <small>({t("consensus.roundOpen")})</small></h3>
          <p className="proposal" data-testid="proposal">{last.proposal}</p>
          <p aria-live="polite" data-testid="vote-count">
            {t("consensus.votes", { count: last.voteCount })}{last.resultsHidden ? `. ${t("consensus.hidden")}` : ""}
          </p>
          {!last.resultsHidden && <RoundSpread round={last} />}
          <div className="actions">
            {last.resultsHidden && (
              <button type="button" disabled={reveal.pending} onClick={() => void reveal.run(() => act("RevealResults"))}>{t("consensus.reveal")}</button>
            )}
            <button type="button" disabled={close.pending} onClick={() => void close.run(() => act("CloseRound"))}>{t("consensus.close")}</button>
          </div>
          <Refusal text={reveal.refusal ?? close.refusal} />
          <Concerns round={last} />
        </div>
      )}

      {!last?.open && !outcome && <OpenRoundForm key={rounds.length} item={item} last={last} act={act} />}

      {last && !last.open && (
        <div className="round-closed" data-round={last.number}>
          <h3>{t("consensus.round", { number: last.number })} <small>({t("consensus.roundClosed")})</small></h3>
          <p className="proposal">{last.proposal}</p>
          <RoundSpread round={last} />
          <Concerns round={last} />
        </div>
      )}

      {last && !last.open && (
        outcome
          ? <p role="status" data-testid="outcome">{t("consensus.outcomeRecorded", { outcome: t(`consensus.outcomes.${outcome}`) })}</p>
          : (
            <fieldset className="outcome">
              <legend>{t("consensus.outcome")}</legend>
              <div className="actions">
                {outcomes.map((o) => (
                  <button key={o} type="button" disabled={record.pending} onClick={() => void record.run(() => act("RecordOutcome", o))}>
                    {t(`consensus.outcomes.${o}`)}
                  </button>
                ))}
              </div>
              <Refusal text={record.refusal} />
            </fieldset>
          )
      )}

      {rounds.length > 1 && (
        <details className="earlier">
          <summary>{t("consensus.earlier")}</summary>
          {rounds.slice(0, -1).map((r) => (
            <div key={r.number}>
              <h3>{t("consensus.round", { number: r.number })}</h3>
              <p className="proposal">{r.proposal}</p>
              <p>{t("consensus.votes", { count: r.voteCount })}: {r.tally.map((n, i) => `${levelsOf(r.scale)[i]}: ${n}`).join(", ")}</p>
            </div>
          ))}
        </details>
      )}
    </section>
  );
}

/** A round's concerns, as they come. */
function Concerns({ round }: { round: ConsensusRound }) {
  const { t } = useTranslation("console");
  const [headingId] = useState(() => `concerns-${round.number}`);
  return (
    <div className="concerns">
      <h4 id={headingId}>{t("consensus.concerns", { count: round.concerns.length })}</h4>
      {round.concerns.length === 0
        ? <p>{t("consensus.noConcerns")}</p>
        : <ul aria-labelledby={headingId}>{round.concerns.map((c, i) => <li key={i}>{c.text}</li>)}</ul>}
    </div>
  );
}
