import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from "@microsoft/signalr";
import {
  apply, ConveningClientMethods, ErrorCodes, follows, rosterPageMax, tableMates,
  type ActionAck, type ConveningActionArgs, type ConveningActionMethod, type ConveningEvent, type ConveningHubMethods, type ConveningHubResults,
  type CafeRoundPreview, type ConveningSnapshot, type JoinRequest, type Participant,
} from "../convening";
import { hubError, invoke as invokeOn, keepConnected, type ConnectionStatus, type HubError } from "../hub";

export type { ConveningActionMethod };

const invoke = <M extends keyof ConveningHubMethods>(connection: HubConnection, method: M, ...args: ConveningHubMethods[M]) =>
  invokeOn<ConveningHubMethods, ConveningHubResults, M>(connection, method, ...args);

export interface ConveningHubOptions {
  tenantId: string;
  conveningId: string;
  /** The bearer token for the hub (a guest's pass, or the signed-in user's renewed token). */
  accessToken: () => string | Promise<string>;
  /** What `Join` sends: `{ guestRole }` for a guest, `{}` for a member (the token names them). */
  join: JoinRequest;
  /** False holds the connection closed (e.g. the guest's invitation has ended). */
  enabled?: boolean;
}

export interface ConveningHub {
  /** The convening as this client has applied it: the snapshot and every later event, each once, in order. */
  state?: ConveningSnapshot;
  /** Who the caller is in it. */
  me?: Participant;
  /**
   * The participants this client knows by id: the snapshot's (everyone for a facilitator; the facilitators and the
   * caller for anyone else) and those looked up with `lookUp`. The people at the caller's café table are looked up
   * when a round seats them.
   */
  people: Readonly<Record<string, Participant>>;
  /** Looks up the participants of `ids` this client does not know yet (`Roster`, 200 a call); errors are the caller's. */
  lookUp: (ids: string[]) => Promise<void>;
  status: ConnectionStatus;
  /** True once the connection is live again after it was lost ("you're back"). */
  back: boolean;
  /** Sends an action; answers its acknowledgement, or the refusal (nothing changed then). */
  act: <M extends ConveningActionMethod>(method: M, ...args: ConveningActionArgs<M>) => Promise<ActionAck | HubError>;
  /** Asks the next café round's seating and warnings (a facilitator's read) on this same connection; throws a refusal. */
  previewCafeRound: () => Promise<CafeRoundPreview>;
}

/** How long an action waits for a lost connection to come back before it is given up (the JS client's 0/2/10/30 s retries). */
const reconnectWaitMs = 45_000;

/** A fresh id per action: a retry of the same action sends the same one. Works without a secure context too. */
function newActionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * One connection to `/hubs/convening`, joined to one convening. Follows the client rule of docs/convenings.md: start
 * from the snapshot; apply each later event once, in order; on a gap, `Resume` from the last applied sequence. Short
 * drops are bridged by stateful reconnect (nothing to do here); every new connection (automatic reconnect, a start
 * after the connection closed) resumes with the last sequence, and a reload joins again (the same person, a new
 * snapshot).
 */
