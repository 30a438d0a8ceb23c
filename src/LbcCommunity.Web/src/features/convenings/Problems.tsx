import { createContext, useContext } from "react";
import { useTranslation } from "react-i18next";
import { fieldId } from "./planState";

// The server's refusals of a plan, by the field it names (`agenda[1].consensus.proposal`), shown next to that field and
// listed above the form. In English the server's own sentence is shown; in Spanish the field's problem in words.

export type FieldProblems = Record<string, string[]>;

export const ProblemsContext = createContext<FieldProblems>({});

type ProblemKey = "title" | "startsAt" | "agenda" | "kind" | "proposal" | "scale" | "roundMinutes" | "rounds" | "tables" | "hostId" | "question" | "rowIds" | "settings";

/** The kind of problem a field name stands for: its last part without indexes (`…tables[1].hostId` → `hostId`). */
function problemKey(name: string): ProblemKey {
  const last = name.replace(/\[\d+\]/g, "").split(".").pop() ?? "";
  const known: ProblemKey[] = ["title", "startsAt", "agenda", "kind", "proposal", "scale", "roundMinutes", "rounds", "tables", "hostId", "question", "rowIds"];
  return (known as string[]).includes(last) ? (last as ProblemKey) : "settings";
}

export function useProblemWords() {
  const { t, i18n } = useTranslation("convenings");
  // "form": a refusal that names no field (the convening has begun, say): its own sentence.
  return (name: string, messages: string[]) =>
    (i18n.language === "en" || name === "form") && messages.length > 0 ? messages.join(" ") : t(`problems.${problemKey(name)}`);
}

/** The problems of the fields named (or, with `prefix`, of every field below it), or nothing. */
export function Problems({ name, prefix = false }: { name: string; prefix?: boolean }) {
  const problems = useContext(ProblemsContext);
  const words = useProblemWords();
  const names = Object.keys(problems).filter((k) => k === name || (prefix && k.startsWith(`${name}[`)));
  if (names.length === 0) return null;
  return (
    <p id={`${fieldId(name)}-problem`} className="field-problem">
      {names.map((k) => words(k, problems[k])).join(" ")}
    </p>
  );
}

/** The attributes a field takes so its problem is read with it. */
export function useFieldProps(name: string) {
  const problems = useContext(ProblemsContext);
  const invalid = !!problems[name];
  return { id: fieldId(name), "aria-invalid": invalid || undefined, "aria-describedby": invalid ? `${fieldId(name)}-problem` : undefined };
}

/** Above the form: what was refused, each a link to its field. */
export function ProblemSummary({ problems }: { problems: FieldProblems }) {
  const { t } = useTranslation("convenings");
  const words = useProblemWords();
  const names = Object.keys(problems);
  if (names.length === 0) return null;
  return (
    <div role="alert" className="problem-summary">
      <h2>{t("plan.notSaved")}</h2>
      <ul>
        {names.map((k) => <li key={k}><a href={`#${fieldId(anchorOf(k))}`}>{words(k, problems[k])}</a></li>)}
      </ul>
    </div>
  );
}

/** A row of a poll has no field of its own: the link goes to the poll's rows. */
const anchorOf = (name: string) => name.replace(/(depthPoll\.rowIds)\[\d+\]$/, "$1");
