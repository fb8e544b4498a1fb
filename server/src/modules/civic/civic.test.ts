import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  auditRows,
  createOrganization,
  createUser,
  signIn,
  startTestApp,
  type TestApp,
  type TestUser,
} from '../../test/harness.ts';
import { api, NANSHAN } from '../activities/activities.testkit.ts';
import { jpegWithExif, photo, reportBody } from './civic.testkit.ts';

/**
 * Civic-supervision reports (随手拍) through HTTP: filing with photos stripped of metadata, routing by region
 * and category, the unit's handling with proof, the check and rating (reopen when unhappy), points, the
 * deadline timer (injected clock, app.jobs.tick()), figures.
 */

let t: TestApp;
let streets: string[];
let reporter: { id: string; cookie: string };
let other: { id: string; cookie: string };
let unitA: { id: string; cookie: string }; // street 0 environment unit
let unitB: { id: string; cookie: string }; // district-wide unit for every category
let supervisor: { id: string; cookie: string };
let supervisor2: { id: string; cookie: string };

const people: { user: TestUser; who: { cookie: string } }[] = [];
const user = async (name: string, opts: Parameters<typeof createUser>[2] = {}) => {
  const u = await createUser(t, name, opts);
  const who = { id: u.id, cookie: await signIn(t, u) };
  people.push({ user: u, who });
  return who;
};
/** Moves the test clock; sessions end after a while, so everyone signs in again. */
async function later(ms: number, ...who: { cookie: string }[]) {
  t.clock.advance(ms);
  for (const p of people) if (who.includes(p.who)) p.who.cookie = await signIn(t, p.user);
}
const counts = async () => {
  const db = t.handle.db;
  const n = async (table: 'civic_cases' | 'civic_photos' | 'jobs' | 'civic_points') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((e) => e.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    cases: await n('civic_cases'),
    photos: await n('civic_photos'),
    jobs: await n('jobs'),
    points: await n('civic_points'),
  };
};

before(async () => {
  // Many reports from one address: the per-minute limit is not what these tests are about.
  t = await startTestApp({ env: { CIVIC_REPORTS_PER_MINUTE: '1000' } });
  streets = (
    await t.handle.db
      .selectFrom('regions')
      .select('code')
      .where('parent_code', '=', NANSHAN)
      .orderBy('code')
      .limit(2)
      .execute()
  ).map((r) => r.code);
  const orgA = await createOrganization(t, '南山街道城管执法队', streets[0]!);
  const orgB = await createOrganization(t, '南山区城市管理和综合执法局', NANSHAN);
  reporter = await user('cv.reporter');
  other = await user('cv.other');
  unitA = await user('cv.unita', { role: 'org_admin', orgId: orgA });
  unitB = await user('cv.unitb', { role: 'org_admin', orgId: orgB });
  supervisor = await user('cv.sup', { role: 'region_admin', region: NANSHAN });
  supervisor2 = await user('cv.sup2', { role: 'region_admin', region: NANSHAN });
  // District-wide: every category to the bureau in 5 working days; street 0's environment cases to its team in 2.
  for (const body of [
    { region: NANSHAN, category: 'any', unitId: orgB, deadlineDays: 5 },
    { region: streets[0], category: 'environment', unitId: orgA, deadlineDays: 2 },
  ]) {
    const res = await api(t, supervisor.cookie, 'POST', '/api/civic/routes', body);
    assert.equal(res.statusCode, 200, res.body);
  }
  unitA.id = orgA;
  unitB.id = orgB;
});
after(() => t.close());

async function file(over: Record<string, unknown> = {}, cookie = reporter.cookie) {
  const res = await api(t, cookie, 'POST', '/api/me/civic/reports', reportBody(streets[0], over));
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { id: string; unitName: string | null; dueAt: string };
}
const handle = (cookie: string, id: string) =>
  api(t, cookie, 'POST', `/api/civic/cases/${id}/handling`, { note: '已清理并设置提示牌', proof: [photo()] });

