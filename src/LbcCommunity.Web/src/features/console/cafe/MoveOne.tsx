import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CafeRound, CafeTable, Participant } from "../../../convening";
import type { ActivityPanelProps } from "../panel";
import { Refusal, useCafeAction } from "./useCafeAction";

/**
 * Moves one person to another table in the running round: anyone here but the hosts and the facilitators (a late
 * arrival not seated yet too). The server works the round's warnings out again.
 */
export function MoveOne({ round, tables, present, act }: {
  round: CafeRound;
  tables: CafeTable[];
  present: Participant[];
  act: ActivityPanelProps["act"];
}) {
  const { t } = useTranslation("cafe");
  const id = useId();
  const [personId, setPersonId] = useState("");
  const [tableId, setTableId] = useState("");
  const [moved, setMoved] = useState<string>();
  const { run, error, busy } = useCafeAction(act);
  const hosts = new Set(tables.map((table) => table.hostId));
  const number = (table: string) => tables.findIndex((x) => x.id === table) + 1;
  const seatOf = (p: string) => round.seating.find((s) => s.participantIds.includes(p))?.tableId;
  const movable = present.filter((p) => !p.isFacilitator && !hosts.has(p.id));

  const move = async (e: React.FormEvent) => {
    e.preventDefault();
    setMoved(undefined);
    const person = movable.find((p) => p.id === personId);
    if (await run("MoveParticipant", personId, tableId)) {
      setMoved(t("move.moved", { name: person?.displayName ?? t("unknown"), table: number(tableId) }));
    }
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="cafe-section">
      <h3 id={`${id}-heading`}>{t("move.heading")}</h3>
      <form onSubmit={(e) => void move(e)} className="cafe-inline-form">
        <label htmlFor={`${id}-person`}>{t("move.person")}</label>
        <select id={`${id}-person`} value={personId} onChange={(e) => setPersonId(e.target.value)}>
          <option value="">{t("move.choosePerson")}</option>
          {movable.map((p) => {
            const at = seatOf(p.id);
            return <option key={p.id} value={p.id}>{p.displayName} ({at ? t("table", { id: number(at) }) : t("move.notSeated")})</option>;
          })}
        </select>
        <label htmlFor={`${id}-table`}>{t("move.table")}</label>
        <select id={`${id}-table`} value={tableId} onChange={(e) => setTableId(e.target.value)}>
          <option value="">{t("move.chooseTable")}</option>
          {tables.map((table, i) => <option key={table.id} value={table.id}>{i + 1}: {table.question}</option>)}
        </select>
        <button type="submit" disabled={busy}>{t("move.submit")}</button>
      </form>
      <Refusal error={error} />
      {moved && !error && <p role="status">{moved}</p>}
    </section>
  );
}