export function useConveningHub({ tenantId, conveningId, accessToken, join, enabled = true }: ConveningHubOptions): ConveningHub {
  const [state, setState] = useState<ConveningSnapshot>();
  const [me, setMe] = useState<Participant>();
  const [status, setStatus] = useState<ConnectionStatus>({ state: "connecting" });
  const [back, setBack] = useState(false);
  const [lookedUp, setLookedUp] = useState<Record<string, Participant>>({});
  const connectionRef = useRef<HubConnection | undefined>(undefined);
  const tokenRef = useRef(accessToken);
  tokenRef.current = accessToken;
  const joinRef = useRef(join);
  joinRef.current = join;

  useEffect(() => {
    if (!enabled) return;
    let current: ConveningSnapshot | undefined;
    let participantId: string | undefined;
    let pending: ConveningEvent[] = [];
    let resuming = false;
    let lost = false;

    const connection = new HubConnectionBuilder()
      .withUrl("/hubs/convening", { accessTokenFactory: () => tokenRef.current() })
      .withAutomaticReconnect()
      .withStatefulReconnect()
      .configureLogging(LogLevel.Warning)
      .build();
    connectionRef.current = connection;

    const applyEvents = (events: ConveningEvent[]) => {
      if (!current || resuming) {
        pending.push(...events);
        return;
      }
      for (const e of [...events].sort((a, b) => a.sequence - b.sequence)) {
        const step = follows(current, e);
        if (step === "skip") continue;
        if (step === "gap") {
          void resume();
          break;
        }
        current = apply(current, e);
      }
      setState(current);
    };
    const drain = () => {
      const buffered = pending;
      pending = [];
      applyEvents(buffered);
    };
    const resume = async () => {
      if (resuming || !participantId || !current) return;
      resuming = true;
      try {
        const missed = await invoke(connection, "Resume", tenantId, conveningId, participantId, current.sequence);
        if (missed.snapshot) current = missed.snapshot;
        resuming = false;
        applyEvents(missed.events ?? []);
        drain();
      } finally {
        resuming = false;
      }
    };
    connection.on(ConveningClientMethods.ConveningEvents, (events: ConveningEvent[]) => applyEvents(events));

    const up = async () => {
      if (participantId) return resume();
      const joined = await invoke(connection, "Join", tenantId, conveningId, joinRef.current);
      participantId = joined.participant.id;
      setMe(joined.participant);
      current = joined.snapshot;
      setState(current);
      applyEvents(joined.events ?? []);
      drain();
    };
    const stop = keepConnected(connection, up, (next) => {
      if (next.state === "reconnecting" || next.state === "offline") lost = true;
      if (next.state === "live") setBack(lost);
      else setBack(false);
      setStatus(next);
    });
    return () => {
      connectionRef.current = undefined;
      void stop();
    };
  }, [tenantId, conveningId, enabled]);

  // While the convening moves or the connection is held back, the same action (same id) again, after a short pause.
  // While the connection is being re-established, the action waits for it (up to the client's own reconnect window)
  // rather than failing: a vote tapped in a tunnel is sent when the phone is back, once (the same action id).
  const act = useCallback(async <M extends ConveningActionMethod>(method: M, ...args: ConveningActionArgs<M>): Promise<ActionAck | HubError> => {
    const actionId = newActionId();
    const waitUntil = Date.now() + reconnectWaitMs;
    for (let attempt = 1; ; attempt++) {
      const connection = connectionRef.current;
      if (!connection) return { code: ErrorCodes.NotJoined, text: "Not connected." };
      if (connection.state !== HubConnectionState.Connected && Date.now() < waitUntil) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        attempt--;
        continue;
      }
      try {
        // Every action's parameters start with these three (ConveningActionMethod is exactly those methods).
        const call = [tenantId, conveningId, actionId, ...args] as unknown as ConveningHubMethods[M];
        return await invoke(connection, method, ...call);
      } catch (e) {
        const refusal = hubError(e);
        // Back on a new connection that has not resumed yet: the resume binds it in a moment.
        if (refusal.code === ErrorCodes.NotJoined && Date.now() < waitUntil) {
          await new Promise((resolve) => setTimeout(resolve, 300));
          continue;
        }
        if ((refusal.code === ErrorCodes.ConveningMoving || refusal.code === ErrorCodes.RateLimited) && attempt < 10) {
          await new Promise((resolve) => setTimeout(resolve, 300));
          continue;
        }
        return refusal;
      }
    }
  }, [tenantId, conveningId]);

  const people = useMemo(() => {
    const known: Record<string, Participant> = { ...lookedUp };
    for (const p of state?.participants ?? []) known[p.id] = p;
    return known;
  }, [state?.participants, lookedUp]);
  const peopleRef = useRef(people);
  peopleRef.current = people;

  const lookUp = useCallback(async (ids: string[]) => {
    const missing = [...new Set(ids)].filter((id) => !peopleRef.current[id]);
    for (let i = 0; i < missing.length; i += rosterPageMax) {
      const connection = connectionRef.current;
      if (!connection) return;
      const page = await invoke(connection, "Roster", tenantId, conveningId, { ids: missing.slice(i, i + rosterPageMax), limit: rosterPageMax });
      setLookedUp((known) => Object.fromEntries([...Object.entries(known), ...page.participants.map((p) => [p.id, p] as const)]));
    }
  }, [tenantId, conveningId]);

  // A café round seats the caller: the names at their table, which a participant's snapshot does not carry.
  const mates = tableMates(state, me?.id).join(" ");
  useEffect(() => {
    if (mates) lookUp(mates.split(" ")).catch(() => undefined);
  }, [mates, lookUp]);

  // A read on the joined connection: while it is being re-established (or has not resumed yet) it waits, as act does.
  const previewCafeRound = useCallback(async (): Promise<CafeRoundPreview> => {
    const waitUntil = Date.now() + reconnectWaitMs;
    const pause = () => new Promise((resolve) => setTimeout(resolve, 300));
    for (;;) {
      const connection = connectionRef.current;
      if (!connection) throw { code: ErrorCodes.NotJoined, text: "Not connected." } satisfies HubError;
      if (connection.state !== HubConnectionState.Connected && Date.now() < waitUntil) {
        await pause();
        continue;
      }
      try {
        return await invoke(connection, "PreviewCafeRound", tenantId, conveningId);
      } catch (e) {
        const refusal = hubError(e);
        if (refusal.code !== ErrorCodes.NotJoined || Date.now() >= waitUntil) throw refusal;
        await pause();
      }
    }
  }, [tenantId, conveningId]);

  return { state, me, people, lookUp, status, back, act, previewCafeRound };
}

/** True when an action's answer is its acknowledgement rather than a refusal. */
export const acknowledged = (answer: ActionAck | HubError): answer is ActionAck => "actionId" in answer;
