// Browser journeys of star certification and perks (issue 14), on the test harness's app (PGlite, the
// injected clock for the public notice) serving web/dist: a star application goes through review and
// notice to certified; a partner's counter redeems a perk once and the second scan is refused. Screenshots
// of each page at phone and desktop size go to test-output/screenshots/stars-*.png.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createUser, signIn, startTestApp, type TestApp } from '../server/src/test/harness.ts';
import {
  addVolunteerRecord,
  insertOrganization,
} from '../server/src/modules/memberships/memberships.testkit.ts';
import { addHours, grantLevels } from '../server/src/modules/stars/stars.testkit.ts';
import { closeAllBrowsers, launchBrowser, ROOT, screenshot, settle } from './support.ts';

const NANSHAN = '440305000000';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

let t: TestApp;
let url: string;
const cookies = {} as Record<'volunteer' | 'admin' | 'staff' | 'carded', string>;

// `npm run e2e` builds no database template (the other journeys start main.ts); this one makes its own.
const template = join(ROOT, 'test-output', `pglite-template-stars-${process.pid}.tar`);

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
  // The browser counts down codes against its own clock.
  t.clock.t = Date.now();
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const org = await insertOrganization(t, '南山区蛇口社区志愿服务队', NANSHAN);
  const adminUser = await createUser(t, 'e2e.nsadmin', { role: 'region_admin', region: NANSHAN });
  cookies.admin = await signIn(t, adminUser);
  const vu = await createUser(t, 'e2e.volunteer');
  const v = await addVolunteerRecord(t, vu.id);
  await t.handle.db.updateTable('volunteers').set({ name: '张小明' }).where('id', '=', v.id).execute();
  await addHours(t, v.id, org, 128);
  cookies.volunteer = await signIn(t, vu);
  const cu = await createUser(t, 'e2e.carded');
  const c = await addVolunteerRecord(t, cu.id);
  await t.handle.db.updateTable('volunteers').set({ name: '李晓红' }).where('id', '=', c.id).execute();
  await addHours(t, c.id, org, 650, '2022-03-01');
  await grantLevels(t, c.id, 3, adminUser.id);
  cookies.carded = await signIn(t, cu);
  const su = await createUser(t, 'e2e.staff');
  cookies.staff = await signIn(t, su);
  // A partner with its counter staff and the scenic-spot perk of the joint incentive plan.
  const p = await t.app.inject({
    method: 'POST',
    url: '/api/partners',
    headers: { cookie: cookies.admin },
    payload: { region: NANSHAN, name: '深圳湾某A级景区', kind: 'scenic_spot' },
  });
  const partner = p.json().id;
  await t.app.inject({
    method: 'POST',
    url: `/api/partners/${partner}/staff`,
    headers: { cookie: cookies.admin },
    payload: { username: 'e2e.staff' },
  });
  await t.app.inject({
    method: 'POST',
    url: `/api/partners/${partner}/perks`,
    headers: { cookie: cookies.admin },
    payload: {
      title: 'A级景区门票优惠',
      minStar: 1,
      minHours: 0,
      discounts: [0, 20, 30, 40, 50, 100],
      validFrom: '2026-01-01',
      validUntil: '2027-12-31',
      quotaTotal: null,
      perPersonLimit: 1,
      limitPeriod: 'day',
    },
  });
});
after(async () => {
  await closeAllBrowsers();
  await t?.close();
  rmSync(template, { force: true });
});

async function pageAs(cookie: string, viewport = PHONE) {
  const b = await launchBrowser(viewport);
  const [name, value] = cookie.split('=') as [string, string];
  await b.context.addCookies([{ name, value, url }]);
  return { b, page: await b.context.newPage() };
}

async function shot(page: Page, name: string) {
  await settle(page);
  await screenshot(page, `stars-${name}`);
}

