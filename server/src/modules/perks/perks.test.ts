import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createUser, signIn, startTestApp, type TestApp, type TestUser } from '../../test/harness.ts';
import { onPostgres } from '../../test/database.ts';
import { addVolunteerRecord, insertOrganization } from '../memberships/memberships.testkit.ts';
import { api } from '../activities/activities.testkit.ts';
import { addHours, grantLevels } from '../stars/stars.testkit.ts';

const NANSHAN = '440305000000';
const FUTIAN = '440304000000';

let t: TestApp;
let org: string;
let nanshan: string;
let futian: string;
let certifier: TestUser;
let partner: string;
let otherPartner: string;
let staffCookie: string;
let otherStaffCookie: string;
let plainCookie: string;

let n = 0;
async function volunteer(level: number, hours = 0, name = '王小红') {
  const user = await createUser(t, `perks.v${++n}`);
  const v = await addVolunteerRecord(t, user.id);
  await t.handle.db.updateTable('volunteers').set({ name }).where('id', '=', v.id).execute();
  if (hours) await addHours(t, v.id, org, hours);
  if (level) await grantLevels(t, v.id, level, certifier.id);
  return { ...v, user, cookie: await signIn(t, user) };
}

const PERK = {
  title: '景区门票优惠',
  minStar: 1,
  minHours: 0,
  discounts: [0, 20, 30, 40, 50, 100],
  validFrom: '2026-01-01',
  validUntil: '2026-12-31',
  quotaTotal: null,
  perPersonLimit: 1,
  limitPeriod: 'day',
};

async function perk(over: Record<string, unknown> = {}, partnerId = partner) {
  const res = await api(t, nanshan, 'POST', `/api/partners/${partnerId}/perks`, { ...PERK, ...over });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().id as string;
}
async function code(cookie: string, perkId: string) {
  const res = await api(t, cookie, 'POST', `/api/me/perks/${perkId}/code`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().code as string;
}
const redeem = (c: string, cookie = staffCookie, partnerId = partner) =>
  api(t, cookie, 'POST', `/api/partner-desk/${partnerId}/redeem`, { code: c });

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await insertOrganization(t, '南山区优待测试服务队', NANSHAN);
  certifier = await createUser(t, 'perks.certifier');
  nanshan = await signIn(t, await createUser(t, 'perks.nanshan', { role: 'region_admin', region: NANSHAN }));
  futian = await signIn(t, await createUser(t, 'perks.futian', { role: 'region_admin', region: FUTIAN }));
  const staff = await createUser(t, 'perks.staff');
  staffCookie = await signIn(t, staff);
  otherStaffCookie = await signIn(t, await createUser(t, 'perks.otherstaff'));
  plainCookie = await signIn(t, await createUser(t, 'perks.plain'));
  const p = await api(t, nanshan, 'POST', '/api/partners', {
    region: NANSHAN,
    name: '南山某A级景区',
    kind: 'scenic_spot',
  });
  assert.equal(p.statusCode, 200, p.body);
  partner = p.json().id;
  otherPartner = (
    await api(t, nanshan, 'POST', '/api/partners', {
      region: NANSHAN,
      name: '南山爱心商家',
      kind: 'merchant',
    })
  ).json().id;
  assert.equal(
    (await api(t, nanshan, 'POST', `/api/partners/${partner}/staff`, { username: 'perks.staff' })).statusCode,
    200,
  );
  await api(t, nanshan, 'POST', `/api/partners/${otherPartner}/staff`, { username: 'perks.otherstaff' });
});
after(() => t.close());

