import { send, downloadWith } from "../../api";
import { accessToken } from "../../auth";

// The action plan's REST calls (docs/action-plans.md), with the signed-in person's token.
export type ActionStatus = "NotStarted" | "Started" | "HalfDone" | "Done" | "Dropped";
export const statuses: ActionStatus[] = ["NotStarted", "Started", "HalfDone", "Done", "Dropped"];
export type Owners = "teams" | "communities";

export interface PlanGoal { id: string; title: string; description?: string; rowIds: string[] }
export interface PlanAction {
  id: string; goalId?: string; title: string; ownerMemberId?: string; ownerName: string; ownerIsGuest: boolean;
  dueOn?: string; status: ActionStatus; notes?: string; conveningId?: string; doneAt?: string;
}
export interface GoalProgress { goalId: string; actions: number; done: number; dropped: number; percent: number }
export interface ActionPlanView { ownerKind: string; ownerId: string; goals: PlanGoal[]; progress: GoalProgress[]; actions: PlanAction[]; version: number }
export interface ActionAttention { today: string; overdue: PlanAction[]; dueThisWeek: PlanAction[] }
export interface ImportResult { added: number; updated: number }

const base = (tenantId: string, owners: Owners, ownerId: string) =>
  `/api/tenants/${encodeURIComponent(tenantId)}/${owners}/${encodeURIComponent(ownerId)}/action-plan`;

export const planApi = (tenantId: string, owners: Owners, ownerId: string) => {
  const path = base(tenantId, owners, ownerId);
  return {
    plan: () => send<ActionPlanView>(accessToken, "GET", path),
    attention: () => send<ActionAttention>(accessToken, "GET", `${path}/attention`),
    addGoal: (goal: { title: string; description?: string; rowIds: string[] }) => send<PlanGoal>(accessToken, "POST", `${path}/goals`, goal),
    addAction: (action: { title: string; goalId?: string; ownerMemberId?: string; dueOn?: string }) => send<PlanAction>(accessToken, "POST", `${path}/actions`, action),
    progress: (actionId: string, status: ActionStatus, notes?: string) =>
      send<PlanAction>(accessToken, "PUT", `${path}/actions/${encodeURIComponent(actionId)}/progress`, { status, notes }),
    statuses: (changes: { actionId: string; status: ActionStatus }[]) => send<PlanAction[]>(accessToken, "POST", `${path}/statuses`, { changes }),
    download: () => downloadWith(accessToken, `${path}.csv`, `${ownerId}-action-plan.csv`),
    /** The file's text as it is: the server reads and checks every row (problems by row and column). */
    importCsv: async (csv: string) => {
      const response = await fetch(`${path}/import`, { method: "POST", headers: { Accept: "application/json", "Content-Type": "text/csv", Authorization: `Bearer ${await accessToken()}` }, body: csv });
      const body = await response.json().catch(() => undefined);
      if (!response.ok) throw Object.assign(new Error(body?.title ?? `${response.status}`), { errors: (body?.errors ?? {}) as Record<string, string[]> });
      return body as ImportResult;
    },
  };
};
