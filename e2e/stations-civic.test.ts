import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { DESKTOP, launchBrowser, screenshot, signIn, useJourney } from './support.ts';
import { greyPng } from './png.ts';
import { chooseOption, enrolStaff, pickRegion } from './volunteers.steps.ts';

/** 南头古城 as a phone reports it (WGS-84). */
const NANTOU = { latitude: 22.5462, longitude: 113.9145 };

const TILE = greyPng(256, 0xe8);

async function tiles(page: Page, reachable = true) {
  await page.route(/is\.autonavi\.com\/appmaptile/, (r) =>
    reachable ? r.fulfill({ status: 200, contentType: 'image/png', body: TILE }) : r.abort(),
  );
}

// Issue 16: the public stations map with the 10-minute circle, their management, and 随手拍 from report to
// rectification, at phone and desktop size.
describe('stations and civic reports', { timeout: 900_000 }, () => {
  const run = useJourney('sc', { desk: true, phone: true });

  test('a visitor finds the stations within walking distance on the map', async () => {
    const page = await run.phone.context.newPage();
    try {
      await run.phone.context.grantPermissions(['geolocation'], { origin: run.server.url });
      await run.phone.context.setGeolocation(NANTOU);
      await tiles(page);
      await page.goto(run.server.url + '/m/stations');
      await page.getByText('南山区新时代文明实践中心').first().waitFor();
      await page.locator('.leaflet-tile-loaded').first().waitFor();
      await screenshot(page, 'sc-01-stations-phone');
      await page.getByRole('button', { name: '查找我附近的阵地' }).click();
      await page.getByText(/附近 \d+ 个阵地/).waitFor();
      const first = page.locator('[id^="station-"]').first();
      assert.match((await first.textContent()) ?? '', /南头/);
      assert.match((await first.textContent()) ?? '', /步行约 \d+ 分钟/);
      await screenshot(page, 'sc-02-stations-nearby-phone');
      const blocked = await run.desk.context.newPage();
      await tiles(blocked, false);
      await blocked.goto(run.server.url + '/m/stations');
      await blocked.getByTestId('map-unavailable').waitFor({ timeout: 30_000 });
      await blocked.getByText('南山区新时代文明实践中心').first().waitFor();
      await screenshot(blocked, 'sc-03-stations-no-tiles-desktop');
      await blocked.close();
    } catch (e) {
      await run.failureShots('stations', [page]);
      throw e;
    } finally {
      await page.close();
    }
  });

  test('a region admin manages stations in the console', async () => {
    const page = await run.desk.context.newPage();
    try {
      await tiles(page);
      await page.goto(run.server.url + '/login');
      await enrolStaff(page, 'ns.admin');
      await page.goto(run.server.url + '/stations');
      await page.locator('.ant-table-row').first().waitFor();
      await screenshot(page, 'sc-04-stations-console');
      await page.getByRole('button', { name: '新增阵地' }).click();
      await page.getByTestId('map-picker').waitFor();
      await page.locator('#name').fill('测试 U 站');
      await page.locator('#phone').fill('13800138000');
      await screenshot(page, 'sc-05-station-form');
    } catch (e) {
      await run.failureShots('console', [page]);
      throw e;
    } finally {
      await page.close();
    }
  });

  test('a volunteer reports a problem; the unit handles it; the volunteer checks it', async () => {
    const vol = await run.phone.context.newPage();
    // The unit's admin on a computer of their own (the desktop browser is signed in as the region admin).
    const unitBrowser = await launchBrowser(DESKTOP);
    const unit = await unitBrowser.context.newPage();
    try {
      await tiles(vol);
      await vol.goto(run.server.url + '/login');
      await signIn(vol, 'volunteer');
      await vol.waitForURL(/\/m\//);
      await vol.goto(run.server.url + '/m/civic/report');
      await vol.locator('#description').waitFor();
      await chooseOption(vol, 'category', '环境卫生');
      await vol.locator('#description').fill('南头古城南门广场垃圾桶满溢，垃圾散落地面');
      await pickRegion(vol, 'region', ['深圳市', '南山区', '南头街道']);
      await vol.getByRole('button', { name: '使用我的位置' }).click();
      await vol.getByTestId('civic-point').waitFor();
      await vol
        .getByTestId('photo-near')
        .setInputFiles({ name: 'near.png', mimeType: 'image/png', buffer: greyPng(64, 0x90) });
      await vol
        .getByTestId('photo-far')
        .setInputFiles({ name: 'far.png', mimeType: 'image/png', buffer: greyPng(64, 0xc0) });
      await vol.getByRole('img', { name: '远景照片' }).waitFor();
      await screenshot(vol, 'sc-06-report-form-phone');
      await vol.getByRole('button', { name: '提 交' }).click();
      await vol.waitForURL(/\/m\/civic$/);
      await vol.getByText('处理中').first().waitFor();
      await screenshot(vol, 'sc-07-my-reports-phone');

      // The district federation's admin handles it (the demo routes Nanshan's cases to it).
      await tiles(unit);
      await unit.goto(run.server.url + '/login');
      await enrolStaff(unit, 'org.admin');
      await unit.goto(run.server.url + '/civic');
      await unit.getByText('南头古城南门广场垃圾桶满溢', { exact: false }).first().click();
      await unit.getByPlaceholder('办理情况说明').fill('已清运垃圾并增设一个垃圾桶');
      await unit
        .getByTestId('proof-0')
        .setInputFiles({ name: 'proof.png', mimeType: 'image/png', buffer: greyPng(64, 0xf0) });
      await unit.getByRole('img', { name: '整改照片 1' }).waitFor();
      await screenshot(unit, 'sc-08-case-handling-desktop');
      await unit.getByRole('button', { name: '提交办理结果' }).click();
      await unit.getByText('已提交办理结果，等待验收').first().waitFor();

      await vol.reload();
      await vol.getByText('待验收').first().waitFor();
      await vol.getByRole('radio').nth(3).click();
      await screenshot(vol, 'sc-09-rate-phone');
      await vol.getByRole('button', { name: '提交评价' }).click();
      await vol.getByText('已整改').first().waitFor();
      await vol.getByText(/我的积分 10/).waitFor();
      await screenshot(vol, 'sc-10-rectified-phone');
    } catch (e) {
      await run.failureShots('civic', [vol, unit]);
      throw e;
    } finally {
      await vol.close();
      await unit.close();
    }
  });

  test('the region admin sees the case counted and sets a routing rule', async () => {
    const page = await run.desk.context.newPage();
    try {
      // Signed in as ns.admin by the console test above (same desktop browser).
      await page.goto(run.server.url + '/civic/rules');
      await page.getByRole('heading', { name: '随手拍规则与统计' }).waitFor();
      // The case the volunteer filed and checked above: filed 1, rectified 1, 100 %.
      const stat = (title: string) =>
        page.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content');
      await stat('整改率').getByText('100.0%').waitFor();
      assert.equal((await stat('受理').textContent())?.trim(), '1');
      assert.equal((await stat('已整改').textContent())?.trim(), '1');
      await page.getByRole('cell', { name: '环境卫生' }).first().waitFor();
      await chooseOption(page, 'category', '噪音扰民');
      await page.locator('#civic-rule-unit').click();
      await page.locator('#civic-rule-unit').fill('南山区');
      // The unit picker's own options (the category's closing dropdown may still be in the page).
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
          hasText: '南山区',
        })
        .first()
        .click();
      await page.locator('#deadlineDays').fill('3');
      await page.getByRole('button', { name: '保存规则' }).click();
      await page.getByText('规则已保存').waitFor();
      await page.getByRole('cell', { name: '噪音扰民' }).waitFor();
      await page.getByRole('cell', { name: '3 个工作日' }).first().waitFor();
      await screenshot(page, 'sc-11-civic-rules-desktop');
    } catch (e) {
      await run.failureShots('civic-rules', [page]);
      throw e;
    } finally {
      await page.close();
    }
  });
});
