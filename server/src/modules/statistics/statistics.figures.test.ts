import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import {
  A,
  C1,
  FUTIAN,
  NANSHAN,
  S1,
  S2,
  activityId,
  admin,
  futianAdmin,
  ctx,
  get,
  org,
  overview,
  serveKnownHours,
  setupPopulation,
  t,
  value,
} from './statistics.testkit.ts';
import { refreshCounts } from './refresh.ts';
import { insertOrganization } from '../memberships/memberships.testkit.ts';
import { addItem, call, placeOrder, workOrder, world } from '../dispatch/dispatch.testkit.ts';
import { insertCase } from '../civic/civic.testkit.ts';

/**
 * The figures through HTTP on a known population (statistics.testkit.ts): every figure of
 * docs/statistics.md checked exactly for a month, a year, a quarter, an organization; the public page's
 * suppression; population entry; orders, ratings and civic reports.
 */
before(async () => {
  await setupPopulation();
});
after(() => t?.close());

describe('statistics figures on a known population', () => {
  before(serveKnownHours);

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

describe('the printable monthly report', () => {
  it('a PDF of 南山’s January 2026 with its figures, and of the organization', async () => {
    const res = await get(
      admin,
      `/api/statistics/overview.pdf?region=${NANSHAN}&level=3&from=2026-01-01&to=2026-01-31`,
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const text = spawnSync('pdftotext', ['-layout', '-', '-'], { input: res.rawPayload }).stdout.toString();
    const line = (name: string) =>
      text
        .split('\n')
        .find((l) => l.trim().startsWith(name))
        ?.trim()
        .split(/\s{2,}/);
    assert.match(text, /志愿服务统计月报/);
    assert.match(text, /南山区/);
    assert.match(text, /2026-01-01 – 2026-01-31/);
    // The same figures as the overview (statistics on the known population): value, then previous.
    assert.deepEqual(line('注册志愿者'), ['注册志愿者', '12', '0']);
    assert.deepEqual(line('活跃志愿者'), ['活跃志愿者', '6', '0']);
    assert.deepEqual(line('服务时长（小时）'), ['服务时长（小时）', '14', '0']);
    assert.deepEqual(line('活跃率'), ['活跃率', '50.0%', '—']);
    assert.deepEqual(line('注册率'), ['注册率', '1.2%', '0.0%']); // 0 of 1,000 in December
    assert.deepEqual(line('群众满意度'), ['群众满意度', '尚未采集', '—']);
    assert.match(text, /下级区划排名/);
    // Another district's report is refused; an organization's is its own.
    assert.equal(
      (
        await get(
          futianAdmin,
          `/api/statistics/overview.pdf?region=${NANSHAN}&level=3&from=2026-01-01&to=2026-01-31`,
        )
      ).statusCode,
      403,
    );
    const mine = await get(
      org.cookie,
      `/api/statistics/organizations/${org.orgId}/overview.pdf?from=2026-01-01&to=2026-01-31`,
    );
    assert.equal(mine.statusCode, 200);
    const orgText = spawnSync('pdftotext', ['-layout', '-', '-'], {
      input: mine.rawPayload,
    }).stdout.toString();
    assert.match(orgText, /服务时长（小时）\s+15\s/);
  });
});

describe('breakdowns by gender and age band', () => {
  it('registered volunteers of 南山 at the end of January 2026 by gender and age band', async () => {
    const db = t.handle.db;
    const set = async (vs: typeof A, values: { gender?: 'male' | 'female'; birth_date?: string }) =>
      db
        .updateTable('volunteers')
        .set(values)
        .where(
          'id',
          'in',
          vs.map((v) => v.volunteerId),
        )
        .execute();
    // A: born 1990 (36 in 2026), gender not recorded; then four women, two men, one minor, one of 66.
    await set(A.slice(0, 4), { gender: 'female' });
    await set(A.slice(4, 6), { gender: 'male' });
    await set([A[6]!], { birth_date: '2010-03-01' });
    await set([A[7]!], { birth_date: '1960-01-01' });
    await refreshCounts(ctx());
    const o = (await overview(admin, NANSHAN, 3, '2026-01-01', '2026-01-31')).json();
    assert.deepEqual(o.genders, [
      { gender: 'female', registered: 4 },
      { gender: 'male', registered: 2 },
      { gender: 'unknown', registered: 6 },
    ]);
    assert.deepEqual(o.ageBands, [
      { band: 'under18', registered: 1 },
      { band: '18-34', registered: 0 },
      { band: '35-59', registered: 10 },
      { band: '60+', registered: 1 },
      { band: 'unknown', registered: 0 },
    ]);
    // The age band follows the period's end year: the minor is 18 in 2028.
    const later = (await overview(admin, NANSHAN, 3, '2028-01-01', '2028-01-31')).json();
    assert.deepEqual(
      later.ageBands.slice(0, 2).map((b: { registered: number }) => b.registered),
      [0, 1],
    );
  });
});

describe('orders, ratings and civic reports', () => {
  it('received, dispatched, completed, completion rate, satisfaction and rectification of 南山 in the month', async () => {
    const w = await world(t);
    const HOUR = 3600_000;
    const item = await addItem(t, w.postB, w.streetB, [w.teamB.orgId]);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await placeOrder(t, w.resident, item, w.communityB));
    const ok = async (p: Promise<{ statusCode: number; body: string }>) => {
      const r = await p;
      assert.equal(r.statusCode, 200, r.body);
    };
    await ok(call(t, w.postB, 'POST', `/api/dispatch/orders/${ids[0]}/reject`, { reason: '重复' }));
    // Three served and rated 5, 4 and 2: satisfaction 2 ÷ 3; one still waits for review.
    for (const [i, score] of [
      [1, 5],
      [2, 4],
      [3, 2],
    ] as const) {
      const id = ids[i]!;
      t.clock.advance(HOUR);
      await ok(call(t, w.postB, 'POST', `/api/dispatch/orders/${id}/work-order`, workOrder(t)));
      await ok(
        call(t, w.postB, 'POST', `/api/dispatch/orders/${id}/dispatch`, { to: 'team', orgId: w.teamB.orgId }),
      );
      await ok(call(t, w.teamB, 'POST', `/api/dispatch/team-orders/${id}/accept`));
      await ok(call(t, w.teamB, 'POST', `/api/dispatch/team-orders/${id}/complete`, { report: '完成' }));
      await ok(call(t, w.resident, 'POST', `/api/me/dispatch-orders/${id}/rating`, { score }));
    }
    // Civic reports in C1: four filed, three handled; two rated 4 (rectified), one 1 (reopened).
    const cases = [];
    for (let i = 0; i < 4; i++)
      cases.push(await insertCase(t, { reporterId: w.resident.userId, region: C1, handled: i < 3 }));
    for (const [i, rating] of [
      [0, 4],
      [1, 4],
      [2, 1],
    ] as const)
      await ok(call(t, w.resident, 'POST', `/api/me/civic/reports/${cases[i]!.id}/rating`, { rating }));
    // The refresh job's incremental run (the first run was the population's) picks them up.
    const run = await refreshCounts(ctx());
    assert.equal(run.full, false);
    assert.ok(run.regions > 0 && run.orgs > 0);

    const month = t.clock.now().toISOString().slice(0, 7);
    const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
    const [from, to] = [`${month}-01`, `${month}-${last}`];
    const o = (await overview(admin, NANSHAN, 3, from, to)).json();
    const f = o.figures;
    assert.deepEqual(f.ordersReceived, { value: 5, previous: 0 });
    assert.deepEqual(f.ordersDispatched, { value: 3, previous: 0 });
    assert.deepEqual(f.ordersCompleted, { value: 3, previous: 0 });
    assert.deepEqual(f.completionRate, { value: 3 / 4, previous: null }); // 3 ÷ (5 − 1 rejected)
    assert.deepEqual(f.satisfaction, { value: 2 / 3, previous: null });
    assert.deepEqual(f.civicReportsFiled, { value: 4, previous: 0 });
    assert.deepEqual(f.civicReportsRectified, { value: 2, previous: 0 });
    assert.deepEqual(f.rectificationRate, { value: 0.5, previous: null });
    // A month before any: not yet collected (nothing was); 福田 never had any either.
    const jan = (await overview(admin, NANSHAN, 3, '2026-01-01', '2026-01-31')).json();
    assert.deepEqual(jan.figures.satisfaction, {
      value: null,
      previous: null,
      unavailable: 'not_yet_collected',
    });
    const fut = (await overview(futianAdmin, FUTIAN, 3, from, to)).json();
    for (const k of ['ordersReceived', 'satisfaction', 'civicReportsFiled', 'rectificationRate'])
      assert.equal(fut.figures[k].unavailable, 'not_yet_collected', k);
    // The street of the orders, and the team that served them (its own unit).
    const street = (await overview(admin, w.streetB, 4, from, to)).json();
    assert.equal(value(street, 'ordersReceived'), 5);
    assert.equal(street.figures.civicReportsFiled.unavailable, 'not_yet_collected'); // C1 is in the other street
    const team = (
      await get(
        w.teamB.cookie,
        `/api/statistics/organizations/${w.teamB.orgId}/overview?from=${from}&to=${to}`,
      )
    ).json();
    assert.equal(value(team, 'ordersCompleted'), 3);
    assert.equal(value(team, 'satisfaction'), 2 / 3);
  });
});

describe('the child ranking', () => {
  // Last in the file: it adds an organization and moves the activity to a community of S1.
  before(async () => {
    const id = await insertOrganization(t, '排名测试志愿服务队', C1);
    await t.handle.db
      .updateTable('organizations')
      .set({ created_at: '2026-01-05T04:00:00Z' })
      .where('id', '=', id)
      .execute();
    await t.handle.db
      .updateTable('activities')
      .set({ region_code: C1 })
      .where('id', '=', activityId)
      .execute();
    await refreshCounts(ctx());
  });

  // The ranking reads running sums (stat_unit_running, decision 0064), a child's own overview its counts
  // month by month: two paths that must agree, at the end of every period and within it.
  it('the ranking: each child’s registered, organizations and activities equal its own overview’s', async () => {
    const first = await t.handle.db
      .selectFrom('activities')
      .select(sql<string>`to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`.as('month'))
      .where('id', '=', activityId)
      .executeTakeFirstOrThrow();
    const end = (m: string) =>
      new Date(Date.UTC(+m.slice(0, 4), +m.slice(5, 7), 0)).toISOString().slice(0, 10);
    const periods: [string, string][] = [
      ['2026-01-01', '2026-01-31'],
      ['2026-02-01', '2026-02-28'],
      ['2025-12-01', '2025-12-31'],
      ['2026-01-01', '2026-03-31'],
      ['2026-01-01', '2026-12-31'],
      [`${first.month}-01`, end(first.month)],
    ];
    const seen = { registered: new Set<number>(), organizations: 0, activities: 0 };
    for (const [from, to] of periods) {
      for (const [code, level] of [
        [NANSHAN, 3],
        [S1, 4],
      ] as const) {
        const o = (await overview(admin, code, level, from, to)).json();
        assert.ok(o.children.length > 1, `${code} has children`);
        for (const c of o.children) {
          const own = (await overview(admin, c.code, c.level, from, to)).json();
          const at = `${c.code} ${from}…${to}`;
          assert.equal(c.registered, value(own, 'registered'), `registered of ${at}`);
          assert.equal(
            c.organizations,
            value(own, 'organizations')! + value(own, 'teams')!,
            `organizations of ${at}`,
          );
          assert.equal(c.activitiesHeld, value(own, 'activitiesHeld'), `activities of ${at}`);
          if (c.code === S1) seen.registered.add(c.registered);
          seen.organizations += c.organizations;
          seen.activities += c.activitiesHeld;
        }
      }
    }
    // Not vacuous: S1's registered differs by period's end (0 in December, 12 in January), and some child
    // has organizations and activities.
    assert.ok(seen.registered.has(0) && seen.registered.has(12), [...seen.registered].join());
    assert.ok(seen.organizations > 0 && seen.activities > 0, JSON.stringify(seen));
  });
});
