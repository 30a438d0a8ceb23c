import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AgendaItem, AgreementScale, ConsensusRound } from "../../../convening";
import type { ConveningHub } from "../../../hooks/useConveningHub";
import { plannedConsensus } from "../itemSettings";
import { useAction } from "../useAction";
import { Refusal } from "../Refusal";

/**
 * Opens the next round: the first from the item's planned settings, a later one (amend and vote again) from the last
 * round's, with its proposal to edit. The proposal is sent as written: the hub says what it refuses, and why.
 */
export function OpenRoundForm({ item, last, act }: { item: AgendaItem; last?: ConsensusRound; act: ConveningHub["act"] }) {
  const { t } = useTranslation("console");
  const planned = plannedConsensus(item);
  const [proposal, setProposal] = useState(last?.proposal ?? planned.proposal ?? "");
  const [scale, setScale] = useState<AgreementScale>(last?.scale ?? planned.scale ?? "FistToFive");
  const [anonymous, setAnonymous] = useState(last?.anonymous ?? planned.anonymous ?? false);
  const [hideResults, setHideResults] = useState(last ? last.resultsHidden || (planned.hideResults ?? false) : (planned.hideResults ?? false));
  const open = useAction();
  const id = useId();
  const number = (last?.number ?? 0) + 1;

  return (
    <form className="open-round" aria-labelledby={`${id}-heading`}
      onSubmit={(e) => { e.preventDefault(); void open.run(() => act("OpenConsensusRound", proposal.trim(), scale, anonymous, hideResults)); }}>
      <h3 id={`${id}-heading`}>{last ? t("consensus.amendHeading") : t("consensus.openHeading")}</h3>
      <label htmlFor={`${id}-proposal`}>{last ? t("consensus.amendedProposal") : t("consensus.proposal")}</label>
      <textarea id={`${id}-proposal`} value={proposal} onChange={(e) => setProposal(e.target.value)} rows={3} maxLength={2000}
        aria-describedby={open.refusal ? `${id}-refusal` : undefined} />
      <fieldset>
        <legend>{t("consensus.scale")}</legend>
        {(["FistToFive", "GradientsOfAgreement"] as const).map((s) => (
          <label key={s} className="choice">
            <input type="radio" name={`${id}-scale`} value={s} checked={scale === s} onChange={() => setScale(s)} />
            {s === "FistToFive" ? t("consensus.fistToFive") : t("consensus.gradients")}
          </label>
        ))}
      </fieldset>
      <label className="choice"><input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> {t("consensus.anonymous")}</label>
      <label className="choice"><input type="checkbox" checked={hideResults} onChange={(e) => setHideResults(e.target.checked)} /> {t("consensus.hideResults")}</label>
      <button type="submit" className="primary" disabled={open.pending}>{open.pending ? t("sending") : t("consensus.open", { number })}</button>
      <Refusal text={open.refusal} id={`${id}-refusal`} />
    </form>
  );
}
