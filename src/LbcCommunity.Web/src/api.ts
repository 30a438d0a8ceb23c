import type {
  CellAttainment, Convening, ConveningDraft, ConveningListing, ConveningPlanDraft, ConveningStatus, ConveningSummary, DepthLevel, Habit, JoinCode,
  RatingDraft, StakeholderRole,
} from "./protocol";

// The slice of the REST API the app reads today (see /api/reference for all of it). Every call carries a bearer token.
export interface Tenant { id: string; name: string; stateCode: string }
export interface Initiative { id: string; name: string; description?: string; rubricVersion: number }
export interface Team { id: string; name: string; districtId: string; regionId: string; memberCount: number; initiativeId: string }
export interface Community { id: string; name: string }
export interface Region { id: string; name: string }
export interface Member { id: string; displayName: string; email?: string; stakeholderRole: StakeholderRole; isFacilitator: boolean }
/** What a facilitator sends to add a member or change one (`email` lets the person sign in and find the team). */
export interface MemberDraft { displayName: string; email?: string; stakeholderRole: StakeholderRole; isFacilitator: boolean }
export interface RubricVersion { version: number; name: string; rows: RubricRow[] }

/** A join code as issued: the code and its link are shown this once. */
export interface IssuedJoinCode { code: string; link: string; joinCode: JoinCode }

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

/** A stored rating (`GET …/teams/{t}/ratings`): a member's own, or the team's consensus (its record). */
export interface Rating {
  id: string;
  kind: "Member" | "Consensus";
  teamId: string;
  memberId?: string;
  conveningId?: string;
  rubricVersion: number;
  levelThresholdPercent: number;
  rows: RowRating[];
  recordedAt: string;
  /** Consensus: 1 for the team's first, then 2, 3…; member ratings 0. */
  sequence: number;
}
/** A rated row: attainment per level (Informing first), its depth score 0–4 and the deepest level reached (0: none). */
export interface RowRating { rowId: string; habit: Habit; cells: CellAttainment[]; depthScore: number; levelReached: number }

/** A group's ratings of a row (`GET …/teams/{t}/perception`): exact sum and count beside the rounded mean. */
export interface GroupPerception { count: number; scoreSum: number; meanDepthScore?: number; gapToConsensus?: number }
export interface RolePerception { stakeholderRole: StakeholderRole; ratings: GroupPerception }
export interface RowPerception {
  rowId: string;
  habit: Habit;
  consensusDepthScore?: number;
  members: GroupPerception;
  /** Family members and parent mentors. */
  families: GroupPerception;
  /** Teachers, principals, school psychologists, district administrators, state staff. */
  staff: GroupPerception;
  familiesMinusStaff?: number;
  byRole: RolePerception[];
}
/** The members' latest own ratings against the team's latest consensus, per row (docs/ratings-and-rollups.md). */
export interface TeamPerception {
  teamId: string;
  rubricVersion?: number;
  consensusRatingId?: string;
  consensusRecordedAt?: string;
  membersRated: number;
  rows: RowPerception[];
}
export interface EvidenceNote { rowId: string; conveningId?: string; text: string; recordedAt: string }
export interface Harvest { conveningId: string; text: string; tables: string[]; recordedAt: string }

/**
 * A refusal of the API, with the status (401: the token is no longer accepted), the refusal's code (docs/errors.md)
 * and, for invalid input, the problems by field as the server names them (`agenda[1].consensus.proposal`).
 */
export class ApiError extends Error {
  constructor(message: string, readonly status: number, readonly code?: string, readonly errors: Record<string, string[]> = {}) { super(message); }
}

export type TokenSource = () => Promise<string>;

/** One call of the API with the bearer token; a refusal becomes an ApiError. Feature folders build their own calls on it. */
export async function send<T>(token: TokenSource, method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", Authorization: `Bearer ${await token()}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return answer<T>(await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
}

/** A call whose body is a file's raw bytes (an attachment), with the bearer token; a refusal becomes an ApiError. */
export async function sendBytes<T>(token: TokenSource, method: string, path: string, body: Blob): Promise<T> {
  const headers = { Accept: "application/json", Authorization: `Bearer ${await token()}`, "Content-Type": "application/octet-stream" };
  return answer<T>(await fetch(path, { method, headers, body }));
}

/** The body of an answer, or its refusal as an ApiError (anonymous calls read answers this way too). */
export async function answer<T>(response: Response): Promise<T> {
  if (!response.ok) {
    const problem = await response.json().catch(() => undefined);
    const message = response.status === 401
      ? "Your session has ended. Sign in again."
      : problem?.detail ?? problem?.title ?? `${response.status} ${response.statusText}`;
    // A conflict names its one field (`field`: the e-mail already on the roster) as a validation problem names its own.
    const errors = problem?.errors ?? (typeof problem?.field === "string" ? { [problem.field]: [message] } : {});
    throw new ApiError(message, response.status, problem?.code, errors);
  }
  // 204 (a member removed): nothing to read.
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const get = <T,>(token: TokenSource, path: string) => send<T>(token, "GET", path);

/**
 * Saves a CSV export as a file: the export asks for the bearer token, which a plain link cannot send, so it is fetched
 * and handed to the browser as a Blob under the server's file name.
 */
export async function downloadWith(token: TokenSource, path: string, fileName: string): Promise<void> {
  const response = await fetch(path, { headers: { Accept: "text/csv", Authorization: `Bearer ${await token()}` } });
  if (!response.ok) throw new ApiError(`${response.status} ${response.statusText}`, response.status);
  const named = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") ?? "")?.[1];
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: named ?? fileName });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

