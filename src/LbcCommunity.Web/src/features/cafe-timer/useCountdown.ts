import { useEffect, useRef, useState } from "react";

/** What a screen reader is told, and when: at each whole minute, at 10 s left and at the end; never every second. */
export type Announcement = { kind: "minutes"; count: number } | { kind: "seconds" } | { kind: "timeUp" };

/**
 * The announcement due when the whole seconds left reach `secondsLeft`, or undefined when none is: a live region that
 * changed every second would talk over the table, so it changes only at these moments.
 */
export function announcementAt(secondsLeft: number): Announcement | undefined {
  if (secondsLeft <= 0) return { kind: "timeUp" };
  if (secondsLeft === 10) return { kind: "seconds" };
  if (secondsLeft % 60 === 0) return { kind: "minutes", count: secondsLeft / 60 };
  return undefined;
}

export interface Countdown {
  /** Whole seconds left (0 once the end has passed). */
  secondsLeft: number;
  /** "m:ss", for the eye. */
  display: string;
  running: boolean;
  /** The newest announcement due (it changes only at whole minutes, at 10 s and at the end). */
  announcement?: Announcement;
}

/** "m:ss" (or "h:mm:ss" from an hour). */
export function formatSeconds(total: number): string {
  const s = Math.max(0, Math.floor(total));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

const secondsUntil = (endsAt: string | undefined, now: number) =>
  endsAt ? Math.max(0, Math.ceil((Date.parse(endsAt) - now) / 1000)) : 0;

/**
 * Counts down to the server's `endsAt` (an ISO time: the round ends when the server says, whatever this device's
 * timer did). Ticks every second for the visible time; the announcement moves on only when one is due, so a screen
 * reader hears the minutes and the last 10 s, not every second. A new `endsAt` (+1 minute, end now) is taken at once.
 */
export function useCountdown(endsAt: string | undefined): Countdown {
  const [now, setNow] = useState(() => Date.now());
  const [announcement, setAnnouncement] = useState<Announcement>();
  const secondsLeft = secondsUntil(endsAt, now);

  useEffect(() => {
    setNow(Date.now());
    if (!endsAt || Date.parse(endsAt) <= Date.now()) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [endsAt]);

  // "Time is up" only for a round seen running here: one over before it was shown is not announced again.
  const seenRunning = useRef(false);
  useEffect(() => {
    const due = announcementAt(secondsLeft);
    if (due && (due.kind !== "timeUp" || seenRunning.current)) setAnnouncement(due);
    seenRunning.current = secondsLeft > 0;
  }, [secondsLeft]);

  return { secondsLeft, display: formatSeconds(secondsLeft), running: secondsLeft > 0, announcement };
}
