import type { CellAttainment, DepthLevel } from "../../../convening";

export const depthLevels: DepthLevel[] = ["Informing", "Networking", "Collaborating", "Transforming"];

/** Attainment percents are 0–100 in steps of ten (RatingRules). */
export const percents = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

/**
 * The cells whose depth score (the sum of attainments, 0–4) is the mean's, rounded to the rating's steps: levels fill in
 * order, shallow first, as a team reaches them. A starting point for the team's agreement, not a rule.
 */
export function cellsFromMean(mean: number): CellAttainment[] {
  const tenths = Math.round(Math.min(4, Math.max(0, mean)) * 10);
  return depthLevels.map((level, i) => ({ level, attainmentPercent: Math.min(10, Math.max(0, tenths - i * 10)) * 10 }));
}
