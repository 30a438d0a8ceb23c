import type { Convening, DepthLevel } from "./protocol";

// The slice of the REST API the app reads today (see /api/reference for all of it). Every call carries a bearer token.
export interface Tenant { id: string; name: string; stateCode: string }
export interface Initiative { id: string; name: string; description?: string; rubricVersion: number }
export interface Team { id: string; name: string; districtId: string; regionId: string; memberCount: number }
export interface Region { id: string; name: string }

/** Who the token names (`GET /api/me`); grants look like `regional-coordinator:west-georgia` or `guest:{conveningId}`. */
export interface Me { subject: string; tenantId?: string; displayName?: string; roles: string[]; grants: string[] }

// A convening over REST is the same record as in the hub's snapshot: one published definition.
export type { AgendaItem, Convening } from "./protocol";

/** A rubric row's words (`en` always, other languages where the tenant gave them). */
export type Words = Record<string, string>;
export interface RubricCell { level: DepthLevel; text: Words }
export interface RubricRow { id: string; habit: string; title: Words; cells: RubricCell[] }
/** The rows of a convening's open depth poll with their words (readable by a guest, unlike the tenant's rubric). */
export interface PolledRows { rubricVersion: number; rows: RubricRow[] }

/** A refusal of the API, with the status (401: the token is no longer accepted). */
export class ApiError extends Error {
  constructor(message: string, readonly status: number) { super(message); }
}

export type TokenSource = () => Promise<string>;

async function get<T>(token: TokenSource, path: string): Promise<T> {
  const response = await fetch(path, { headers: { Accept: "application/json", Authorization: `Bearer ${await token()}` } });
  if (!response.ok) {
    const problem = await response.json().catch(() => undefined);
    const message = response.status === 401
      ? "Your session has ended. Sign in again."
      : problem?.detail ?? problem?.title ?? `${response.status} ${response.statusText}`;
    throw new ApiError(message, response.status);
  }
  return (await response.json()) as T;
}

const t = (tenantId: string) => `/api/tenants/${encodeURIComponent(tenantId)}`;

/** The API as the holder of the tokens that <paramref name="token"/> hands out. */
export function apiWith(token: TokenSource) {
  return {
    me: () => get<Me>(token, "/api/me"),
    initiatives: (tenantId: string) => get<Initiative[]>(token, `${t(tenantId)}/initiatives`),
    regions: (tenantId: string) => get<Region[]>(token, `${t(tenantId)}/regions`),
    teams: (tenantId: string, initiativeId: string, regionId?: string) =>
      get<Team[]>(token, `${t(tenantId)}/initiatives/${encodeURIComponent(initiativeId)}/teams${regionId ? `?regionId=${encodeURIComponent(regionId)}` : ""}`),
    convening: (tenantId: string, conveningId: string) => get<Convening>(token, `${t(tenantId)}/convenings/${encodeURIComponent(conveningId)}`),
    pollRows: (tenantId: string, conveningId: string) => get<PolledRows>(token, `${t(tenantId)}/convenings/${encodeURIComponent(conveningId)}/poll-rows`),
  };
}

/** The scopes of one role among the caller's grants: `regional-coordinator:west-georgia` → `west-georgia`. */
export function scopesOf(me: Me, role: string): string[] {
  return me.grants.filter((g) => g.startsWith(`${role}:`)).map((g) => g.split(":")[1]);
}
