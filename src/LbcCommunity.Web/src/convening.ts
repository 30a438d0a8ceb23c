// A live convening as the ConveningHub sends it (docs/convenings.md): a snapshot, then numbered events applied in order.
import type { Convening } from "./api";

export type StakeholderRole = "FamilyMember" | "ParentMentor" | "Student" | "CommunityPartner" | "Other" | string;
export type AgreementScale = "FistToFive" | "GradientsOfAgreement";

export interface Participant {
  id: string;
  displayName: string;
  stakeholderRole: StakeholderRole;
  isFacilitator: boolean;
  isGuest: boolean;
}
export interface Vote { participantId?: string; level: number }
export interface Concern { participantId?: string; text: string }
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
export interface ConsensusActivity { rounds: ConsensusRound[]; outcome?: string }

export interface ConveningSnapshot {
  sequence: number;
  convening: Convening;
  participants: Participant[];
  present: string[];
  activeItemId?: string;
  consensus?: ConsensusActivity;
  ended: boolean;
  // Other activities (depth poll, four questions, World Café) are kept as they come but not shown yet.
  depthPoll?: unknown;
  fourQuestions?: unknown;
  worldCafe?: unknown;
}

export interface ConveningEvent {
  sequence: number;
  type: string;
  at: string;
  actorId?: string;
  participant?: Participant;
  present?: boolean;
  activeItemId?: string;
  consensus?: ConsensusActivity;
  depthPoll?: unknown;
  fourQuestions?: unknown;
  worldCafe?: unknown;
  ended?: boolean;
  round?: number;
  vote?: Vote;
  voteCount?: number;
  tally?: number[];
  resultsHidden?: boolean;
  concern?: Concern;
}

export interface JoinResult { participant: Participant; snapshot: ConveningSnapshot; events?: ConveningEvent[] }
export interface ResumeResult { events?: ConveningEvent[]; snapshot?: ConveningSnapshot }

/**
 * Applies one event to the state it follows. Events carry the whole new state of rare changes (a round, the poll…)
 * and only the change for frequent ones (a participant, a vote), so both kinds are handled here.
 */
export function apply(state: ConveningSnapshot, e: ConveningEvent): ConveningSnapshot {
  let next: ConveningSnapshot = { ...state, sequence: e.sequence };
  if (e.participant && !next.participants.some((p) => p.id === e.participant!.id)) {
    next.participants = [...next.participants, e.participant];
  }
  const who = e.participant?.id ?? e.actorId;
  if (e.present !== undefined && who) {
    const others = next.present.filter((id) => id !== who);
    next.present = e.present ? [...others, who] : others;
  }
  if (e.type === "ActivityStarted" || e.type === "ConveningEnded") next.activeItemId = e.activeItemId;
  if (e.ended !== undefined) next.ended = e.ended;
  if (e.consensus) next.consensus = e.consensus;
  if (e.depthPoll !== undefined) next.depthPoll = e.depthPoll;
  if (e.fourQuestions !== undefined) next.fourQuestions = e.fourQuestions;
  if (e.worldCafe !== undefined) next.worldCafe = e.worldCafe;
  if ((e.type === "VoteCast" || e.type === "ConcernRaised") && e.round !== undefined && next.consensus) {
    next = { ...next, consensus: { ...next.consensus, rounds: next.consensus.rounds.map((r) => (r.number === e.round ? changeRound(r, e) : r)) } };
  }
  return next;
}

function changeRound(round: ConsensusRound, e: ConveningEvent): ConsensusRound {
  if (e.type === "ConcernRaised") return e.concern ? { ...round, concerns: [...round.concerns, e.concern] } : round;
  const changed = { ...round };
  if (e.voteCount !== undefined) changed.voteCount = e.voteCount;
  if (e.resultsHidden !== undefined) changed.resultsHidden = e.resultsHidden;
  changed.tally = e.tally ?? (changed.resultsHidden ? [] : changed.tally);
  if (e.vote) {
    // A later vote in the round replaces one's earlier vote (only visible when the round names voters).
    const voter = e.vote.participantId;
    changed.votes = [...(voter ? round.votes.filter((v) => v.participantId !== voter) : round.votes), e.vote];
  }
  return changed;
}

/** The round that takes votes now, if any. */
export function openRound(state: ConveningSnapshot): ConsensusRound | undefined {
  const rounds = state.consensus?.rounds ?? [];
  const last = rounds[rounds.length - 1];
  return last?.open ? last : undefined;
}

/** The levels of a scale, each with what it says: fist-to-five 0–5, the eight gradients of agreement 1–8. */
export function levelsOf(scale: AgreementScale): { level: number; label: string }[] {
  return scale === "FistToFive"
    ? [
        { level: 0, label: "Fist: I block this" },
        { level: 1, label: "1 finger: serious concerns" },
        { level: 2, label: "2 fingers: some concerns to discuss" },
        { level: 3, label: "3 fingers: I can live with it" },
        { level: 4, label: "4 fingers: I support it" },
        { level: 5, label: "5 fingers: I fully support it" },
      ]
    : [
        { level: 1, label: "Whole-hearted endorsement" },
        { level: 2, label: "Agreement with a minor point of contention" },
        { level: 3, label: "Support with reservations" },
        { level: 4, label: "Abstain" },
        { level: 5, label: "More discussion needed" },
        { level: 6, label: "I don't like it, but I won't hold up the group" },
        { level: 7, label: "Serious disagreement" },
        { level: 8, label: "Veto" },
      ];
}

export const guestRoles: { role: StakeholderRole; label: string }[] = [
  { role: "FamilyMember", label: "Family member" },
  { role: "ParentMentor", label: "Parent mentor" },
  { role: "Student", label: "Student" },
  { role: "CommunityPartner", label: "Community partner" },
  { role: "Other", label: "Other" },
];

export const roleLabel = (role: StakeholderRole) =>
  guestRoles.find((r) => r.role === role)?.label ?? role.replace(/([a-z])([A-Z])/g, "$1 $2");
