import { useQueries, useQuery } from "@tanstack/react-query";
import { apiWith, type Me } from "../../api";
import { accessToken } from "../../auth";

// The REST reads of the signed-in pages, cached by TanStack Query under their resource's path.
export const api = apiWith(accessToken);

export const useMe = () => useQuery({ queryKey: ["me"], queryFn: api.me });

export const useInitiatives = (tenantId?: string, enabled = true) =>
  useQuery({ queryKey: ["tenants", tenantId, "initiatives"], queryFn: () => api.initiatives(tenantId!), enabled: !!tenantId && enabled });

export const useRegions = (tenantId?: string, enabled = true) =>
  useQuery({ queryKey: ["tenants", tenantId, "regions"], queryFn: () => api.regions(tenantId!), enabled: !!tenantId && enabled });

/** The teams of an initiative: all of them for state staff, else those of each region the person coordinates. */
export function useTeams(tenantId: string | undefined, initiativeId: string | undefined, regionIds: (string | undefined)[]) {
  return useQueries({
    queries: regionIds.map((regionId) => ({
      queryKey: ["tenants", tenantId, "initiatives", initiativeId, "teams", regionId ?? null],
      queryFn: () => api.teams(tenantId!, initiativeId!, regionId),
      enabled: !!tenantId && !!initiativeId,
    })),
    combine: (results) => ({ teams: results.flatMap((r) => r.data ?? []), error: results.find((r) => r.error)?.error ?? null }),
  });
}

/** State staff watch the whole initiative; a regional coordinator watches their region. */
export const mayWatch = (me: Me) => me.roles.includes("state-admin") || me.roles.includes("regional-coordinator");
