/**
 * The addresses of the light public pages (docs/decisions/0044-light-public-pages.md), in one place: main.tsx
 * and the light router decide by them which app shows an address, and the build (web/vite.config.ts, run by
 * Node: so nothing here may touch the DOM or import more) preloads their first chunks and API answers and
 * lets the service worker serve them from its shell. Each allows a trailing slash.
 */
export const LIGHT_ROUTES = {
  home: /^\/$/,
  login: /^\/login\/?$/,
  activities: /^\/m\/activities\/?$/,
  activity: /^\/m\/activities\/[0-9A-Za-z-]+\/?$/,
  verify: /^\/verify(?:\/[^/]*)?\/?$/,
} as const;

/** Any light page's address; everything else is the full app's. */
export const LIGHT_PATH = new RegExp(
  Object.values(LIGHT_ROUTES)
    .map((r) => `(?:${r.source})`)
    .join('|'),
);
