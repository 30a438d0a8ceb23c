// The ConveningHub's wire shapes (`/hubs/convening`, docs/convenings.md), as the host sends them: JSON, property names
// in camelCase, enums as names, null properties left out (so every nullable C# property is optional here, and every
// other one is always there). tests/LbcCommunity.Tests/Web/WireTypesTests.cs holds each interface to its C# record in
// LbcCommunity.Convenings (and Contracts, Ratings) by reflection, so a change on either side fails the build's tests.
// Times are ISO 8601 strings; sequences and versions are numbers.
import type { CafeSettings, ConsensusSettings, DepthPollSettings } from "./plan";
import type { ActivityKind, AgreementScale, ConsensusOutcome, ConveningOwnerKind, DepthLevel, SppAprTopic, StakeholderRole } from "./enums";

/** The event types, name for name as LbcCommunity.Convenings.ConveningEventTypes. */
export const ConveningEventTypes = {
  ParticipantJoined: "ParticipantJoined",
  PresenceChanged: "PresenceChanged",
  PresenceSummary: "PresenceSummary",
  JoinCodeRevoked: "JoinCodeRevoked",
  ActivityStarted: "ActivityStarted",
  RoundOpened: "RoundOpened",
  VoteCast: "VoteCast",
  ConcernRaised: "ConcernRaised",
  ResultsRevealed: "ResultsRevealed",
  RoundClosed: "RoundClosed",
  OutcomeRecorded: "OutcomeRecorded",
  PollOpened: "PollOpened",
  PollRatingSubmitted: "PollRatingSubmitted",
  PollConsensusRecorded: "PollConsensusRecorded",
  CafeSetUp: "CafeSetUp",
  CafeRoundStarted: "CafeRoundStarted",
  CafeRoundExtended: "CafeRoundExtended",
  CafeRoundEnded: "CafeRoundEnded",
  TablesMessaged: "TablesMessaged",
  CafeSeatChanged: "CafeSeatChanged",
  TableNoteAdded: "TableNoteAdded",
  HarvestSaved: "HarvestSaved",
  QuestionAnswered: "QuestionAnswered",
  AnswerUpvoted: "AnswerUpvoted",
  AnswersSaved: "AnswersSaved",
  PersonalActionWritten: "PersonalActionWritten",
  PersonalActionRemoved: "PersonalActionRemoved",
  PersonalActionsClosed: "PersonalActionsClosed",
  ConveningEnded: "ConveningEnded",
} as const;

export type ConveningEventType = (typeof ConveningEventTypes)[keyof typeof ConveningEventTypes];

/** The client method that carries events: its argument is an array of one or more, in sequence order. */
export const ConveningClientMethods = { ConveningEvents: "ConveningEvents" } as const;

/** An activity of the agenda, with what it was planned with (only its own kind's settings; none for items planned without). */
export interface AgendaItem {
  id: string;
  kind: ActivityKind;
  title: string;
  cafe?: CafeSettings;
  consensus?: ConsensusSettings;
  depthPoll?: DepthPollSettings;
}

export interface Convening {
  id: string;
  title: string;
  ownerKind: ConveningOwnerKind;
  ownerId: string;
  agenda: AgendaItem[];
  createdAt: string;
  /** When it is planned to begin (ISO 8601), if the facilitator set a time. */
  startsAt?: string;
  /** The SPP/APR topics it seeks stakeholders' input on (docs/convenings.md). */
  sppAprTopics: SppAprTopic[];
}

/** Someone in the convening: a member under their own name, or a guest who came with a join code. */
export interface Participant {
  id: string;
  displayName: string;
  stakeholderRole: StakeholderRole;
  isFacilitator: boolean;
  isGuest: boolean;
  joinCodeId?: string;
}

/** A vote; `participantId` is left out in an anonymous round. */
export interface Vote {
  participantId?: string;
  level: number;
}

