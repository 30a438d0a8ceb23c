// The MonitoringHub (`/hubs/monitoring`, docs/ratings-and-rollups.md): `WatchInitiative` and `WatchRegion` answer with
// a RollUpView, and the client method `RollUpUpdated` sends each newer one. Held to LbcCommunity.RollUps by
// tests/LbcCommunity.Tests/Web/WireTypesTests.cs.
import type { Habit } from "./enums";

/** One habit or rubric row across the teams in view. `teamsAtLevel` counts none-yet, then the four depths. */
export interface DimensionSummary {
  key: string;
  habit: Habit;
  teamsRated: number;
  meanDepthScore: number;
  teamsAtLevel: number[];
  movedUp: number;
  noProgress: number;
  /** The exact sum of the rated teams' depth scores: `meanDepthScore` is it over `teamsRated`, rounded. */
  scoreSum: number;
}

/** The habits and rows of one quarter (`2026-Q3`), for trends. */
export interface QuarterSummary {
  quarter: string;
  /** The state's fiscal year and quarter the calendar quarter starts in (`FY2027`, `FY2027-Q1`). */
  fiscalYear: string;
  fiscalQuarter: string;
  habits: DimensionSummary[];
  rows: DimensionSummary[];
}

/** One region's line in the whole initiative's view. */
export interface RegionLine {
  regionId: string;
  teams: number;
  teamsRated: number;
  habits: DimensionSummary[];
  /** The region's rows now: a line of the regions × rows heat map. */
  rows: DimensionSummary[];
}

/** An initiative's (or one region's) depth now; `version` only grows, so an older view is ignored. */
export interface RollUpView {
  tenantId: string;
  initiativeId: string;
  regionId?: string;
  version: number;
  teams: number;
  teamsRated: number;
  habits: DimensionSummary[];
  rows: DimensionSummary[];
  quarters: QuarterSummary[];
  regions?: RegionLine[];
  computedAt: string;
}

/** The MonitoringHub's client method. */
export const MonitoringClientMethods = { RollUpUpdated: "RollUpUpdated" } as const;
