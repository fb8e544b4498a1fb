import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshot, signIn, useJourney } from './support.ts';
import { chooseOption, enrolStaff } from './volunteers.steps.ts';

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
});
