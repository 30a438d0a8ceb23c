import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { ActivityKind, ConveningOwnerKind, SppAprTopic } from "../../protocol";
import type { Member, RubricRow } from "../../api";
import { newItem, type ItemState, type PlanState } from "./planState";
import { Problems, ProblemsContext, ProblemSummary, useFieldProps, type FieldProblems } from "./Problems";
import { CafeEditor, ConsensusEditor, DepthPollEditor } from "./SettingsEditors";

const kinds: ActivityKind[] = ["WorldCafe", "ConsensusBuilding", "FourSimpleQuestions", "DepthPoll", "PersonalActionPlan"];
const topics: SppAprTopic[] = ["Targets", "DataAnalysis", "ImprovementStrategies", "EvaluatingProgress"];

interface PlanFormProps {
  initial: PlanState;
  ownerKind: ConveningOwnerKind;
  roster: Member[];
  rows: RubricRow[];
  /** Saves the plan; the server's problems by field when it refuses (the form keeps what was typed). */
  save: (plan: PlanState) => Promise<FieldProblems | undefined>;
  saveLabel: string;
  cancel?: () => void;
}

/** Title, time and the agenda, each activity with its settings; refusals shown next to the field they name. */
export function PlanForm({ initial, ownerKind, roster, rows, save, saveLabel, cancel }: PlanFormProps) {
  const { t } = useTranslation("convenings");
  const [plan, setPlan] = useState(initial);
  const [problems, setProblems] = useState<FieldProblems>({});
  const [saving, setSaving] = useState(false);
  const title = useFieldPropsIn(problems, "title");
  const startsAt = useFieldPropsIn(problems, "startsAt");
  const allowed = kinds.filter((k) => k !== "DepthPoll" || ownerKind === "Team");

  const setItem = (i: number, item: ItemState) => setPlan({ ...plan, agenda: plan.agenda.map((x, j) => (j === i ? item : x)) });
  const move = (i: number, by: number) => {
    const agenda = [...plan.agenda];
    [agenda[i], agenda[i + by]] = [agenda[i + by], agenda[i]];
    setPlan({ ...plan, agenda });
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    try {
      setProblems((await save(plan)) ?? {});
    } finally {
      setSaving(false);
    }
  }

  return (
    <ProblemsContext.Provider value={problems}>
      <form className="plan-form" onSubmit={(e) => void submit(e)} noValidate>
        <ProblemSummary problems={problems} />
        <label className="field">
          <span>{t("plan.title")}</span>
          <input value={plan.title} onChange={(e) => setPlan({ ...plan, title: e.target.value })} aria-required="true" {...title} />
          <Problems name="title" />
        </label>
        <label className="field">
          <span>{t("plan.startsAt")}</span>
          <input type="datetime-local" value={plan.startsAt} onChange={(e) => setPlan({ ...plan, startsAt: e.target.value })} {...startsAt} />
          <Problems name="startsAt" />
        </label>
        <fieldset className="field spp-apr">
          <legend>{t("plan.sppApr")}</legend>
          {topics.map((topic) => (
            <label key={topic} className="checkbox">
              <input type="checkbox" checked={plan.sppAprTopics.includes(topic)}
                onChange={(e) => setPlan({ ...plan, sppAprTopics: e.target.checked ? [...plan.sppAprTopics, topic] : plan.sppAprTopics.filter((x) => x !== topic) })} />
              {" "}{t(`plan.topics.${topic}`)}
            </label>
          ))}
          <Problems name="sppAprTopics" />
        </fieldset>
        <h2 id="f-agenda">{t("plan.agenda")}</h2>
        <Problems name="agenda" />
        <ol className="agenda-items">
          {plan.agenda.map((item, i) => (
            <AgendaItemEditor key={item.key} item={item} index={i} count={plan.agenda.length} allowed={allowed}
              ownerKind={ownerKind} roster={roster} rows={rows} change={(next) => setItem(i, next)} move={(by) => move(i, by)}
              remove={() => setPlan({ ...plan, agenda: plan.agenda.filter((_, j) => j !== i) })} />
          ))}
        </ol>
        <div className="add-items" role="group" aria-label={t("plan.addActivity")}>
          {allowed.map((kind) => (
            <button key={kind} type="button" onClick={() => setPlan({ ...plan, agenda: [...plan.agenda, newItem(kind)] })}>
              {t("plan.add", { kind: t(`kinds.${kind}`) })}
            </button>
          ))}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={saving}>{saveLabel}</button>
          {cancel && <button type="button" onClick={cancel}>{t("plan.cancel")}</button>}
          {saving && <span role="status">{t("plan.saving")}</span>}
        </div>
      </form>
    </ProblemsContext.Provider>
  );
}

/** The plan form holds the problems itself, so its own first fields read them without the context. */
function useFieldPropsIn(problems: FieldProblems, name: string) {
  const props = useFieldProps(name);
  const invalid = !!problems[name];
  return { ...props, "aria-invalid": invalid || undefined, "aria-describedby": invalid ? `${props.id}-problem` : undefined };
}

interface ItemEditorProps {
  item: ItemState; index: number; count: number; allowed: ActivityKind[]; ownerKind: ConveningOwnerKind;
  roster: Member[]; rows: RubricRow[];
  change: (next: ItemState) => void; move: (by: number) => void; remove: () => void;
}

function AgendaItemEditor({ item, index, count, allowed, ownerKind, roster, rows, change, move, remove }: ItemEditorProps) {
  const { t } = useTranslation("convenings");
  const at = `agenda[${index}]`;
  const kind = useFieldProps(`${at}.kind`);
  const title = useFieldProps(`${at}.title`);
  const name = item.title || t(`kinds.${item.kind}`);
  const headingId = `${kind.id}-heading`;
  return (
    <li className="agenda-item">
      <section aria-labelledby={headingId}>
        <h3 id={headingId}>{t("plan.item", { number: index + 1, name })}</h3>
        <div className="field-row">
          <label className="field">
            <span>{t("plan.kind")}</span>
            <select value={item.kind} onChange={(e) => change({ ...item, kind: e.target.value as ActivityKind })} {...kind}>
              {allowed.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
            </select>
            <Problems name={`${at}.kind`} />
          </label>
          <label className="field grow">
            <span>{t("plan.itemTitle")}</span>
            <input value={item.title} onChange={(e) => change({ ...item, title: e.target.value })} aria-required="true" {...title} />
            <Problems name={`${at}.title`} />
          </label>
        </div>
        {item.kind === "WorldCafe" && <CafeEditor item={item} at={at} change={change} roster={roster} hasRoster={ownerKind !== "Initiative"} />}
        {item.kind === "ConsensusBuilding" && <ConsensusEditor item={item} at={at} change={change} />}
        {item.kind === "DepthPoll" && <DepthPollEditor item={item} at={at} change={change} rows={rows} />}
        {item.kind === "FourSimpleQuestions" && <p className="hint">{t("questions.none")}</p>}
        <Problems name={`${at}.cafe`} />
        <Problems name={`${at}.consensus`} />
        <Problems name={`${at}.depthPoll`} />
        <div className="item-actions">
          <button type="button" onClick={() => move(-1)} disabled={index === 0}>{t("plan.moveUp", { name })}</button>
          <button type="button" onClick={() => move(1)} disabled={index === count - 1}>{t("plan.moveDown", { name })}</button>
          <button type="button" onClick={remove}>{t("plan.remove", { name })}</button>
        </div>
      </section>
    </li>
  );
}
