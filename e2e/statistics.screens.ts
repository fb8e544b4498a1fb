// Screenshots of the console home's gender and age panel and the PDF button at phone and desktop size, on
// the embedded demo (which opens on the last full month, stated on the page): `npx tsx e2e/statistics.screens.ts` (after `npm run build -w web`).
// Pictures: test-output/screenshots/statistics-*.png. It also checks, on each size, that the PDF button
// downloads the monthly report (the answer is application/pdf, the file non-empty and a PDF) and fails
// otherwise.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import {
  closeAllBrowsers,
  enrolTotp,
  launchBrowser,
  screenshot,
  settle,
  signIn,
  startServer,
  totp,
  typeCode,
} from './support.ts';

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, mobile: { width: 390, height: 844 } };

async function main() {
  const server = process.env.STATS_URL
    ? { url: process.env.STATS_URL, stop: async () => {} }
    : await startServer();
  try {
    // The admin enrols its authenticator on the first pass; the second signs in with a code of a later
    // time step (a code is accepted once).
    let secret = '';
    let used = '';
    for (const kind of ['desktop', 'mobile'] as const) {
      const shot = (page: Page, name: string) => screenshot(page, `statistics-${kind}-${name}`);
      const b = await launchBrowser(VIEWPORTS[kind]);
      const page = await b.context.newPage();
      await page.goto(server.url + '/login');
      await signIn(page, 'ns.admin');
      if (!secret) {
        secret = await enrolTotp(page);
        used = totp(secret);
      } else {
        while (totp(secret) === used) await new Promise((r) => setTimeout(r, 1000));
        await typeCode(page, totp(secret));
      }
      await page.waitForURL(/\/dashboard$/);
      await page.getByTestId('stats-lag').waitFor();
      // Without a period in the address: the last full month, and the page says so.
      const d = new Date();
      const last = new Date(Date.UTC(d.getFullYear(), d.getMonth() - 1, 1)).toISOString().slice(0, 7);
      const said = await page.getByTestId('stats-default-period').textContent();
      assert.ok(said?.includes(`显示上月（${last}）`), `the default period is stated: ${said}`);
      await page.getByRole('button', { name: '下载月报 PDF' }).waitFor();
      await settle(page);
      await shot(page, '01-home');
      // The monthly report: the button fetches /api/statistics/overview.pdf and saves it.
      const [answer, download] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/api/statistics/overview.pdf')),
        page.waitForEvent('download'),
        page.getByRole('button', { name: '下载月报 PDF' }).click(),
      ]);
      assert.equal(answer.status(), 200);
      assert.match(answer.headers()['content-type'] ?? '', /^application\/pdf/);
      const pdf = readFileSync((await download.path())!);
      assert.ok(pdf.length > 1000, `a monthly report of ${pdf.length} bytes`);
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      console.log(`${kind}: monthly report ${download.suggestedFilename()}, ${pdf.length} bytes`);
      const panel = page.locator('.stats-panel', { hasText: '性别与年龄' });
      await panel.scrollIntoViewIfNeeded();
      await settle(page);
      await panel.screenshot({ path: `test-output/screenshots/statistics-${kind}-02-people.png` });
      await panel.getByText('表格').click();
      await settle(page);
      await panel.screenshot({ path: `test-output/screenshots/statistics-${kind}-03-people-table.png` });
      await b.close();
    }
  } finally {
    await server.stop();
    await closeAllBrowsers();
  }
}

await main();
