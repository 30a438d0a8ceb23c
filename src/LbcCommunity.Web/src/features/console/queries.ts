import { useQuery } from "@tanstack/react-query";
import { ApiError, apiWith, type Initiative, type Me, type Team } from "../../api";
import { accessToken } from "../../auth";
import type { DepthLevel } from "../../convening";

// The REST reads of the console, cached by TanStack Query under their resource's path (the same keys as other pages').
const api = apiWith(accessToken);

/** A rubric row as `GET …/rubrics/{version}` sends it: titles and cells by language (`en` always there). */
export interface RubricRow {
  id: string;
  habit: string;
  title: Record<string, string>;
  cells: { level: DepthLevel; text: Record<string, string> }[];
}

export interface RubricVersion {
  version: number;
  name: string;
  rows: RubricRow[];
}

async function get<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { Accept: "application/json", Authorization: `Bearer ${await accessToken()}` } });
  if (!response.ok) {
    const problem = await response.json().catch(() => undefined) as { detail?: string; title?: string } | undefined;
    throw new ApiError(problem?.detail ?? problem?.title ?? `${response.status} ${response.statusText}`, response.status);
  }
  return (await response.json()) as T;
}

const tenant = (tenantId: string) => `/api/tenants/${encodeURIComponent(tenantId)}`;

export const useMe = () => useQuery<Me>({ queryKey: ["me"], queryFn: api.me });

/**
 * The rubric a team rates against: its initiative's current version (a consensus rating must name it). Three reads,
 * each cached: the team (for its initiative), the initiative (for its version), the version's rows.
 */
export function useTeamRubric(tenantId: string, teamId: string, enabled: boolean) {
  const team = useQuery({
    queryKey: ["tenants", tenantId, "teams", teamId],
    queryFn: () => get<Team & { initiativeId: string }>(`${tenant(tenantId)}/teams/${encodeURIComponent(teamId)}`),
    enabled,
  });
  const initiativeId = team.data?.initiativeId;
  const initiative = useQuery({
    queryKey: ["tenants", tenantId, "initiatives", initiativeId],
    queryFn: () => get<Initiative>(`${tenant(tenantId)}/initiatives/${encodeURIComponent(initiativeId!)}`),
    enabled: enabled && !!initiativeId,
  });
  const version = initiative.data?.rubricVersion;
  const rubric = useQuery({
    queryKey: ["tenants", tenantId, "rubrics", version],
    queryFn: () => get<RubricVersion>(`${tenant(tenantId)}/rubrics/${version}`),
    enabled: enabled && version !== undefined,
  });
  return { rubric: rubric.data, error: team.error ?? initiative.error ?? rubric.error };
}