test('a star application goes through review and public notice to certified', async () => {
  const { b, page } = await pageAs(cookies.volunteer);
  await page.goto(`${url}/m/stars`);
  await page.getByTestId('star-progress').waitFor();
  await shot(page, 'phone-my-stars');
  await page.getByRole('button', { name: '申请 1 星认证' }).click();
  await page.getByRole('button', { name: '确 定' }).click();
  await page.getByText('待审核').first().waitFor();
  await shot(page, 'phone-applied');

  const admin = await pageAs(cookies.admin, DESKTOP);
  await admin.page.goto(`${url}/stars`);
  await admin.page.getByRole('button', { name: '通过并公示' }).click();
  await admin.page.locator('.ant-popover').waitFor();
  await shot(admin.page, 'desktop-review-confirm');
  const reviewed = admin.page.waitForResponse((r) => r.url().includes('/review'));
  await admin.page.locator('.ant-popover').getByRole('button', { name: '通过并公示' }).click();
  const answer = await reviewed;
  assert.equal(answer.status(), 200, await answer.text());
  await admin.page.getByText('没有待处理的申请').waitFor();

  await page.goto(`${url}/stars/notices`);
  await page.getByTestId('notice').first().waitFor();
  await shot(page, 'phone-public-notice');
  assert.ok(!(await page.content()).includes('张小明'), 'the public notice masks names');

  // Past the notice's last working day (China time), the job certifies.
  t.clock.advance(12 * 86400_000);
  await t.app.jobs.tick();
  await page.goto(`${url}/m/stars`);
  await page.getByText('已认证').waitFor();
  await page.getByText('1 星志愿者').first().waitFor();
  await shot(page, 'phone-certified');
  await admin.page.getByText('已认证').first().click();
  await shot(admin.page, 'desktop-review-certified');
  t.clock.t = Date.now();
  await admin.b.close();
  await b.close();
});

test('a partner redeems a perk once and the second scan is refused; the card verifies', async () => {
  const vol = await pageAs(cookies.carded);
  await vol.page.goto(`${url}/m/perks`);
  await vol.page.getByTestId('perk').first().waitFor();
  await shot(vol.page, 'phone-my-perks');
  await vol.page.getByRole('button', { name: '出示核销码' }).click();
  await vol.page.getByTestId('qr-image').waitFor();
  await shot(vol.page, 'phone-perk-code');
  // The code the QR carries, as the counter's scanner would read it.
  const code = await vol.page.evaluate(async () => {
    const perks = await (await fetch('/api/me/perks')).json();
    const r = await fetch(`/api/me/perks/${perks.items[0].id}/code`, { method: 'POST' });
    return (await r.json()).code as string;
  });

  const desk = await pageAs(cookies.staff);
  await desk.page.goto(`${url}/m/desk`);
  await desk.page.getByTestId('desk-code').fill(code);
  await desk.page.getByRole('button', { name: '核 验' }).click();
  await desk.page.getByTestId('desk-check').waitFor();
  await shot(desk.page, 'phone-desk-check');
  assert.ok(!(await desk.page.content()).includes('李晓红'), 'the counter sees a masked name');
  await desk.page.getByRole('button', { name: '确认核销' }).click();
  await desk.page.getByRole('button', { name: '确认核销' }).last().click();
  await desk.page.getByText('核销成功').waitFor();
  await shot(desk.page, 'phone-desk-redeemed');
  await desk.page.getByTestId('desk-code').fill(code);
  await desk.page.getByRole('button', { name: '核 验' }).click();
  await desk.page.getByText('该核销码已使用，不能重复核销').waitFor();
  await shot(desk.page, 'phone-desk-second-scan');

  await vol.page.goto(`${url}/m/card`);
  await vol.page.getByTestId('volunteer-card').waitFor();
  await shot(vol.page, 'phone-card');
  const card = await vol.page.evaluate(
    async () => (await (await fetch('/api/me/card')).json()).code as string,
  );
  const anyone = await launchBrowser(PHONE);
  const check = await anyone.context.newPage();
  await check.goto(`${url}/card-check?code=${encodeURIComponent(card)}`);
  await check.getByText('有效的志愿者卡').waitFor();
  await shot(check, 'phone-card-check');
  assert.ok(!(await check.content()).includes('李晓红'));

  const admin = await pageAs(cookies.admin, DESKTOP);
  await admin.page.goto(`${url}/partners`);
  await admin.page.locator('.ant-table-row').first().waitFor();
  await shot(admin.page, 'desktop-partners');
  await admin.page.goto(`${url}/honours`);
  await admin.page.getByRole('button', { name: '发起评选' }).click();
  await admin.page.getByRole('dialog').waitFor();
  await shot(admin.page, 'desktop-honours-new');
  const adminPhone = await pageAs(cookies.admin, PHONE);
  await adminPhone.page.goto(`${url}/stars`);
  await adminPhone.page.locator('.ant-table').waitFor();
  await shot(adminPhone.page, 'phone-review-queue');
});
