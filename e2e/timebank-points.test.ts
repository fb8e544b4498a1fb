import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { DESKTOP, launchBrowser, screenshot, signIn, useJourney } from './support.ts';
import { enrolStaff } from './volunteers.steps.ts';

const TITLE = '深圳湾滨海栈道清洁行动';
// A 1×1 PNG: the back-fill's evidence (a photo of the sign-in sheet, in life).
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/** Yesterday in China, as the back-fill's service day. */
const yesterday = () => new Date(Date.now() + 8 * 3600_000 - 86_400_000).toISOString().slice(0, 10);

/**
 * Reloads the page until `target` shows (the deposit is a durable job, every minute; a reload is what the
 * volunteer would do), up to `ms`. Each wait is for the element itself, not a fixed pause.
 */
async function reloadUntil(page: Page, target: () => Locator, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const shown = await target()
      .waitFor({ timeout: 5000 })
      .then(() => true)
      .catch(() => false);
    if (shown) return;
    if (Date.now() > deadline) throw new Error(`not shown within ${ms / 1000} s`);
    await page.reload();
  }
}

// Issue 14, "approved hours appear as points": 南山区志愿者联合会 (org.admin) back-fills two and a half hours
// for 王秀英 (tb.volunteer, in 深圳市公益时间银行: 15 points, half an hour carried); the district's
// administrator (ns.admin, neither the volunteer nor who entered it) approves it on the console's records
// page; the time bank's deposits job reads the record event and banks 3 points (2.5 h + the carried 0.5 h),
// which the volunteer sees on her phone with the statement line naming the record.
describe('approved hours appear as points', { timeout: 600_000 }, () => {
  const run = useJourney('points', { desk: true, phone: true });

  test('a back-fill approved on the console → points and a statement line on the phone', async () => {
    const vol = await run.phone.context.newPage();
    const district = await run.desk.context.newPage();
    const org = await (await launchBrowser(DESKTOP)).context.newPage();
    const balance = () => vol.locator('.ant-statistic-content-value');
    try {
      await vol.goto(run.server.url + '/login');
      await signIn(vol, 'tb.volunteer');
      await vol.waitForURL((u) => !u.pathname.startsWith('/login'));
      await vol.goto(run.server.url + '/m/timebank');
      await vol.getByText('深圳市公益时间银行').first().waitFor();
      await balance().filter({ hasText: /^15$/ }).waitFor();
      await screenshot(vol, 'points-01-before-phone');
      const volunteerNo = await vol.evaluate(
        async () =>
          ((await (await fetch('/api/me/volunteer')).json()) as { volunteerNo: string }).volunteerNo,
      );

      // The organization enters the back-fill (through the API: the journey is about what follows).
      await org.goto(run.server.url + '/login');
      await enrolStaff(org, 'org.admin');
      const entered = await org.evaluate(
        async (b) => {
          const me = (await (await fetch('/api/me')).json()) as {
            roles: { role: string; scopeId: string }[];
          };
          const orgId = me.roles.find((r) => r.role === 'org_admin')!.scopeId;
          // No named helper in here: tsx would wrap it in a __name() call that the page does not have.
          const headers = { 'content-type': 'application/json' };
          const r = await fetch(`/api/organizations/${orgId}/records/backfill`, {
            method: 'POST',
            headers,
            body: JSON.stringify(b),
          });
          const made = (await r.json()) as { id: string; status: string };
          // Four eyes: whoever entered it does not approve it.
          const own = await fetch(`/api/records/${made.id}/decision`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ decision: 'approve' }),
          });
          const refused = ((await own.json()) as { error?: { code: string } }).error?.code;
          return { status: r.status, orgId, made, refused };
        },
        {
          volunteerNo,
          activityTitle: TITLE,
          serviceDate: yesterday(),
          place: '南山区深圳湾公园滨海栈道',
          content: '沿栈道拾捡垃圾，劝导游客文明游园',
          personInCharge: '赵磊',
          minutes: 150,
          reason: '当天签到设备故障，按纸质签到表补录',
          evidence: [{ name: '签到表.png', mimeType: 'image/png', contentBase64: PNG }],
        },
      );
      assert.equal(entered.status, 200, JSON.stringify(entered));
      assert.equal(entered.made.status, 'pending');
      assert.equal(entered.refused, 'RECORD_SELF_APPROVAL');

      // The district's administrator approves it through the console.
      await district.goto(run.server.url + '/login');
      await enrolStaff(district, 'ns.admin');
      await district.goto(`${run.server.url}/records?org=${entered.orgId}&view=pending`);
      const row = district.getByRole('row').filter({ hasText: TITLE });
      await row.getByText('王秀英').first().waitFor();
      await screenshot(district, 'points-02-pending-desktop');
      await row.getByRole('button', { name: /通\s*过/ }).click();
      await district.getByText('已通过').first().waitFor();
      await row.waitFor({ state: 'detached' });
      await district.getByRole('tab', { name: '全部' }).click();
      await district.getByRole('row').filter({ hasText: TITLE }).getByText('已确认').waitFor();
      await screenshot(district, 'points-03-approved-desktop');

      // On her phone: the balance grows by 3 once the deposits job has run, and the statement names the record.
      await reloadUntil(vol, () => balance().filter({ hasText: /^18$/ }), 240_000);
      const line = vol.getByTestId('statement-record').filter({ hasText: TITLE });
      await line.waitFor();
      assert.equal(await line.textContent(), `服务记录：${TITLE}（${yesterday()}）`);
      // The line: the kind and the record on the left, the amount and the balance after it on the right.
      const entry = line.locator('xpath=../..');
      await entry.getByText('服务存入').waitFor();
      await entry.getByText('+3', { exact: true }).waitFor();
      await screenshot(vol, 'points-04-deposited-phone');
      await line.scrollIntoViewIfNeeded();
      await screenshot(vol, 'points-05-statement-line-phone');
      const mine = await vol.evaluate(async () => (await fetch('/api/me/timebank')).json());
      assert.equal(mine.accounts[0].balance, 18);
    } catch (e) {
      await run.failureShots('deposit', [vol, district, org]);
      throw e;
    } finally {
      await vol.close();
      await district.close();
      await org.close();
    }
  });
});
