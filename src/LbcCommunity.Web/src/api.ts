// The slice of the REST API the app reads today (see /api/reference for all of it).
export interface Tenant { id: string; name: string; stateCode: string }
export interface Initiative { id: string; name: string; description?: string; rubricVersion: number }
export interface Team { id: string; name: string; districtId: string; regionId: string; memberCount: number }
export interface Region { id: string; name: string }

async function get<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    const problem = await response.json().catch(() => undefined);
    throw new Error(problem?.detail ?? problem?.title ?? `${response.status} ${response.statusText}`);
  }
  return (await response.json()) as T;
}

export const api = {
  tenants: () => get<Tenant[]>("/api/tenants"),
  initiatives: (tenantId: string) => get<Initiative[]>(`/api/tenants/${encodeURIComponent(tenantId)}/initiatives`),
  regions: (tenantId: string) => get<Region[]>(`/api/tenants/${encodeURIComponent(tenantId)}/regions`),
  teams: (tenantId: string, initiativeId: string) =>
    get<Team[]>(`/api/tenants/${encodeURIComponent(tenantId)}/initiatives/${encodeURIComponent(initiativeId)}/teams`),
};
