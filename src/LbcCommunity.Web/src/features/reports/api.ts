import { downloadWith, send } from "../../api";
import { accessToken } from "../../auth";
import type { Attendance, DepthLevel, Habit, ResultsShared, SppAprTopic } from "../../protocol";

// Quarterly reports and the SPDG / SPP-APR evidence (docs/reports.md).

export type ReportStatus = "Draft" | "Submitted" | "Accepted" | "Returned";
export type { SppAprTopic } from "../../protocol";
export const sppAprTopics: SppAprTopic[] = ["Targets", "DataAnalysis", "ImprovementStrategies", "EvaluatingProgress"];

export interface ReportQuestion { id: string; level: DepthLevel; text: Record<string, string> }
export interface ReportQuestionSet { version: number; name: string; questions: ReportQuestion[]; publishedAt: string }
export interface ReportAnswer { questionId: string; text: string }
/** A sum of convenings' attendance: every stakeholder role listed, 0 for none (ReportFacts.Count). */
export type ParticipantCounts = Attendance;
export interface ConveningFact {
  conveningId: string; title: string; startedAt: string; participants: number; familyVoices: number; sppAprTopics: SppAprTopic[];
  resultsShared?: ResultsShared | null;
}
export interface LevelMove { rowId: string; habit: Habit; from: number; to: number; ratedAt: string }
export interface DecisionFact { conveningId: string; conveningTitle: string; proposal: string; rounds: number; outcome?: string | null }
export interface QuarterFacts {
  computedAt: string;
  convenings: ConveningFact[];
  participants: ParticipantCounts;
  ratings: { consensusRatings: number; movedUp: LevelMove[]; movedDown: LevelMove[] };
  decisions: DecisionFact[];
  /** Null until action plans exist. */
  actions?: { done: number; overdue: number; dueInPeriod: number } | null;
}
export interface ReportEvent { status: ReportStatus; at: string; by: string; comment?: string | null }
export interface QuarterlyReport {
  teamId: string; teamName: string; regionId: string; initiativeId: string; quarter: string; fiscalQuarter: string;
  status: ReportStatus; stored: boolean; questions: ReportQuestionSet; answers: ReportAnswer[]; facts: QuarterFacts;
  dueAt: string; submittedAt?: string | null; late: boolean; reviewComment?: string | null; history: ReportEvent[]; version: number;
}
export interface ReportStatusLine {
  teamId: string; teamName: string; regionId: string; status: ReportStatus; started: boolean; submittedAt?: string | null; late: boolean;
  reviewComment?: string | null;
}
export interface ReportStatusTable {
  initiativeId: string; regionId?: string | null; quarter: string; fiscalQuarter: string; dueAt: string; teams: ReportStatusLine[];
  submitted: number; accepted: number; returned: number; notSubmitted: number; lateCount: number;
}
export interface HabitSpread { period: string; habit: Habit; teamsRated: number; meanDepthScore: number; teamsAtLevel: number[] }
export interface EvidenceConvening {
  conveningId: string; title: string; ownerKind: string; ownerId: string; regionId?: string | null; startedAt: string;
  attendance: ParticipantCounts; sppAprTopics: SppAprTopic[]; resultsShared?: ResultsShared | null;
}
export interface OutcomeLine {
  storyId: string; storyTitle: string; teamId?: string | null; publishedAt: string; measure: string; baseline?: number | null;
  result?: number | null; unit?: string | null; period?: string | null; population?: string | null; source?: string | null;
}
export interface EvidenceReport {
  initiativeId: string; initiativeName: string; from: string; to: string; periodStart: string; periodEnd: string; computedAt: string;
  convenings: EvidenceConvening[]; participants: ParticipantCounts; topics: { topic: SppAprTopic; convenings: number }[];
  resultsSharedCount: number; depthSpread: HabitSpread[];
  sustained: { criterion: { level: DepthLevel; consecutiveRatings: number; habit?: Habit | null }; numerator: number; denominator: number; percent?: number | null; teamIds: string[] };
  outcomes: OutcomeLine[];
}

const e = encodeURIComponent;
const tenantPath = (tenantId: string) => `/api/tenants/${e(tenantId)}`;
const reportPath = (tenantId: string, teamId: string, quarter: string) => `${tenantPath(tenantId)}/teams/${e(teamId)}/reports/${e(quarter)}`;
const initiativePath = (tenantId: string, initiativeId: string) => `${tenantPath(tenantId)}/initiatives/${e(initiativeId)}`;
const period = (from: string, to: string) => `?from=${e(from)}&to=${e(to)}`;

/** The calendar quarter of a moment (UTC), as the server names it: `2026-Q4`. */
export function quarterOf(at: Date): string {
  return `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`;
}

/** The quarter before `quarter`. */
export function previousQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(-1));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

export const reportsApi = {
  report: (tenantId: string, teamId: string, quarter: string) => send<QuarterlyReport>(accessToken, "GET", reportPath(tenantId, teamId, quarter)),
  saveAnswers: (tenantId: string, teamId: string, quarter: string, answers: ReportAnswer[]) =>
    send<QuarterlyReport>(accessToken, "PUT", `${reportPath(tenantId, teamId, quarter)}/answers`, { answers }),
  submit: (tenantId: string, teamId: string, quarter: string, answers: ReportAnswer[]) =>
    send<QuarterlyReport>(accessToken, "POST", `${reportPath(tenantId, teamId, quarter)}/submit`, { answers }),
  review: (tenantId: string, teamId: string, quarter: string, decision: "Accept" | "Return", comment: string) =>
    send<QuarterlyReport>(accessToken, "POST", `${reportPath(tenantId, teamId, quarter)}/review`, { decision, comment: comment || undefined }),
  status: (tenantId: string, initiativeId: string, quarter: string, regionId?: string) =>
    send<ReportStatusTable>(accessToken, "GET", `${initiativePath(tenantId, initiativeId)}${regionId ? `/regions/${e(regionId)}` : ""}/reports/${e(quarter)}`),
  evidence: (tenantId: string, initiativeId: string, from: string, to: string) =>
    send<EvidenceReport>(accessToken, "GET", `${initiativePath(tenantId, initiativeId)}/evidence${period(from, to)}`),
  workbookPath: (tenantId: string, initiativeId: string, from: string, to: string) => `${initiativePath(tenantId, initiativeId)}/evidence.xlsx${period(from, to)}`,
  csvPath: (tenantId: string, initiativeId: string, section: string, from: string, to: string) =>
    `${initiativePath(tenantId, initiativeId)}/evidence/${e(section)}.csv${period(from, to)}`,
  download: (path: string, fileName: string) => downloadWith(accessToken, path, fileName),
};
