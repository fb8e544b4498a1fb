import { useCallback, useEffect, useState } from 'react';

export type Fetched<T> =
  | { state: 'pending' }
  | { state: 'error'; error: unknown; retry: () => void }
  | { state: 'done'; data: T; stale: boolean };

/**
 * One GET for the light pages (instead of react-query): the answer for `key`, refetched when the key
 * changes; the previous answer stays on screen (marked stale) while the next one loads.
 */
export function useFetch<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Fetched<T> {
  const [state, setState] = useState<Fetched<T>>({ state: 'pending' });
  const [attempt, setAttempt] = useState(0);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  useEffect(() => {
    if (key === null) return;
    const ctl = new AbortController();
    setState((s) => (s.state === 'done' ? { ...s, stale: true } : { state: 'pending' }));
    load(ctl.signal).then(
      (data) => !ctl.signal.aborted && setState({ state: 'done', data, stale: false }),
      (error: unknown) => !ctl.signal.aborted && setState({ state: 'error', error, retry }),
    );
    return () => ctl.abort();
    // `load` is a new function each render; the key says what it asks for.
  }, [key, attempt]);
  return state;
}
