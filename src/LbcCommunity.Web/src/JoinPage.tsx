import { useEffect, useRef, useState, type FormEvent } from "react";
import { HubConnectionBuilder, LogLevel, type HubConnection } from "@microsoft/signalr";
import { apiWith } from "./api";
import { hubError, keepConnected } from "./hub";
import {
  apply, guestRoles, levelsOf, openRound, roleLabel,
  type ConveningEvent, type ConveningSnapshot, type JoinResult, type Participant, type ResumeResult, type StakeholderRole,
} from "./convening";

/** A guest's pass to one convening: the short-lived token the join code was exchanged for, and where it leads. */
interface GuestSession {
  accessToken: string;
  expiresAt: number;
  tenantId: string;
  conveningId: string;
  title: string;
  guestRole: StakeholderRole;
}

// Kept for the tab only, so a reload comes back as the same guest while the token lasts.
const storageKey = "lbc.guest";

function storedSession(): GuestSession | undefined {
  try {
    const session = JSON.parse(sessionStorage.getItem(storageKey) ?? "null") as GuestSession | null;
    return session && session.expiresAt > Date.now() ? session : undefined;
  } catch {
    return undefined;
  }
}

/** Exchanges a join code and a display name for a guest token, and finds the convening it opens. */
async function exchange(code: string, displayName: string, guestRole: StakeholderRole): Promise<GuestSession> {
  const response = await fetch("/connect/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: new URLSearchParams({
      grant_type: "urn:lbc:params:oauth:grant-type:join-code",
      client_id: "lbc-web",
      join_code: code,
      display_name: displayName,
    }),
  });
  const answer = await response.json().catch(() => undefined);
  if (!response.ok || !answer?.access_token) {
    throw new Error(answer?.error_description ?? `The join code could not be used (${response.status}). Ask the facilitator for a new one.`);
  }

  const accessToken: string = answer.access_token;
  const api = apiWith(() => Promise.resolve(accessToken));
  const me = await api.me();
  const conveningId = me.grants.find((g) => g.startsWith("guest:"))?.split(":")[1];
  if (!me.tenantId || !conveningId) throw new Error("The invitation does not name a convening. Ask the facilitator for a new code.");
  const convening = await api.convening(me.tenantId, conveningId);
  return {
    accessToken,
    expiresAt: Date.now() + (Number(answer.expires_in) || 3600) * 1000,
    tenantId: me.tenantId,
    conveningId,
    title: convening.title,
    guestRole,
  };
}

