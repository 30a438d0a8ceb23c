import type { DepthLevel, Habit } from "../../protocol";

// How the dashboards colour a depth: a mean depth score (0.00–4.00, the sum of a row's cells' attainment) sits in the
// band of the level whose number it has reached (2.00–2.99: Networking), the same reading as a single rating's score.
// Each band's colour keeps its text at AA contrast, and the number is always written in the cell: colour is never the
// only carrier.

export const depthLevels: DepthLevel[] = ["Informing", "Networking", "Collaborating", "Transforming"];
export const habits: Habit[] = ["CoalescingAroundIssues", "EnsuringRelevantParticipation", "DoingTheWorkTogether"];

/** 0 (none yet) to 4 (Transforming): the band a mean depth score falls in. */
export const bandOf = (score: number) => Math.max(0, Math.min(4, Math.floor(score + 1e-9)));

/** The score from which a band starts (its threshold): 1.00 for Informing … 4.00 for Transforming. */
export const thresholdOf = (band: number) => band;

export const bandColours = ["#eeeeee", "#deebf7", "#9ecae1", "#4a98c9", "#08519c"];
export const bandText = ["#1b1b1b", "#1b1b1b", "#1b1b1b", "#000000", "#ffffff"];
