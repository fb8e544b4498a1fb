import { formatTime } from '../../../lib/format.ts';

/** 2026-05-01 09:00 (Beijing), without seconds. */
export function shortTime(iso: string): string {
  return formatTime(iso).slice(0, 16);
}

/** A shift or activity span: the end without its date when both fall on the same day. */
export function timeRange(start: string, end: string): string {
  const a = shortTime(start);
  const b = shortTime(end);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a} – ${b.slice(11)}` : `${a} – ${b}`;
}

export const hasEnded = (iso: string, now = Date.now()) => new Date(iso).getTime() <= now;

/**
 * How many of the activity's shifts start inside its cancellation cut-off from `now`: volunteers who sign up
 * for them can cancel without it counting as late only in the grace after signing up (LATE_CANCEL_GRACE_MINUTES).
 */
export function shiftsInsideCutoff(
  a: { cancelCutoffHours: number; positions: { shifts: { startsAt: string }[] }[] },
  now = Date.now(),
): number {
  const edge = now + a.cancelCutoffHours * 3600_000;
  return a.positions.flatMap((p) => p.shifts).filter((s) => new Date(s.startsAt).getTime() < edge).length;
}
