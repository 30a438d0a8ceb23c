import { useQuery } from "@tanstack/react-query";
import { ApiError, downloadWith, send, type TokenSource } from "../../api";
import { accessToken } from "../../auth";
import type { DepthLevel, DimensionSummary, Habit, QuarterSummary, RegionLine, RollUpView } from "../../protocol";

// The dashboards' slice of the API (docs/ratings-and-rollups.md): the roll-up as the monitoring hub and the REST reads
// send it (src/protocol), and the reads only the dashboards make.

/** A habit's or row's summary with the exact sum beside the rounded mean. */
export type DashboardSummary = DimensionSummary;

/** A quarter, with its label in the state's fiscal year (`FY2027-Q1`) beside the calendar one. */
export type DashboardQuarter = QuarterSummary;

/** A region's line of the state view, with its rows "now" (region names come from GET /regions). */
export type DashboardRegionLine = RegionLine;

/** The roll-up view as the dashboards read it. */
export type DashboardView = RollUpView;

/** A team's latest consensus rating of one row. */
export interface TeamRowRating { rowId: string; habit: Habit; depthScore: number; levelReached: number }

/** One team's line of the teams × rows heat map. */
export interface RegionTeam {
  teamId: string;
  teamName: string;
  districtId: string;
  lastRatedAt: string | null;
  ratings: number;
  rows: TeamRowRating[];
}

/** GET …/regions/{r}/teams: the teams of a region, each with its latest consensus rating per row. */
export interface RegionTeamsView { regionId: string; initiativeId: string; computedAt: string; teams: RegionTeam[] }

/** "`level` or deeper on every row of `habit` (any habit when null) on the last `consecutiveRatings` consensus ratings." */
export interface SustainedDepthCriterion { level: DepthLevel; consecutiveRatings: number; habit: Habit | null }

/** A team on one of the lists that ask for action; `rows` are the rows concerned (moved up, stuck), maybe none. */
export interface TeamAttention { teamId: string; teamName: string; regionId: string; lastRatedAt: string | null; rows: string[] }

/** GET …/attention: the lists that ask for action in the initiative or one region. */
export interface AttentionLists {
  initiativeId: string;
  regionId: string | null;
  quarter: string;
  notRatedDays: number;
  criterion: SustainedDepthCriterion;
  teams: number;
  movedUp: TeamAttention[];
  stuck: TeamAttention[];
  notRated: TeamAttention[];
  sustained: TeamAttention[];
}

const e = encodeURIComponent;
const initiativePath = (tenantId: string, initiativeId: string) => `/api/tenants/${e(tenantId)}/initiatives/${e(initiativeId)}`;

/** The paths of the dashboards' reads; each has a `.csv` twin (documented columns in docs/ratings-and-rollups.md). */
export const paths = {
  rollup: (tenantId: string, initiativeId: string, regionId?: string) =>
    `${initiativePath(tenantId, initiativeId)}${regionId ? `/regions/${e(regionId)}` : ""}/rollup`,
  regionTeams: (tenantId: string, initiativeId: string, regionId: string) => `${initiativePath(tenantId, initiativeId)}/regions/${e(regionId)}/teams`,
  attention: (tenantId: string, initiativeId: string) => `${initiativePath(tenantId, initiativeId)}/attention`,
  sustainedDepth: (tenantId: string, initiativeId: string) => `${initiativePath(tenantId, initiativeId)}/sustained-depth`,
};

const query = (regionId: string | undefined, notRatedDays: number) =>
  `?${regionId ? `regionId=${e(regionId)}&` : ""}notRatedDays=${notRatedDays}`;

/** The dashboards' calls as the holder of the tokens that `token` hands out. */
export function dashboardApiWith(token: TokenSource) {
  return {
    regionTeams: (tenantId: string, initiativeId: string, regionId: string) =>
      send<RegionTeamsView>(token, "GET", paths.regionTeams(tenantId, initiativeId, regionId)),
    attention: (tenantId: string, initiativeId: string, regionId: string | undefined, notRatedDays: number) =>
      send<AttentionLists>(token, "GET", `${paths.attention(tenantId, initiativeId)}${query(regionId, notRatedDays)}`),
    sustainedDepth: (tenantId: string, initiativeId: string) => send<SustainedDepthCriterion>(token, "GET", paths.sustainedDepth(tenantId, initiativeId)),
    setSustainedDepth: (tenantId: string, initiativeId: string, criterion: SustainedDepthCriterion) =>
      send<SustainedDepthCriterion>(token, "PUT", paths.sustainedDepth(tenantId, initiativeId), criterion),
    download: (path: string, fileName: string) => downloadWith(token, path, fileName),
    attentionCsv: (tenantId: string, initiativeId: string, regionId: string | undefined, notRatedDays: number) =>
      `${paths.attention(tenantId, initiativeId)}.csv${query(regionId, notRatedDays)}`,
  };
}

export const dashboardApi = dashboardApiWith(accessToken);

const noRetryOnRefusal = (count: number, error: unknown) => !(error instanceof ApiError && error.status < 500) && count < 2;

export const useRegionTeams = (tenantId: string, initiativeId: string, regionId: string | undefined, version: number | undefined) =>
  useQuery({
    queryKey: ["tenants", tenantId, "initiatives", initiativeId, "regions", regionId, "teams", version],
    queryFn: () => dashboardApi.regionTeams(tenantId, initiativeId, regionId!),
    enabled: !!regionId,
    placeholderData: (previous) => previous,
    retry: noRetryOnRefusal,
  });

export const useAttention = (tenantId: string, initiativeId: string, regionId: string | undefined, notRatedDays: number, version: number | undefined) =>
  useQuery({
    queryKey: ["tenants", tenantId, "initiatives", initiativeId, "attention", regionId ?? null, notRatedDays, version],
    queryFn: () => dashboardApi.attention(tenantId, initiativeId, regionId, notRatedDays),
    placeholderData: (previous) => previous,
    retry: noRetryOnRefusal,
  });
