import type { ConveningSnapshot, Participant } from "../../convening";

/**
 * The name a participant is shown under. The one place that turns an id into a name: the roster is about to be paged
 * for large rooms, so a client may hold ids (a seating, a note) of people it has no entry for yet; those read as a
 * neutral "another participant" (the caller's words) until the roster names them.
 */
export function nameOf(state: ConveningSnapshot, id: string, unknown: string): string {
  return participantOf(state, id)?.displayName ?? unknown;
}

/** The participant behind an id, when this client knows them. */
export function participantOf(state: ConveningSnapshot, id: string): Participant | undefined {
  return state.participants.find((p) => p.id === id);
}
