import { useTranslation } from "react-i18next";
import type { CafeTable, Participant, StakeholderRole, TableSeating } from "../../../convening";
import { warningWords } from "./warningWords";

const familyVoices: StakeholderRole[] = ["FamilyMember", "ParentMentor"];

/** A family voice (docs/convenings.md, "Voices at the table"): the rotation keeps one at every table it can. */
export const isFamilyVoice = (p?: Participant) => !!p && familyVoices.includes(p.stakeholderRole);

/**
 * Tables with who sits at each (names and roles; the host and the family voices marked in words and a sign, never by
 * colour alone), and, when asked, the notes taken there. Used for the running round and for the preview.
 */
export function Seating({ tables, seating, people, notes, label }: {
  tables: CafeTable[];
  seating: TableSeating[];
  people: Map<string, Participant>;
  notes?: boolean;
  label: string;
}) {
  const { t } = useTranslation("cafe");
  const { t: words } = useTranslation();
  return (
    <ul className="cafe-tables" aria-label={label}>
      {tables.map((table, i) => {
        const seated = seating.find((s) => s.tableId === table.id)?.participantIds ?? [];
        return (
          <li key={table.id} className="cafe-table" data-table={table.id}>
            <h4>{t("setUp.table", { number: i + 1 })}: <span className="cafe-question">{table.question}</span></h4>
            {seated.length === 0 ? <p>{t("tables.empty")}</p> : (
              <ul className="cafe-seats">
                {seated.map((id) => {
                  const person = people.get(id);
                  const family = isFamilyVoice(person);
                  return (
                    <li key={id} data-participant={id} className={family ? "cafe-seat cafe-family" : "cafe-seat"}>
                      {family && <span aria-hidden="true" className="cafe-family-sign">◆ </span>}
                      <span className="cafe-name">{person?.displayName ?? t("unknown")}</span>{" "}
                      <small>
                        — {person ? words(`roles.${person.stakeholderRole}`) : ""}
                        {id === table.hostId ? `, ${t("tables.host")}` : ""}
                        {family ? `, ${t("tables.familyVoice")}` : ""}
                      </small>
                    </li>
                  );
                })}
              </ul>
            )}
            {notes && (
              <>
                <h5>{t("tables.notes")}</h5>
                {table.notes.length === 0 ? <p>{t("tables.noNotes")}</p> : (
                  <ul className="cafe-notes">
                    {table.notes.map((n, j) => (
                      <li key={j}>{n.text} <small>({people.get(n.participantId)?.displayName ?? t("unknown")}, {t("tables.noteRound", { round: n.round })})</small></li>
                    ))}
                  </ul>
                )}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The facilitator's warnings for a round (participants never get them). */
export function Warnings({ warnings, heading, tables }: { warnings: string[]; heading: string; tables: CafeTable[] }) {
  const { t } = useTranslation("cafe");
  if (warnings.length === 0) return null;
  const number = (tableId: string) => tables.findIndex((x) => x.id === tableId) + 1;
  return (
    <div className="cafe-warnings">
      <h4><span aria-hidden="true">⚠ </span>{heading}</h4>
      <ul>{warnings.map((w, i) => <li key={i}>{warningWords(t, w, number)}</li>)}</ul>
    </div>
  );
}