describe('filing a report', () => {
  it('routes it by region and category, with a working-day deadline, and stores photos without metadata', async () => {
    const created = await file();
    assert.equal(created.unitName, '南山街道城管执法队', 'the street’s own rule for the category');
    // 2026-11-22 (Sunday) 10:00 China: two working days on is Tuesday the 24th, due at its end.
    assert.equal(created.dueAt, '2026-11-24T16:00:00.000Z');
    const noise = await file({ category: 'noise' });
    assert.equal(noise.unitName, '南山区城市管理和综合执法局', 'the district rule for any other category');
    const elsewhere = await api(
      t,
      reporter.cookie,
      'POST',
      '/api/me/civic/reports',
      reportBody(streets[1], { category: 'environment' }),
    );
    assert.equal(elsewhere.json().unitName, '南山区城市管理和综合执法局');
    const photos = await t.handle.db
      .selectFrom('civic_photos')
      .selectAll()
      .where('case_id', '=', created.id)
      .orderBy('kind')
      .execute();
    assert.deepEqual(
      photos.map((p) => p.kind),
      ['far', 'near'],
    );
    for (const p of photos) {
      assert.equal(p.mime, 'image/jpeg');
      assert.ok(!Buffer.from(p.bytes).includes('GPS'), 'no EXIF position stored');
      assert.ok(!Buffer.from(p.bytes).includes('far shot'));
    }
    const mine = (await api(t, reporter.cookie, 'GET', `/api/me/civic/reports/${created.id}`)).json();
    assert.equal(mine.status, 'routed');
    assert.equal(mine.photos.length, 2);
    const img = await api(
      t,
      reporter.cookie,
      'GET',
      `/api/me/civic/reports/${created.id}/photos/${mine.photos[0].id}`,
    );
    assert.equal(img.statusCode, 200);
    assert.equal(img.headers['content-type'], 'image/jpeg');
    assert.ok(!img.rawPayload.includes('GPS'));
    assert.equal((await auditRows(t, 'civic.report')).filter((r) => r.object_id === created.id).length, 1);
    const job = await t.handle.db
      .selectFrom('jobs')
      .selectAll()
      .where('key', '=', `${created.id}:1`)
      .executeTakeFirstOrThrow();
    assert.equal(job.name, 'civic.deadline');
    assert.equal(new Date(job.run_at).toISOString(), created.dueAt);
  });

  it('bad input answers a clear 4xx and changes nothing', async () => {
    const before = await counts();
    const big = Buffer.alloc(8 * 1024 * 1024 + 1, 0);
    jpegWithExif().copy(big);
    const cases: [Record<string, unknown>, number, string?][] = [
      [{ description: '长'.repeat(121) }, 400],
      [{ description: '' }, 400],
      [{ category: 'ufo' }, 400],
      [{ lat: 95 }, 400],
      [{ far: undefined }, 400],
      [{ near: { data: Buffer.from('GIF89a-not-a-photo').toString('base64') } }, 400, 'CIVIC_PHOTO_INVALID'],
      [{ near: { data: jpegWithExif().subarray(0, 40).toString('base64') } }, 400, 'CIVIC_PHOTO_INVALID'],
      [{ near: { data: big.toString('base64') } }, 400, 'CIVIC_PHOTO_INVALID'],
      [{ near: { data: '!!!!' } }, 400],
      [{ region: '440300000000' }, 400, 'CIVIC_REGION_LEVEL'],
      [{ region: '449999999999' }, 404, 'REGION_NOT_FOUND'],
    ];
    for (const [over, status, code] of cases) {
      const res = await api(
        t,
        reporter.cookie,
        'POST',
        '/api/me/civic/reports',
        reportBody(streets[0], over),
      );
      assert.equal(res.statusCode, status, `${JSON.stringify(over).slice(0, 80)}: ${res.body.slice(0, 200)}`);
      if (code) assert.equal(res.json().error.code, code);
      assert.ok(res.json().error.message, 'a message to show');
    }
    const anon = await api(t, undefined, 'POST', '/api/me/civic/reports', reportBody(streets[0]));
    assert.equal(anon.statusCode, 401, 'reports need an account (anonymous means hidden from the unit)');
    assert.deepEqual(await counts(), before);
  });
});

