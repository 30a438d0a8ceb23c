import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CafeRound, ConveningSnapshot, Participant, WorldCafeActivity } from "../../convening";
import type { ConveningHub } from "../../hooks/useConveningHub";
import { Countdown } from "../cafe-timer/Countdown";
import { nameOf } from "./names";
import { useSend } from "./useSend";

/** The round under way (the newest, until the server's end time), if any. */
function runningRound(cafe: WorldCafeActivity, now: number): CafeRound | undefined {
  const last = cafe.rounds[cafe.rounds.length - 1];
  return last && Date.parse(last.endsAt) > now ? last : undefined;
}

/**
 * The World Café at one's phone: the table one sits at this round (found in the round's seating), its question, who
 * sits there, the time left, the facilitator's latest message to all tables, and a note for the table. Between rounds,
 * "waiting for the next round".
 */
export function Cafe({ state, me, act }: { state: ConveningSnapshot; me: Participant; act: ConveningHub["act"] }) {
  const { t } = useTranslation("participate");
  const cafe = state.worldCafe;
  // Re-rendered when the countdown reaches zero, so the round ends on the phone when the server's clock says so.
  const [, setTick] = useState(0);
  const ended = useCallback(() => setTick((n) => n + 1), []);
  if (!cafe) return <p>{t("cafe.waiting")}</p>;

  const round = runningRound(cafe, Date.now());
  const seat = round?.seating.find((s) => s.participantIds.includes(me.id));
  const table = seat && cafe.tables.find((tb) => tb.id === seat.tableId);
  const number = table ? cafe.tables.indexOf(table) + 1 : 0;
  const message = cafe.messages?.[cafe.messages.length - 1];

  return (
    <section aria-labelledby="cafe-heading" className="activity cafe">
      <h2 id="cafe-heading">{table ? `${t("cafe.heading")}: ${t("cafe.table", { number })}` : t("cafe.heading")}</h2>
      {message && (
        <section className="message" aria-labelledby="cafe-message">
          <h3 id="cafe-message">{t("cafe.message")}</h3>
          <p aria-live="polite" data-testid="cafe-message">{message.text}</p>
        </section>
      )}
      {!round && <p role="status">{t("cafe.waiting")}</p>}
      {round && !table && <p>{t("cafe.notSeated")}</p>}
      {round && table && seat && (
        <>
          <p className="round-number">{t("cafe.round", { number: round.number })}</p>
          <Countdown key={`${round.number}-${round.endsAt}`} endsAt={round.endsAt} label={t("cafe.timeLeft")} onEnded={ended} />
          <h3>{t("cafe.question")}</h3>
          <p className="question" data-testid="table-question">{table.question}</p>
          <h3 id="table-people">{t("cafe.withYou")}</h3>
          <ul aria-labelledby="table-people" className="people">
            {seat.participantIds.map((id) => (
              <li key={id}>
                {nameOf(state, id, t("cafe.anotherParticipant"))}
                {id === table.hostId ? t("cafe.host") : ""}{id === me.id ? t("cafe.you") : ""}
              </li>
            ))}
          </ul>
          <TableNotes key={round.number} state={state} tableId={table.id} round={round.number} act={act} />
        </>
      )}
    </section>
  );
}

/** This round's notes at the table, and a note to add (kept in the box if the hub refuses it). */
function TableNotes({ state, tableId, round, act }: { state: ConveningSnapshot; tableId: string; round: number; act: ConveningHub["act"] }) {
  const { t } = useTranslation("participate");
  const { send, sending, refusal } = useSend();
  const [text, setText] = useState("");
  const notes = state.worldCafe?.tables.find((tb) => tb.id === tableId)?.notes.filter((n) => n.round === round) ?? [];

  return (
    <>
      <h3 id="table-notes">{t("cafe.notes")}</h3>
      {notes.length === 0 ? <p>{t("cafe.noNotes")}</p> : (
        <ul aria-labelledby="table-notes" className="notes">
          {notes.map((n, i) => <li key={i} data-testid="table-note">{n.text} <small>— {nameOf(state, n.participantId, t("cafe.anotherParticipant"))}</small></li>)}
        </ul>
      )}
      <form onSubmit={async (e) => {
        e.preventDefault();
        if (text.trim() && await send(() => act("AddTableNote", tableId, text.trim()))) setText("");
      }}>
        <label htmlFor="table-note">{t("cafe.note")}</label>
        <textarea id="table-note" value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={1000} />
        {refusal && <p role="alert" className="error">{refusal}</p>}
        <button type="submit" disabled={!text.trim() || sending}>{sending ? t("sending") : t("cafe.addNote")}</button>
      </form>
    </>
  );
}
