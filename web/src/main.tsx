import type { MeView } from './features/auth/api.ts';
import { LIGHT_PATH } from './public/routes.ts';

// No React here at the top: a first visit to a light page loads only the light pages (on Preact, see
// public/mount.tsx); React comes with the full app (docs/decisions/0067-light-pages-on-preact.md).
const container = document.getElementById('root')!;
/** Takes the light pages down, while they are shown. */
let unmountLight: (() => void) | undefined;

/**
 * The full app (Ant Design, react-router, react-query: the console and the volunteer area) at the current
 * address. `me`, when the light pages read it already, seeds the session so it is not asked for again.
 */
async function showFull(me?: MeView | null): Promise<void> {
  const [{ createElement, StrictMode }, { createRoot }, { App }, { queryClient, ME_KEY }] = await Promise.all(
    [import('react'), import('react-dom/client'), import('./App.tsx'), import('./lib/query.ts')],
  ).catch((e: unknown) => {
    reloadAfterDeploy();
    throw e;
  });
  if (me !== undefined) queryClient.setQueryData(ME_KEY, me);
  unmountLight?.();
  unmountLight = undefined;
  createRoot(container).render(createElement(StrictMode, null, createElement(App)));
}

/**
 * A chunk of this page's build is no longer on the server: a deploy happened since the page (possibly a
 * copy the service worker kept) was loaded. Load the page again, once per minute at most, so the new build
 * is used rather than the page breaking; a repeated failure is a real one and is left to the page.
 */
function reloadAfterDeploy(): void {
  const last = Number(sessionStorage.getItem('yiqi-reloaded') ?? 0);
  if (Date.now() - last < 60_000) return;
  sessionStorage.setItem('yiqi-reloaded', String(Date.now()));
  location.reload();
}
addEventListener('vite:preloadError', (event) => {
  event.preventDefault();
  reloadAfterDeploy();
});

// The service worker keeps the light pages' shell for return visits (docs/decisions/0057-warm-visits.md).
// Registered after the page has loaded, so a first visit's own requests go first.
// (The dev server has no sw.js: the registration fails there, quietly.)
if ('serviceWorker' in navigator)
  addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => {}));

// A first visit to a public page (home, activities, certificate check, sign-in) starts with the light
// pages, which load no Ant Design; they hand over to the full app when it is needed (docs/decisions/0044).
if (LIGHT_PATH.test(location.pathname))
  void import('./public/mount.tsx').then(({ mountPublic }) => {
    unmountLight = mountPublic(container, (me) => void showFull(me));
  });
else void showFull();
