import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createUser, signIn, startTestApp, type TestApp } from '../../test/harness.ts';
import { bulkVolunteers } from '../activities/bulk.testkit.ts';
import { createActivity, createOrganizer, type Organizer } from '../activities/activities.testkit.ts';
import { refreshCounts } from './refresh.ts';
import { runRollups } from './rollup.ts';
import type { Ctx } from '../../core/ctx.ts';

/**
 * The figures through HTTP on a known population: volunteers in two communities of 南山 (and three in
 * 福田), hours entered and confirmed, rejected, corrected and imported through the API, then every
 * figure of docs/statistics.md checked exactly; scope (a district and a street admin); the public page's
 * suppression; population entry; and rollups equal to a full recount after random changes.
 */
let t: TestApp;
let org: Organizer;
let decider: { id: string; cookie: string };
let activityId: string;
let admin: string; // 南山 region admin
let futianAdmin: string;
let streetAdmin: string;
const NANSHAN = '440305000000';
const FUTIAN = '440304000000';
let S1: string, S2: string, C1: string, C2: string;
type V = { userId: string; volunteerId: string; cookie: string };
let A: V[], B: V[], F: V[];

const ctx = (): Ctx => ({
  db: t.handle.db,
  actor: null,
  clock: t.clock.now,
  log: t.app.log,
  config: t.config,
  requestId: 'test',
  ip: '127.0.0.1',
  locale: 'zh-CN',
});

const get = (cookie: string | undefined, url: string) =>
  t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

async function people(n: number, region: string, created: string) {
  const vs = await bulkVolunteers(t.handle.db, n, t.clock.now());
  await t.handle.db
    .updateTable('volunteers')
    .set({ region_code: region, created_at: created, verified_at: created })
    .where(
      'id',
      'in',
      vs.map((v) => v.volunteerId),
    )
    .execute();
  return vs;
}

/**
 * Runs the rollup consumer until it has applied every event. An empty read is not the end on PostgreSQL:
 * events of transactions newer than one still running anywhere in the cluster (another test file's) become
 * readable only once it ends.
 */
async function rollUpAll() {
  const deadline = Date.now() + 180_000;
  for (;;) {
    await runRollups(ctx());
    const r = await sql<{ events: number; applied: number | null }>`
      SELECT (SELECT count(*)::int FROM record_events) AS events,
             (SELECT applied::int FROM record_event_consumers WHERE name = 'statistics.rollup') AS applied`.execute(
      t.handle.db,
    );
    if (r.rows[0]!.applied === r.rows[0]!.events) return;
    if (Date.now() > deadline) throw new Error('record events did not become readable within 180 s');
    await new Promise((res) => setTimeout(res, 100));
  }
}