describe('handling, check and rating', () => {
  it('the unit handles with proof; an unhappy rating reopens it; a good one closes it and credits points', async () => {
    const { id } = await file();
    const inbox = (await api(t, unitA.cookie, 'GET', '/api/civic/cases?status=routed')).json();
    const item = inbox.items.find((c: { id: string }) => c.id === id);
    assert.ok(item, 'in the unit’s inbox');
    assert.equal(item.reporterName, '测试 cv.reporter');
    // Another unit neither lists nor opens it.
    const b = (await api(t, unitB.cookie, 'GET', '/api/civic/cases?pageSize=200')).json();
    assert.ok(!b.items.some((c: { id: string }) => c.id === id));
    assert.equal((await api(t, unitB.cookie, 'GET', `/api/civic/cases/${id}`)).statusCode, 404);
    assert.equal((await handle(unitB.cookie, id)).statusCode, 404);
    // Not before it is handled.
    const early = await api(t, reporter.cookie, 'POST', `/api/me/civic/reports/${id}/rating`, { rating: 5 });
    assert.equal(early.statusCode, 409);
    assert.equal(early.json().error.code, 'CIVIC_CASE_STATE');

    const badProof = await api(t, unitA.cookie, 'POST', `/api/civic/cases/${id}/handling`, {
      note: '已处理',
      proof: [{ data: Buffer.from('%PDF-1.7').toString('base64') }],
    });
    assert.equal(badProof.json().error.code, 'CIVIC_PHOTO_INVALID');
    assert.equal(
      (await api(t, unitA.cookie, 'GET', `/api/civic/cases/${id}`)).json().status,
      'routed',
      'unchanged',
    );

    const handled = await handle(unitA.cookie, id);
    assert.equal(handled.statusCode, 200, handled.body);
    assert.equal(handled.json().status, 'handled');
    assert.equal(handled.json().photos.filter((p: { kind: string }) => p.kind === 'proof').length, 1);
    assert.equal((await handle(unitA.cookie, id)).statusCode, 409, 'handled once per round');

    // Someone else cannot rate it; the reporter is unhappy: reopened with a new deadline and timer.
    assert.equal(
      (await api(t, other.cookie, 'POST', `/api/me/civic/reports/${id}/rating`, { rating: 5 })).statusCode,
      404,
    );
    assert.equal(
      (await api(t, reporter.cookie, 'POST', `/api/me/civic/reports/${id}/rating`, { rating: 6 })).statusCode,
      400,
    );
    const unhappy = await api(t, reporter.cookie, 'POST', `/api/me/civic/reports/${id}/rating`, {
      rating: 2,
      comment: '还有垃圾',
    });
    assert.equal(unhappy.statusCode, 200, unhappy.body);
    assert.equal(unhappy.json().status, 'routed');
    assert.equal(unhappy.json().round, 2);
    assert.ok(
      await t.handle.db.selectFrom('jobs').select('id').where('key', '=', `${id}:2`).executeTakeFirst(),
    );
    assert.equal((await api(t, reporter.cookie, 'GET', '/api/me/civic/points')).json().points, 0);

    assert.equal((await handle(unitA.cookie, id)).statusCode, 200);
    const happy = await api(t, reporter.cookie, 'POST', `/api/me/civic/reports/${id}/rating`, { rating: 5 });
    assert.equal(happy.json().status, 'rectified');
    assert.ok(happy.json().closedAt);
    assert.deepEqual((await api(t, reporter.cookie, 'GET', '/api/me/civic/points')).json(), {
      points: 10,
      rectified: 1,
    });
    assert.equal(
      (await api(t, reporter.cookie, 'POST', `/api/me/civic/reports/${id}/rating`, { rating: 1 })).statusCode,
      409,
    );
    const mine = (await api(t, reporter.cookie, 'GET', '/api/me/civic/reports')).json();
    assert.equal(mine.items.find((c: { id: string }) => c.id === id).status, 'rectified');
    assert.deepEqual(
      (await auditRows(t))
        .filter((r) => r.object_id === id && r.action.startsWith('civic.'))
        .map((r) => r.action),
      ['civic.report', 'civic.handle', 'civic.reopen', 'civic.handle', 'civic.rectified'],
    );
  });

  it('an anonymous report hides the reporter from the unit and earns no points', async () => {
    const { id } = await file({ anonymous: true, category: 'illegal_ads' });
    const seen = (await api(t, unitB.cookie, 'GET', `/api/civic/cases/${id}`)).json();
    assert.equal(seen.anonymous, true);
    assert.equal(seen.reporterName, null);
    assert.equal((await handle(unitB.cookie, id)).statusCode, 200);
    const before = (await api(t, reporter.cookie, 'GET', '/api/me/civic/points')).json().points;
    const checked = await api(t, supervisor.cookie, 'POST', `/api/civic/cases/${id}/review`, { rating: 4 });
    assert.equal(checked.json().status, 'rectified');
    assert.equal((await api(t, reporter.cookie, 'GET', '/api/me/civic/points')).json().points, before);
  });

  it('nobody checks their own handling', async () => {
    const { id } = await file({ category: 'noise' });
    assert.equal((await handle(supervisor.cookie, id)).statusCode, 200);
    const own = await api(t, supervisor.cookie, 'POST', `/api/civic/cases/${id}/review`, { rating: 5 });
    assert.equal(own.statusCode, 403);
    assert.equal(own.json().error.code, 'CIVIC_SELF_REVIEW');
    assert.equal((await api(t, supervisor.cookie, 'GET', `/api/civic/cases/${id}`)).json().status, 'handled');
    // A unit admin is not a supervisor.
    assert.equal(
      (await api(t, unitB.cookie, 'POST', `/api/civic/cases/${id}/review`, { rating: 5 })).statusCode,
      403,
    );
    const ok = await api(t, supervisor2.cookie, 'POST', `/api/civic/cases/${id}/review`, { rating: 1 });
    assert.equal(ok.json().status, 'routed', 'reopened by the supervisor');
  });

  it('a rule can only name an approved unit in the caller’s scope', async () => {
    const far = await createOrganization(t, '广州某单位', '440106000000');
    const res = await api(t, supervisor.cookie, 'POST', '/api/civic/routes', {
      region: NANSHAN,
      category: 'noise',
      unitId: far,
      deadlineDays: 3,
    });
    assert.equal(res.statusCode, 422);
    assert.equal(res.json().error.code, 'CIVIC_UNIT_NOT_FOUND');
    const list = (await api(t, supervisor.cookie, 'GET', `/api/civic/routes?region=${NANSHAN}`)).json();
    assert.equal(list.items.length, 2);
    assert.ok(
      list.items.every((r: { regionName: string }) => r.regionName.length > 0),
      'each rule names its region',
    );
    assert.ok(list.items.some((r: { regionName: string }) => r.regionName === '南山区'));
  });
});

