import { useQuery } from "@tanstack/react-query";
import { ApiError, type Me, type Rating, type Words } from "../../api";
import type { DepthLevel } from "../../protocol";
import { api } from "../home/queries";

// The team page's REST reads, cached by TanStack Query under their resource's path (as home/queries.ts), and the
// arithmetic the page shows beside the cells: the members' spread and its median.
export { api };

export const levels: DepthLevel[] = ["Informing", "Networking", "Collaborating", "Transforming"];
export const steps = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

/** A refusal that is final (403, 404): asking again will not help. */
const retry = (n: number, e: Error) => !(e instanceof ApiError && e.status < 500) && n < 2;

export const teamKey = (tenantId: string | undefined, teamId: string) => ["tenants", tenantId, "teams", teamId] as const;

export const useTeam = (tenantId: string | undefined, teamId: string) =>
  useQuery({ queryKey: teamKey(tenantId, teamId), queryFn: () => api.team(tenantId!, teamId), enabled: !!tenantId, retry });

export const useTeamMembers = (tenantId: string | undefined, teamId: string) =>
  useQuery({ queryKey: [...teamKey(tenantId, teamId), "members"], queryFn: () => api.members(tenantId!, "teams", teamId), enabled: !!tenantId, retry });

export const useRatings = (tenantId: string | undefined, teamId: string) =>
  useQuery({ queryKey: [...teamKey(tenantId, teamId), "ratings"], queryFn: () => api.ratings(tenantId!, teamId), enabled: !!tenantId, retry });

export const usePerception = (tenantId: string | undefined, teamId: string) =>
  useQuery({ queryKey: [...teamKey(tenantId, teamId), "perception"], queryFn: () => api.perception(tenantId!, teamId), enabled: !!tenantId, retry });

/** The rubric the team rates against: its initiative's current version. */
export const useRubric = (tenantId: string | undefined, initiativeId: string | undefined) =>
  useQuery({
    queryKey: ["tenants", tenantId, "initiatives", initiativeId, "rubric"],
    queryFn: async () => api.rubric(tenantId!, (await api.initiative(tenantId!, initiativeId!)).rubricVersion),
    enabled: !!tenantId && !!initiativeId,
    staleTime: 5 * 60_000,
    retry,
  });

/** The caller's member id on the team, from their grants (`team-member:{team}:{member}`), if they are on its roster. */
export function memberIdOn(me: Me, teamId: string): string | undefined {
  for (const grant of me.grants) {
    const [role, scope, member] = grant.split(":");
    if ((role === "team-member" || role === "team-facilitator") && scope === teamId && member) return member;
  }
  return undefined;
}

/** State staff and the team's facilitators may change the roster and record the consensus (the server checks again). */
export const facilitates = (me: Me, teamId: string) =>
  me.roles.includes("state-admin") || me.grants.some((g) => g.startsWith(`team-facilitator:${teamId}:`) || g === `team-facilitator:${teamId}`);

/** The row's words in the page's language, English when the tenant gave no other. */
export const wordsIn = (words: Words | undefined, language: string) => words?.[language] ?? words?.en ?? "";

/** Each member's latest own rating of each row: `rowId → memberId → percent per level`. */
export function latestMemberCells(ratings: Rating[], rubricVersion: number): Map<string, Map<string, number[]>> {
  const byRow = new Map<string, Map<string, number[]>>();
  const ordered = ratings.filter((r) => r.kind === "Member" && r.memberId && r.rubricVersion === rubricVersion)
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  for (const rating of ordered) {
    for (const row of rating.rows) {
      const members = byRow.get(row.rowId) ?? new Map<string, number[]>();
      members.set(rating.memberId!, levels.map((l) => row.cells.find((c) => c.level === l)?.attainmentPercent ?? 0));
      byRow.set(row.rowId, members);
    }
  }
  return byRow;
}

/** The median of attainments, on the 10 % steps (the lower middle of an even count, so it is one of the choices). */
export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

export const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