const t = (tenantId: string) => `/api/tenants/${encodeURIComponent(tenantId)}`;
const c = (tenantId: string, conveningId: string) => `${t(tenantId)}/convenings/${encodeURIComponent(conveningId)}`;
const e = encodeURIComponent;

/** The API as the holder of the tokens that <paramref name="token"/> hands out. */
export function apiWith(token: TokenSource) {
  return {
    me: () => get<Me>(token, "/api/me"),
    initiatives: (tenantId: string) => get<Initiative[]>(token, `${t(tenantId)}/initiatives`),
    initiative: (tenantId: string, initiativeId: string) => get<Initiative>(token, `${t(tenantId)}/initiatives/${e(initiativeId)}`),
    regions: (tenantId: string) => get<Region[]>(token, `${t(tenantId)}/regions`),
    teams: (tenantId: string, initiativeId: string, regionId?: string) =>
      get<Team[]>(token, `${t(tenantId)}/initiatives/${e(initiativeId)}/teams${regionId ? `?regionId=${e(regionId)}` : ""}`),
    team: (tenantId: string, teamId: string) => get<Team>(token, `${t(tenantId)}/teams/${e(teamId)}`),
    community: (tenantId: string, communityId: string) => get<Community>(token, `${t(tenantId)}/communities/${e(communityId)}`),
    /** A team's or community's roster (`teams` or `communities`). */
    members: (tenantId: string, owners: "teams" | "communities", ownerId: string) => get<Member[]>(token, `${t(tenantId)}/${owners}/${e(ownerId)}/members`),
    rubric: (tenantId: string, version: number) => get<RubricVersion>(token, `${t(tenantId)}/rubrics/${version}`),
    convening: (tenantId: string, conveningId: string) => get<Convening>(token, c(tenantId, conveningId)),
    planConvening: (tenantId: string, draft: ConveningDraft) => send<Convening>(token, "POST", `${t(tenantId)}/convenings`, draft),
    changePlan: (tenantId: string, conveningId: string, draft: ConveningPlanDraft) => send<Convening>(token, "PUT", c(tenantId, conveningId), draft),
    summary: (tenantId: string, conveningId: string) => get<ConveningSummary>(token, `${c(tenantId, conveningId)}/summary`),
    myConvenings: (tenantId: string, status?: ConveningStatus) =>
      get<ConveningListing[]>(token, `${t(tenantId)}/me/convenings${status ? `?status=${status}` : ""}`),
    joinCodes: (tenantId: string, conveningId: string) => get<JoinCode[]>(token, `${c(tenantId, conveningId)}/join-codes`),
    issueJoinCode: (tenantId: string, conveningId: string, label: string | undefined, validForHours: number) =>
      send<IssuedJoinCode>(token, "POST", `${c(tenantId, conveningId)}/join-codes`, { label, validForHours }),
    revokeJoinCode: (tenantId: string, conveningId: string, joinCodeId: string) =>
      send<JoinCode>(token, "DELETE", `${c(tenantId, conveningId)}/join-codes/${e(joinCodeId)}`),
    pollRows: (tenantId: string, conveningId: string) => get<PolledRows>(token, `${c(tenantId, conveningId)}/poll-rows`),
    addMember: (tenantId: string, teamId: string, draft: MemberDraft) => send<Member>(token, "POST", `${t(tenantId)}/teams/${e(teamId)}/members`, draft),
    changeMember: (tenantId: string, teamId: string, memberId: string, draft: MemberDraft) =>
      send<Member>(token, "PUT", `${t(tenantId)}/teams/${e(teamId)}/members/${e(memberId)}`, draft),
    removeMember: (tenantId: string, teamId: string, memberId: string) =>
      send<void>(token, "DELETE", `${t(tenantId)}/teams/${e(teamId)}/members/${e(memberId)}`),
    ratings: (tenantId: string, teamId: string, kind?: Rating["kind"]) =>
      get<Rating[]>(token, `${t(tenantId)}/teams/${e(teamId)}/ratings${kind ? `?kind=${kind}` : ""}`),
    rateAsMember: (tenantId: string, teamId: string, draft: RatingDraft) => send<Rating>(token, "POST", `${t(tenantId)}/teams/${e(teamId)}/ratings/members`, draft),
    recordConsensus: (tenantId: string, teamId: string, draft: RatingDraft) => send<Rating>(token, "POST", `${t(tenantId)}/teams/${e(teamId)}/ratings/consensus`, draft),
    perception: (tenantId: string, teamId: string) => get<TeamPerception>(token, `${t(tenantId)}/teams/${e(teamId)}/perception`),
    teamConvenings: (tenantId: string, teamId: string) => get<ConveningListing[]>(token, `${t(tenantId)}/teams/${e(teamId)}/convenings`),
    evidence: (tenantId: string, teamId: string) => get<EvidenceNote[]>(token, `${t(tenantId)}/teams/${e(teamId)}/evidence`),
    harvests: (tenantId: string, teamId: string) => get<Harvest[]>(token, `${t(tenantId)}/teams/${e(teamId)}/harvests`),
  };
}

/** The scopes of one role among the caller's grants: `regional-coordinator:west-georgia` → `west-georgia`. */
export function scopesOf(me: Me, role: string): string[] {
  return me.grants.filter((g) => g.startsWith(`${role}:`)).map((g) => g.split(":")[1]);
}
