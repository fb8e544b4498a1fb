import { errorOf } from './api.ts';

/**
 * Answers the boot script of index.html (see `bootPreload` in web/vite.config.ts) started asking for before
 * the app's code arrived: the first page's own GET requests (`/api/me`, the activity, the check), so they
 * travel in parallel with the JavaScript instead of after it (issue 17; docs/decisions/0028-first-page-preload.md).
 */
declare global {
  interface Window {
    __yiqiPreload?: Record<string, Promise<Response> | undefined>;
  }
}

/**
 * Each preloaded answer serves one call, the page's first: later calls (a refetch, the same URL after
 * signing in) ask the server again. An answer nobody claimed in the first seconds is forgotten, so a
 * stale one (the anonymous /api/me before a sign-in) can never be handed out late.
 */
const FRESH_MS = 15_000;

function take(url: string): Promise<Response> | undefined {
  const pending = window.__yiqiPreload;
  if (!pending || !(url in pending)) return undefined;
  const res = pending[url];
  delete pending[url];
  return performance.now() < FRESH_MS ? res : undefined;
}

/**
 * `call()`, unless the boot script already asked for `url` (exactly as `api()` would, a GET with the
 * session cookie): then its answer, read the way `api()` reads one (the JSON, or an ApiError). A preload
 * that failed to connect falls back to `call()`, which reports the failure as usual.
 */
export async function preloadedOr<T>(url: string, call: () => Promise<T>): Promise<T> {
  const pending = take(url);
  if (!pending) return call();
  let res: Response;
  try {
    res = await pending;
  } catch {
    return call();
  }
  if (!res.ok) throw await errorOf(res);
  const text = await res.text();
  try {
    return (text ? JSON.parse(text) : null) as T;
  } catch {
    return null as T;
  }
}
