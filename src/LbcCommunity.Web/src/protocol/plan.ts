// A convening's plan and lists over REST (docs/api.md, "Convenings"): what a facilitator sends to plan one or change
// its plan, what each activity is planned with, the listings of "my convenings" and the summary afterwards. Same
// conventions as convening.ts (camelCase, enums as names, nulls left out); WireTypesTests holds each to its C# record.
import type { ActivityKind, AgreementScale, ConsensusOutcome, ConveningOwnerKind, ConveningStatus, SppAprTopic, StakeholderRole } from "./enums";
import type { CafeTableDraft, DepthPollActivity, FourQuestionsActivity } from "./convening";

/** A planned café table: its host (a member of the owner's roster) and its question. */
export interface CafeTableSettings {
  hostId: string;
  question: string;
}

/** A World Café's plan: `agenda[i].cafe` of a WorldCafe item. No tables: they are set in the room. */
export interface CafeSettings {
  tables: CafeTableSettings[];
  /** 0.5–120, fractional. */
  roundMinutes: number;
  /** 1–6. */
  rounds: number;
}

/** A consensus round's plan: `agenda[i].consensus` of a ConsensusBuilding item. */
export interface ConsensusSettings {
  proposal: string;
  scale: AgreementScale;
  anonymous: boolean;
  /** True: participants see how many voted, not how, until the facilitator reveals it. */
  hideResults: boolean;
}

/** A depth poll's plan: `agenda[i].depthPoll` of a DepthPoll item (rows of the team's rubric). */
export interface DepthPollSettings {
  rowIds: string[];
}

export interface CafeSettingsDraft {
  tables?: CafeTableDraft[];
  roundMinutes?: number;
  rounds?: number;
}

export interface ConsensusSettingsDraft {
  proposal?: string;
  /** FistToFive when left out. */
  scale?: AgreementScale;
  /** False when left out. */
  anonymous?: boolean;
  /** True when left out. */
  hideResults?: boolean;
}

export interface DepthPollSettingsDraft {
  rowIds?: string[];
}

/** An activity as planned: at most the settings of its own kind. */
export interface AgendaItemDraft {
  kind?: ActivityKind;
  title?: string;
  cafe?: CafeSettingsDraft;
  consensus?: ConsensusSettingsDraft;
  depthPoll?: DepthPollSettingsDraft;
}

/** `POST /api/tenants/{t}/convenings`. */
export interface ConveningDraft {
  id?: string;
  title?: string;
  ownerKind?: ConveningOwnerKind;
  ownerId?: string;
  agenda?: AgendaItemDraft[];
  startsAt?: string;
  sppAprTopics?: SppAprTopic[];
}

/** `PUT /api/tenants/{t}/convenings/{id}`: the plan changed while nothing has begun. */
export interface ConveningPlanDraft {
  title?: string;
  startsAt?: string;
  agenda?: AgendaItemDraft[];
  sppAprTopics?: SppAprTopic[];
}

/** One line of a list of convenings (`GET …/me/convenings`). */
export interface ConveningListing {
  id: string;
  title: string;
  ownerKind: ConveningOwnerKind;
  ownerId: string;
  startsAt?: string;
  status: ConveningStatus;
  createdAt: string;
}

export interface RoleAttendance {
  stakeholderRole: StakeholderRole;
  count: number;
}

export interface Attendance {
  participants: number;
  guests: number;
  /** Family members and parent mentors together. */
  familyVoices: number;
  youthVoices: number;
  byRole: RoleAttendance[];
}

export interface DecisionRound {
  number: number;
  proposal: string;
  scale: AgreementScale;
  voteCount: number;
  tally: number[];
  concerns: string[];
}

export interface ConsensusDecision {
  outcome?: ConsensusOutcome;
  rounds: DecisionRound[];
}

/** `GET …/convenings/{id}/summary`. */
export interface ConveningSummary {
  convening: ConveningListing;
  startedAt?: string;
  endedAt?: string;
  attendance: Attendance;
  decision: ConsensusDecision;
  harvest?: string;
  depthPoll?: DepthPollActivity;
  pollRatings: number;
  fourQuestions?: FourQuestionsActivity;
  sppAprTopics: SppAprTopic[];
  /** How and when the results went back to the stakeholders, once a facilitator recorded it. */
  resultsShared?: ResultsShared;
}

/** `PUT …/convenings/{id}/results-shared` as stored. */
export interface ResultsShared {
  how: string;
  sharedAt: string;
  recordedAt: string;
  recordedBy: string;
}

/** A join code as listed (the code itself is shown once, when issued). */
export interface JoinCode {
  id: string;
  label?: string;
  issuedAt: string;
  expiresAt: string;
  revokedAt?: string;
  issuedBy: string;
}
