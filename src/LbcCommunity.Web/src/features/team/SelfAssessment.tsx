import { useMemo, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError, type Me, type Rating, type RubricRow, type RubricVersion, type Team } from "../../api";
import type { RatingDraft } from "../../protocol";
import { api, facilitates, latestMemberCells, levels, mean, median, memberIdOn, steps, teamKey, useRatings, useRubric, wordsIn } from "./queries";

type Mode = "mine" | "consensus";
/** Attainment per level of each row; `undefined`: not marked. */
type Marks = Record<string, (number | undefined)[]>;

/**
 * The rubric's grid as in the seeds' slides: a row per element, a column per depth level, each cell's words and how
 * far the team has got there. A member rates on their own; a facilitator records the team's consensus beside the
 * members' spread, starting from its median.
 */
export function SelfAssessment({ me, tenantId, team }: { me: Me; tenantId: string; team: Team }) {
  const { t } = useTranslation("team");
  const rubric = useRubric(tenantId, team.initiativeId).data!;
  const ratings = useRatings(tenantId, team.id).data ?? [];
  const myId = memberIdOn(me, team.id);
  const mayAgree = facilitates(me, team.id);
  const [mode, setMode] = useState<Mode>(myId ? "mine" : "consensus");
  const spread = useMemo(() => latestMemberCells(ratings, rubric.version), [ratings, rubric.version]);

  return (
    <section id="assess" aria-labelledby="assess-heading" className="team-section">
      <h2 id="assess-heading">{t("assess.heading")}</h2>
      <p className="rubric-name">{t("assess.rubric", { version: rubric.version, name: rubric.name })}</p>
      {!myId && !mayAgree ? <p>{t("assess.readOnly")}</p> : (
        <>
          {myId && mayAgree && (
            <fieldset className="mode">
              <legend>{t("assess.mode")}</legend>
              {(["mine", "consensus"] as const).map((m) => (
                <label key={m} className="check">
                  <input type="radio" name="assess-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                  {t(`assess.${m}`)}
                </label>
              ))}
            </fieldset>
          )}
          {!myId && <p>{t("assess.notOnRoster")}</p>}
          <Grid
            key={mode}
            mode={mode}
            tenantId={tenantId}
            teamId={team.id}
            memberId={myId}
            rubric={rubric}
            spread={spread}
            initial={mode === "mine" ? ownMarks(ratings, myId, rubric.version) : medianMarks(spread)}
            lastOwn={mode === "mine" ? lastOwn(ratings, myId) : undefined}
          />
        </>
      )}
    </section>
  );
}

function ownMarks(ratings: Rating[], memberId: string | undefined, version: number): Marks {
  const marks: Marks = {};
  for (const [rowId, members] of latestMemberCells(ratings, version)) {
    const mine = memberId ? members.get(memberId) : undefined;
    if (mine) marks[rowId] = mine;
  }
  return marks;
}

function medianMarks(spread: Map<string, Map<string, number[]>>): Marks {
  const marks: Marks = {};
  for (const [rowId, members] of spread) {
    const all = [...members.values()];
    marks[rowId] = levels.map((_, i) => median(all.map((cells) => cells[i])));
  }
  return marks;
}

const lastOwn = (ratings: Rating[], memberId: string | undefined) =>
  ratings.filter((r) => r.kind === "Member" && r.memberId === memberId).map((r) => r.recordedAt).sort().pop();