export interface Concern {
  participantId?: string;
  text: string;
}

/** One round of a consensus activity. While results are hidden participants get no votes and an empty tally. */
export interface ConsensusRound {
  number: number;
  proposal: string;
  scale: AgreementScale;
  anonymous: boolean;
  resultsHidden: boolean;
  open: boolean;
  votes: Vote[];
  voteCount: number;
  concerns: Concern[];
  tally: number[];
}

export interface ConsensusActivity {
  rounds: ConsensusRound[];
  outcome?: ConsensusOutcome;
}

/** The live spread of one polled rubric row. */
export interface RowSpread {
  rowId: string;
  ratings: number;
  minDepthScore: number;
  maxDepthScore: number;
  meanDepthScore: number;
}

export interface DepthPollActivity {
  rowIds: string[];
  spread: RowSpread[];
  consensusRatingId?: string;
}

/** An answer to one of the Four Simple Questions (1–4), with who upvoted it. */
export interface QuestionAnswer {
  id: string;
  question: number;
  text: string;
  participantId: string;
  upvotedBy: string[];
}

export interface FourQuestionsActivity {
  answers: QuestionAnswer[];
  saved: boolean;
}

/** One action a participant wrote for themself in the personal action plan (`dueOn` as yyyy-MM-dd). */
export interface PersonalAction {
  id: string;
  participantId: string;
  ownerName: string;
  isGuest: boolean;
  memberId?: string;
  text: string;
  dueOn?: string;
  writtenAt: string;
}

/** The personal action plan: every action written (the room sees them) and whether the facilitator closed it. */
export interface PersonalActionsActivity {
  actions: PersonalAction[];
  closed: boolean;
}

export interface TableNote {
  round: number;
  participantId: string;
  text: string;
}

/** A World Café table: its host stays, its question and notes stay with it. */
export interface CafeTable {
  id: string;
  hostId: string;
  question: string;
  notes: TableNote[];
}

/** Who sits at one table in one round. */
export interface TableSeating {
  tableId: string;
  participantIds: string[];
}

/** A café round: its server-side end time, the computed seating, and the warnings about it (empty for anyone but a facilitator). */
export interface CafeRound {
  number: number;
  endsAt: string;
  seating: TableSeating[];
  warnings: string[];
}

/** A message from the facilitator to every table; `round` is 0 before the first round. */
/** The seating and warnings the next round would get now (PreviewCafeRound; the facilitator's only). */
export interface CafeRoundPreview {
  number: number;
  seating: TableSeating[];
  warnings: string[];
}

export interface CafeMessage {
  round: number;
  text: string;
  at: string;
}

export interface WorldCafeActivity {
  tables: CafeTable[];
  rounds: CafeRound[];
  harvest?: string;
  /** Oldest first. */
  messages: CafeMessage[];
}

/** How many of the present participants hold one stakeholder role. */
export interface RoleCount {
  role: StakeholderRole;
  count: number;
}

/** A room's counts: everyone who joined, who is here, and who is here by role (roles with none left out). */
export interface PresenceCounts {
  participantCount: number;
  presentCount: number;
  presentByRole: RoleCount[];
}

/** `Roster`'s argument: by `ids` and/or by position (`offset`, `limit` 1–200, 100 when left out); at most 200 ids. */
export interface RosterRequest {
  ids?: string[];
  offset?: number;
  limit?: number;
}

/** `Roster`'s answer: a page of participants in joining order, who of them is here, and how many have joined in all. */
export interface RosterPage {
  sequence: number;
  total: number;
  offset: number;
  participants: Participant[];
  present: string[];
}

/**
 * The convening as it stands at `sequence`: where a client starts before applying later events. A facilitator's
 * `participants` is everyone (`wholeRoster`); anyone else's is the facilitators and the caller, with `presence`
 * counting the whole room and the `Roster` method giving other names.
 */
