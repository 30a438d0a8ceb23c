// A live convening as the ConveningHub sends it (docs/convenings.md): a snapshot, then numbered events applied in order.
// The wire types are published in ./protocol (held to the C# contracts by a test); this module re-exports them with
// the client-side rules for applying events.
import { ConveningEventTypes, type AgreementScale, type ConsensusRound, type ConveningEvent, type ConveningSnapshot, type StakeholderRole } from "./protocol";

export * from "./protocol";

/** The most participants a `Roster` page holds, and the most ids one request may name (ConveningRoster.MaxPage). */
export const rosterPageMax = 200;

/**
 * What the client rule does with an event after `state`: skip it (every sequence it covers is applied), apply it
 * (it starts right after, or is a `PresenceSummary` whose range reaches back to it), or see a gap (Resume). A summary
 * covers `firstSequence`…`sequence` and carries counts, not changes, so one that overlaps what is applied is applied.
 */
export function follows(state: ConveningSnapshot, e: ConveningEvent): "skip" | "apply" | "gap" {
  if (e.sequence <= state.sequence) return "skip";
  return (e.firstSequence ?? e.sequence) > state.sequence + 1 ? "gap" : "apply";
}

/**
 * Applies one event to the state it follows. Events carry the whole new state of rare changes (a round, the poll…)
 * and only the change for frequent ones (a participant, a vote, an answer), so both kinds are handled here.
 * Presence events (and participants' `PresenceSummary`) carry the room's counts after them.
 */
export function apply(state: ConveningSnapshot, e: ConveningEvent): ConveningSnapshot {
  let next: ConveningSnapshot = { ...state, sequence: e.sequence };
  if (e.presence) next.presence = e.presence;
  const joined = e.participant;
  if (joined && !next.participants.some((p) => p.id === joined.id)) {
    next.participants = [...next.participants, joined];
  }
  const who = joined?.id ?? e.actorId;
  if (e.present !== undefined && who) {
    const others = next.present.filter((id) => id !== who);
    next.present = e.present ? [...others, who] : others;
  }
  if (e.type === ConveningEventTypes.ActivityStarted || e.type === ConveningEventTypes.ConveningEnded) next.activeItemId = e.activeItemId;
  if (e.ended !== undefined) next.ended = e.ended;
  if (e.consensus) next.consensus = e.consensus;
  if (e.depthPoll) next.depthPoll = e.depthPoll;
  if (e.fourQuestions) next.fourQuestions = e.fourQuestions;
  if (e.worldCafe) next.worldCafe = e.worldCafe;
  if (e.personalActions) next.personalActions = e.personalActions;
  if ((e.type === ConveningEventTypes.VoteCast || e.type === ConveningEventTypes.ConcernRaised) && e.round !== undefined && next.consensus) {
    next = { ...next, consensus: { ...next.consensus, rounds: next.consensus.rounds.map((r) => (r.number === e.round ? changeRound(r, e) : r)) } };
  }
  // The first answer comes before the questions have any state (the snapshot has none until then).
  const answer = e.answer;
  if (answer) {
    const questions = next.fourQuestions ?? { answers: [], saved: false };
    next = { ...next, fourQuestions: { ...questions, answers: [...questions.answers.filter((a) => a.id !== answer.id), answer] } };
  }
  const personal = e.personalAction;
  if (personal && !e.personalActions) {
    const activity = next.personalActions ?? { actions: [], closed: false };
    const others = activity.actions.filter((a) => a.id !== personal.id);
    next = { ...next, personalActions: { ...activity, actions: e.type === ConveningEventTypes.PersonalActionRemoved ? others : [...others, personal] } };
  }
  return next;
}

function changeRound(round: ConsensusRound, e: ConveningEvent): ConsensusRound {
  if (e.type === ConveningEventTypes.ConcernRaised) return e.concern ? { ...round, concerns: [...round.concerns, e.concern] } : round;
  const changed = { ...round };
  if (e.voteCount !== undefined) changed.voteCount = e.voteCount;
  if (e.resultsHidden !== undefined) changed.resultsHidden = e.resultsHidden;
  changed.tally = e.tally ?? (changed.resultsHidden ? [] : changed.tally);
  const vote = e.vote;
  if (vote) {
    // A later vote in the round replaces one's earlier vote (only visible when the round names voters).
    const voter = vote.participantId;
    changed.votes = [...(voter ? round.votes.filter((v) => v.participantId !== voter) : round.votes), vote];
  }
  return changed;
}

/** Who sits at `participantId`'s table in the café's latest round (them included), or none when they are not seated. */
export function tableMates(state: ConveningSnapshot | undefined, participantId: string | undefined): string[] {
  const rounds = state?.worldCafe?.rounds ?? [];
  const table = rounds[rounds.length - 1]?.seating.find((s) => participantId !== undefined && s.participantIds.includes(participantId));
  return table?.participantIds ?? [];
}

/** The round that takes votes now, if any. */
export function openRound(state: ConveningSnapshot): ConsensusRound | undefined {
  const rounds = state.consensus?.rounds ?? [];
  const last = rounds[rounds.length - 1];
  return last?.open ? last : undefined;
}

/** The levels of a scale: fist-to-five 0–5, the eight gradients of agreement 1–8 (their words are in i18n). */
export function levelsOf(scale: AgreementScale): number[] {
  return scale === "FistToFive" ? [0, 1, 2, 3, 4, 5] : [1, 2, 3, 4, 5, 6, 7, 8];
}

/** The roles a guest may choose on the join page, family voices first. */
export const guestRoles: StakeholderRole[] = ["FamilyMember", "ParentMentor", "Student", "CommunityPartner", "Other"];
