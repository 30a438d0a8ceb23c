import type { ActivityKind, AgendaItem, AgendaItemDraft, AgreementScale, Convening, SppAprTopic } from "../../protocol";

// The plan form's state: every kind's settings are kept while the person edits, so choosing another kind and back
// loses nothing; only the settings of the item's kind are sent. Numbers stay text until sent, so the server (not the
// form) says what is wrong with them, by field.

export interface TableState { hostId: string; question: string }

export interface ItemState {
  key: number;
  kind: ActivityKind;
  title: string;
  cafe: { tables: TableState[]; roundMinutes: string; rounds: string };
  consensus: { proposal: string; scale: AgreementScale; anonymous: boolean; hideResults: boolean };
  depthPoll: { rowIds: string[] };
}

export interface PlanState { title: string; startsAt: string; agenda: ItemState[]; sppAprTopics: SppAprTopic[] }

let nextKey = 1;

export function newItem(kind: ActivityKind, title = ""): ItemState {
  return {
    key: nextKey++,
    kind,
    title,
    cafe: { tables: [], roundMinutes: "20", rounds: "3" },
    consensus: { proposal: "", scale: "FistToFive", anonymous: false, hideResults: true },
    depthPoll: { rowIds: [] },
  };
}

function fromItem(item: AgendaItem): ItemState {
  const blank = newItem(item.kind, item.title);
  return {
    ...blank,
    cafe: item.cafe
      ? { tables: item.cafe.tables.map((t) => ({ ...t })), roundMinutes: String(item.cafe.roundMinutes), rounds: String(item.cafe.rounds) }
      : blank.cafe,
    consensus: item.consensus ? { ...item.consensus } : blank.consensus,
    depthPoll: item.depthPoll ? { rowIds: [...item.depthPoll.rowIds] } : blank.depthPoll,
  };
}

/** `datetime-local` text in the browser's time zone, for an ISO time. */
export function localInput(iso?: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export const fromConvening = (c: Convening): PlanState => ({ title: c.title, startsAt: localInput(c.startsAt), agenda: c.agenda.map(fromItem), sppAprTopics: c.sppAprTopics ?? [] });

export const emptyPlan = (): PlanState => ({ title: "", startsAt: "", agenda: [newItem("WorldCafe"), newItem("ConsensusBuilding")], sppAprTopics: [] });

function toDraft(item: ItemState): AgendaItemDraft {
  const base: AgendaItemDraft = { kind: item.kind, title: item.title };
  switch (item.kind) {
    case "WorldCafe":
      return { ...base, cafe: { tables: item.cafe.tables, roundMinutes: Number(item.cafe.roundMinutes), rounds: Number(item.cafe.rounds) } };
    case "ConsensusBuilding":
      return { ...base, consensus: { ...item.consensus } };
    case "DepthPoll":
      return { ...base, depthPoll: { rowIds: item.depthPoll.rowIds } };
    default:
      return base;
  }
}

/** What the server is sent: the start as an instant (the browser's zone), the agenda with each kind's settings. */
export function toPlanDraft(plan: PlanState) {
  const startsAt = plan.startsAt ? new Date(plan.startsAt) : undefined;
  return {
    title: plan.title,
    startsAt: startsAt && !Number.isNaN(startsAt.getTime()) ? startsAt.toISOString() : undefined,
    agenda: plan.agenda.map(toDraft),
    sppAprTopics: plan.sppAprTopics,
  };
}

/** A DOM id for a field the server names (`agenda[1].consensus.proposal` → `f-agenda-1-consensus-proposal`). */
export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9]+/g, "-").replace(/-$/, "")}`;