export interface ConveningSnapshot {
  sequence: number;
  convening: Convening;
  participants: Participant[];
  /** Who of `participants` is here. */
  present: string[];
  presence: PresenceCounts;
  wholeRoster: boolean;
  activeItemId?: string;
  consensus?: ConsensusActivity;
  depthPoll?: DepthPollActivity;
  fourQuestions?: FourQuestionsActivity;
  ended: boolean;
  worldCafe?: WorldCafeActivity;
  personalActions?: PersonalActionsActivity;
}

/**
 * One change. Rare ones carry the whole new state of their activity (`consensus`, `depthPoll`, `fourQuestions`,
 * `worldCafe`, `activeItemId`, `ended`); frequent ones only what changed (`participant` and `present`, or `round`
 * with `vote`, `voteCount`, `tally`, `resultsHidden`, `concern`, or the `answer` as it stands). Presence events carry
 * the room's `presence` counts after them; participants get a run of them as one `PresenceSummary` that covers the
 * sequences `firstSequence` to `sequence`.
 */
export interface ConveningEvent {
  sequence: number;
  type: ConveningEventType;
  at: string;
  actorId?: string;
  participant?: Participant;
  present?: boolean;
  activeItemId?: string;
  consensus?: ConsensusActivity;
  depthPoll?: DepthPollActivity;
  fourQuestions?: FourQuestionsActivity;
  ended?: boolean;
  worldCafe?: WorldCafeActivity;
  round?: number;
  vote?: Vote;
  voteCount?: number;
  tally?: number[];
  resultsHidden?: boolean;
  concern?: Concern;
  answer?: QuestionAnswer;
  joinCodeId?: string;
  presence?: PresenceCounts;
  firstSequence?: number;
  personalAction?: PersonalAction;
  personalActions?: PersonalActionsActivity;
}

/** A person of a whole initiative's convening, as the host fills it in (clients do not send it). */
export interface InitiativeParticipant {
  personId: string;
  displayName: string;
  stakeholderRole: StakeholderRole;
  isFacilitator: boolean;
}

/**
 * `Join`'s argument. A browser sends `memberId` (a member, optional: the token names them) or `guestRole` (a guest);
 * the host fills in the rest from the caller's token and ignores what a client sends there.
 */
export interface JoinRequest {
  memberId?: string;
  guestName?: string;
  guestRole?: StakeholderRole;
  joinCodeId?: string;
  guestId?: string;
  person?: InitiativeParticipant;
}

/** `Join`'s answer: who the caller is here, the snapshot, and events after it that may also arrive live. */
export interface JoinResult {
  participant: Participant;
  snapshot: ConveningSnapshot;
  events?: ConveningEvent[];
}

/** `Resume`'s answer: exactly the events missed, or a snapshot when they are no longer kept. */
export interface ResumeResult {
  events?: ConveningEvent[];
  snapshot?: ConveningSnapshot;
}

/** Every action's answer: stored, with the sequence of its event (the same for a repeated action id). */
export interface ActionAck {
  actionId: string;
  sequence: number;
}

/** `SetUpCafe`'s tables. */
export interface CafeTableDraft {
  hostId?: string;
  question?: string;
}

export interface CellAttainment {
  level: DepthLevel;
  attainmentPercent: number;
}

export interface RowRatingDraft {
  rowId?: string;
  cells?: CellAttainment[];
}

/** `SubmitPollRating`'s argument. */
export interface PollRating {
  rows: RowRatingDraft[];
}

/** `RecordPollConsensus`'s argument (`rubricVersion` and `rows`; the host fills in the rest). */
export interface RatingDraft {
  rubricVersion?: number;
  memberId?: string;
  conveningId?: string;
  idempotencyKey?: string;
  rows?: RowRatingDraft[];
  /** When the rating was taken (ISO 8601), if not now: a rating entered from paper. A convening's poll consensus is taken now. */
  ratedAt?: string;
}
