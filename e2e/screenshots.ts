// A tour of every page at desktop and phone size, for looking at the console: `npx tsx e2e/screenshots.ts`
// (after `npm run build -w web`). Pictures go to test-output/screenshots/tour-*.png.
import type { Page } from 'playwright-core';
import { enrolTotp, launchBrowser, openSignOutDialog, screenshot, signIn, startServer } from './support.ts';
import { chooseOption } from './volunteers.steps.ts';

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, mobile: { width: 390, height: 844 } };

async function openMenu(page: Page, mobile: boolean, name: string) {
  if (mobile) await page.getByRole('button', { name: '打开菜单' }).click();
  await page.getByRole('menuitem', { name }).click();
  if (mobile) await page.locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' });
}

async function tour(kind: keyof typeof VIEWPORTS) {
  const mobile = kind === 'mobile';
  const server = await startServer();
  const browser = await launchBrowser(VIEWPORTS[kind]);
  const shot = (page: Page, name: string) => screenshot(page, `tour-${kind}-${name}`);
  const page = await browser.context.newPage();
  try {
    await page.goto(server.url + '/login');
    await page.locator('#username').waitFor();
    await shot(page, '01-login');
    await signIn(page, 'ns.admin');
    await page.getByTestId('totp-secret').waitFor();
    await shot(page, '02-enrol');
    await enrolTotp(page);
    // The console home of a region admin: the figures with the to-do list below; then their district.
    await page.waitForURL(/\/dashboard$/);
    await page.getByTestId('stats-lag').waitFor();
    await shot(page, '03-dashboard');
    await page.goto(server.url + '/regions');
    await page.getByTestId('region-scope-tag').waitFor();
    await shot(page, '03-regions');
    if (mobile) {
      await page.getByRole('button', { name: '打开菜单' }).click();
      await page.getByRole('menuitem', { name: '角色管理' }).waitFor();
      await shot(page, '03b-drawer');
      await page.keyboard.press('Escape');
    }
    await page.getByRole('button', { name: '查看全省' }).click();
    await page.getByRole('link', { name: '深圳市' }).click();
    await page.getByRole('link', { name: '南山区' }).waitFor();
    await shot(page, '04-shenzhen');
    await page.getByRole('searchbox').fill('西丽');
    await page.getByRole('searchbox').press('Enter');
    await page.locator('.ant-table-row').first().waitFor();
    await shot(page, '05-search');
    await openMenu(page, mobile, '角色管理');
    await page.locator('.ant-table-tbody').getByText('ns.auditor').waitFor();
    await shot(page, '06-roles');
    await page.getByRole('button', { name: '授予角色' }).click();
    await page.getByRole('dialog').waitFor();
    await shot(page, '07-grant-modal');
    await page.locator('#username').fill('volunteer');
    await page.getByRole('dialog').getByRole('button', { name: '授 予' }).click();
    await page.getByText('已授予角色').waitFor();
    await shot(page, '08-granted');
    await openMenu(page, mobile, '我的账户');
    await shot(page, '09-account');
    // Activities of a team in the district: the list, one activity with its positions, its sign-ups.
    await openMenu(page, mobile, '活动管理');
    await page.getByTestId('org-picker').waitFor();
    await chooseOption(page, 'activity-org', '南山区志愿者联合会', true);
    const activity = page.locator('.ant-table-row').filter({ hasText: '西丽湖绿道马拉松赛会服务' });
    await activity.waitFor();
    await page.waitForFunction(() => !document.querySelector('.ant-message-notice'));
    await shot(page, '09b-activities');
    await activity.getByRole('button', { name: /管\s*理/ }).click();
    await page.getByTestId('position').first().waitFor();
    await shot(page, '09c-activity');
    const signups = page.waitForResponse((r) => /\/api\/activities\/[^/]+\/signups/.test(r.url()));
    await page.getByRole('tab', { name: '报名' }).click();
    await signups;
    await page.locator('.ant-table-tbody').getByText('暂无报名').waitFor();
    await shot(page, '09d-signups');
    await page.goto(server.url + '/no-such-page');
    await page.getByText('页面不存在', { exact: true }).waitFor();
    await shot(page, '10-not-found');
    const confirmSignOut = await openSignOutDialog(page);
    await shot(page, '11-sign-out');
    await confirmSignOut.click();
    await signIn(page, 'auditor');
    await enrolTotp(page);
    await page.getByTestId('region-name').waitFor();
    await openMenu(page, mobile, '审计日志');
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByRole('button', { name: '校验日志链' }).click();
    await page.getByTestId('verify-result').waitFor();
    await shot(page, '12-audit');
    // The public activity list, as a visitor sees it.
    await page.context().clearCookies();
    await page.goto(server.url + '/m/activities');
    await page.getByTestId('activity-card').first().waitFor();
    await shot(page, '13-m-activities');
    await page.getByTestId('activity-card').filter({ hasText: '西丽湖绿道马拉松赛会服务' }).click();
    await page.getByTestId('risk-notice').waitFor();
    await shot(page, '14-m-activity');
  } catch (e) {
    await page.screenshot({ path: `test-output/screenshots/tour-${kind}-failure.png` });
    throw e;
  } finally {
    await browser.close();
    await server.stop();
  }
}

for (const kind of process.argv.slice(2).length
  ? (process.argv.slice(2) as (keyof typeof VIEWPORTS)[])
  : (['desktop', 'mobile'] as const))
  await tour(kind);
console.log('screenshots in test-output/screenshots/');
