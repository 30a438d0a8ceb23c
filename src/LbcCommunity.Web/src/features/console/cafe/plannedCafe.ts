import type { AgendaItem, CafeSettings } from "../../../convening";

/** The café as planned on its agenda item: tables with a host and a question, the round length and the rounds. */
export type PlannedCafe = CafeSettings;

/** The agenda item's planned café settings, when the plan has them (a convening planned without reads as none). */
export function plannedCafe(item: AgendaItem): PlannedCafe | undefined {
  return item.kind === "WorldCafe" ? item.cafe : undefined;
}