describe('partners and perks', () => {
  it('keeps partners to their region', async () => {
    const foreign = await api(t, futian, 'POST', `/api/partners/${partner}/perks`, PERK);
    assert.equal(foreign.statusCode, 404);
    const list = await api(t, futian, 'GET', '/api/partners');
    assert.deepEqual(list.json().items, []);
    const outside = await api(t, futian, 'POST', '/api/partners', {
      region: NANSHAN,
      name: '越权商家',
      kind: 'merchant',
    });
    assert.equal(outside.statusCode, 403);
    const bad = await api(t, nanshan, 'POST', `/api/partners/${partner}/perks`, {
      ...PERK,
      validFrom: '2026-12-31',
      validUntil: '2026-01-01',
    });
    assert.equal(bad.json().error.code, 'PERK_INVALID');
    const unknown = await api(t, nanshan, 'POST', `/api/partners/${partner}/staff`, {
      username: 'nobody.here',
    });
    assert.equal(unknown.json().error.code, 'PARTNER_STAFF_USER');
  });

  it('gives perks by star level: 20/30/40/50 % off for 1–4 stars, free for 5', async () => {
    const id = await perk();
    for (const [level, off] of [
      [0, null],
      [1, 20],
      [4, 50],
      [5, 100],
    ] as const) {
      const v = await volunteer(level);
      const mine = (await api(t, v.cookie, 'GET', '/api/me/perks')).json();
      const p = mine.items.find((x: { id: string }) => x.id === id);
      assert.equal(p.myDiscount, off, `level ${level}`);
      assert.equal(p.eligible, off !== null);
    }
    const zero = await volunteer(0);
    const refused = await api(t, zero.cookie, 'POST', `/api/me/perks/${id}/code`);
    assert.equal(refused.json().error.code, 'PERK_NOT_ELIGIBLE');
    // By hours instead of stars.
    const byHours = await perk({ minStar: 0, minHours: 50, discounts: [10, 20, 30, 40, 50, 100] });
    const h = await volunteer(0, 60);
    const hp = (await api(t, h.cookie, 'GET', '/api/me/perks'))
      .json()
      .items.find((x: { id: string }) => x.id === byHours);
    assert.equal(hp.myDiscount, 10);
  });

  it('redeems a code once at its own partner; the second scan is refused', async () => {
    const id = await perk();
    const v = await volunteer(2);
    const c = await code(v.cookie, id);
    const check = await api(t, staffCookie, 'POST', `/api/partner-desk/${partner}/verify`, { code: c });
    assert.equal(check.statusCode, 200, check.body);
    assert.deepEqual(
      { name: check.json().maskedName, level: check.json().starLevel, off: check.json().discount },
      { name: '王*红', level: 2, off: 30 },
    );
    assert.ok(!check.body.includes('王小红'));
    const stranger = await api(t, plainCookie, 'POST', `/api/partner-desk/${partner}/verify`, { code: c });
    assert.equal(stranger.statusCode, 404);
    const wrong = await redeem(c, otherStaffCookie, otherPartner);
    assert.equal(wrong.json().error.code, 'PERK_WRONG_PARTNER');
    const first = await redeem(c);
    assert.equal(first.statusCode, 200, first.body);
    const second = await redeem(c);
    assert.equal(second.statusCode, 409);
    assert.equal(second.json().error.code, 'PERK_CODE_USED');
    const recheck = await api(t, staffCookie, 'POST', `/api/partner-desk/${partner}/verify`, { code: c });
    assert.equal(recheck.json().error.code, 'PERK_CODE_USED', 'checking a used code says so');
    const tampered = await redeem(c.slice(0, -1) + (c.endsWith('0') ? '1' : '0'));
    assert.equal(tampered.json().error.code, 'PERK_CODE_INVALID');
    const rows = await t.handle.db
      .selectFrom('perk_redemptions')
      .select(sql<string>`count(*)`.as('n'))
      .where('perk_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(Number(rows.n), 1);
  });

  it('holds the limit per person and period, the quota and the expiry', async () => {
    const id = await perk({ quotaTotal: 2 });
    const v = await volunteer(1);
    assert.equal((await redeem(await code(v.cookie, id))).statusCode, 200);
    const sameDay = await redeem(await code(v.cookie, id));
    assert.equal(sameDay.json().error.code, 'PERK_LIMIT_REACHED');
    t.clock.advance(86400_000);
    const expired = await code(v.cookie, id);
    t.clock.advance(121_000);
    assert.equal((await redeem(expired)).json().error.code, 'PERK_CODE_EXPIRED');
    assert.equal((await redeem(await code(v.cookie, id))).statusCode, 200);
    const w = await volunteer(1);
    const out = await redeem(await code(w.cookie, id));
    assert.equal(out.json().error.code, 'PERK_QUOTA_EXHAUSTED');
    const usage = await t.handle.db
      .selectFrom('perks')
      .select('quota_used')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(usage.quota_used, 2, 'the refused redemption changed nothing');
  });

  it('never lets staff redeem their own code', async () => {
    const id = await perk();
    const staffUser = await t.handle.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'perks.staff')
      .executeTakeFirstOrThrow();
    const v = await addVolunteerRecord(t, staffUser.id);
    await grantLevels(t, v.id, 1, certifier.id);
    const own = await redeem(await code(staffCookie, id));
    assert.equal(own.json().error.code, 'PERK_SELF_REDEMPTION');
  });
});

