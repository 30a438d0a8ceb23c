import type { AgendaItem, ConveningSnapshot, Participant } from "../../convening";
import type { ConveningHub } from "../../hooks/useConveningHub";

/**
 * What the facilitator's console hands the panel of the activity that is running: the convening as applied so far,
 * the facilitator, the agenda item, and the hub's action sender (its refusals are shown by the panel, in words).
 */
export interface ActivityPanelProps {
  tenantId: string;
  conveningId: string;
  state: ConveningSnapshot;
  me: Participant;
  item: AgendaItem;
  act: ConveningHub["act"];
  /** The next café round's seating and warnings, read on the console's own connection. */
  previewCafeRound: ConveningHub["previewCafeRound"];
}
