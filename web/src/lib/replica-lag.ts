import { useSyncExternalStore } from 'react';
import { REPLICA_LAG_HEADER, REPLICA_LAG_NOTICE_MS } from '@yiqi/shared/replica';

/**
 * How far behind the data of the last answer of each API path was (docs/decisions/0022): lists the server
 * reads from its streaming replica say so in a header; api() records it here, by path without the query,
 * and the list pages show <ReplicaLagNotice path=…> (features/common) when it is worth a word.
 */
const lags = new Map<string, number>();
const listeners = new Set<() => void>();

/** Remembers the lag a response reports for its path (none: it came from the primary). */
export function recordReplicaLag(path: string, headers: Pick<Headers, 'get'>): void {
  const key = path.split('?')[0]!;
  const raw = headers.get(REPLICA_LAG_HEADER);
  const lag = raw === null ? undefined : Number(raw);
  const known = lags.get(key);
  if (lag === known || (lag !== undefined && !Number.isFinite(lag))) return;
  if (lag === undefined) lags.delete(key);
  else lags.set(key, lag);
  for (const l of listeners) l();
}

/** Whole seconds to tell the reader, or null when the lag is under REPLICA_LAG_NOTICE_MS (or unknown). */
export function lagNoticeSeconds(lagMs: number | undefined): number | null {
  if (lagMs === undefined || lagMs < REPLICA_LAG_NOTICE_MS) return null;
  return Math.round(lagMs / 1000);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** The lag of the last answer for this API path (without query), in ms; undefined: up to date. */
export function replicaLagOf(path: string): number | undefined {
  return lags.get(path);
}

/** replicaLagOf, re-rendering when it changes. */
export function useReplicaLag(path: string): number | undefined {
  return useSyncExternalStore(subscribe, () => lags.get(path));
}
