// Screenshots of the dispatch pages (群众点单) at phone and desktop size, on the embedded demo:
// `npx tsx e2e/dispatch.screens.ts` (after `npm run build -w web`). Pictures: test-output/screenshots/dispatch-*.png.
import type { Page } from 'playwright-core';
import {
  closeAllBrowsers,
  enrolTotp,
  launchBrowser,
  screenshot,
  settle,
  signIn,
  startServer,
} from './support.ts';

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, mobile: { width: 390, height: 844 } };

async function staff(page: Page, url: string, username: string) {
  await page.goto(url + '/login');
  await signIn(page, username);
  await enrolTotp(page);
  await page.waitForURL((u) => !u.pathname.includes('login') && !u.pathname.includes('mfa'));
}

async function main() {
  // DISPATCH_URL: a server already running (the embedded demo), e.g. on a loaded machine where start-up is slow.
  const server = process.env.DISPATCH_URL
    ? { url: process.env.DISPATCH_URL, stop: async () => {} }
    : await startServer();
  try {
    for (const kind of ['desktop', 'mobile'] as const) {
      const shot = (page: Page, name: string) => screenshot(page, `dispatch-${kind}-${name}`);
      // The resident: my orders, the menu of 南山区 南头城社区, the order form.
      const b1 = await launchBrowser(VIEWPORTS[kind]);
      const page = await b1.context.newPage();
      await page.addInitScript(() => localStorage.setItem('yiqi.dispatch.community', '440305001001'));
      await page.goto(server.url + '/login');
      await signIn(page, 'resident');
      await page.waitForURL((u) => !u.pathname.includes('login'));
      await page.goto(server.url + '/m/orders');
      await page.getByText('独居长者上门探访').first().waitFor();
      await settle(page);
      await shot(page, '01-my-orders');
      await page.goto(server.url + '/m/orders/menu');
      await page.getByText('法律服务').first().waitFor();
      await settle(page);
      await shot(page, '02-menu');
      await page.getByRole('button', { name: '我要点单' }).first().click();
      await page.getByLabel('需求描述').waitFor();
      await settle(page);
      await shot(page, '03-order-form');
      await b1.close();

      // The district centre: the board and an order to review.
      const b2 = await launchBrowser(VIEWPORTS[kind]);
      const p2 = await b2.context.newPage();
      await staff(p2, server.url, kind === 'desktop' ? 'ns.admin' : 'nt.post');
      await p2.goto(server.url + '/dispatch');
      await p2.getByText('待派单').first().waitFor();
      await p2.locator('.ant-statistic').first().waitFor();
      await settle(p2);
      await shot(p2, '04-board');
      await p2
        .getByText(kind === 'desktop' ? '法律咨询进社区' : '独居长者上门探访')
        .first()
        .click();
      await p2.getByText('流转记录').waitFor();
      await settle(p2);
      await shot(p2, '05-order');
      await b2.close();

      if (kind === 'desktop') {
        const b3 = await launchBrowser(VIEWPORTS[kind]);
        const p3 = await b3.context.newPage();
        await staff(p3, server.url, 'team.admin');
        await p3.goto(server.url + '/dispatch/team');
        await p3.getByText('小家电义务维修').first().waitFor();
        await settle(p3);
        await shot(p3, '06-team-inbox');
        await b3.close();
      }
    }
  } finally {
    await closeAllBrowsers();
    await server.stop();
  }
}

await main();
