import type { AgendaItem, AgreementScale } from "../../convening";

/** A consensus item's planned round, as the planner may have set it on the agenda item. */
export interface PlannedConsensus {
  proposal?: string;
  scale?: AgreementScale;
  anonymous?: boolean;
  hideResults?: boolean;
}

/** A depth poll item's planned rows. */
export interface PlannedDepthPoll {
  rowIds?: string[];
}

// The agenda item's planned settings are optional fields that older convenings (and older hosts) do not send, so they
// are read here, defensively, rather than assumed by the panels.
type Planned = AgendaItem & { consensus?: PlannedConsensus | null; depthPoll?: PlannedDepthPoll | null };

/** What the planner set for the item's consensus round; empty when nothing was planned. */
export function plannedConsensus(item: AgendaItem): PlannedConsensus {
  const planned = (item as Planned).consensus;
  return planned && typeof planned === "object" ? planned : {};
}

/** The rubric rows the planner chose for the item's depth poll; empty when none were. */
export function plannedRowIds(item: AgendaItem): string[] {
  const ids = (item as Planned).depthPoll?.rowIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
}
