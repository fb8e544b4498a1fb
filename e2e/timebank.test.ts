import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { launchBrowser, DESKTOP, MOBILE, screenshot, signIn, useJourney } from './support.ts';
import { beijing, noToasts, pickTime } from './activities.steps.ts';
import { chooseOption, enrolStaff } from './volunteers.steps.ts';

const NEED = '母亲八十岁独居，腿脚不便，想请志愿者上门陪伴、打扫卫生。';
const REPORT = '志愿者上门陪伴王阿姨两小时，打扫了客厅和厨房，检查了燃气阀门。';

// Issue 14: on the embedded demo's time bank (王秀英, tb.volunteer: points banked from her confirmed
// attendance, her mother registered), the volunteer sees her balance and statement on a phone and books a
// service for her mother from her mother's points; the city's administrator exports the mother's statement.
describe('time bank', { timeout: 900_000 }, () => {
  const run = useJourney('timebank', { desk: true, phone: true });

  test('balance and statement → a service booked for her mother → the administrator exports a statement', async () => {
    const vol = await run.phone.context.newPage();
    const admin = await run.desk.context.newPage();
    try {
      await vol.goto(run.server.url + '/login');
      await signIn(vol, 'tb.volunteer');
      await vol.waitForURL((u) => !u.pathname.startsWith('/login'));
      await vol.goto(run.server.url + '/m/timebank');
      await vol.getByText('深圳市公益时间银行').first().waitFor();
      // 21.5 confirmed hours: 21 points, 6 given to her mother.
      await vol.locator('.ant-statistic-content-value').filter({ hasText: /^15$/ }).waitFor();
      await vol.getByText('王桂兰').first().waitFor();
      await vol.getByText('服务存入').first().waitFor();
      await screenshot(vol, 'timebank-01-balance-statement-phone');

      await vol
        .getByRole('button', { name: /预约服务/ })
        .first()
        .click();
      const dialog = vol.getByRole('dialog');
      await dialog.waitFor();
      await chooseOption(vol, 'accountId', '王桂兰');
      await chooseOption(vol, 'menuItemId', '陪同就医');
      await vol.locator('#note').fill('周三上午陪妈妈去医院复诊');
      await screenshot(vol, 'timebank-02-book-for-mother-phone');
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await vol.getByText('已预约，积分已冻结，服务完成后结算').waitFor();
      await dialog.waitFor({ state: 'hidden' });
      await vol.getByText('陪同就医').first().waitFor();
      await screenshot(vol, 'timebank-03-booked-phone');
      // Her mother's 3 points paid 2 for it (held): 1 left.
      const mine = await vol.evaluate(async () => (await fetch('/api/me/timebank')).json());
      assert.equal(mine.family[0].balance, 1);

      await admin.goto(run.server.url + '/login');
      await enrolStaff(admin, 'sz.admin');
      await admin.goto(run.server.url + '/timebank');
      await admin.getByRole('tab', { name: '账户与明细' }).click();
      await admin.getByRole('row').filter({ hasText: '王桂兰' }).click();
      await admin.getByText(/明细 · 王桂兰/).waitFor();
      await admin.getByText('预约冻结').first().waitFor();
      const [download] = await Promise.all([
        admin.waitForEvent('download'),
        admin.getByRole('button', { name: /导出 Excel/ }).click(),
      ]);
      assert.equal(download.suggestedFilename(), 'timebank-statement.xlsx');
      const bytes = await download.createReadStream().then(async (s) => {
        const chunks: Buffer[] = [];
        for await (const c of s) chunks.push(c as Buffer);
        return Buffer.concat(chunks);
      });
      assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an xlsx (zip) file');
      // The statement is below the accounts: bring its end into view for the picture.
      await admin
        .locator('.ant-card')
        .filter({ hasText: '明细 · 王桂兰' })
        .evaluate((el) => el.scrollIntoView({ block: 'end' }));
      await screenshot(admin, 'timebank-04-admin-statement-desktop');
    } catch (e) {
      await run.failureShots('journey', [vol, admin]);
      throw e;
    } finally {
      await vol.close();
      await admin.close();
    }
  });

  // Home care (居家照护) is delivered as a dispatch order of 南头街道's post: the volunteer gives her mother
  // points and books it for her with the address, time and phone; the post dispatches the order to the
  // team, the team completes it, and the time bank settles the booking at the held points (never more).
  test('home care booked for her mother → a dispatch order → completed → settled', async () => {
    const vol = await run.phone.context.newPage();
    const admin = await run.desk.context.newPage();
    const post = await (await launchBrowser(DESKTOP)).context.newPage();
    const team = await (await launchBrowser(MOBILE)).context.newPage();
    try {
      await vol.goto(run.server.url + '/m/timebank');
      await vol.getByText('王桂兰').first().waitFor();
      // Her mother has 1 point left: the volunteer gives her 3 more.
      await vol
        .getByRole('button', { name: /转\s*赠/ })
        .first()
        .click();
      const give = vol.getByRole('dialog', { name: '转给亲属或捐入公益池' });
      await give.getByText('王桂兰').click();
      await give.locator('#amount').fill('3');
      await give.getByRole('button', { name: /确\s*定|OK/ }).click();
      const confirm = vol.locator('.ant-modal-confirm').filter({ hasText: '确认转出 3 积分' });
      const ok = confirm.getByRole('button', { name: /确\s*定|OK/ });
      await ok.click();
      // A click that lands while the confirmation is still opening (a loaded machine) does nothing: again.
      if (
        !(await confirm.waitFor({ state: 'hidden', timeout: 5000 }).then(
          () => true,
          () => false,
        ))
      )
        await ok.click();
      await vol.getByText('已转出').waitFor();
      await give.waitFor({ state: 'hidden' });

      await vol
        .getByRole('button', { name: /预约服务/ })
        .first()
        .click();
      const dialog = vol.getByRole('dialog', { name: '用积分预约服务' });
      await chooseOption(vol, 'accountId', '王桂兰');
      await chooseOption(vol, 'menuItemId', '居家照护');
      // Delivered as a dispatch order: where, when and whom to call are asked, and checked.
      await dialog.getByText(/此服务由南头街道派单上门提供/).waitFor();
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await dialog.getByText('请选择服务地址所在的社区').waitFor();
      await dialog.getByText('请填写联系电话').waitFor();
      await dialog.locator('#delivery_phone').fill('12345');
      await dialog.getByText('请填写 11 位手机号码').waitFor();
      await screenshot(vol, 'timebank-05-home-care-checked-phone');
      await dialog.locator('#delivery-community').click();
      // The picker opens at the post's street: its communities only.
      const drawer = vol.getByRole('dialog', { name: '选择地区' });
      await drawer.getByText('大新社区居委会').waitFor();
      await screenshot(vol, 'timebank-05b-community-in-area-phone');
      await drawer.getByRole('button', { name: '南头城社区居委会', exact: true }).click();
      await drawer.waitFor({ state: 'hidden' });
      await dialog.locator('#delivery_address').fill('南头城社区中山南街 20 号 3 楼');
      await dialog.locator('#delivery_phone').fill('138 0013 5678');
      await dialog.locator('#delivery_description').fill(NEED);
      await dialog.locator('#note').fill('周六上午最好');
      await dialog.locator('#delivery_description').scrollIntoViewIfNeeded();
      await screenshot(vol, 'timebank-06-home-care-form-phone');
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await vol.getByText('已预约，积分已冻结，服务完成后结算').waitFor();
      await dialog.waitFor({ state: 'hidden' });
      const booked = await vol.evaluate(async () => (await fetch('/api/me/timebank/bookings')).json());
      const care = booked.items.find((b: { service: string }) => b.service.startsWith('居家照护'));
      assert.equal(care.status, 'held');
      assert.equal(care.held, 4);
      assert.ok(care.orderId, 'a dispatch order was placed');
      const card = vol.locator('.ant-card').filter({ hasText: '我的预约' });
      await card.getByRole('link', { name: '查看派单进度' }).waitFor();
      await noToasts(vol);
      await card.scrollIntoViewIfNeeded();
      await screenshot(vol, 'timebank-07-home-care-held-phone');
      // The order is hers, on "my orders", with the need she wrote.
      await card.getByRole('link', { name: '查看派单进度' }).click();
      await vol.waitForURL(/\/m\/orders$/);
      await vol.locator('.ant-card').filter({ hasText: NEED }).getByText('审核中').first().waitFor();

      // 南头街道's post reviews it, makes the work order and dispatches it to the team.
      await post.goto(run.server.url + '/login');
      await enrolStaff(post, 'nt.post');
      await post.goto(`${run.server.url}/dispatch/orders/${care.orderId}`);
      await post.getByText(NEED).waitFor();
      await post.getByRole('button', { name: /^制\s*单$/ }).click();
      const work = post.getByRole('dialog', { name: /^制\s*单$/ });
      await work.locator('#scope').fill('上门陪伴两小时，打扫客厅和厨房。');
      await work.locator('#skills').fill('助老');
      await pickTime(post, work.locator('#deadline'), beijing(3 * 24 * 60));
      await work.getByRole('button', { name: /确\s*定|OK/ }).click();
      await work.waitFor({ state: 'hidden' });
      await post.getByRole('button', { name: /^派\s*单$/ }).click();
      const dispatch = post.getByRole('dialog', { name: /^派\s*单$/ });
      await chooseOption(post, 'orgId', '南头街道长者关爱志愿队');
      await dispatch.getByRole('button', { name: /确\s*定|OK/ }).click();
      await dispatch.waitFor({ state: 'hidden' });
      await post.locator('.ant-timeline').getByText('派给队伍').waitFor();

      // The team accepts and completes it.
      await team.goto(run.server.url + '/login');
      await enrolStaff(team, 'team.admin');
      await team.goto(run.server.url + '/dispatch/team');
      const offer = team.locator('.ant-card').filter({ hasText: NEED });
      await offer.getByRole('button', { name: /^接\s*单$/ }).click();
      await offer.getByText('服务中').waitFor();
      await offer.getByRole('button', { name: '完成结项' }).click();
      const complete = team.getByRole('dialog', { name: '完成结项' });
      await complete.locator('#report').fill(REPORT);
      await complete.locator('#minutes').fill('120');
      await complete.getByRole('button', { name: /确\s*定|OK/ }).click();
      await complete.waitFor({ state: 'hidden' });
      await offer.getByText('已完成').waitFor();

      // The time bank's job (every minute) settles the booking at what was held.
      const deadline = Date.now() + 180_000;
      let settled: { status: string; settled: number | null } | undefined;
      for (;;) {
        const now = await vol.evaluate(async () => (await fetch('/api/me/timebank/bookings')).json());
        settled = now.items.find((b: { id: string }) => b.id === care.id);
        if (settled?.status === 'settled' || Date.now() > deadline) break;
        await vol.waitForTimeout(3000);
      }
      assert.equal(settled?.status, 'settled', 'settled when the order completed');
      assert.equal(settled?.settled, 4, 'at the hold, never more');
      const mine = await vol.evaluate(async () => (await fetch('/api/me/timebank')).json());
      assert.equal(mine.family[0].balance, 0, 'her mother’s 4 points paid for it');
      await vol.goto(run.server.url + '/m/timebank');
      const bookings = vol.locator('.ant-card').filter({ hasText: '我的预约' });
      await bookings.getByText('结算 4').first().waitFor();
      await bookings.scrollIntoViewIfNeeded();
      await screenshot(vol, 'timebank-08-home-care-settled-phone');

      // The city's administrator sees it settled, and that the menu service is delivered by dispatch.
      await admin.goto(run.server.url + '/timebank');
      const linked = admin.getByText('派单上门：独居长者上门探访（南头街道）');
      await linked.waitFor();
      await linked.scrollIntoViewIfNeeded();
      await screenshot(admin, 'timebank-09-admin-menu-dispatch-desktop');
      await admin.getByRole('tab', { name: '服务预约' }).click();
      await admin.getByRole('row').filter({ hasText: '居家照护' }).getByText('结算 4').waitFor();
      await screenshot(admin, 'timebank-10-admin-bookings-settled-desktop');
    } catch (e) {
      await run.failureShots('home-care', [vol, admin, post, team]);
      throw e;
    } finally {
      await vol.close();
      await admin.close();
    }
  });
});