let seq = 0;
/** A pending entry (back-fill, or import of a job) the organizer made; decided by the second admin. */
async function entry(
  v: V,
  minutes: number,
  day: string,
  opts: { activity?: boolean; due?: string; job?: string } = {},
) {
  const r = await t.handle.db
    .insertInto('service_records')
    .values({
      kind: opts.job ? 'import' : 'backfill',
      volunteer_id: v.volunteerId,
      org_id: org.orgId,
      activity_id: opts.activity ? activityId : null,
      service_date: day,
      activity_title: `统计测试 ${++seq}`,
      place: '南山',
      content: '值守',
      person_in_charge: '李',
      minutes,
      reason: '台账补录',
      status: 'pending',
      created_by: org.userId,
      due_date: opts.due ?? null,
      import_job_id: opts.job ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

async function decide(id: string, decision: 'approve' | 'reject') {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/records/${id}/decision`,
    headers: { cookie: decider.cookie },
    payload: { decision, ...(decision === 'reject' ? { reason: '与签到表不符' } : {}) },
  });
  assert.equal(res.statusCode, 200, res.body);
}

async function importJob(rows: { v: V; minutes: number; day: string }[]) {
  const job = await t.handle.db
    .insertInto('import_jobs')
    .values({
      kind: 'records',
      org_id: org.orgId,
      file_sha256: 'x',
      status: 'done',
      created_by: org.userId,
      reason: '台账补录',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const r of rows) await entry(r.v, r.minutes, r.day, { job: job.id });
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/imports/${job.id}/decision`,
    headers: { cookie: decider.cookie },
    payload: { decision: 'approve' },
  });
  assert.equal(res.statusCode, 200, res.body);
}

async function correct(v: V, recordId: string, minutes: number) {
  const ask = await t.app.inject({
    method: 'POST',
    url: `/api/me/records/${recordId}/correction`,
    headers: { cookie: v.cookie },
    payload: { minutes, reason: '签退时间记错了' },
  });
  assert.equal(ask.statusCode, 200, ask.body);
  await decide(ask.json().id, 'approve');
}

async function overview(cookie: string, region: string, level: number, from: string, to: string) {
  return get(cookie, `/api/statistics/overview?region=${region}&level=${level}&from=${from}&to=${to}`);
}
const value = (o: { figures: Record<string, { value: number | null }> }, k: string) => o.figures[k]!.value;

before(async () => {
  t = await startTestApp({ env: { SESSION_IDLE_MINUTES: '100000', SESSION_ABSOLUTE_HOURS: '10000' } });
  org = await createOrganizer(t);
  const second = await createUser(t, 'stats.decider', { role: 'org_admin', orgId: org.orgId });
  decider = { id: second.id, cookie: await signIn(t, second) };
  activityId = (await createActivity(t, org)).activityId;
  const child = async (code: string) =>
    (
      await t.handle.db
        .selectFrom('regions')
        .select('code')
        .where('parent_code', '=', code)
        .orderBy('code')
        .execute()
    ).map((r) => r.code);
  [S1, S2] = (await child(NANSHAN)) as [string, string];
  C1 = (await child(S1))[0]!;
  C2 = (await child(S2))[0]!;
  admin = await signIn(t, await createUser(t, 'stats.nanshan', { role: 'region_admin', region: NANSHAN }));
  futianAdmin = await signIn(
    t,
    await createUser(t, 'stats.futian', { role: 'region_admin', region: FUTIAN }),
  );
  streetAdmin = await signIn(t, await createUser(t, 'stats.street', { role: 'region_admin', region: S1 }));
  A = await people(12, C1, '2026-01-10T04:00:00Z');
  B = await people(8, C2, '2026-02-10T04:00:00Z');
  F = await people(3, '440304001000', '2026-01-10T04:00:00Z');
  // Four of A not verified; one of B closed its account in February.
  await t.handle.db
    .updateTable('volunteers')
    .set({ verification_status: 'unverified', verified_at: null })
    .where(
      'id',
      'in',
      A.slice(8).map((v) => v.volunteerId),
    )
    .execute();
  await t.handle.db
    .updateTable('volunteers')
    .set({ status: 'closed', closed_at: '2026-02-20T04:00:00Z' })
    .where('id', '=', B[7]!.volunteerId)
    .execute();
});
after(() => t?.close());

describe('statistics figures on a known population', () => {
  let a1Jan: string;
  before(async () => {
    // January: A0–A5 serve 2 h each in the activity (category environment); A0 once more, 1 h, no activity.
    const jan: string[] = [];
    for (let i = 0; i < 6; i++)
      jan.push(
        await entry(A[i]!, 120, '2026-01-15', {
          activity: true,
          ...(i === 3 ? { due: '2099-01-01' } : i === 4 ? { due: '2026-01-25' } : {}),
        }),
      );
    jan.push(await entry(A[0]!, 60, '2026-01-20'));
    // 福田's F0 serves for the 南山 organization: counts in 福田 (where F0 lives) and in the organization.
    jan.push(await entry(F[0]!, 60, '2026-01-15'));
    for (const id of jan) await decide(id, 'approve');
    a1Jan = jan[1]!;
    // A1 corrects their 2 h to 3 h.
    await correct(A[1]!, a1Jan, 180);
    // February: B0, B1 1.5 h; A6 rejected; A2 45 min by an hours import.
    for (const v of [B[0]!, B[1]!]) await decide(await entry(v, 90, '2026-02-05'), 'approve');
    await decide(await entry(A[6]!, 30, '2026-02-05'), 'reject');
    await importJob([{ v: A[2]!, minutes: 45, day: '2026-02-10' }]);
    // 常住人口 of 南山 (2026) and of community C1 (2025), entered by the district admin.
    const pop = await t.app.inject({
      method: 'POST',
      url: '/api/statistics/population',
      headers: { cookie: admin },
      payload: {
        entries: [
          { code: NANSHAN, level: 3, year: 2026, population: 1000, source: '测试数据' },
          { code: C1, level: 5, year: 2025, population: 100, source: '测试数据' },
        ],
      },
    });
    assert.equal(pop.statusCode, 200, pop.body);
    // The jobs: rollups of the record events and the refresh of the other counts.
    t.clock.advance(3600_000);
    await t.app.jobs.tick();
    await rollUpAll();
    await refreshCounts(ctx());
  });

  it('a month: every figure of 南山 in January 2026', async () => {
    const res = await overview(admin, NANSHAN, 3, '2026-01-01', '2026-01-31');
    assert.equal(res.statusCode, 200, res.body);
    const o = res.json();
    assert.equal(o.unit.name, '南山区');
    assert.deepEqual(o.period, { from: '2026-01-01', to: '2026-01-31', months: 1 });
    assert.deepEqual(o.previousPeriod, { from: '2025-12-01', to: '2025-12-31', months: 1 });
    const f = o.figures;
    assert.deepEqual(f.registered, { value: 12, previous: 0 });
    assert.deepEqual(f.newRegistered, { value: 12, previous: 0 });
    assert.equal(value(o, 'verifiedShare'), 8 / 12);
    assert.deepEqual(f.growth, { value: null, previous: null, unavailable: 'no_base' });
    assert.equal(value(o, 'population'), 1000);
    assert.equal(value(o, 'coverage'), 12 / 1000);
    assert.deepEqual(f.active, { value: 6, previous: 0 });
    assert.equal(value(o, 'activeShare'), 0.5);
    // 6 × 2 h + 1 h + 1 h (the correction), in hours.
    assert.deepEqual(f.hours, { value: 14, previous: 0 });
    assert.equal(value(o, 'hoursPerRegisteredYear'), 14);
    assert.equal(value(o, 'hoursPerActiveYear'), 28);
    assert.deepEqual(f.recordsOnTime, { value: 1, previous: 0 });
    assert.deepEqual(f.recordsOverdue, { value: 1, previous: 0 });
    assert.equal(value(o, 'activeTeams'), 1);
    for (const k of [
      'satisfaction',
      'ordersReceived',
      'civicReportsFiled',
      'rectificationRate',
      'starDistribution',
    ])
      assert.deepEqual(f[k], { value: null, previous: null, unavailable: 'not_yet_collected' }, k);
    assert.deepEqual(o.categories, [
      { category: 'environment', hours: 13, records: 6 },
      { category: 'none', hours: 1, records: 1 },
    ]);
    // The ranking: S1 (where C1 is) first, with its figures.
    const s1 = o.children[0];
    assert.equal(s1.code, S1);
    assert.equal(s1.registered, 12);
    assert.equal(s1.active, 6);
    assert.equal(s1.hours, 14);
    assert.ok(o.children.some((c: { code: string }) => c.code === S2));
    assert.equal(o.children.find((c: { code: string }) => c.code === S2).registered, 0);
    const jan = o.trend.find((p: { month: string }) => p.month === '2026-01');
    assert.deepEqual(jan, {
      month: '2026-01',
      registered: 12,
      newRegistered: 12,
      active: 6,
      hours: 14,
      activitiesHeld: 0,
    });
    assert.equal(o.trend.length, 12);
    const book = await get(
      admin,
      `/api/statistics/overview.xlsx?region=${NANSHAN}&level=3&from=2026-01-01&to=2026-01-31`,
    );
    assert.equal(book.statusCode, 200);
    assert.equal(book.rawPayload.subarray(0, 2).toString(), 'PK');
    assert.equal(o.lag.recordEventsSeconds, 0);
    assert.equal(o.lag.refreshSeconds, 0);
  });

  it('February, the year and a quarter: changes, distinct active volunteers, and no active for a quarter', async () => {
    const feb = (await overview(admin, NANSHAN, 3, '2026-02-01', '2026-02-28')).json();
    assert.deepEqual(feb.figures.registered, { value: 19, previous: 12 });
    assert.deepEqual(feb.figures.newRegistered, { value: 8, previous: 12 });
    assert.deepEqual(feb.figures.active, { value: 3, previous: 6 });
    assert.deepEqual(feb.figures.hours, { value: 3.75, previous: 14 });
    const year = (await overview(admin, NANSHAN, 3, '2026-01-01', '2026-12-31')).json();
    assert.equal(value(year, 'registered'), 19);
    // A0–A5, B0, B1 (A2 served in both months: once).
    assert.equal(value(year, 'active'), 8);
    assert.equal(value(year, 'hours'), 17.75);
    assert.equal(value(year, 'hoursPerActiveYear'), 17.75 / 8);
    const q = (await overview(admin, NANSHAN, 3, '2026-01-01', '2026-03-31')).json();
    assert.deepEqual(q.figures.active, { value: null, previous: null, unavailable: 'not_for_period' });
    assert.equal(value(q, 'hours'), 17.75);
    // The community with population: coverage of C1.
    const c1 = (await overview(admin, C1, 5, '2026-01-01', '2026-01-31')).json();
    assert.equal(value(c1, 'coverage'), 12 / 100);
    assert.deepEqual(c1.children, []);
  });

  it('an organization’s overview: its own records wherever its volunteers live', async () => {
    const res = await get(
      org.cookie,
      `/api/statistics/organizations/${org.orgId}/overview?from=2026-01-01&to=2026-01-31`,
    );
    assert.equal(res.statusCode, 200, res.body);
    const o = res.json();
    assert.equal(value(o, 'hours'), 15);
    assert.equal(value(o, 'active'), 7);
    assert.deepEqual(o.figures.coverage, { value: null, previous: null, unavailable: 'not_for_unit' });
    // The district admin above it sees it too; 福田's does not (404 as for an unknown id).
    assert.equal(
      (await get(admin, `/api/statistics/organizations/${org.orgId}/overview?from=2026-01-01&to=2026-01-31`))
        .statusCode,
      200,
    );
    assert.equal(
      (
        await get(
          futianAdmin,
          `/api/statistics/organizations/${org.orgId}/overview?from=2026-01-01&to=2026-01-31`,
        )
      ).statusCode,
      404,
    );
  });

  it('scope: a district admin sees its subtree only, a street admin its street', async () => {
    assert.equal((await overview(futianAdmin, NANSHAN, 3, '2026-01-01', '2026-01-31')).statusCode, 403);
    const fut = (await overview(futianAdmin, FUTIAN, 3, '2026-01-01', '2026-01-31')).json();
    assert.equal(value(fut, 'hours'), 1);
    assert.equal(value(fut, 'registered'), 3);
    assert.ok(!JSON.stringify(fut).includes(S1));
    assert.equal((await overview(streetAdmin, NANSHAN, 3, '2026-01-01', '2026-01-31')).statusCode, 403);
    assert.equal(
      (await overview(streetAdmin, '440300000000', 2, '2026-01-01', '2026-01-31')).statusCode,
      403,
    );
    const s1 = await overview(streetAdmin, S1, 4, '2026-01-01', '2026-01-31');
    assert.equal(s1.statusCode, 200);
    assert.equal(value(s1.json(), 'registered'), 12);
    // The street's code at a higher level is no region: not a way around the scope.
    assert.equal((await overview(streetAdmin, S1, 3, '2026-01-01', '2026-01-31')).statusCode, 404);
    assert.equal((await overview(streetAdmin, S1, 1, '2026-01-01', '2026-01-31')).statusCode, 404);
  });

  it('refuses a period that is not whole months, with a message', async () => {
    for (const [from, to] of [
      ['2026-01-02', '2026-01-31'],
      ['2026-01-01', '2026-01-30'],
      ['2026-03-01', '2026-01-31'],
      ['2020-01-01', '2026-12-31'],
    ]) {
      const res = await overview(admin, NANSHAN, 3, from!, to!);
      assert.equal(res.statusCode, 400, `${from} ${to}`);
      assert.equal(res.json().error.code, 'STATISTICS_PERIOD_INVALID');
    }
    assert.equal((await overview(admin, NANSHAN, 3, '2026-13-01', '2026-13-31')).statusCode, 400);
  });

  it('the public figures: no personal data, suppressed below 10 volunteers', async () => {
    const res = await get(undefined, `/api/public/figures?region=${C1}`);
    assert.equal(res.statusCode, 200, res.body);
    const p = res.json();
    const registered = Number(
      (
        await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM volunteers WHERE status = 'active' AND region_code LIKE '4403%'`.execute(
          t.handle.db,
        )
      ).rows[0]!.n,
    );
    assert.equal(p.city.code, '440300000000');
    assert.equal(p.city.registered, registered);
    assert.equal(p.city.suppressed, false);
    assert.equal(p.city.year, 2026);
    assert.equal(p.city.hours, 18.8); // 18.75 h, one decimal on the public page
    assert.equal(p.city.active, 9);
    assert.equal(p.province.name, '广东省');
    assert.ok(!res.body.includes('批量'), 'no names');
    const other = (await get(undefined, '/api/public/figures?region=110101000000')).json();
    assert.equal(other.province.suppressed, true);
    assert.equal(other.province.registered, null);
    assert.equal(other.city.hours, null);
  });

  it('population: listed with children, refused outside the scope, audited', async () => {
    const list = (await get(admin, `/api/statistics/population?region=${NANSHAN}&level=3`)).json();
    assert.deepEqual(
      list.items.map((r: { code: string; year: number; population: number }) => [
        r.code,
        r.year,
        r.population,
      ]),
      [[NANSHAN, 2026, 1000]],
    );
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/statistics/population',
      headers: { cookie: admin },
      payload: { entries: [{ code: FUTIAN, level: 3, year: 2026, population: 5, source: 'x' }] },
    });
    assert.equal(out.statusCode, 403);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/statistics/population',
      headers: { cookie: admin },
      payload: { entries: [{ code: NANSHAN, level: 4, year: 2026, population: 5, source: 'x' }] },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'POPULATION_REGION_LEVEL');
    const audited = await t.handle.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'statistics.population')
      .execute();
    assert.equal(audited.length, 2);
  });
});

describe('rollups equal a full recount', () => {
  it('after random confirmations, rejections, corrections and imports', async () => {
    let rnd = 42;
    const random = () => (rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
    const everyone = [...A, ...B.slice(0, 7), ...F];
    const days = ['2026-03-03', '2026-03-17', '2026-04-08', '2025-12-30', '2026-01-31'];
    const confirmed: { v: V; id: string }[] = [];
    for (let i = 0; i < 60; i++) {
      const v = pick(everyone);
      const r = random();
      if (r < 0.6) {
        const id = await entry(v, 15 + Math.floor(random() * 200), pick(days), {
          activity: random() < 0.5,
          ...(random() < 0.3 ? { due: pick(['2026-01-01', '2099-01-01']) } : {}),
        });
        await decide(id, 'approve');
        confirmed.push({ v, id });
      } else if (r < 0.7) {
        await decide(await entry(v, 30, pick(days)), 'reject');
      } else if (r < 0.85 && confirmed.length > 0) {
        const c = confirmed.splice(Math.floor(random() * confirmed.length), 1)[0]!;
        await correct(c.v, c.id, Math.floor(random() * 100));
      } else {
        await importJob([
          { v, minutes: 60, day: pick(days) },
          { v: pick(everyone), minutes: 20, day: pick(days) },
        ]);
      }
      // Apply the events now and then, mid-way, as the job would.
      if (i % 17 === 0) await runRollups(ctx());
    }
    await rollUpAll();

    const rolled = await sql<{
      unit: string;
      period: string;
      minutes: number;
      records: number;
      active: number;
      active_orgs: number;
      on_time: number;
      overdue: number;
    }>`
      SELECT unit, period, minutes::int AS minutes, records, active, active_orgs, on_time, overdue
        FROM stat_unit_periods
       WHERE minutes <> 0 OR records <> 0 OR active <> 0 OR active_orgs <> 0 OR on_time <> 0 OR overdue <> 0
       ORDER BY unit, period`.execute(t.handle.db);
    // The recount from the records themselves: by residence prefix at each level, and by organization.
    const recount = await sql<(typeof rolled.rows)[number]>`
      WITH lv(n) AS (VALUES (2), (4), (6), (9), (12)),
      r AS (
        SELECT r.*, v.region_code AS home, o.region_code AS org_region,
               p.period,
               to_char(r.decided_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS decided_day
          FROM service_records r
          JOIN volunteers v ON v.id = r.volunteer_id
          JOIN organizations o ON o.id = r.org_id
          CROSS JOIN LATERAL (VALUES (to_char(r.service_date, 'YYYY-MM')), (to_char(r.service_date, 'YYYY'))) p(period)
         WHERE r.status IN ('confirmed', 'superseded')
      ),
      counted AS (SELECT * FROM r WHERE status = 'confirmed'),
      units AS (
        SELECT left(home, n) AS unit, period, volunteer_id, org_id, minutes, 1 AS rec, NULL::text AS org_unit
          FROM counted CROSS JOIN lv
        UNION ALL
        SELECT 'o:' || org_id, period, volunteer_id, org_id, minutes, 1, NULL FROM counted
      ),
      deadlines AS (
        SELECT left(home, n) AS unit, period, decided_day <= due_date::text AS ok FROM r CROSS JOIN lv WHERE due_date IS NOT NULL
        UNION ALL
        SELECT 'o:' || org_id, period, decided_day <= due_date::text FROM r WHERE due_date IS NOT NULL
      ),
      teams AS (
        SELECT left(org_region, n) AS unit, period, count(DISTINCT org_id)::int AS active_orgs FROM counted CROSS JOIN lv GROUP BY 1, 2
      ),
      base AS (
        SELECT unit, period, sum(minutes)::int AS minutes, count(*)::int AS records, count(DISTINCT volunteer_id)::int AS active
          FROM units GROUP BY 1, 2
      ),
      dl AS (
        SELECT unit, period, count(*) FILTER (WHERE ok)::int AS on_time, count(*) FILTER (WHERE NOT ok)::int AS overdue
          FROM deadlines GROUP BY 1, 2
      ),
      keys AS (SELECT unit, period FROM base UNION SELECT unit, period FROM teams UNION SELECT unit, period FROM dl)
      SELECT k.unit, k.period, coalesce(b.minutes, 0) AS minutes, coalesce(b.records, 0) AS records,
             coalesce(b.active, 0) AS active, coalesce(tm.active_orgs, 0) AS active_orgs,
             coalesce(dl.on_time, 0) AS on_time, coalesce(dl.overdue, 0) AS overdue
        FROM keys k
        LEFT JOIN base b USING (unit, period)
        LEFT JOIN teams tm USING (unit, period)
        LEFT JOIN dl USING (unit, period)
       ORDER BY k.unit, k.period`.execute(t.handle.db);

    assert.ok(recount.rows.length > 30, `a population worth checking (${recount.rows.length} rows)`);
    assert.deepEqual(rolled.rows, recount.rows);

    const cats = await sql<{
      unit: string;
      period: string;
      category: string;
      minutes: number;
      records: number;
    }>`
      SELECT unit, period, category, minutes::int AS minutes, records FROM stat_unit_categories
       WHERE records <> 0 OR minutes <> 0 ORDER BY unit, period, category`.execute(t.handle.db);
    const catRecount = await sql<(typeof cats.rows)[number]>`
      WITH lv(n) AS (VALUES (2), (4), (6), (9), (12)),
      c AS (
        SELECT r.*, v.region_code AS home, coalesce(a.category, 'none') AS category, p.period
          FROM service_records r JOIN volunteers v ON v.id = r.volunteer_id
          LEFT JOIN activities a ON a.id = r.activity_id
          CROSS JOIN LATERAL (VALUES (to_char(r.service_date, 'YYYY-MM')), (to_char(r.service_date, 'YYYY'))) p(period)
         WHERE r.status = 'confirmed'
      )
      SELECT unit, period, category, sum(minutes)::int AS minutes, count(*)::int AS records FROM (
        SELECT left(home, n) AS unit, period, category, minutes FROM c CROSS JOIN lv
        UNION ALL SELECT 'o:' || org_id, period, category, minutes FROM c
      ) x GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`.execute(t.handle.db);
    assert.deepEqual(cats.rows, catRecount.rows);
  });
});
