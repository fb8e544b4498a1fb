import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type Browser, emailedCode, launchBrowser, MOBILE, screenshot, useJourney } from './support.ts';
import {
  addPosition,
  becomeVolunteer,
  beijing,
  fillActivity,
  noToasts,
  openActivity,
  resident,
  signUpForShift,
} from './activities.steps.ts';
import { enrolStaff } from './volunteers.steps.ts';
import { gcjToWgs } from '@yiqi/shared/geo/coords';

/** The published activity, for the journeys after the first. */
interface Published {
  id: string;
  shiftId: string;
  title: string;
}

// The activity journeys of the issue: an organizer publishes an activity with one place, two volunteers sign
// up (one waitlisted, promoted when the other cancels), and the promoted volunteer checks in with the
// rotating QR code, then is checked out by staff from the attendance board.
describe('activity journeys', { timeout: 600_000 }, () => {
  const run = useJourney('a', { desk: true });
  // The organizer's console stays signed in from one journey to the next (a new sign-in would wait for a
  // fresh TOTP step).
  let admin: Page;
  let published: Published | undefined;
  let promoted: { browser: Browser; page: Page; name: string } | undefined;

  before(async () => {
    admin = await run.desk.context.newPage();
  });

  test('an organizer creates an activity with one place and publishes it', async () => {
    const title = `深圳湾海岸净滩行动${String(Date.now()).slice(-6)}`;
    try {
      await admin.goto(run.server.url + '/login');
      await enrolStaff(admin, 'org.admin');
      await admin.getByRole('menuitem', { name: '活动管理' }).click();
      await admin.waitForURL(/\/activities\?org=|\/activities$/);
      await admin.getByRole('heading', { name: '活动管理' }).waitFor();
      await admin.getByTestId('new-activity').click();
      await admin.waitForURL(/\/activities\/new\?org=/);

      // Starts within the hour (check-in opens an hour before), so the check-in journey can run today.
      const startsAt = beijing(20);
      const endsAt = beijing(200);
      await fillActivity(admin, { title, startsAt, endsAt }, (name) => screenshot(admin, name));
      await admin.getByTestId('save-activity').click();
      await admin.waitForURL(/\/activities\/[0-9a-f-]{36}$/);
      const id = /\/activities\/([0-9a-f-]{36})$/.exec(admin.url())![1]!;
      await admin.getByTestId('activity-title').filter({ hasText: title }).waitFor();
      await admin.getByTestId('activity-status').filter({ hasText: '草稿' }).waitFor();
      await admin.getByText('草稿尚未发布。请先添加至少一个岗位和班次，再发布。').waitFor();

      // One position, one shift (the activity's times, offered by the modal), one place.
      const dialog = await addPosition(admin, '海岸清洁员', 1);
      await screenshot(admin, 'a-03-position-modal');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      const position = admin.getByTestId('position').filter({ hasText: '海岸清洁员' });
      const shiftRow = position.locator('.ant-table-row');
      await shiftRow.waitFor();
      const cells = shiftRow.locator('td');
      assert.match((await cells.nth(0).textContent()) ?? '', new RegExp(`^${startsAt} – `));
      assert.deepEqual(
        await Promise.all([1, 2, 3].map((i) => cells.nth(i).textContent())),
        ['1', '0', '0'],
        'one place, none taken, nobody waiting',
      );
      const qrHref = (await shiftRow.getByRole('link', { name: '二维码' }).getAttribute('href')) ?? '';
      const shiftId = /shift=([0-9a-f-]{36})/.exec(qrHref)?.[1];
      assert.ok(shiftId, `no shift id in the QR link "${qrHref}"`);

      // A second 添加岗位 opens with the same defaults as the first: one shift of the activity's times, 10 places.
      await admin.getByTestId('add-position').click();
      const again = admin.getByRole('dialog', { name: '添加岗位' });
      await again.getByTestId('shift-row').waitFor();
      assert.equal(await again.getByRole('spinbutton', { name: '名额 1' }).inputValue(), '10');
      assert.equal(await again.locator('#position_name').inputValue(), '');
      await again.getByRole('button', { name: /取\s*消/ }).click();
      await again.waitFor({ state: 'hidden' });

      // Publish, with confirmation: the status reads 招募中 and the publication time is filled in.
      await admin.getByTestId('publish').click();
      await admin
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /发\s*布/ })
        .click();
      await admin.getByText('活动已发布').waitFor();
      await admin.getByTestId('activity-status').filter({ hasText: '招募中' }).waitFor();
      await admin.getByTestId('publish').waitFor({ state: 'detached' });
      const details = admin.locator('.ant-descriptions');
      await details.getByText('尚未发布').waitFor({ state: 'detached' });
      assert.match((await details.textContent()) ?? '', /粤海街道.*日出剧场入口/);
      assert.match((await details.textContent()) ?? '', /22\.5172, 113\.9526/);
      await noToasts(admin);
      await screenshot(admin, 'a-04-activity-published');

      // The list shows it as recruiting.
      await admin.getByRole('button', { name: '返回活动列表' }).click();
      const row = admin.locator('.ant-table-row').filter({ hasText: title });
      await row.getByTestId('activity-status').filter({ hasText: '招募中' }).waitFor();
      await screenshot(admin, 'a-05-activity-list');
      published = { id, shiftId, title };
    } catch (e) {
      await run.failureShots('publish', [admin]);
      throw e;
    }
  });

  test('two volunteers sign up for one place; the waitlisted one moves up when the first cancels', async (t) => {
    if (!published) return t.skip('no published activity');
    const { title } = published;
    const tail = String(Date.now()).slice(-7);
    const first = resident('陈志远', `0${tail}`, '19920315', '211');
    const second = resident('林晓彤', `1${tail}`, '19950820', '342');
    const b1 = await launchBrowser(MOBILE);
    const b2 = await launchBrowser(MOBILE);
    const v1 = await b1.context.newPage();
    const v2 = await b2.context.newPage();
    try {
      await becomeVolunteer(v1, run.server.url, first);
      await becomeVolunteer(v2, run.server.url, second);

      // The first takes the only place.
      await openActivity(v1, title);
      await v1.getByTestId('risk-notice').filter({ hasText: '海边礁石湿滑' }).waitFor();
      await v1.getByTestId('shift-row').filter({ hasText: '0/1 人' }).waitFor();
      await noToasts(v1);
      await screenshot(v1, 'a-06-detail-mobile');
      // The shift and its button, clear of the bottom tab bar.
      await v1.getByTestId('position-card').evaluate((e) => e.scrollIntoView({ block: 'center' }));
      await screenshot(v1, 'a-06-detail-shift-mobile');
      // Every button and link of the volunteer area is a touch target of at least 44 px.
      const small = await v1.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('main .ant-btn, main a, header .ant-btn, nav a')]
          .filter((e) => e.offsetParent !== null && e.getBoundingClientRect().height < 44)
          .map((e) => `${e.tagName} "${e.textContent?.trim()}" ${e.getBoundingClientRect().height}px`),
      );
      assert.deepEqual(small, [], 'touch targets under 44 px');
      const ok = await signUpForShift(v1, /^报\s*名$/);
      await ok.getByTestId('signup-result').filter({ hasText: '报名成功' }).waitFor();
      await screenshot(v1, 'a-07-signed-up-mobile');
      await ok.getByRole('button', { name: /好\s*的/ }).click();
      await v1.getByTestId('shift-row').getByTestId('signup-status').filter({ hasText: '已录用' }).waitFor();

      // The second finds it full and joins the waitlist, first in line.
      await openActivity(v2, title);
      const full = v2.getByTestId('shift-row');
      await full.getByText('已满').waitFor();
      await full.evaluate((e) => e.scrollIntoView({ block: 'center' }));
      await noToasts(v2);
      await screenshot(v2, 'a-08-detail-full-mobile');
      const wait = await signUpForShift(v2, /^候补报名$/);
      await wait.getByTestId('signup-result').filter({ hasText: '已进入候补' }).waitFor();
      assert.match((await wait.getByTestId('signup-result-detail').textContent()) ?? '', /第 1 位候补/);
      await screenshot(v2, 'a-09-waitlisted-mobile');
      await wait.getByRole('button', { name: '查看我的活动' }).click();
      await v2.waitForURL(/\/m\/my-activities$/);
      const mine2 = v2.getByTestId('my-signup').filter({ hasText: title });
      await mine2.getByTestId('signup-status').filter({ hasText: '候补中' }).waitFor();
      await mine2.getByTestId('waitlist-position').filter({ hasText: '候补第 1 位' }).waitFor();
      await screenshot(v2, 'a-10-my-activities-waitlisted-mobile');

      // The first cancels from my activities, with confirmation.
      await v1.getByTestId('tab-my-activities').click();
      await v1.waitForURL(/\/m\/my-activities$/);
      const mine1 = v1.getByTestId('my-signup').filter({ hasText: title });
      await mine1.getByTestId('signup-status').filter({ hasText: '已录用' }).waitFor();
      await mine1.getByTestId('cancel-signup').click();
      const confirm = v1.getByRole('dialog').filter({ hasText: `确定取消“${title}”的报名吗？` });
      await confirm.waitFor();
      assert.equal(await confirm.getByTestId('cancel-late').count(), 0, 'no cut-off, so not late');
      await screenshot(v1, 'a-11-cancel-confirm-mobile');
      await confirm.getByRole('button', { name: '取消报名' }).click();
      await v1.getByText('已取消报名', { exact: true }).waitFor();
      await mine1.getByTestId('signup-status').filter({ hasText: '已取消' }).waitFor();
      assert.match((await mine1.textContent()) ?? '', /本人取消/);

      // The second is now accepted, and told so.
      await v2.reload();
      await mine2.getByTestId('signup-status').filter({ hasText: '已录用' }).waitFor();
      assert.equal(await mine2.getByTestId('waitlist-position').count(), 0);
      await screenshot(v2, 'a-12-my-activities-promoted-mobile');
      await v2.getByTestId('notification-bell').click();
      await v2.waitForURL(/\/m\/notifications$/);
      const notice = v2.getByTestId('notification').filter({ hasText: '候补成功' });
      await notice.waitFor();
      assert.match((await notice.textContent()) ?? '', new RegExp(`您已从候补转为“${title}”的正式报名`));
      assert.equal(await notice.getAttribute('data-unread'), 'true');
      await v2.getByText('1 条未读').waitFor();
      await screenshot(v2, 'a-13-notifications-mobile');
      // Issue 16: per-user channel preferences under the inbox. SMS goes to the phone on record (this
      // volunteer registered with one); WeChat and e-mail cannot be turned on until linked.
      const sms = v2.locator('#notify-sms');
      await sms.scrollIntoViewIfNeeded();
      assert.equal(await sms.getAttribute('aria-checked'), 'false');
      assert.equal(await v2.locator('#notify-wechat').isDisabled(), true, 'WeChat is not linked');
      await sms.click();
      await v2.getByText('通知方式已保存').waitFor();
      assert.equal(await sms.getAttribute('aria-checked'), 'true');
      await screenshot(v2, 'a-13b-notification-channels-mobile');
      // E-mail and WeChat say what they lack, and offer to add it (decision 0069): an address proved by a
      // code sent through the e-mail channel, a WeChat bound by a login code (the development adapter).
      await v2.getByTestId('channel-email-hint').filter({ hasText: '还没有验证过的邮箱' }).waitFor();
      await v2.getByTestId('channel-wechat-hint').filter({ hasText: '还没有绑定微信' }).waitFor();
      await v2.getByTestId('add-email').click();
      await v2.locator('#notify-email-address').fill('Wang.E2E@example.com');
      await v2.getByTestId('send-email-code').click();
      await v2.locator('#notify-email-code').fill(await emailedCode('wang.e2e@example.com'));
      await v2.getByTestId('verify-email').click();
      await v2.getByTestId('channel-email-hint').filter({ hasText: '发送到 w***@example.com' }).waitFor();
      await v2.locator('#notify-email').click();
      await v2.waitForFunction(
        () => document.querySelector('#notify-email')?.getAttribute('aria-checked') === 'true',
      );
      await v2.getByTestId('bind-wechat').click();
      await v2.locator('#notify-wechat-code').fill('e2e-wechat-login-code');
      await v2.getByTestId('confirm-wechat').click();
      await v2.getByTestId('channel-wechat-hint').filter({ hasText: '发送到 …' }).waitFor();
      assert.equal(await v2.locator('#notify-wechat').isDisabled(), false, 'WeChat can be turned on now');
      await v2.getByTestId('notification-settings').scrollIntoViewIfNeeded();
      await screenshot(v2, 'a-13c-notification-addresses-mobile');
      promoted = { browser: b2, page: v2, name: second.name };
    } catch (e) {
      await run.failureShots('signup', [v1, v2]);
      await b2.close();
      throw e;
    } finally {
      await b1.close();
    }
  });

  test('the promoted volunteer checks in with the QR code; staff check them out on the board', async (t) => {
    if (!published || !promoted) return t.skip('nobody accepted for the shift');
    const { id, shiftId, title } = published;
    const v = promoted.page;
    try {
      // The organizer shows the rotating site code (the shift's QR link leads to it).
      await admin.goto(`${run.server.url}/activities/${id}`);
      await admin.getByTestId('position').getByRole('link', { name: '二维码' }).click();
      await admin.waitForURL(new RegExp(`/activities/${id}/qr\\?shift=${shiftId}$`));
      await admin.getByTestId('qr-image').waitFor();
      await admin
        .getByTestId('qr-countdown')
        .filter({ hasText: /\d+ 秒后更新/ })
        .waitFor();
      await admin.getByText('二维码每 30 秒更换一次，旧码很快失效').waitFor();
      await screenshot(admin, 'a-14-qr');

      // One site code for every position here: the QR and the six digits to type, of the same step.
      await admin.getByText('本活动所有岗位、班次通用').waitFor();
      const res = await admin.request.get(`${run.server.url}/api/activities/${id}/site-code`);
      assert.equal(res.status(), 200);
      assert.match(((await res.json()) as { token: string }).token, /^yiqi2\./);
      const short = ((await admin.getByTestId('site-short-code').textContent()) ?? '').trim();
      assert.match(short, /^\d{6}$/);

      // The volunteer types the short code by hand (manual entry) rather than a 90-character token.
      await v.context().grantPermissions(['geolocation'], { origin: run.server.url });
      // Standing at the place the organizer typed from 高德 (GCJ-02 22.5172, 113.9526): the phone reports
      // WGS-84, some 500 m off in 高德's numbers, the system the place is stored in.
      const here = gcjToWgs({ lat: 22.5171, lng: 113.9524 });
      await v.context().setGeolocation({ latitude: here.lat, longitude: here.lng, accuracy: 20 });
      await v.goto(`${run.server.url}/m/scan`);
      await v.locator('#scan-token').fill(short);
      await screenshot(v, 'a-15a-scan-short-code-mobile');
      await v.locator('#scan-token').press('Enter');
      await v.getByTestId('scan-ready').waitFor();
      await v.getByTestId('check-in').click();
      await v.getByTestId('check-result').filter({ hasText: '签到成功' }).waitFor();
      const result = v.locator('.ant-result');
      assert.match((await result.textContent()) ?? '', new RegExp(`${title}.*海岸清洁员`));
      assert.ok(
        await v.locator('.ant-result.ant-result-success').count(),
        'a success, not a check to review',
      );
      await screenshot(v, 'a-15-checked-in-mobile');

      // The board: one expected, one checked in by QR.
      await admin.getByRole('tab', { name: '签到看板' }).click();
      await admin.waitForURL(new RegExp(`/activities/${id}/attendance`));
      const count = (k: string) => admin.getByTestId(`count-${k}`).locator('.ant-statistic-content-value');
      const row = admin.locator('.ant-table-row').filter({ hasText: promoted.name });
      await row.getByTestId('board-state').filter({ hasText: '已签到' }).waitFor();
      await count('checkedIn').filter({ hasText: /^1$/ }).waitFor();
      assert.equal(await count('expected').textContent(), '1');
      assert.equal(await count('checkedOut').textContent(), '0');
      assert.match((await row.textContent()) ?? '', /扫码/);
      await screenshot(admin, 'a-16-board-checked-in');

      // Staff check them out now.
      await row.getByTestId('staff-check-out').click();
      const dialog = admin.getByRole('dialog', { name: `为${promoted.name}签退` });
      await dialog.waitFor();
      await screenshot(admin, 'a-17-board-check-out');
      await dialog.getByRole('button', { name: '代签退' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await admin.getByText('已记录', { exact: true }).waitFor();
      await row.getByTestId('board-state').filter({ hasText: '已签退' }).waitFor();
      await count('checkedOut').filter({ hasText: /^1$/ }).waitFor();
      assert.equal(await row.getByTestId('staff-check-out').count(), 0);
      await screenshot(admin, 'a-18-board-checked-out');

      // The volunteer sees both times in my activities.
      await v.getByRole('button', { name: '查看我的活动' }).click();
      await v.waitForURL(/\/m\/my-activities$/);
      const attendance = v.getByTestId('my-signup').filter({ hasText: title }).getByTestId('attendance');
      await attendance.filter({ hasText: /签到 .*签退 / }).waitFor();
      await screenshot(v, 'a-19-my-activities-attended-mobile');
    } catch (e) {
      await run.failureShots('checkin', [admin, v]);
      throw e;
    } finally {
      await promoted.browser.close();
    }
  });
});
