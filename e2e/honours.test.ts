// Browser journey of honours (issue 14), on the test harness's app (PGlite) serving web/dist: an
// organization's admin nominates a team of the district for its ten best teams round (十佳志愿服务组织),
// the district federation approves and publishes, and the public honours page — reached from the light
// home page without signing in — shows the team. Screenshots at phone and desktop size go to
// test-output/screenshots/honours-journey-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createUser, signIn, startTestApp, type TestApp } from '../server/src/test/harness.ts';
import { insertOrganization } from '../server/src/modules/memberships/memberships.testkit.ts';
import { closeAllBrowsers, launchBrowser, ROOT, screenshot, settle } from './support.ts';
import { chooseOption } from './volunteers.steps.ts';

const NANSHAN = '440305000000';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const TEAM = '深圳湾公园文明劝导队';
const ROUND = '2026 年度南山区十佳志愿服务组织';

let t: TestApp;
let url: string;
const cookies = {} as Record<'org' | 'region', string>;
const template = join(ROOT, 'test-output', `pglite-template-honours-${process.pid}.tar`);

before(async () => {
  if (!process.env.YIQI_TEST_PGLITE_TEMPLATE) {
    const r = spawnSync('npx', ['tsx', 'scripts/test-template.ts', 'pglite', template], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    assert.equal(r.status, 0, 'building the database template');
    process.env.YIQI_TEST_PGLITE_TEMPLATE = template;
  }
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const federation = await insertOrganization(t, '南山区志愿者联合会服务总队', NANSHAN);
  await insertOrganization(t, TEAM, NANSHAN);
  cookies.region = await signIn(
    t,
    await createUser(t, 'e2e.hon.region', { role: 'region_admin', region: NANSHAN }),
  );
  cookies.org = await signIn(t, await createUser(t, 'e2e.hon.org', { role: 'org_admin', orgId: federation }));
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/honours/rounds',
    headers: { cookie: cookies.region },
    payload: { region: NANSHAN, year: 2026, kind: 'ten_best_teams', title: ROUND, quota: 10 },
  });
  assert.equal(r.statusCode, 200, r.body);
});
after(async () => {
  await closeAllBrowsers();
  await t?.close();
  rmSync(template, { force: true });
});

async function pageAs(cookie: string | null, viewport = PHONE) {
  const b = await launchBrowser(viewport);
  b.context.setDefaultTimeout(60_000);
  if (cookie) {
    const [name, value] = cookie.split('=') as [string, string];
    await b.context.addCookies([{ name, value, url }]);
  }
  return { b, page: await b.context.newPage() };
}

async function shot(page: Page, name: string) {
  await settle(page);
  await screenshot(page, `honours-journey-${name}`);
}

/** Fills the nomination dialog and confirms it; returns the API's answer. */
async function nominate(page: Page) {
  await page
    .getByTestId('nominate-round')
    .getByRole('button', { name: /推\s?荐/ })
    .click();
  await page.getByRole('dialog').waitFor();
  await chooseOption(page, 'nominee', TEAM, true);
  await page.locator('#reason').fill('常年在深圳湾公园开展文明劝导，累计服务 3 万小时');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /推\s?荐/ })
    .click();
  await page.locator('.ant-modal-confirm').waitFor();
  const answer = page.waitForResponse(
    (r) => r.url().includes('/nominations') && r.request().method() === 'POST',
  );
  await page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: /推\s?荐/ })
    .click();
  return answer;
}

test('an organization nominates a team for ten best teams; approved and published, the public page shows it', async () => {
  const org = await pageAs(cookies.org, DESKTOP);
  await org.page.goto(`${url}/honours/nominate`);
  await org.page.getByRole('menuitem', { name: /推荐参评/ }).waitFor();
  await org.page.getByText(ROUND).waitFor();
  await shot(org.page, 'desktop-01-open-rounds');
  const first = await nominate(org.page);
  assert.equal(first.status(), 200, await first.text());
  await org.page.getByTestId('my-nomination').getByText(TEAM).waitFor();
  await org.page.getByTestId('my-nomination').getByText('待评审').waitFor();
  await shot(org.page, 'desktop-02-nominated');
  // The same team again: the API's refusal shows in the dialog, in words.
  const again = await nominate(org.page);
  assert.equal(again.status(), 409);
  await org.page.getByTestId('nominate-error').getByText('该对象已在本轮被推荐').waitFor();
  await shot(org.page, 'desktop-03-duplicate-refused');
  await org.b.close();

  const orgPhone = await pageAs(cookies.org, PHONE);
  await orgPhone.page.goto(`${url}/honours/nominate`);
  await orgPhone.page.getByTestId('my-nomination').getByText(TEAM).waitFor();
  await shot(orgPhone.page, 'phone-04-nominations');
  await orgPhone.page
    .getByTestId('nominate-round')
    .getByRole('button', { name: /推\s?荐/ })
    .click();
  await orgPhone.page.getByRole('dialog').waitFor();
  await shot(orgPhone.page, 'phone-05-nominate-dialog');
  await orgPhone.b.close();

  const region = await pageAs(cookies.region, DESKTOP);
  await region.page.goto(`${url}/honours`);
  await region.page.getByText(ROUND).click();
  const dialog = region.page.getByRole('dialog');
  await dialog.getByText(TEAM).waitFor();
  const decided = region.page.waitForResponse((r) => r.url().includes('/decide'));
  await dialog.getByRole('button', { name: /入\s?选/ }).click();
  assert.equal((await decided).status(), 200);
  await dialog.getByRole('cell', { name: /入\s?选/ }).waitFor();
  await shot(region.page, 'desktop-06-approved');
  await region.page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await region.page.getByRole('button', { name: '公布结果' }).click();
  const published = region.page.waitForResponse((r) => r.url().includes('/publish'));
  await region.page.locator('.ant-modal-confirm').getByRole('button', { name: '公布结果' }).click();
  assert.equal((await published).status(), 200);
  await region.page.getByRole('cell', { name: '已公布' }).waitFor();
  await region.b.close();

  // Anyone, signed out: from the light home page to the published honours.
  for (const [size, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    const anyone = await pageAs(null, viewport);
    await anyone.page.goto(`${url}/`);
    await anyone.page.getByTestId('home-honours').click();
    await anyone.page.waitForURL(`${url}/m/honours`);
    await anyone.page.getByTestId('honouree').getByText(TEAM).waitFor();
    await anyone.page.getByText(ROUND).waitFor();
    await shot(anyone.page, `${size}-07-public-honours`);
    await anyone.b.close();
  }
  const orgAfter = await pageAs(cookies.org, PHONE);
  await orgAfter.page.goto(`${url}/honours/nominate`);
  await orgAfter.page.getByTestId('my-nomination').getByText('入选', { exact: true }).waitFor();
  await shot(orgAfter.page, 'phone-08-outcome');
  await orgAfter.b.close();
});
