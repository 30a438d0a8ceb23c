import { useTranslation } from "react-i18next";
import type { Member, RubricRow } from "../../api";
import type { ItemState } from "./planState";
import { fieldId } from "./planState";
import { Problems, useFieldProps } from "./Problems";

// Each activity's settings in the plan form, under the names the server gives their problems (agenda[i].cafe…).

interface EditorProps {
  item: ItemState;
  at: string;
  change: (next: ItemState) => void;
}

export function CafeEditor({ item, at, change, roster, hasRoster }: EditorProps & { roster: Member[]; hasRoster: boolean }) {
  const { t } = useTranslation("convenings");
  const cafe = item.cafe;
  const set = (next: Partial<ItemState["cafe"]>) => change({ ...item, cafe: { ...cafe, ...next } });
  const setTable = (i: number, next: Partial<ItemState["cafe"]["tables"][number]>) =>
    set({ tables: cafe.tables.map((table, j) => (j === i ? { ...table, ...next } : table)) });
  const minutes = useFieldProps(`${at}.cafe.roundMinutes`);
  const rounds = useFieldProps(`${at}.cafe.rounds`);
  return (
    <div className="settings">
      <div className="field-row">
        <label className="field">
          <span>{t("cafe.roundMinutes")}</span>
          <input type="number" inputMode="decimal" min={0.5} max={120} step={0.5} value={cafe.roundMinutes} onChange={(e) => set({ roundMinutes: e.target.value })} {...minutes} />
          <Problems name={`${at}.cafe.roundMinutes`} />
        </label>
        <label className="field">
          <span>{t("cafe.rounds")}</span>
          <input type="number" inputMode="numeric" min={1} max={6} step={1} value={cafe.rounds} onChange={(e) => set({ rounds: e.target.value })} {...rounds} />
          <Problems name={`${at}.cafe.rounds`} />
        </label>
      </div>
      <fieldset id={fieldId(`${at}.cafe.tables`)}>
        <legend>{t("cafe.tables")}</legend>
        {!hasRoster && <p className="hint">{t("cafe.noRoster")}</p>}
        {hasRoster && cafe.tables.length === 0 && <p className="hint">{t("cafe.noTables")}</p>}
        <Problems name={`${at}.cafe.tables`} />
        <ol className="tables">
          {cafe.tables.map((table, i) => (
            <CafeTableEditor key={i} at={`${at}.cafe.tables[${i}]`} number={i + 1} table={table} roster={roster}
              change={(next) => setTable(i, next)} remove={() => set({ tables: cafe.tables.filter((_, j) => j !== i) })} />
          ))}
        </ol>
        {hasRoster && (
          <button type="button" onClick={() => set({ tables: [...cafe.tables, { hostId: "", question: "" }] })}>{t("cafe.addTable")}</button>
        )}
      </fieldset>
    </div>
  );
}

function CafeTableEditor({ at, number, table, roster, change, remove }: {
  at: string; number: number; table: ItemState["cafe"]["tables"][number]; roster: Member[];
  change: (next: Partial<ItemState["cafe"]["tables"][number]>) => void; remove: () => void;
}) {
  const { t } = useTranslation("convenings");
  const { t: common } = useTranslation();
  const host = useFieldProps(`${at}.hostId`);
  const question = useFieldProps(`${at}.question`);
  return (
    <li>
      <span className="table-number">{t("cafe.table", { number })}</span>
      <label className="field">
        <span>{t("cafe.host")}</span>
        <select value={table.hostId} onChange={(e) => change({ hostId: e.target.value })} {...host}>
          <option value="">{t("cafe.chooseHost")}</option>
          {roster.map((m) => <option key={m.id} value={m.id}>{m.displayName} ({common(`roles.${m.stakeholderRole}`)})</option>)}
        </select>
        <Problems name={`${at}.hostId`} />
      </label>
      <label className="field grow">
        <span>{t("cafe.question")}</span>
        <input value={table.question} onChange={(e) => change({ question: e.target.value })} {...question} />
        <Problems name={`${at}.question`} />
      </label>
      <button type="button" onClick={remove}>{t("cafe.removeTable", { number })}</button>
    </li>
  );
}

export function ConsensusEditor({ item, at, change }: EditorProps) {
  const { t } = useTranslation("convenings");
  const consensus = item.consensus;
  const set = (next: Partial<ItemState["consensus"]>) => change({ ...item, consensus: { ...consensus, ...next } });
  const proposal = useFieldProps(`${at}.consensus.proposal`);
  return (
    <div className="settings">
      <label className="field">
        <span>{t("consensus.proposal")}</span>
        <textarea rows={3} value={consensus.proposal} onChange={(e) => set({ proposal: e.target.value })} {...proposal} />
        <Problems name={`${at}.consensus.proposal`} />
      </label>
      <fieldset id={fieldId(`${at}.consensus.scale`)}>
        <legend>{t("consensus.scale")}</legend>
        {(["FistToFive", "GradientsOfAgreement"] as const).map((scale) => (
          <label key={scale} className="choice">
            <input type="radio" name={`${at}-scale`} checked={consensus.scale === scale} onChange={() => set({ scale })} />
            {t(`consensus.${scale}`)}
          </label>
        ))}
        <Problems name={`${at}.consensus.scale`} />
      </fieldset>
      <label className="choice">
        <input type="checkbox" checked={consensus.hideResults} onChange={(e) => set({ hideResults: e.target.checked })} />
        {t("consensus.hideResults")}
      </label>
      <label className="choice">
        <input type="checkbox" checked={consensus.anonymous} onChange={(e) => set({ anonymous: e.target.checked })} />
        {t("consensus.anonymous")}
      </label>
    </div>
  );
}

export function DepthPollEditor({ item, at, change, rows }: EditorProps & { rows: RubricRow[] }) {
  const { t, i18n } = useTranslation("convenings");
  const chosen = item.depthPoll.rowIds;
  const toggle = (id: string, on: boolean) =>
    change({ ...item, depthPoll: { rowIds: on ? [...chosen, id] : chosen.filter((r) => r !== id) } });
  return (
    <fieldset className="settings rows" id={fieldId(`${at}.depthPoll.rowIds`)}>
      <legend>{t("poll.rows")}</legend>
      <Problems name={`${at}.depthPoll.rowIds`} prefix />
      {rows.length === 0 && <p className="hint">{t("poll.loadingRows")}</p>}
      {rows.map((row) => (
        <label key={row.id} className="choice">
          <input type="checkbox" checked={chosen.includes(row.id)} onChange={(e) => toggle(row.id, e.target.checked)} />
          {row.title[i18n.language] ?? row.title.en}
        </label>
      ))}
    </fieldset>
  );
}
