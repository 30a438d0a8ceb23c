import type { AgendaItem, ConsensusSettings } from "../../convening";

/** A consensus item's planned round, as the planner set it on the agenda item. */
export type PlannedConsensus = Partial<ConsensusSettings>;

/** What the planner set for the item's consensus round; empty when nothing was planned. */
export function plannedConsensus(item: AgendaItem): PlannedConsensus {
  return item.consensus ?? {};
}

/** The rubric rows the planner chose for the item's depth poll; empty when none were. */
export function plannedRowIds(item: AgendaItem): string[] {
  return item.depthPoll?.rowIds ?? [];
}
