import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { gcjToWgs, wgsToGcj, distanceM } from '@yiqi/shared/geo/coords';
import { MOBILE, screenshot, settle, useJourney } from './support.ts';
import { greyPng } from './png.ts';
import { enrolStaff } from './volunteers.steps.ts';

// Issue 17: places in China. An organizer picks the place on the map (高德 tiles, GCJ-02) or types what a
// map app shows; the public page opens 高德 / 腾讯 with the place; the console prints and shares.
describe('maps, print and share', { timeout: 600_000 }, () => {
  const run = useJourney('m', { desk: true, phone: true });
  let admin: Page;
  let activityId: string;
  let editorUrl = '';
  let demo: { id: string; title: string; lat: number; lng: number };

  before(async () => {
    admin = await run.desk.context.newPage();
    const found = (await (
      await fetch(`${run.server.url}/api/activities?q=${encodeURIComponent('南头古城')}`)
    ).json()) as {
      items: { id: string; title: string; lat: number; lng: number }[];
    };
    demo = found.items[0]!;
  });

  test('the editor picks a place on the 高德 map and stores it in WGS-84', async () => {
    try {
      const tile = greyPng(256, 0xe8);
      await admin.route(/is\.autonavi\.com\/appmaptile/, (r) =>
        r.fulfill({ status: 200, contentType: 'image/png', body: tile }),
      );
      await admin.goto(run.server.url + '/login');
      await enrolStaff(admin, 'org.admin');
      await admin.goto(run.server.url + '/activities');
      await admin.getByTestId('new-activity').click();
      await admin.waitForURL(/\/activities\/new/);
      editorUrl = admin.url();
      const map = admin.getByTestId('map-picker');
      await map.scrollIntoViewIfNeeded();
      await admin.locator('.leaflet-tile-loaded').first().waitFor();
      // The map opens on Shenzhen's centre: a click there fills in the point as 高德 shows it.
      await map.click();
      await admin.locator('.leaflet-interactive').first().waitFor();
      const lat = Number(await admin.locator('#activity_lat').inputValue());
      const lng = Number(await admin.locator('#activity_lng').inputValue());
      const centreGcj = wgsToGcj({ lat: 22.5431, lng: 114.0579 });
      assert.ok(distanceM({ lat, lng }, centreGcj) < 400, `picked ${lat}, ${lng}`);
      assert.equal(await admin.getByRole('combobox', { name: '坐标来源' }).count(), 1);
      await admin.getByText('时间与地点', { exact: true }).evaluate((e) => {
        (e as HTMLElement).style.scrollMarginTop = '80px';
        e.scrollIntoView();
      });
      await screenshot(admin, 'm-01-editor-map-picker');
    } catch (e) {
      await run.failureShots('picker', [admin]);
      throw e;
    }
  });

  test('a phone-sized editor without reachable tiles gets the typed fields and a message', async () => {
    // The organizer's own session, on a phone-sized page whose tile requests fail.
    const small = await run.desk.context.newPage();
    try {
      await small.setViewportSize(MOBILE);
      await small.route(/is\.autonavi\.com\/appmaptile/, (r) => r.abort());
      await small.goto(editorUrl);
      const notice = small.getByTestId('map-unavailable');
      await notice.waitFor({ timeout: 20_000 });
      await notice.scrollIntoViewIfNeeded();
      await small.locator('#activity_lat').waitFor();
      await screenshot(small, 'm-02-editor-no-tiles-phone');
    } catch (e) {
      await run.failureShots('no-tiles', [small]);
      throw e;
    } finally {
      await small.close();
    }
  });

  test('the public page opens the place in 高德 and 腾讯 maps, in GCJ-02', async () => {
    const page = await run.phone.context.newPage();
    try {
      await page.goto(`${run.server.url}/m/activities/${demo.id}`);
      const amap = page.getByRole('link', { name: '在高德地图中打开' });
      const qq = page.getByRole('link', { name: '在腾讯地图中打开' });
      await amap.waitFor();
      const gcj = wgsToGcj({ lat: demo.lat, lng: demo.lng });
      const a = new URL((await amap.getAttribute('href'))!);
      assert.equal(a.host, 'uri.amap.com');
      assert.equal(a.searchParams.get('position'), `${gcj.lng.toFixed(6)},${gcj.lat.toFixed(6)}`);
      const q = new URL((await qq.getAttribute('href'))!);
      assert.match(
        q.searchParams.get('marker')!,
        new RegExp(`^coord:${gcj.lat.toFixed(6)},${gcj.lng.toFixed(6)};title:`),
      );
      assert.equal(await page.locator('a[href^="geo:"]').count(), 0);
      // The demo's coordinates were 高德's: stored in WGS-84, they show 高德's numbers again in the link.
      assert.ok(distanceM(gcj, { lat: 22.5436, lng: 113.9193 }) < 1);
      assert.ok(distanceM(gcjToWgs({ lat: 22.5436, lng: 113.9193 }), { lat: demo.lat, lng: demo.lng }) < 1);
      await amap.scrollIntoViewIfNeeded();
      await screenshot(page, 'm-03-public-map-links-phone');
      // A forwarded link shows the activity before any script runs.
      const html = await (await fetch(`${run.server.url}/m/activities/${demo.id}`)).text();
      assert.ok(html.includes(`<meta property="og:title" content="${demo.title}" />`));
    } catch (e) {
      await run.failureShots('public', [page]);
      throw e;
    } finally {
      await page.close();
    }
  });

  test('the console exports the roster, prints the sign-in sheet and shows the share card', async () => {
    try {
      activityId = demo.id;
      await admin.goto(`${run.server.url}/activities/${activityId}`);
      await admin.getByText('打印与分享').waitFor();
      const [roster] = await Promise.all([
        admin.waitForEvent('download'),
        admin.getByRole('button', { name: '导出报名名单' }).click(),
      ]);
      assert.match(roster.suggestedFilename(), /^roster-.*\.xlsx$/);
      assert.equal(
        readFileSync((await roster.path())!)
          .subarray(0, 2)
          .toString(),
        'PK',
      );
      const [sheet] = await Promise.all([
        admin.waitForEvent('download'),
        admin.getByRole('button', { name: '打印签到表' }).click(),
      ]);
      assert.equal(
        readFileSync((await sheet.path())!)
          .subarray(0, 5)
          .toString(),
        '%PDF-',
      );
      await admin.getByRole('button', { name: '分享海报' }).click();
      const card = admin.getByTestId('share-card');
      await card.waitFor();
      await admin.waitForFunction(() => {
        const img = document.querySelector('[data-testid="share-card"]') as HTMLImageElement | null;
        return img?.complete && img.naturalWidth > 0;
      });
      await settle(admin);
      await screenshot(admin, 'm-04-share-card-desktop');
      const [png] = await Promise.all([
        admin.waitForEvent('download'),
        admin.getByRole('button', { name: '保存为图片' }).click(),
      ]);
      const bytes = readFileSync((await png.path())!);
      assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
      assert.equal(bytes.readUInt32BE(16), 1500, 'twice the card width');
    } catch (e) {
      await run.failureShots('console', [admin]);
      throw e;
    }
  });
});
