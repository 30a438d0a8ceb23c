import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router-dom";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError, type Me, type Member } from "../../api";
import { useMe } from "../home/queries";
import { api, useRubric, wordsIn } from "../team/queries";
import { useTitle } from "../convenings/MyConvenings";
import { planApi, statuses, type ActionPlanView, type ActionStatus, type Owners, type PlanAction } from "./api";
import "./messages";
import "./action-plans.css";

/** The caller's member id on the owner's roster, from grants like `team-member:{owner}:{member}`. */
function memberIdOn(me: Me, ownerId: string): string | undefined {
  for (const grant of me.grants) {
    const [role, scope, member] = grant.split(":");
    if ((role?.endsWith("-member") || role?.endsWith("-facilitator")) && scope === ownerId && member) return member;
  }
  return undefined;
}

const facilitates = (me: Me, owners: Owners, ownerId: string) =>
  me.roles.includes("state-admin") || me.grants.some((g) => g.startsWith(`${owners === "teams" ? "team" : "community"}-facilitator:${ownerId}`));

/**
 * `/teams/{teamId}/action-plan` and `/communities/{communityId}/action-plan`: the goals with their progress, the
 * actions with their owners and dates; facilitators add and bulk-edit, export and import; an owner sets their own status.
 */
export function ActionPlanPage() {
  const { t } = useTranslation("actionPlans");
  const { teamId, communityId } = useParams();
  const owners: Owners = teamId ? "teams" : "communities";
  const ownerId = teamId ?? communityId ?? "";
  const me = useMe();
  const tenantId = me.data?.tenantId;
  const plan = useQuery({
    queryKey: ["tenants", tenantId, owners, ownerId, "action-plan"],
    queryFn: () => planApi(tenantId!, owners, ownerId).plan(),
    enabled: !!tenantId,
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
  const team = useQuery({ queryKey: ["tenants", tenantId, "teams", ownerId], queryFn: () => api.team(tenantId!, ownerId), enabled: !!tenantId && owners === "teams" });
  const name = team.data?.name ?? ownerId;
  useTitle(t("title", { name }));
  const error = me.error ?? plan.error;
  if (error) {
    const status = error instanceof ApiError ? error.status : 0;
    return <main className="page action-plan"><h1>{t("title", { name })}</h1><p role="alert">{status === 403 ? t("notYours") : status === 404 ? t("notFound") : error.message}</p></main>;
  }
  if (!me.data || !tenantId || !plan.data) return <main className="page action-plan"><p role="status">{t("loading")}</p></main>;
  return <PlanContent me={me.data} tenantId={tenantId} owners={owners} ownerId={ownerId} name={name} plan={plan.data} initiativeId={team.data?.initiativeId} />;
}

function PlanContent({ me, tenantId, owners, ownerId, name, plan, initiativeId }: { me: Me; tenantId: string; owners: Owners; ownerId: string; name: string; plan: ActionPlanView; initiativeId?: string }) {
  const { t, i18n } = useTranslation("actionPlans");
  // A team's goals name rows of its initiative's rubric (a community's, the tenant's latest: shown by id here).
  const rubric = useRubric(tenantId, initiativeId);
  const rows = (rubric.data?.rows ?? []).map((r) => ({ id: r.id, title: wordsIn(r.title, i18n.language) }));
  const rowTitle = (id: string) => rows.find((r) => r.id === id)?.title ?? id;
  const facilitator = facilitates(me, owners, ownerId);
  const mine = memberIdOn(me, ownerId);
  const calls = planApi(tenantId, owners, ownerId);
  const queries = useQueryClient();
  const refresh = () => queries.invalidateQueries({ queryKey: ["tenants", tenantId, owners, ownerId] });
  const members = useQuery({ queryKey: ["tenants", tenantId, owners, ownerId, "members"], queryFn: () => api.members(tenantId, owners, ownerId), enabled: facilitator });
  const attention = useQuery({ queryKey: ["tenants", tenantId, owners, ownerId, "action-plan", "attention", plan.version], queryFn: calls.attention, enabled: facilitator });
  const [selected, setSelected] = useState<string[]>([]);
  const [bulkStatus, setBulkStatus] = useState<ActionStatus>("Done");
  const bulk = useMutation({ mutationFn: () => calls.statuses(selected.map((actionId) => ({ actionId, status: bulkStatus }))), onSuccess: () => { setSelected([]); void refresh(); } });
  const progress = useMutation({ mutationFn: (p: { id: string; status: ActionStatus }) => calls.progress(p.id, p.status, plan.actions.find((a) => a.id === p.id)?.notes), onSuccess: () => void refresh() });
  const goalTitle = (id?: string) => plan.goals.find((g) => g.id === id)?.title ?? t("actions.noGoal");

  return (
    <main className="page action-plan">
      <h1>{t("title", { name })}</h1>
      {owners === "teams" && <p><Link to={`/teams/${encodeURIComponent(ownerId)}`}>{t("back")}</Link></p>}
      {facilitator && attention.data && (
        <section aria-labelledby="ap-attention">
          <h2 id="ap-attention">{t("attention.heading")}</h2>
          <ActionList heading={t("attention.overdue")} id="ap-overdue" actions={attention.data.overdue} />
          <ActionList heading={t("attention.dueThisWeek")} id="ap-week" actions={attention.data.dueThisWeek} />
        </section>
      )}
      <section aria-labelledby="ap-goals">
        <h2 id="ap-goals">{t("goals.heading")}</h2>
        {plan.goals.length === 0 ? <p>{t("goals.none")}</p> : (
          <ul className="goals">
            {plan.goals.map((g) => {
              const p = plan.progress.find((x) => x.goalId === g.id);
              return (
                <li key={g.id} data-goal={g.id}>
                  <h3 id={`goal-${g.id}`}>{g.title}</h3>
                  {g.description && <p>{g.description}</p>}
                  <progress max={100} value={p?.percent ?? 0} aria-labelledby={`goal-${g.id}`} />
                  <p>{t("goals.progress", { percent: p?.percent ?? 0, done: p?.done ?? 0, count: p?.actions ?? 0 })}</p>
                  {g.rowIds.length > 0 && <p className="meta">{t("goals.rows", { rows: g.rowIds.map(rowTitle).join(", ") })}</p>}
                </li>
              );
            })}
          </ul>
        )}
        {facilitator && <GoalForm rows={rows} onAdd={async (goal) => { await calls.addGoal(goal); await refresh(); }} />}
      </section>
      <section aria-labelledby="ap-actions">
        <h2 id="ap-actions">{t("actions.heading")}</h2>
        {plan.actions.length === 0 ? <p>{t("actions.none")}</p> : (
          <div className="table-scroll" role="region" tabIndex={0} aria-label={t("actions.table")}>
            <table className="actions" data-testid="plan-actions">
              <thead>
                <tr>
                  {facilitator && <th scope="col"><span className="usa-sr-only">{t("bulk.label")}</span></th>}
                  <th scope="col">{t("actions.action")}</th><th scope="col">{t("actions.goal")}</th><th scope="col">{t("actions.owner")}</th>
                  <th scope="col">{t("actions.due")}</th><th scope="col">{t("actions.status")}</th><th scope="col">{t("actions.notes")}</th>
                </tr>
              </thead>
              <tbody>
                {plan.actions.map((a) => {
                  const mayUpdate = facilitator || (mine !== undefined && a.ownerMemberId === mine);
                  return (
                    <tr key={a.id} data-action={a.id}>
                      {facilitator && (
                        <td><input type="checkbox" aria-label={t("actions.select", { title: a.title })} checked={selected.includes(a.id)}
                          onChange={(e) => setSelected(e.target.checked ? [...selected, a.id] : selected.filter((x) => x !== a.id))} /></td>
                      )}
                      <th scope="row">{a.title}{a.conveningId && <span className="meta"> ({t("actions.fromConvening")})</span>}</th>
                      <td>{goalTitle(a.goalId)}</td>
                      <td>{a.ownerName}{a.ownerIsGuest && <span className="tag"> ({t("actions.guest")})</span>}</td>
                      <td>{a.dueOn ?? "—"}</td>
                      <td>
                        {mayUpdate ? (
                          <select aria-label={t("actions.statusOf", { title: a.title })} value={a.status} disabled={progress.isPending}
                            onChange={(e) => progress.mutate({ id: a.id, status: e.target.value as ActionStatus })}>
                            {statuses.map((s) => <option key={s} value={s}>{t(`statuses.${s}`)}</option>)}
                          </select>
                        ) : t(`statuses.${a.status}`)}
                      </td>
                      <td>{a.notes}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {facilitator && plan.actions.length > 0 && (
          <form className="bulk" onSubmit={(e) => { e.preventDefault(); if (selected.length) bulk.mutate(); }}>
            <label htmlFor="ap-bulk">{t("bulk.label")}</label>
            <select id="ap-bulk" value={bulkStatus} onChange={(e) => setBulkStatus(e.target.value as ActionStatus)}>
              {statuses.map((s) => <option key={s} value={s}>{t(`statuses.${s}`)}</option>)}
            </select>
            <button type="submit" disabled={selected.length === 0 || bulk.isPending}>{t("bulk.apply")}</button>
            <span role="status">{t("bulk.selected", { count: selected.length })}</span>
          </form>
        )}
        {facilitator && members.data && <ActionForm members={members.data} plan={plan} onAdd={async (a) => { await calls.addAction(a); await refresh(); }} />}
      </section>
      <section aria-labelledby="ap-csv">
        <h2 id="ap-csv">{t("csv.heading")}</h2>
        <button type="button" onClick={() => void calls.download()}>{t("csv.download")}</button>
        {facilitator && <CsvImport onImport={async (text) => { const r = await calls.importCsv(text); await refresh(); return r; }} />}
      </section>
    </main>
  );
}

function ActionList({ heading, id, actions }: { heading: string; id: string; actions: PlanAction[] }) {
  const { t } = useTranslation("actionPlans");
  return (
    <>
      <h3 id={id}>{heading}</h3>
      {actions.length === 0 ? <p>{t("attention.none")}</p> : (
        <ul aria-labelledby={id}>{actions.map((a) => <li key={a.id}>{a.title} · {a.ownerName} · {a.dueOn}</li>)}</ul>
      )}
    </>
  );
}

function GoalForm({ rows, onAdd }: { rows: { id: string; title: string }[]; onAdd: (goal: { title: string; description?: string; rowIds: string[] }) => Promise<void> }) {
  const { t } = useTranslation("actionPlans");
  const [title, setTitle] = useState("");
  const [rowIds, setRowIds] = useState<string[]>([]);
  const [problem, setProblem] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(undefined);
    try { await onAdd({ title: title.trim(), rowIds }); setTitle(""); setRowIds([]); } catch (error) { setProblem((error as Error).message); }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="goal-form">
      <label htmlFor="ap-goal-title">{t("goals.title")}</label>
      <input id="ap-goal-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} />
      {rows.length > 0 && (
        <fieldset className="goal-rows">
          <legend>{t("goals.rowsLabel")}</legend>
          {rows.map((r) => (
            <div key={r.id}>
              <input type="checkbox" id={`ap-row-${r.id}`} checked={rowIds.includes(r.id)}
                onChange={(e) => setRowIds(e.target.checked ? [...rowIds, r.id] : rowIds.filter((x) => x !== r.id))} />
              <label htmlFor={`ap-row-${r.id}`}>{r.title}</label>
            </div>
          ))}
        </fieldset>
      )}
      <button type="submit" disabled={!title.trim()}>{t("goals.add")}</button>
      {problem && <p role="alert" className="error">{problem}</p>}
    </form>
  );
}

function ActionForm({ members, plan, onAdd }: { members: Member[]; plan: ActionPlanView; onAdd: (a: { title: string; goalId?: string; ownerMemberId?: string; dueOn?: string }) => Promise<void> }) {
  const { t } = useTranslation("actionPlans");
  const [title, setTitle] = useState("");
  const [goalId, setGoalId] = useState("");
  const [owner, setOwner] = useState("");
  const [due, setDue] = useState("");
  const [problem, setProblem] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(undefined);
    try {
      await onAdd({ title: title.trim(), goalId: goalId || undefined, ownerMemberId: owner || undefined, dueOn: due || undefined });
      setTitle(""); setDue("");
    } catch (error) {
      setProblem(error instanceof ApiError ? Object.values(error.errors).flat().join(" ") || error.message : (error as Error).message);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="action-form">
      <h3>{t("actions.add")}</h3>
      <label htmlFor="ap-action-title">{t("actions.action")}</label>
      <input id="ap-action-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} />
      <label htmlFor="ap-action-goal">{t("actions.goal")}</label>
      <select id="ap-action-goal" value={goalId} onChange={(e) => setGoalId(e.target.value)}>
        <option value="">{t("actions.noGoal")}</option>
        {plan.goals.map((g) => <option key={g.id} value={g.id}>{g.title}</option>)}
      </select>
      <label htmlFor="ap-action-owner">{t("actions.owner")}</label>
      <select id="ap-action-owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
        <option value="">{t("actions.ownerPick")}</option>
        {members.map((m) => <option key={m.id} value={m.id}>{m.displayName}</option>)}
      </select>
      <label htmlFor="ap-action-due">{t("actions.due")}</label>
      <input id="ap-action-due" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
      <button type="submit" disabled={!title.trim()}>{t("actions.save")}</button>
      {problem && <p role="alert" className="error">{problem}</p>}
    </form>
  );
}

function CsvImport({ onImport }: { onImport: (csv: string) => Promise<{ added: number; updated: number }> }) {
  const { t } = useTranslation("actionPlans");
  const [result, setResult] = useState<string>();
  const [errors, setErrors] = useState<[string, string[]][]>();
  return (
    <div className="csv-import">
      <label htmlFor="ap-import">{t("csv.file")}</label>
      <input id="ap-import" type="file" accept=".csv,text/csv" onChange={async (e) => {
        const file = e.target.files?.[0];
        if (!file) return;
        setResult(undefined); setErrors(undefined);
        try {
          const r = await onImport(await file.text());
          setResult(t("csv.imported", r));
        } catch (error) {
          setErrors(Object.entries((error as { errors?: Record<string, string[]> }).errors ?? { file: [(error as Error).message] }));
        }
        e.target.value = "";
      }} />
      {result && <p role="status">{result}</p>}
      {errors && (
        <div role="alert">
          <p>{t("csv.refused")}</p>
          <ul>{errors.map(([field, messages]) => <li key={field}><code>{field}</code>: {messages.join(" ")}</li>)}</ul>
        </div>
      )}
    </div>
  );
}
