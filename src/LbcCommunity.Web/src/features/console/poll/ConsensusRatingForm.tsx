import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CellAttainment, RowSpread } from "../../../convening";
import type { ActivityPanelProps } from "../panel";
import { useAction } from "../useAction";
import { Refusal } from "../Refusal";
import { cellsFromMean, depthLevels, percents } from "./cells";

/**
 * The team's consensus rating, row by row: attainment per depth level, prefilled from the spread's mean (the team
 * then agrees what it is), recorded with RecordPollConsensus against the initiative's current rubric version.
 */
export function ConsensusRatingForm({ rubricVersion, spread, titleOf, act }: {
  rubricVersion: number; spread: RowSpread[]; titleOf: (rowId: string) => string; act: ActivityPanelProps["act"];
}) {
  const { t } = useTranslation("console");
  const id = useId();
  const fromSpread = () => Object.fromEntries(spread.map((r) => [r.rowId, cellsFromMean(r.ratings ? r.meanDepthScore : 0)]));
  const [cells, setCells] = useState<Record<string, CellAttainment[]>>(fromSpread);
  const [edited, setEdited] = useState(false);
  const record = useAction();
  // Until the facilitator changes a cell, the form follows the spread as ratings come in.
  const shown = edited ? cells : fromSpread();

  const change = (rowId: string, level: string, percent: number) => {
    setEdited(true);
    setCells({ ...shown, [rowId]: (shown[rowId] ?? cellsFromMean(0)).map((c) => (c.level === level ? { ...c, attainmentPercent: percent } : c)) });
  };
  const submit = () => act("RecordPollConsensus", {
    rubricVersion,
    rows: spread.map((r) => ({ rowId: r.rowId, cells: shown[r.rowId] ?? cellsFromMean(0) })),
  });

  return (
    <form className="rating" aria-labelledby={`${id}-heading`} onSubmit={(e) => { e.preventDefault(); void record.run(submit); }}>
      <h3 id={`${id}-heading`}>{t("poll.record")}</h3>
      <p>{t("poll.recordIntro")}</p>
      {spread.map((r) => (
        <fieldset key={r.rowId} data-row={r.rowId}>
          <legend>{titleOf(r.rowId)}</legend>
          <div className="cells">
            {depthLevels.map((level) => {
              const value = shown[r.rowId]?.find((c) => c.level === level)?.attainmentPercent ?? 0;
              const levelName = t(`poll.levels.${level}`);
              return (
                <label key={level} className="cell">
                  <span>{levelName}</span>
                  <select value={value} data-level={level} aria-label={t("poll.cell", { row: titleOf(r.rowId), level: levelName })}
                    onChange={(e) => change(r.rowId, level, Number(e.target.value))}>
                    {percents.map((p) => <option key={p} value={p}>{p} %</option>)}
                  </select>
                </label>
              );
            })}
          </div>
        </fieldset>
      ))}
      <div className="actions">
        {edited && <button type="button" onClick={() => { setEdited(false); setCells(fromSpread()); }}>{t("poll.fromSpread")}</button>}
        <button type="submit" className="primary" disabled={record.pending}>{t("poll.submit")}</button>
      </div>
      <Refusal text={record.refusal} />
    </form>
  );
}
