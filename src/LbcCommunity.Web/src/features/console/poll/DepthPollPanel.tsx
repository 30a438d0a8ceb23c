import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ActivityPanelProps } from "../panel";
import { plannedRowIds } from "../itemSettings";
import { useMe, useTeamRubric, type RubricVersion } from "../queries";
import { useAction } from "../useAction";
import { Refusal } from "../Refusal";
import { PollSpread } from "./PollSpread";
import { ConsensusRatingForm } from "./ConsensusRatingForm";

/**
 * The live depth poll: choose the rubric rows (prefilled from the plan), open the poll, watch the spread per row, and
 * record the team's consensus rating from it.
 */
export function DepthPollPanel({ tenantId, state, item, act }: ActivityPanelProps) {
  const { t, i18n } = useTranslation("console");
  const me = useMe();
  const team = state.convening.ownerKind === "Team" ? state.convening.ownerId : "";
  const { rubric, error } = useTeamRubric(me.data?.tenantId ?? tenantId, team, !!team);
  const poll = state.depthPoll;
  const opened = (poll?.rowIds.length ?? 0) > 0;
  const titleOf = (rowId: string) => {
    const row = rubric?.rows.find((r) => r.id === rowId);
    return row ? row.title[i18n.language] ?? row.title.en ?? rowId : rowId;
  };

  return (
    <section aria-labelledby="poll-heading" className="panel">
      <h2 id="poll-heading">{t("poll.heading")}</h2>
      {error && <p role="alert" className="error">{t("poll.rubricError", { message: error.message })}</p>}
      {rubric && !poll?.consensusRatingId && (
        <RowChooser key={opened ? "again" : "first"} rubric={rubric} chosen={opened ? poll!.rowIds : plannedRowIds(item)} opened={opened} act={act} titleOf={titleOf} />
      )}
      {poll && opened && (
        <>
          <PollSpread spread={poll.spread} titleOf={titleOf} />
          {poll.consensusRatingId
            ? <p role="status" data-testid="poll-recorded">{t("poll.recorded")}</p>
            : rubric && <ConsensusRatingForm rubricVersion={rubric.version} spread={poll.spread} titleOf={titleOf} act={act} />}
        </>
      )}
    </section>
  );
}

function RowChooser({ rubric, chosen, opened, act, titleOf }: {
  rubric: RubricVersion; chosen: string[]; opened: boolean; act: ActivityPanelProps["act"]; titleOf: (rowId: string) => string;
}) {
  const { t } = useTranslation("console");
  const [rowIds, setRowIds] = useState(() => chosen.filter((id) => rubric.rows.some((r) => r.id === id)));
  const open = useAction();
  const toggle = (id: string, on: boolean) => setRowIds((ids) => (on ? [...ids.filter((x) => x !== id), id] : ids.filter((x) => x !== id)));
  // Sent in the rubric's order, whatever order they were ticked in.
  const ordered = rubric.rows.map((r) => r.id).filter((id) => rowIds.includes(id));

  const chooser = (
    <form className="rows" onSubmit={(e) => { e.preventDefault(); void open.run(() => act("OpenDepthPoll", ordered)); }}>
      <fieldset>
        <legend>{t("poll.rows")}</legend>
        <div className="row-list">
          {rubric.rows.map((r) => (
            <label key={r.id} className="choice">
              <input type="checkbox" value={r.id} checked={rowIds.includes(r.id)} onChange={(e) => toggle(r.id, e.target.checked)} /> {titleOf(r.id)}
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" className="primary" disabled={open.pending}>{opened ? t("poll.reopen") : t("poll.open")}</button>
      <Refusal text={open.refusal} />
    </form>
  );
  return opened ? <details><summary>{t("poll.rows")}</summary>{chooser}</details> : chooser;
}