describe('volunteer card', () => {
  it('shows name, number, star level and badges; the public check shows only a masked name and level', async () => {
    const v = await volunteer(3, 120);
    const card = await api(t, v.cookie, 'GET', '/api/me/card');
    assert.equal(card.statusCode, 200, card.body);
    assert.equal(card.json().name, '王小红');
    assert.equal(card.json().volunteerNo, v.volunteerNo);
    assert.equal(card.json().starLevel, 3);
    assert.ok(card.json().badges.includes('hours_100'));
    const check = await api(
      t,
      undefined,
      'GET',
      `/api/cards/verify?code=${encodeURIComponent(card.json().code)}`,
    );
    assert.equal(check.statusCode, 200);
    assert.deepEqual(check.json(), { valid: true, maskedName: '王*红', starLevel: 3 });
    assert.ok(!check.body.includes(v.volunteerNo));
    const forged = card.json().code.replace(v.volunteerNo, 'T999999999');
    const bad = await api(t, undefined, 'GET', `/api/cards/verify?code=${encodeURIComponent(forged)}`);
    assert.deepEqual(bad.json(), { valid: false, maskedName: null, starLevel: null });
    t.clock.advance(601_000);
    const late = await api(
      t,
      undefined,
      'GET',
      `/api/cards/verify?code=${encodeURIComponent(card.json().code)}`,
    );
    assert.equal(late.json().valid, false);
  });
});

describe(
  'redemption races on PostgreSQL',
  { skip: !onPostgres() ? 'PostgreSQL only (DATABASE_URL)' : false },
  () => {
    it('20 concurrent scans of one code redeem it exactly once', async () => {
      const id = await perk({ perPersonLimit: 100 });
      const v = await volunteer(1);
      const c = await code(v.cookie, id);
      const results = await Promise.all(Array.from({ length: 20 }, () => redeem(c)));
      const codes = results.map((r) => r.statusCode).sort();
      assert.equal(codes.filter((s) => s === 200).length, 1, codes.join(','));
      assert.ok(results.every((r) => r.statusCode === 200 || r.json().error.code === 'PERK_CODE_USED'));
      const rows = await t.handle.db
        .selectFrom('perk_redemptions')
        .select(sql<string>`count(*)`.as('n'))
        .where('perk_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(rows.n), 1);
    });

    it('racing distinct codes of one person stop at the limit; racing people stop at the quota', async () => {
      const id = await perk({ perPersonLimit: 3, limitPeriod: 'total' });
      const v = await volunteer(1);
      const codes = [];
      for (let i = 0; i < 12; i++) codes.push(await code(v.cookie, id));
      const results = await Promise.all(codes.map((c) => redeem(c)));
      assert.equal(results.filter((r) => r.statusCode === 200).length, 3);
      assert.ok(results.every((r) => r.statusCode === 200 || r.json().error.code === 'PERK_LIMIT_REACHED'));
      const quota = await perk({ quotaTotal: 5, perPersonLimit: 1 });
      const people = [];
      for (let i = 0; i < 12; i++) people.push(await volunteer(1));
      const cs = [];
      for (const p of people) cs.push(await code(p.cookie, quota));
      const res = await Promise.all(cs.map((c) => redeem(c)));
      assert.equal(res.filter((r) => r.statusCode === 200).length, 5);
      const row = await t.handle.db
        .selectFrom('perks')
        .select('quota_used')
        .where('id', '=', quota)
        .executeTakeFirstOrThrow();
      assert.equal(row.quota_used, 5);
    });
  },
);
