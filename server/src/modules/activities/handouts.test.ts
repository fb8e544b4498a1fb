/**
 * Issue 17: the roster (Excel), the paper sign-in sheet (PDF), the share card and the link preview of the
 * public page, the map picker's settings, and coordinates stored in WGS-84.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { distanceM, gcjToWgs, wgsToGcj } from '@yiqi/shared/geo/coords';
import { encrypt } from '../../lib/crypto.ts';
import { auditRows, createUser, signIn, startTestApp, testConfig, type TestApp } from '../../test/harness.ts';
import { appCsp, tileSource } from '../../http/security.ts';
import {
  api,
  createActivity,
  createOrganizer,
  createVolunteer,
  signUp,
  type Organizer,
  type Volunteer,
} from './activities.testkit.ts';

const HOUR = 3600_000;
const INDEX =
  '<!doctype html><html lang="zh-CN"><head><title>一起 · 广东志愿服务平台</title></head><body></body></html>';
let t: TestApp;
let org: Organizer;
let dist: string;

before(async () => {
  dist = mkdtempSync(join(tmpdir(), 'yiqi-dist-'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  t = await startTestApp({
    webDist: dist,
    env: {
      SESSION_IDLE_MINUTES: '100000',
      SESSION_ABSOLUTE_HOURS: '10000',
      PUBLIC_URL: 'https://yiqi.example.cn',
    },
  });
  org = await createOrganizer(t);
});
after(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

async function withPhone(v: Volunteer, phone: string) {
  await t.handle.db
    .updateTable('volunteers')
    .set({ phone_enc: encrypt(t.config.appKey, phone) })
    .where('id', '=', v.id)
    .execute();
}

async function sheetOf(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('roster export', () => {
  it('lists accepted and waitlisted volunteers with masked phones and check-in times, audited', async () => {
    const a = await createActivity(t, org, { quota: 1 });
    const first = await createVolunteer(t);
    const second = await createVolunteer(t);
    await withPhone(first, '13912345678');
    await withPhone(second, '13787654321');
    assert.equal((await signUp(t, first, a.shiftId)).json().status, 'accepted');
    assert.equal((await signUp(t, second, a.shiftId)).json().status, 'waitlisted');
    const signupId = (await api(t, org.cookie, 'GET', `/api/activities/${a.activityId}/signups`)).json()
      .items[0].id;
    t.clock.advance(48 * HOUR + 10 * 60_000);
    const check = await api(t, org.cookie, 'POST', `/api/activities/${a.activityId}/attendance/check-in`, {
      signupId,
    });
    assert.equal(check.statusCode, 200, check.body);

    const res = await api(t, org.cookie, 'GET', `/api/activities/${a.activityId}/roster.xlsx`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="roster-/);
    assert.equal(res.headers['cache-control'], 'no-store');
    const rows = await sheetOf(res.rawPayload);
    assert.deepEqual(rows[0], [
      '志愿者编号',
      '姓名',
      '手机号',
      '岗位',
      '班次',
      '报名状态',
      '签到时间',
      '签退时间',
    ]);
    assert.equal(rows.length, 3);
    assert.equal(rows[1]![2], '139****5678');
    assert.equal(rows[1]![5], '已录用');
    assert.match(rows[1]![6]!, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    assert.equal(rows[2]![2], '137****4321');
    assert.equal(rows[2]![5], '候补');
    assert.ok(!res.rawPayload.toString('latin1').includes('13912345678'));
    const audit = (await auditRows(t, 'activity.roster_export')).at(-1)!;
    assert.equal(audit.object_id, a.activityId);
    assert.deepEqual([audit.details.rows, audit.details.phones], [2, 'masked']);
  });

  it('full phones only for a region admin over the activity (audited as such); the organization admin gets 403', async () => {
    const a = await createActivity(t, org);
    const v = await createVolunteer(t);
    await withPhone(v, '13600001111');
    await signUp(t, v, a.shiftId);
    const denied = await api(t, org.cookie, 'GET', `/api/activities/${a.activityId}/roster.xlsx?phones=full`);
    assert.equal(denied.statusCode, 403, denied.body);
    const admin = await createUser(t, `roster_region_${process.pid}`, {
      role: 'region_admin',
      region: '440300000000',
    });
    const cookie = await signIn(t, admin, { mfa: true });
    const res = await api(t, cookie, 'GET', `/api/activities/${a.activityId}/roster.xlsx?phones=full`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await sheetOf(res.rawPayload))[1]![2], '13600001111');
    assert.equal((await auditRows(t, 'activity.roster_export')).at(-1)!.details.phones, 'full');
    const bad = await api(t, cookie, 'GET', `/api/activities/${a.activityId}/roster.xlsx?phones=all`);
    assert.equal(bad.statusCode, 400);
  });
});

describe('paper sign-in sheet', () => {
  it('is a PDF with a page per 13 volunteers, audited; drafts have none', async () => {
    const a = await createActivity(t, org, { quota: 20 });
    for (let i = 0; i < 16; i++) await signUp(t, await createVolunteer(t), a.shiftId);
    const res = await api(t, org.cookie, 'GET', `/api/activities/${a.activityId}/sign-in-sheet.pdf`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.equal(res.rawPayload.toString('latin1').match(/\/Type \/Page\b/g)?.length, 2);
    assert.equal((await auditRows(t, 'activity.sign_in_sheet')).at(-1)!.details.rows, 16);
    const draft = await createActivity(t, org, { publish: false });
    const none = await api(t, org.cookie, 'GET', `/api/activities/${draft.activityId}/sign-in-sheet.pdf`);
    assert.equal(none.statusCode, 409);
  });
});

describe('share card and link preview', () => {
  it('the card names the activity and carries a QR code to its public page', async () => {
    const a = await createActivity(t, org, { body: { title: '海滩<清洁>&分类' } });
    const res = await api(t, org.cookie, 'GET', `/api/activities/${a.activityId}/share-card.svg`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^image\/svg\+xml/);
    assert.ok(res.body.includes('海滩&lt;清洁&gt;&amp;分类'));
    assert.ok(res.body.includes('<path'), 'QR modules drawn');
    const other = await createOrganizer(t);
    const hidden = await api(t, other.cookie, 'GET', `/api/activities/${a.activityId}/share-card.svg`);
    assert.equal(hidden.statusCode, 404);
  });

  it('/m/activities/<id> is the web app with og: meta of a published activity, plain for drafts and unknown ids', async () => {
    const a = await createActivity(t, org, { body: { title: '南头古城"引导"' } });
    const page = await t.app.inject({ url: `/m/activities/${a.activityId}` });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.ok(
      page.body.includes('<meta property="og:title" content="南头古城&quot;引导&quot;" />'),
      page.body,
    );
    assert.ok(page.body.includes(`content="https://yiqi.example.cn/m/activities/${a.activityId}"`));
    assert.match(
      page.body,
      /og:description" content="\d{4}-\d\d-\d\d \d\d:\d\d–\d\d:\d\d · 深圳市南山区深圳湾公园 · /,
    );
    const draft = await createActivity(t, org, { publish: false });
    for (const url of [
      `/m/activities/${draft.activityId}`,
      '/m/activities/00000000-0000-4000-8000-000000000000',
      '/m/activities/x',
    ]) {
      const r = await t.app.inject({ url });
      assert.equal(r.statusCode, 200);
      assert.equal(r.body, INDEX);
    }
  });
});

describe('map and coordinates', () => {
  it('the picker settings default to 高德 tiles in GCJ-02, whose hosts the page policy lets load', async () => {
    const res = await t.app.inject({ url: '/api/map' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().tileSystem, 'gcj02');
    assert.match(res.json().tileUrl, /^https:\/\/webrd0\{1-4\}\.is\.autonavi\.com\//);
    assert.match(
      String(res.headers['content-security-policy']),
      /img-src 'self' data: blob: https:\/\/\*\.is\.autonavi\.com;/,
    );
  });

  it('a place typed from 高德 and stored in WGS-84 matches a phone standing there: no review at check-in', async () => {
    const gcj = { lat: 22.5405, lng: 113.9534 };
    const wgs = gcjToWgs(gcj);
    const a = await createActivity(t, org, {
      body: { lat: wgs.lat, lng: wgs.lng, geofence: { mode: 'review', radiusM: 100 } },
    });
    const detail = (await api(t, undefined, 'GET', `/api/activities/${a.activityId}`)).json();
    assert.ok(distanceM(wgsToGcj({ lat: detail.lat, lng: detail.lng }), gcj) < 0.5);
    // Had the GCJ-02 numbers been stored as they were, the phone (WGS-84) would be this far away:
    assert.ok(distanceM(wgs, gcj) > 300);
  });
});

describe('map tile settings', () => {
  it('tile hosts become a CSP source; a template that is no tile URL stops the start', () => {
    assert.equal(
      tileSource('https://webrd0{1-4}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}'),
      'https://*.is.autonavi.com',
    );
    assert.equal(tileSource('https://{s}.tile.example.org/{z}/{x}/{y}.png'), 'https://*.tile.example.org');
    assert.equal(tileSource('https://tiles.example.cn/{z}/{x}/{y}.png'), 'https://tiles.example.cn');
    assert.equal(tileSource('https://a.{s}.example.org/{z}/{x}/{y}.png'), null);
    assert.match(appCsp(''), /img-src 'self' data: blob:;/);
    assert.throws(() => testConfig({ MAP_TILE_URL: 'https://tiles.example.cn/tile.png' }), /MAP_TILE_URL/);
    assert.throws(
      () => testConfig({ MAP_TILE_URL: 'https://t.example.org/{z}/{x}/{y}.png' }),
      /MAP_TILE_SYSTEM/,
    );
    const osm = testConfig({
      MAP_TILE_URL: 'https://t.example.org/{z}/{x}/{y}.png',
      MAP_TILE_SYSTEM: 'wgs84',
    });
    assert.deepEqual(osm.mapTiles, {
      url: 'https://t.example.org/{z}/{x}/{y}.png',
      system: 'wgs84',
      attribution: '',
    });
    assert.equal(testConfig({ MAP_TILE_URL: '' }).mapTiles.url, '');
  });
});
