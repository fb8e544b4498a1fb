// The light public pages (issue 17, docs/decisions/0044-light-public-pages.md) and the public home page
// (issue 15) at phone size: what a visitor sees first loads no Ant Design, works by keyboard, in three
// languages, and hands over to the full app on signing in.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshot, SCREENSHOTS, signIn, useJourney } from './support.ts';

/** Chunks only the full app loads: Ant Design's core (with the theme, `i18n`), the router and query cache. */
// React is the full app's too: the light pages run on Preact (docs/decisions/0067-light-pages-on-preact.md).
const FULL_APP = /\/assets\/(i18n|router|react|AppShell|MobileShell)-[\w-]+\.js$/;

describe('public pages', () => {
  const run = useJourney('public', { phone: true });

  async function fresh(): Promise<{ page: Page; scripts: string[] }> {
    const page = await run.phone.context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
    return { page, scripts };
  }

  test('a visitor: home, activities, an activity, sign-in, without Ant Design; signing in hands over', async () => {
    const { page, scripts } = await fresh();
    try {
      await page.goto(run.server.url + '/');
      await page.getByTestId('activity-card').first().waitFor();
      // The province's and the city's figures, as the public statistics give them: the registered count
      // where there is one, "not yet available" where a unit is too small or has none — never a made-up 0.
      const answer = (await (
        await fetch(run.server.url + '/api/public/figures?region=440300000000')
      ).json()) as {
        province: { suppressed: boolean; registered: number | null } | null;
        city: { suppressed: boolean; registered: number | null } | null;
      };
      assert.equal(await page.getByTestId('figures').count(), 2);
      for (const [i, unit] of [answer.province, answer.city].entries()) {
        const box = page.getByTestId('figures').nth(i);
        if (unit && !unit.suppressed && unit.registered !== null) {
          await box.locator('dd').first().waitFor();
          assert.equal(
            (await box.locator('dd').first().innerText()).replace(/\D/g, ''),
            String(unit.registered),
          );
        } else await box.getByTestId('figures-none').waitFor();
      }
      for (const link of ['home-register', 'home-order', 'home-verify'])
        assert.ok(await page.getByTestId(link).isVisible(), link);
      assert.equal(await page.getByTestId('home-order').getAttribute('href'), '/m/orders');
      // 44 px touch targets: every link and button of the page.
      const small = await page.$$eval('a, button, select, input', (els) =>
        els
          .filter((e) => (e as HTMLElement).offsetParent !== null && !e.classList.contains('lp-skip'))
          .filter((e) => e.getBoundingClientRect().height < 44)
          .map((e) => e.outerHTML.slice(0, 80)),
      );
      assert.deepEqual(small, []);
      await screenshot(page, 'p-01-home-mobile');
      await page.screenshot({ path: `${SCREENSHOTS}/p-01-home-mobile-full.png`, fullPage: true });

      // Keyboard: the first Tab reaches the skip link, which leads to the content.
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), '#main');

      await page.getByTestId('home-all-activities').click();
      await page.waitForURL(/\/m\/activities$/);
      await page.getByRole('heading', { name: '志愿活动', level: 3 }).waitFor();
      await page.getByTestId('activity-total').waitFor();
      await screenshot(page, 'p-02-activities-mobile');

      const card = page.getByTestId('activity-card').first();
      const title = (await card.getByRole('link').first().textContent())!;
      await card.getByRole('link', { name: title }).click();
      await page.getByTestId('activity-title').filter({ hasText: title }).waitFor();
      await screenshot(page, 'p-03-activity-mobile');
      await page.screenshot({ path: `${SCREENSHOTS}/p-03-activity-mobile-full.png`, fullPage: true });
      const detailUrl = page.url();

      await page.getByTestId('sign-up').first().click();
      await page.waitForURL(/\/login\?next=/);
      await page.locator('#username').waitFor();
      await screenshot(page, 'p-04-login-mobile');
      assert.deepEqual(
        scripts.filter((s) => FULL_APP.test(s)),
        [],
        'the light pages loaded a chunk of the full app',
      );

      // Signing in: the full app takes over and its gate goes on to the activity, where signing up is.
      await signIn(page, 'volunteer');
      await page.waitForURL(detailUrl);
      await page.getByTestId('activity-title').filter({ hasText: title }).waitFor();
      await page.getByTestId('sign-up').first().waitFor();
      assert.ok(
        scripts.some((s) => FULL_APP.test(s)),
        'the full app took over',
      );

      // Signed in, `/` still leads to the volunteer's area.
      await page.goto(run.server.url + '/');
      await page.waitForURL(/\/m\/profile$/);
    } catch (e) {
      await page.screenshot({ path: `${SCREENSHOTS}/failure-public.png` }).catch(() => undefined);
      throw e;
    } finally {
      await page.close();
    }
  });

  test('certificate check, in English, and the languages of the home page', async () => {
    const browser = await launchBrowser({ width: 390, height: 844 });
    const page = await browser.context.newPage();
    try {
      await page.goto(run.server.url + '/verify/YQ-2026-0000000000');
      await page.getByTestId('verify-missing').getByText('未找到该编号的证明').waitFor();
      await screenshot(page, 'p-05-verify-mobile');
      // A malformed number is refused before asking.
      await page.getByTestId('verify-input').fill('nonsense');
      await page.getByTestId('verify-input').press('Enter');
      await page.getByRole('alert').filter({ hasText: 'YQ-' }).waitFor();

      await page.getByTestId('locale-switch').selectOption('en');
      await page.getByRole('heading', { name: 'Check a volunteer service certificate' }).waitFor();
      await page.getByRole('link', { name: 'Yiqi' }).click();
      await page.waitForURL(/\/$/);
      await page.getByRole('heading', { name: 'Volunteering in figures' }).waitFor();
      await page
        .getByTestId('figures')
        .first()
        .filter({ hasText: /Registered volunteers|Not yet available/ })
        .waitFor();
      await screenshot(page, 'p-06-home-en-mobile');
      await page.getByTestId('locale-switch').selectOption('zh-HK');
      await page.getByRole('heading', { name: '志願服務數據' }).waitFor();
    } catch (e) {
      await page.screenshot({ path: `${SCREENSHOTS}/failure-public-verify.png` }).catch(() => undefined);
      throw e;
    } finally {
      await browser.close();
    }
  });
});
