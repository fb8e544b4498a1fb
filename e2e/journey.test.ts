import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type Browser,
  enrolTotp,
  launchBrowser,
  openSignOutDialog,
  screenshot,
  SCREENSHOTS,
  signIn,
  useJourney,
} from './support.ts';

// The "done means" journey of the console: a district admin and a provincial auditor, first sign-in to
// audit trail, in a real browser against the real server (embedded database, demo accounts).
describe('browser journeys', { timeout: 240_000 }, () => {
  const run = useJourney('journey');

  test('region admin enrols, browses the district, switches to English; auditor sees the sign-in', async () => {
    const browser: Browser = await launchBrowser();
    const page = await browser.context.newPage();
    try {
      // `/` is the public home page (issue 15); its sign-in link leads to the sign-in page.
      await page.goto(run.server.url + '/');
      await page.getByTestId('sign-in-link').click();
      await page.waitForURL(/\/login/);
      await page.getByText('一起 · 广东志愿服务平台').waitFor();
      await screenshot(page, '01-login');

      // ns.admin: password, then the authenticator enrolment every staff member owes at first sign-in.
      await signIn(page, 'ns.admin');
      await page.waitForURL(/\/mfa/);
      await page.getByRole('img', { name: '身份验证器二维码' }).waitFor();
      await screenshot(page, '02-enrol');
      await enrolTotp(page);

      // The console opens on the district's figures with its to-do list (待办事项) below; the menu leads
      // to their own district: 南山区, tagged as their scope, with its streets.
      await page.waitForURL(/\/dashboard$/);
      await page.getByRole('heading', { name: '待办事项', level: 3 }).waitFor();
      await screenshot(page, '03-todo');
      await page.getByRole('menuitem', { name: '行政区划' }).click();
      await page.waitForURL(/\/regions\/440305000000$/);
      await page.getByTestId('region-name').filter({ hasText: '南山区' }).waitFor();
      await page.getByTestId('region-scope-tag').waitFor();
      await page.getByRole('link', { name: '粤海街道' }).waitFor();
      const streets = await page.locator('.ant-table-row').filter({ hasText: '街道' }).count();
      assert.ok(streets >= 5, `expected the streets of 南山区, saw ${streets} rows`);
      assert.match((await page.getByTestId('user-scope').textContent()) ?? '', /南山区 · 区域管理员/);
      await screenshot(page, '03-regions');

      // Language: English everywhere, Ant Design's own texts included (pagination).
      await page.getByTestId('locale-switch').click();
      const english = page.getByRole('menuitem', { name: 'English' });
      const regions = page.getByRole('heading', { name: 'Regions', level: 3 });
      await english.click();
      // A click that lands while the dropdown is still opening (a loaded machine) chooses nothing: again.
      if (
        !(await regions.waitFor({ timeout: 5000 }).then(
          () => true,
          () => false,
        )) &&
        (await english.isVisible())
      )
        await english.click();
      await regions.waitFor();
      await page.getByRole('menuitem', { name: 'Roles' }).waitFor();
      await page.getByText('My area').first().waitFor();
      await page
        .locator('.ant-pagination')
        .getByText(/in all/)
        .waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      await screenshot(page, '04-regions-en');

      // Role management for this district.
      await page.getByRole('menuitem', { name: 'Roles' }).click();
      await page.waitForURL(/\/roles/);
      await page.locator('.ant-table-tbody').getByText('ns.admin').waitFor();
      await screenshot(page, '05-roles-en');

      // Sign out, with confirmation.
      await (await openSignOutDialog(page, true)).click();
      await page.waitForURL(/\/login$/);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      assert.match(page.url(), /\/login$/, 'signing out leaves no way back into the last page');

      // auditor (province): enrol, open the audit log, find ns.admin's sign-in.
      await signIn(page, 'auditor');
      await page.waitForURL(/\/mfa/);
      await enrolTotp(page);
      await page.waitForURL(/\/regions\//);
      await page.getByRole('menuitem', { name: 'Audit log' }).click();
      await page.waitForURL(/\/audit/);
      await page.locator('#actor').fill('ns.admin');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/actor=ns\.admin/);
      const row = page
        .locator('.ant-table-row')
        .filter({ hasText: 'auth.login' })
        .filter({ hasText: 'ns.admin' });
      await row.first().waitFor();
      assert.match((await row.first().textContent()) ?? '', /OK/);
      await screenshot(page, '06-audit-en');

      // The chain verifies.
      await page.getByRole('button', { name: 'Verify log chain' }).click();
      await page.getByTestId('verify-result').filter({ hasText: 'intact' }).waitFor();
      await screenshot(page, '07-audit-verified');
    } catch (e) {
      await page.screenshot({ path: `${SCREENSHOTS}/failure-journey.png` }).catch(() => undefined);
      throw e;
    } finally {
      await browser.close();
    }
  });

  test('a wrong password shows the server’s message', async () => {
    const browser = await launchBrowser({ width: 390, height: 844 });
    const page = await browser.context.newPage();
    try {
      await page.goto(run.server.url + '/login');
      await signIn(page, 'volunteer', 'not-the-password');
      const error = page.getByTestId('login-error');
      await error.waitFor();
      assert.match((await error.textContent()) ?? '', /用户名或密码错误/);
      assert.equal(await page.locator('#password').inputValue(), '');
      assert.match(page.url(), /\/login$/);
      await screenshot(page, '08-login-error-mobile');
    } catch (e) {
      await page.screenshot({ path: `${SCREENSHOTS}/failure-login.png` }).catch(() => undefined);
      throw e;
    } finally {
      await browser.close();
    }
  });
});
