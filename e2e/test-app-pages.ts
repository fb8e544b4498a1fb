// Screenshot scripts that make their data through a server test app (which serves the API only) show the
// built web app on it: this serves web/dist for every other path and opens the pages at both sizes.
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { DESKTOP, launchBrowser, MOBILE, ROOT, type Browser } from './support.ts';

const DIST = join(ROOT, 'web', 'dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The built web app for every path of `origin` outside /api (the test app serves the API only). */
export async function serveWeb(page: Page, origin: string): Promise<void> {
  await page.route(`${origin}/**`, async (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path.startsWith('/api/')) return route.continue();
    const file = join(DIST, path);
    const body =
      existsSync(file) && extname(file) ? readFileSync(file) : readFileSync(join(DIST, 'index.html'));
    await route.fulfill({ body, contentType: TYPES[extname(file)] ?? 'text/html' });
  });
}

/** Signs the browser in with the session of a test app's `yiqi_sid=…` cookie header. */
export async function useSession(browser: Browser, origin: string, cookie: string): Promise<void> {
  await browser.context.clearCookies();
  await browser.context.addCookies([
    { name: 'yiqi_sid', value: cookie.slice('yiqi_sid='.length), url: origin },
  ]);
}

/**
 * Runs `shoot` at phone size, then at desktop size, each time in a fresh browser with a page that shows the
 * web app on `origin`; the browser is closed after, whatever happened.
 */
export async function atBothSizes(
  origin: string,
  shoot: (kind: 'mobile' | 'desktop', page: Page, browser: Browser) => Promise<void>,
): Promise<void> {
  for (const [kind, viewport] of [
    ['mobile', MOBILE],
    ['desktop', DESKTOP],
  ] as const) {
    const browser = await launchBrowser(viewport);
    // The machine is shared and busy: allow slow pages.
    browser.context.setDefaultTimeout(60_000);
    try {
      const page = await browser.context.newPage();
      await serveWeb(page, origin);
      await shoot(kind, page, browser);
    } finally {
      await browser.close();
    }
  }
}
