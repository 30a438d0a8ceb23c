import { useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useCountdown } from "../../cafe-timer/useCountdown";
import type { ActivityPanelProps } from "../panel";
import "./cafe.css";
import { Harvest } from "./Harvest";
import "./messages";
import { MessageTables } from "./MessageTables";
import { MoveOne } from "./MoveOne";
import { plannedCafe } from "./plannedCafe";
import { RoundControls } from "./RoundControls";
import { Seating, Warnings } from "./Seating";
import { SetUpTables } from "./SetUpTables";
import { usePreview } from "./usePreview";

/**
 * The World Café in the facilitator's console: set the tables, see the next round's seating with its warnings before
 * starting it, run timed rounds (+1 minute, end now), speak to all tables, move one person, follow the notes, save the
 * harvest. Every change goes through the hub; a refusal is shown in words beside the control, and nothing changed.
 */
export function CafePanel({ state, item, act, previewCafeRound }: ActivityPanelProps) {
  const { t } = useTranslation("cafe");
  const id = useId();
  const cafe = state.worldCafe;
  const planned = useMemo(() => plannedCafe(item), [item]);
  const last = cafe?.rounds[cafe.rounds.length - 1];
  const { running } = useCountdown(last?.endsAt);
  const people = useMemo(() => new Map(state.participants.map((p) => [p.id, p])), [state.participants]);
  const present = state.participants.filter((p) => state.present.includes(p.id));
  const hostCandidates = state.participants.filter(
    (p) => !p.isFacilitator && (state.present.includes(p.id) || planned?.tables.some((table) => table.hostId === p.id)),
  );
  const live = state.activeItemId === item.id && !state.ended;
  const { preview, error: previewError, loading, refresh } = usePreview(previewCafeRound, live && !!cafe && !running, state.sequence);

  return (
    <section aria-labelledby={`${id}-heading`} className="cafe-panel">
      <h2 id={`${id}-heading`}>{t("heading")}: {item.title}</h2>

      {(!cafe || cafe.rounds.length === 0) && (
        <SetUpTables key={cafe ? "set" : "new"} cafe={cafe} planned={planned} candidates={hostCandidates} act={act} />
      )}

      {cafe && <RoundControls last={last} running={running} plannedMinutes={planned?.roundMinutes} act={act} />}

      {cafe && !running && (
        <section aria-labelledby={`${id}-preview`} className="cafe-section cafe-preview">
          <h3 id={`${id}-preview`}>{t("preview.heading")}</h3>
          <div aria-live="polite">
            {loading && !preview && <p>{t("preview.loading")}</p>}
            {previewError && <p role="alert" className="error">{t("preview.unavailable")} {previewError.text}</p>}
          </div>
          {preview && (
            <>
              <p>{t("preview.number", { number: preview.number })}</p>
              <Warnings warnings={preview.warnings} heading={t("preview.warnings")} tables={cafe.tables} />
              {preview.warnings.length === 0 && <p>{t("preview.noWarnings")}</p>}
              <Seating tables={cafe.tables} seating={preview.seating} people={people} label={t("preview.heading")} />
            </>
          )}
          <button type="button" onClick={refresh}>{t("preview.refresh")}</button>
        </section>
      )}

      {cafe && (
        <section aria-labelledby={`${id}-tables`} className="cafe-section">
          <h3 id={`${id}-tables`}>{last ? `${t("tables.heading")} (${t("tables.round", { number: last.number })})` : t("tables.headingNone")}</h3>
          {!last && <p>{t("tables.noRound")}</p>}
          {last && <Warnings warnings={last.warnings} heading={t("tables.warnings")} tables={cafe.tables} />}
          <Seating tables={cafe.tables} seating={last?.seating ?? cafe.tables.map((x) => ({ tableId: x.id, participantIds: [x.hostId] }))} people={people} notes label={t("tables.heading")} />
        </section>
      )}

      {cafe && last && running && <MoveOne round={last} tables={cafe.tables} present={present} act={act} />}
      {cafe && <MessageTables messages={cafe.messages} act={act} />}
      {cafe && <Harvest saved={cafe.harvest} act={act} />}
    </section>
  );
}
