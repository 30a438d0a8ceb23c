import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Participant, WorldCafeActivity } from "../../../convening";
import type { ActivityPanelProps } from "../panel";
import type { PlannedCafe } from "./plannedCafe";
import { Refusal, useCafeAction } from "./useCafeAction";

interface Row { hostId: string; question: string }

const MinTables = 2;
const MaxTables = 30;

function firstRows(cafe: WorldCafeActivity | undefined, planned: PlannedCafe | undefined): Row[] {
  if (cafe) return cafe.tables.map((t) => ({ hostId: t.hostId, question: t.question }));
  const rows = (planned?.tables ?? []).map((t) => ({ hostId: t.hostId ?? "", question: t.question ?? "" }));
  while (rows.length < MinTables) rows.push({ hostId: "", question: "" });
  return rows;
}

/**
 * Sets the café's tables before the first round: a host each, chosen from the people here (a planned host not here
 * yet stays choosable), and a question each; prefilled from the agenda item's plan, or from the tables already set.
 */
export function SetUpTables({ cafe, planned, candidates, act }: {
  cafe?: WorldCafeActivity;
  planned?: PlannedCafe;
  candidates: Participant[];
  act: ActivityPanelProps["act"];
}) {
  const { t } = useTranslation("cafe");
  const { t: words } = useTranslation();
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() => firstRows(cafe, planned));
  const [done, setDone] = useState(false);
  const { run, error, busy } = useCafeAction(act);
  const change = (i: number, row: Partial<Row>) => setRows((all) => all.map((r, j) => (j === i ? { ...r, ...row } : r)));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setDone(false);
    setDone(await run("SetUpCafe", rows.map((r) => ({ hostId: r.hostId || undefined, question: r.question }))));
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="cafe-section">
      <h3 id={`${id}-heading`}>{t("setUp.heading")}</h3>
      {planned && !cafe && <p>{t("setUp.planned")}</p>}
      <p>{t("setUp.hostsNote")}</p>
      <form onSubmit={(e) => void submit(e)}>
        {rows.map((row, i) => (
          <fieldset key={i} className="cafe-setup-row">
            <legend>{t("setUp.table", { number: i + 1 })}</legend>
            <label htmlFor={`${id}-host-${i}`}>{t("setUp.host", { number: i + 1 })}</label>
            <select id={`${id}-host-${i}`} value={row.hostId} onChange={(e) => change(i, { hostId: e.target.value })}>
              <option value="">{t("setUp.chooseHost")}</option>
              {candidates.map((p) => (
                <option key={p.id} value={p.id}>{p.displayName} — {words(`roles.${p.stakeholderRole}`)}</option>
              ))}
            </select>
            <label htmlFor={`${id}-question-${i}`}>{t("setUp.question", { number: i + 1 })}</label>
            <input id={`${id}-question-${i}`} value={row.question} maxLength={1000} onChange={(e) => change(i, { question: e.target.value })} />
            {rows.length > MinTables && (
              <button type="button" onClick={() => setRows((all) => all.filter((_, j) => j !== i))}>{t("setUp.remove", { number: i + 1 })}</button>
            )}
          </fieldset>
        ))}
        <div className="cafe-buttons">
          {rows.length < MaxTables && (
            <button type="button" onClick={() => setRows((all) => [...all, { hostId: "", question: "" }])}>{t("setUp.add")}</button>
          )}
          <button type="submit" disabled={busy}>{cafe ? t("setUp.resubmit") : t("setUp.submit")}</button>
        </div>
        <Refusal error={error} />
        {done && !error && <p role="status">{t("setUp.set")}</p>}
      </form>
    </section>
  );
}