/** `/join?code=…`: a family member or partner joins a convening with the code a facilitator handed out. */
export function JoinPage() {
  const [session, setSession] = useState<GuestSession | undefined>(storedSession);
  const [code, setCode] = useState(() => new URLSearchParams(window.location.search).get("code") ?? "");
  const [name, setName] = useState("");
  const [role, setRole] = useState<StakeholderRole>("FamilyMember");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const join = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      const joined = await exchange(code.trim(), name.trim(), role);
      sessionStorage.setItem(storageKey, JSON.stringify(joined));
      setSession(joined);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const leave = () => {
    sessionStorage.removeItem(storageKey);
    setSession(undefined);
  };

  if (session) return <LiveConvening session={session} onLeave={leave} />;
  return (
    <main className="join">
      <h1>Join a convening</h1>
      <p>Enter the code you were given and the name the others will see. No account is needed.</p>
      <form onSubmit={join} aria-describedby={error ? "join-error" : undefined}>
        <label htmlFor="join-code">Join code</label>
        <input id="join-code" name="code" value={code} onChange={(e) => setCode(e.target.value)}
          autoComplete="off" autoCapitalize="characters" spellCheck={false} placeholder="ABCDE-FGHJK" required />
        <label htmlFor="display-name">Your name</label>
        <input id="display-name" name="displayName" value={name} onChange={(e) => setName(e.target.value)}
          autoComplete="name" maxLength={80} required />
        <label htmlFor="guest-role">I take part as</label>
        <select id="guest-role" name="guestRole" value={role} onChange={(e) => setRole(e.target.value)}>
          {guestRoles.map((r) => <option key={r.role} value={r.role}>{r.label}</option>)}
        </select>
        {error && <p id="join-error" role="alert" className="error">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>{busy ? "Joining…" : "Join"}</button>
      </form>
    </main>
  );
}

/** A fresh id per action: a retry of the same action would send the same one. Works without a secure context too. */
function newActionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function LiveConvening({ session, onLeave }: { session: GuestSession; onLeave: () => void }) {
  const [state, setState] = useState<ConveningSnapshot>();
  const [me, setMe] = useState<Participant>();
  const [status, setStatus] = useState("connecting");
  const [error, setError] = useState<string>();
  const [myVotes, setMyVotes] = useState<Record<number, number>>({});
  const [concern, setConcern] = useState("");
  const connectionRef = useRef<HubConnection | undefined>(undefined);
  const [expired, setExpired] = useState(() => session.expiresAt <= Date.now());

  // The token is not renewed: when it ends, so does this guest's place (a new code gives a new one).
  useEffect(() => {
    const timer = setTimeout(() => setExpired(true), Math.max(0, Math.min(session.expiresAt - Date.now(), 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session]);

  useEffect(() => {
    if (expired) return;
    const { tenantId, conveningId } = session;
    let current: ConveningSnapshot | undefined;
    let participantId: string | undefined;
    let pending: ConveningEvent[] = [];
    let resuming = false;

    const connection = new HubConnectionBuilder()
      .withUrl("/hubs/convening", { accessTokenFactory: () => session.accessToken })
      .withAutomaticReconnect()
      .withStatefulReconnect()
      .configureLogging(LogLevel.Warning)
      .build();
    connectionRef.current = connection;

    // Start from the snapshot; apply each later event once, in order; on a gap, ask for what was missed.
    const applyEvents = (events: ConveningEvent[]) => {
      if (!current || resuming) {
        pending.push(...events);
        return;
      }
      for (const e of [...events].sort((a, b) => a.sequence - b.sequence)) {
        if (e.sequence <= current.sequence) continue;
        if (e.sequence > current.sequence + 1) {
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
        const missed = await connection.invoke<ResumeResult>("Resume", tenantId, conveningId, participantId, current.sequence);
        if (missed.snapshot) current = missed.snapshot;
        resuming = false;
        applyEvents(missed.events ?? []);
        drain();
      } finally {
        resuming = false;
      }
    };
    connection.on("ConveningEvents", (events: ConveningEvent[]) => applyEvents(events));

    const up = async () => {
      if (participantId) return resume();
      const joined = await connection.invoke<JoinResult>("Join", tenantId, conveningId, { guestRole: session.guestRole });
      participantId = joined.participant.id;
      setMe(joined.participant);
      current = joined.snapshot;
      setState(current);
      applyEvents(joined.events ?? []);
      drain();
    };
    const stop = keepConnected(connection, up, setStatus);
    return () => { void stop(); };
  }, [session, expired]);

  /** Sends an action; while the convening moves or the connection is held back, the same action (same id) again. */
  const act = async (method: string, ...args: unknown[]) => {
    setError(undefined);
    const actionId = newActionId();
    for (let attempt = 1; ; attempt++) {
      try {
        await connectionRef.current!.invoke(method, session.tenantId, session.conveningId, actionId, ...args);
        return true;
      } catch (e) {
        const { code, text } = hubError(e);
        if ((code === "convening-moving" || code === "rate-limited") && attempt < 10) {
          await new Promise((resolve) => setTimeout(resolve, 300));
          continue;
        }
        setError(text);
        return false;
      }
    }
  };

  const round = state && !expired ? openRound(state) : undefined;
  const present = state ? state.participants.filter((p) => state.present.includes(p.id)) : [];
  const activity = state?.convening.agenda.find((a) => a.id === state.activeItemId);

  return (
    <main className="join">
      <h1>{state?.convening.title ?? session.title}</h1>
      <p className="status" aria-live="polite">
        {expired ? "Your invitation has ended. Ask the facilitator for a new code." : status === "live" ? `You are here as ${me?.displayName ?? "a guest"}.` : `Connection: ${status}…`}
      </p>
      {state?.ended && <p role="status">This convening has ended. Thank you for taking part.</p>}
      {activity && <p>Now: <strong>{activity.title}</strong></p>}

      {round && (
        <section aria-labelledby="round-heading" className="round">
          <h2 id="round-heading">Do you agree?</h2>
          <p className="proposal">{round.proposal}</p>
          <div role="group" aria-label={round.scale === "FistToFive" ? "Fist to five" : "Gradients of agreement"} className="levels">
            {levelsOf(round.scale).map(({ level, label }) => (
              <button key={level} type="button" className="level" aria-pressed={myVotes[round.number] === level}
                aria-label={round.scale === "FistToFive" ? label : `${level}: ${label}`}
                onClick={async () => { if (await act("CastVote", level)) setMyVotes((v) => ({ ...v, [round.number]: level })); }}>
                <span className="number" aria-hidden="true">{level}</span> {label}
              </button>
            ))}
          </div>
          <p aria-live="polite">
            {myVotes[round.number] !== undefined ? `Your vote: ${myVotes[round.number]}. You can change it while the round is open. ` : ""}
            {round.voteCount} {round.voteCount === 1 ? "vote" : "votes"} so far{round.resultsHidden ? " (results are hidden until the facilitator reveals them)" : ""}.
          </p>
          {!round.resultsHidden && round.tally.length > 0 && (
            <ul aria-label="Votes by level" className="tally">
              {round.tally.map((n, i) => <li key={i}>{levelsOf(round.scale)[i]?.level ?? i}: {n}</li>)}
            </ul>
          )}
          <form onSubmit={async (e) => { e.preventDefault(); if (concern.trim() && await act("RaiseConcern", concern.trim())) setConcern(""); }}>
            <label htmlFor="concern">Raise a concern (optional)</label>
            <textarea id="concern" value={concern} onChange={(e) => setConcern(e.target.value)} rows={2} maxLength={1000} />
            <button type="submit" disabled={!concern.trim()}>Send concern</button>
          </form>
        </section>
      )}
      {state && !round && !state.ended && <p>Waiting for the facilitator to open a round of agreement.</p>}
      {error && <p role="alert" className="error">{error}</p>}

      <section aria-labelledby="present-heading">
        <h2 id="present-heading">Who is here ({present.length})</h2>
        <ul aria-label="Who is here" className="present">
          {present.map((p) => (
            <li key={p.id} data-participant={p.id}>
              {p.displayName} <small>— {roleLabel(p.stakeholderRole)}{p.isFacilitator ? ", facilitator" : ""}{p.id === me?.id ? " (you)" : ""}</small>
            </li>
          ))}
        </ul>
      </section>
      <button type="button" onClick={onLeave}>{expired ? "Join with a new code" : "Leave"}</button>
    </main>
  );
}
