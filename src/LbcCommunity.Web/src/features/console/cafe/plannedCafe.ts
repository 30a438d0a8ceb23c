import type { AgendaItem } from "../../../convening";

/** The café as planned on its agenda item: tables with a host and a question, the round length and the rounds. */
export interface PlannedCafe {
  tables: { hostId?: string; question?: string }[];
  roundMinutes?: number;
  rounds?: number;
}

/**
 * The agenda item's planned café settings (`item.cafe`), when the plan has them. Read through this accessor, not the
 * field, so the panel does not depend on when AgendaItem gains it, and a plan stored without it reads as none.
 */
export function plannedCafe(item: AgendaItem): PlannedCafe | undefined {
  const cafe = (item as AgendaItem & { cafe?: unknown }).cafe;
  if (!cafe || typeof cafe !== "object") return undefined;
  const { tables, roundMinutes, rounds } = cafe as Record<string, unknown>;
  return {
    tables: Array.isArray(tables)
      ? tables.filter((t): t is Record<string, unknown> => !!t && typeof t === "object").map((t) => ({
          hostId: typeof t.hostId === "string" ? t.hostId : undefined,
          question: typeof t.question === "string" ? t.question : undefined,
        }))
      : [],
    roundMinutes: typeof roundMinutes === "number" ? roundMinutes : undefined,
    rounds: typeof rounds === "number" ? rounds : undefined,
  };
}
