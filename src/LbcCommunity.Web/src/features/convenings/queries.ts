import { useQueries, useQuery } from "@tanstack/react-query";
import type { ConveningListing, ConveningOwnerKind, ConveningStatus } from "../../protocol";
import { scopesOf, type Me } from "../../api";
import { api } from "../home/queries";

// The REST reads of the convening pages, cached by TanStack Query under their resource's path (as home/queries.ts).
export { api };

export interface Owner { kind: ConveningOwnerKind; id: string }

export const ownerKey = (o: Owner) => `${o.kind}/${o.id}`;

/**
 * What the person may plan convenings of, from their grants: the teams and communities they facilitate, and, for state
 * staff, every initiative (statewide days). The server checks again; this only decides which actions to offer.
 */
export function facilitatedOwners(me: Me, initiativeIds: string[]): Owner[] {
  return [
    ...[...new Set(scopesOf(me, "team-facilitator"))].map((id) => ({ kind: "Team" as const, id })),
    ...[...new Set(scopesOf(me, "community-facilitator"))].map((id) => ({ kind: "Community" as const, id })),
    ...(isStateStaff(me) ? initiativeIds.map((id) => ({ kind: "Initiative" as const, id })) : []),
  ];
}

export const isStateStaff = (me: Me) => me.roles.includes("state-admin");

/** Whether the person facilitates the owner's convenings (state staff facilitate every one, as the server's rule says). */
export function mayFacilitate(me: Me, owner: Owner): boolean {
  if (isStateStaff(me)) return true;
  if (owner.kind === "Team") return scopesOf(me, "team-facilitator").includes(owner.id);
  if (owner.kind === "Community") return scopesOf(me, "community-facilitator").includes(owner.id);
  return false;
}

export const statuses: ConveningStatus[] = ["Live", "Planned", "Ended"];

/** The person's convenings, one list per status (the server's order within each). */
export function useMyConvenings(tenantId: string | undefined) {
  return useQueries({
    queries: statuses.map((status) => ({
      queryKey: ["tenants", tenantId, "me", "convenings", status],
      queryFn: () => api.myConvenings(tenantId!, status),
      enabled: !!tenantId,
    })),
    combine: (results) => ({
      byStatus: Object.fromEntries(statuses.map((s, i) => [s, results[i].data ?? []])) as Record<ConveningStatus, ConveningListing[]>,
      loading: results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error ?? null,
    }),
  });
}

/** The names of owners (team, community, initiative), read once each. */
export function useOwnerNames(tenantId: string | undefined, owners: Owner[]) {
  const unique = [...new Map(owners.map((o) => [ownerKey(o), o])).values()];
  return useQueries({
    queries: unique.map((o) => ({
      queryKey: ["tenants", tenantId, o.kind, o.id, "name"],
      queryFn: async () => o.kind === "Team" ? (await api.team(tenantId!, o.id)).name
        : o.kind === "Community" ? (await api.community(tenantId!, o.id)).name
        : (await api.initiative(tenantId!, o.id)).name,
      enabled: !!tenantId,
      staleTime: 5 * 60_000,
    })),
    combine: (results) => new Map(unique.map((o, i) => [ownerKey(o), results[i].data ?? o.id])),
  });
}

/** The owner's roster (café hosts); an initiative has none. */
export const useRoster = (tenantId: string | undefined, owner: Owner | undefined) =>
  useQuery({
    queryKey: ["tenants", tenantId, owner?.kind, owner?.id, "members"],
    queryFn: () => api.members(tenantId!, owner!.kind === "Team" ? "teams" : "communities", owner!.id),
    enabled: !!tenantId && !!owner && owner.kind !== "Initiative",
  });

/** The rubric a team is rated on (its initiative's version): the rows a depth poll may take. */
export const useTeamRubric = (tenantId: string | undefined, owner: Owner | undefined) =>
  useQuery({
    queryKey: ["tenants", tenantId, "Team", owner?.id, "rubric"],
    queryFn: async () => {
      const team = await api.team(tenantId!, owner!.id);
      const initiative = await api.initiative(tenantId!, team.initiativeId);
      return api.rubric(tenantId!, initiative.rubricVersion);
    },
    enabled: !!tenantId && owner?.kind === "Team",
    staleTime: 5 * 60_000,
  });