function Grid({ mode, tenantId, teamId, memberId, rubric, spread, initial, lastOwn: last }: {
  mode: Mode; tenantId: string; teamId: string; memberId?: string; rubric: RubricVersion;
  spread: Map<string, Map<string, number[]>>; initial: Marks; lastOwn?: string;
}) {
  const { t, i18n } = useTranslation("team");
  const [marks, setMarks] = useState<Marks>(initial);
  const [saved, setSaved] = useState("");
  const [empty, setEmpty] = useState(false);
  const queries = useQueryClient();
  const title = (row: RubricRow) => wordsIn(row.title, i18n.language);
  const rated = rubric.rows.filter((row) => marks[row.id]?.some((v) => v !== undefined));
  const save = useMutation({
    mutationFn: (draft: RatingDraft) => mode === "mine" ? api.rateAsMember(tenantId, teamId, draft) : api.recordConsensus(tenantId, teamId, draft),
    onSuccess: () => {
      setSaved(t(mode === "mine" ? "assess.savedMine" : "assess.savedConsensus"));
      void queries.invalidateQueries({ queryKey: teamKey(tenantId, teamId) });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved("");
    setEmpty(rated.length === 0);
    if (rated.length === 0) return;
    save.mutate({
      rubricVersion: rubric.version,
      memberId: mode === "mine" ? memberId : undefined,
      idempotencyKey: crypto.randomUUID(),
      rows: rated.map((row) => ({ rowId: row.id, cells: levels.map((level, i) => ({ level, attainmentPercent: marks[row.id][i] ?? 0 })) })),
    });
  };
  const problems = save.error instanceof ApiError ? Object.entries(save.error.errors) : [];
  const problemWords = problems.map(([field, messages]) => {
    const index = /^rows\[(\d+)\]/.exec(field)?.[1];
    const row = index === undefined ? undefined : rated[Number(index)];
    return i18n.language === "en" ? messages.join(" ") : row ? t("assess.problem", { row: title(row) }) : t("assess.rejected");
  });
  const habits = [...new Set(rubric.rows.map((r) => r.habit))];

  return (
    <form onSubmit={submit} className="assess" aria-describedby="assess-intro">
      <p id="assess-intro">{t("assess.intro")}{mode === "consensus" && <> {t("assess.consensusIntro")}</>}</p>
      {last && <p>{t("assess.yourLast", { when: new Date(last).toLocaleString(i18n.language) })}</p>}
      {habits.map((habit) => (
        <div key={habit} className="habit">
          <h3>{t(`habits.${habit}` as "habits.CoalescingAroundIssues", { defaultValue: habit })}</h3>
          {rubric.rows.filter((r) => r.habit === habit).map((row) => (
            <fieldset key={row.id} className="rubric-row">
              <legend>{title(row)}</legend>
              <div className="cells">
                {row.cells.map((cell) => {
                  const i = levels.indexOf(cell.level);
                  const id = `cell-${mode}-${row.id}-${cell.level}`;
                  const others = [...(spread.get(row.id)?.values() ?? [])].map((cells) => cells[i]);
                  const value = marks[row.id]?.[i];
                  return (
                    <div key={cell.level} className={`cell level-${i + 1}`}>
                      <span className="level-name" aria-hidden="true">{t(`levels.${cell.level}`)}</span>
                      <p className="cell-text">{wordsIn(cell.text, i18n.language)}</p>
                      <label htmlFor={id} className="sr-only">{t("assess.cellLabel", { row: title(row), level: t(`levels.${cell.level}`) })}</label>
                      <select
                        id={id}
                        value={value ?? ""}
                        aria-describedby={mode === "consensus" ? `${id}-spread` : undefined}
                        onChange={(e) => {
                          const next = [...(marks[row.id] ?? [undefined, undefined, undefined, undefined])];
                          next[i] = e.target.value === "" ? undefined : Number(e.target.value);
                          setMarks({ ...marks, [row.id]: next });
                        }}
                      >
                        <option value="">{t("assess.notRated")}</option>
                        {steps.map((s) => <option key={s} value={s}>{s} %</option>)}
                      </select>
                      {mode === "consensus" && (
                        <p id={`${id}-spread`} className="spread">
                          {others.length === 0 ? t("assess.noSpread") : t("assess.spread", {
                            count: others.length,
                            values: [...others].sort((a, b) => a - b).map((v) => `${v} %`).join(", "),
                            mean: Math.round(mean(others)),
                          })}
                        </p>
                      )}
                    </div>
                  );
                })}
              </div>
            </fieldset>
          ))}
        </div>
      ))}
      {empty && <p role="alert">{t("assess.nothing")}</p>}
      {problemWords.length > 0 && <div role="alert">{problemWords.map((w, i) => <p key={i} className="field-problem">{w}</p>)}</div>}
      {save.error && problems.length === 0 && <p role="alert">{i18n.language === "en" ? save.error.message : t("assess.rejected")}</p>}
      <p role="status" className="news">{saved}</p>
      <button type="submit" className="primary" disabled={save.isPending}>
        {save.isPending ? t("assess.saving") : t(mode === "mine" ? "assess.saveMine" : "assess.saveConsensus")}
      </button>
    </form>
  );
}