describe('the deadline timer', () => {
  it('flags a case overdue when its round’s deadline passes unhandled, and never a later round early', async () => {
    const late = await file({ category: 'greening' }); // district rule: 5 working days
    const ontime = await file({ category: 'greening' });
    assert.equal((await handle(unitB.cookie, ontime.id)).statusCode, 200);
    // Two days on, reopen the second in round 2 (its round-1 timer must then do nothing).
    await later(2 * 86400_000, reporter, unitB);
    assert.equal(
      (await api(t, reporter.cookie, 'POST', `/api/me/civic/reports/${ontime.id}/rating`, { rating: 1 }))
        .statusCode,
      200,
    );
    await t.app.jobs.tick();
    assert.equal(
      (await api(t, unitB.cookie, 'GET', `/api/civic/cases/${late.id}`)).json().overdue,
      false,
      'not yet',
    );
    await later(Date.parse(late.dueAt) + 1000 - t.clock.t, reporter, unitB);
    await t.app.jobs.tick();
    const a = (await api(t, unitB.cookie, 'GET', `/api/civic/cases/${late.id}`)).json();
    assert.equal(a.overdue, true);
    const b = (await api(t, unitB.cookie, 'GET', `/api/civic/cases/${ontime.id}`)).json();
    assert.equal(b.round, 2);
    assert.equal(b.overdue, false, 'the old round’s timer left the new round alone');
    assert.ok(Date.parse(b.dueAt) > t.clock.t);
    const overdueList = (await api(t, unitB.cookie, 'GET', '/api/civic/cases?overdue=true')).json();
    assert.ok(overdueList.items.some((c: { id: string }) => c.id === late.id));
    assert.ok(!overdueList.items.some((c: { id: string }) => c.id === ontime.id));
    assert.equal((await auditRows(t, 'civic.overdue')).filter((r) => r.object_id === late.id).length, 1);
    await later(Date.parse(b.dueAt) + 1000 - t.clock.t, unitB);
    await t.app.jobs.tick();
    assert.equal((await api(t, unitB.cookie, 'GET', `/api/civic/cases/${ontime.id}`)).json().overdue, true);
    // Idempotent: a second run of the same timer changes nothing and writes no second audit row.
    await t.app.jobs.tick();
    assert.equal((await auditRows(t, 'civic.overdue')).filter((r) => r.object_id === late.id).length, 1);
  });
});

describe('figures', () => {
  it('filed, rectified and the rectification rate of a region over a period', async () => {
    await later(0, supervisor);
    const res = await api(
      t,
      supervisor.cookie,
      'GET',
      `/api/civic/figures?region=${NANSHAN}&from=2026-11-01&to=2026-12-31`,
    );
    assert.equal(res.statusCode, 200, res.body);
    const f = res.json();
    const rows = await t.handle.db
      .selectFrom('civic_cases')
      .select(['status'])
      .where('region_code', 'like', '440305%')
      .execute();
    assert.equal(f.filed, rows.length);
    assert.equal(f.rectified, rows.filter((r) => r.status === 'rectified').length);
    assert.equal(f.rectified, 2);
    assert.equal(f.rectificationRate, Math.round((f.rectified / f.filed) * 10000) / 10000);
    assert.ok(f.overdue >= 2);
    assert.ok(f.reopened >= 2);
    const street = (
      await api(
        t,
        supervisor.cookie,
        'GET',
        `/api/civic/figures?region=${streets[1]}&from=2026-11-01&to=2026-12-31`,
      )
    ).json();
    assert.equal(street.filed, 1);
    const empty = (
      await api(
        t,
        supervisor.cookie,
        'GET',
        `/api/civic/figures?region=${NANSHAN}&from=2025-01-01&to=2025-01-31`,
      )
    ).json();
    assert.equal(empty.filed, 0);
    assert.equal(empty.rectificationRate, null);
    const backwards = await api(
      t,
      supervisor.cookie,
      'GET',
      `/api/civic/figures?region=${NANSHAN}&from=2026-12-01&to=2026-11-01`,
    );
    assert.equal(backwards.statusCode, 400);
  });
});
