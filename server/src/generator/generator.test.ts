import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { checkDocument } from '@yiqi/shared/identity/documents';
import { openTestDatabase } from '../test/database.ts';
import { TEST_KEY } from '../test/harness.ts';
import type { OpenDatabase } from '../db/database.ts';
import { decrypt } from '../lib/crypto.ts';
import { loadConfig } from '../lib/config.ts';
import { docIndex } from '../modules/volunteers/person.ts';
import { phoneIndex } from '../modules/auth/auth.service.ts';
import { generatePopulation, type GenerateOptions } from './generate.ts';
import {
  Calendar,
  RunState,
  allocate,
  emptyRows,
  generateUnit,
  type Community,
  type Params,
  type Person,
} from './model.ts';
import { communitiesUnder } from './generator.repository.ts';
import { rebuild } from '../modules/statistics/refresh.ts';

/**
 * The population generator on a fresh database (PGlite, and PostgreSQL through COPY with test:pg): a tiny
 * 南山区 population whose totals, events and sign-ups agree with its records, whose ID numbers pass
 * GB 11643 and are unique, whose figures land near the parameters, and which a seed reproduces.
 */

const NOW = new Date('2026-11-22T02:00:00Z');
const config = loadConfig({ YIQI_APP_KEY: TEST_KEY });
const options = (over: Partial<GenerateOptions> = {}): GenerateOptions => ({
  region: '440305',
  volunteers: 200,
  active: 0.75,
  hoursPerYear: 29,
  satisfaction: 0.9,
  years: 1,
  attendanceShare: 0.25,
  seed: 'test',
  now: NOW,
  appKey: config.appKey,
  // Every trigger on, as the app's login loads (the bulk mode of decision 0073: generator.bulk.test.ts).
  bulk: false,
  ...over,
});

let handle: OpenDatabase;
before(async () => {
  handle = await openTestDatabase();
});
after(() => handle.close());

const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(handle.db)).rows[0]!;

describe('population generator', () => {
  it('writes a population whose totals, events and places agree with its records', async () => {
    const s = await generatePopulation(handle, options());
    assert.equal(s.volunteers, 200);
    assert.equal(s.rows.volunteers, 200);
    assert.ok(s.rows.service_records! > 1000, `${s.rows.service_records} records`);
    assert.equal(s.rows.record_events, s.rows.service_records);

    // Totals recounted from the records (the triggers of 0014 checked each row as it was written).
    const off = await one(sql<{ n: string }>`
      SELECT count(*)::text AS n FROM (
        SELECT v.id, coalesce(t.minutes, 0) AS tm, coalesce(t.records, 0) AS tr,
               coalesce((SELECT sum(minutes) FROM service_records r WHERE r.volunteer_id = v.id AND r.status = 'confirmed'), 0) AS rm,
               (SELECT count(*) FROM service_records r WHERE r.volunteer_id = v.id AND r.status = 'confirmed') AS rr,
               coalesce((SELECT sum(minutes_delta) FROM record_events e WHERE e.volunteer_id = v.id), 0) AS em,
               coalesce((SELECT sum(minutes) FROM volunteer_year_totals y WHERE y.volunteer_id = v.id), 0) AS ym
          FROM volunteers v LEFT JOIN volunteer_totals t ON t.volunteer_id = v.id
         WHERE v.registration_consent_evidence = '线下登记表（生成数据）') x
       WHERE tm <> rm OR tr <> rr OR em <> rm OR ym <> rm`);
    assert.equal(off.n, '0');
    const places = await one(sql<{ n: string }>`
      SELECT count(*)::text AS n FROM shifts s
       WHERE s.taken <> (SELECT count(*) FROM signups g WHERE g.shift_id = s.id AND g.status IN ('pending', 'accepted'))
          OR s.taken > s.quota`);
    assert.equal(places.n, '0');
    const regions = await one(sql<{ n: string }>`
      SELECT count(*)::text AS n FROM record_events e JOIN organizations o ON o.id = e.org_id
       WHERE e.region_code <> o.region_code OR e.region_code NOT LIKE '440305%'`);
    assert.equal(regions.n, '0');
  });

  it('gives every volunteer a valid, unique ID number and phone, sealed and indexed as registration does', async () => {
    const rows = await handle.db
      .selectFrom('volunteers')
      .select([
        'doc_number_enc',
        'doc_bidx',
        'phone_enc',
        'phone_bidx',
        'birth_date',
        'gender',
        'volunteer_no',
      ])
      .select(sql<string>`birth_date::text`.as('birth'))
      .where('registration_consent_evidence', '=', '线下登记表（生成数据）')
      .execute();
    assert.equal(rows.length, 200);
    const ids = new Set<string>();
    const phones = new Set<string>();
    const cfg = { config };
    for (const r of rows) {
      const id = decrypt(config.appKey, r.doc_number_enc!);
      const check = checkDocument('mainland_id', id, NOW);
      assert.ok(check.ok, `${id}: ${check.problem}`);
      assert.equal(check.birthDate, r.birth);
      assert.equal(check.gender, r.gender);
      assert.ok(id.startsWith('440305'));
      assert.ok(Buffer.from(r.doc_bidx!).equals(docIndex(cfg, 'mainland_id', id)));
      const phone = decrypt(config.appKey, r.phone_enc!);
      assert.match(phone, /^1[3-9]\d{9}$/);
      assert.ok(Buffer.from(r.phone_bidx!).equals(phoneIndex(cfg, phone)));
      ids.add(id);
      phones.add(phone);
    }
    assert.equal(ids.size, 200);
    assert.equal(phones.size, 200);
  });

  it('lands near the parameters: active share, hours per registered volunteer, March the busiest month', async () => {
    const f = await one(sql<{ active: string; hours: string }>`
      SELECT (count(DISTINCT r.volunteer_id)::float / 200)::text AS active, (sum(r.minutes)::float / 60 / 200)::text AS hours
        FROM service_records r JOIN volunteers v ON v.id = r.volunteer_id
       WHERE v.registration_consent_evidence = '线下登记表（生成数据）'`);
    assert.ok(Math.abs(Number(f.active) - 0.75) <= 0.005, `active share ${f.active}`);
    assert.ok(Math.abs(Number(f.hours) - 29) <= 29 * 0.1, `hours per volunteer ${f.hours}`);
    const months = (
      await sql<{ m: number; h: number }>`
        SELECT extract(month FROM service_date)::int AS m, sum(minutes)::float / 60 AS h
          FROM service_records GROUP BY 1`.execute(handle.db)
    ).rows;
    const march = months.find((x) => x.m === 3)!.h;
    // Full months only (the period's first and last months are cut).
    const others = months.filter((x) => ![3, 11, 12].includes(x.m)).map((x) => x.h);
    assert.ok(march > 1.4 * Math.max(...others), `March ${march} vs ${Math.max(...others)}`);
  });

  it('writes orders and ratings whose satisfaction is the one asked for (0.9), in the statistics too', async () => {
    const r = await one(sql<{ orders: number; ratings: number; good: number; plain: number }>`
      SELECT (SELECT count(*)::int FROM dispatch_orders) AS orders,
             (SELECT count(*)::int FROM dispatch_ratings) AS ratings,
             (SELECT count(*)::int FROM dispatch_ratings WHERE score >= 4) AS good,
             (SELECT count(*)::int FROM dispatch_orders WHERE address_enc LIKE '%区%' OR phone_enc LIKE '1%') AS plain`);
    assert.ok(r.ratings >= 20, `${r.ratings} ratings`);
    assert.ok(r.orders >= r.ratings);
    assert.equal(r.good, Math.round(0.9 * r.ratings));
    assert.equal(r.plain, 0, 'addresses and phones sealed');
    // The statistics' refresh counts them: 南山's satisfaction over the period is the same.
    await rebuild(handle.db, NOW);
    const s = await one(sql<{ good: number; total: number }>`
      SELECT coalesce(sum(value) FILTER (WHERE metric = 'ratings_good'), 0)::int AS good,
             coalesce(sum(value) FILTER (WHERE metric = 'ratings'), 0)::int AS total
        FROM stat_unit_counts WHERE unit = '440305'`);
    assert.deepEqual(s, { good: r.good, total: r.ratings });
    assert.ok(Math.abs(s.good / s.total - 0.9) <= 0.5 / s.total);
  });

  it('runs again with the same seed without writing anything twice', async () => {
    const before = await one(sql<{ n: string }>`SELECT count(*)::text AS n FROM service_records`);
    const s = await generatePopulation(handle, options());
    assert.equal(s.volunteers, 0);
    assert.ok(s.skippedUnits > 0);
    const now = await one(sql<{ n: string }>`SELECT count(*)::text AS n FROM service_records`);
    assert.equal(now.n, before.n);
  });

  it('runs with another seed over the same communities, taking ID numbers nobody holds', async () => {
    // Someone already holds the first ID number seed "other" draws: the run must pass it by.
    const communities = await communitiesUnder(handle.db, '440305');
    const counts = allocate('other', communities, 300);
    const first = counts.findIndex((n) => n > 0);
    const params: Params = { ...options({ seed: 'other' }), seed: 'other', today: '2026-11-22' };
    const people = new Map<string, Person>();
    generateUnit(
      {
        params,
        calendar: new Calendar(params),
        state: new RunState('other', new Set()),
        adminId: 'a',
        now: NOW,
      },
      communities[first]!,
      counts[first]!,
      emptyRows(),
      people,
    );
    const held = [...people.values()][0]!.docNumber;
    await handle.db
      .insertInto('volunteers')
      .values({
        volunteer_no: '44030599999990',
        name: '先登记者',
        region_code: '440305001001',
        doc_type: 'mainland_id',
        doc_bidx: docIndex({ config }, 'mainland_id', held),
        registration_consent_evidence: '线下登记表（生成数据）',
      })
      .execute();
    const s = await generatePopulation(handle, options({ seed: 'other', volunteers: 300 }));
    assert.equal(s.volunteers, 300);
    const ids = (
      await handle.db
        .selectFrom('volunteers')
        .select('doc_number_enc')
        .where('registration_consent_evidence', '=', '线下登记表（生成数据）')
        .execute()
    )
      .filter((r) => r.doc_number_enc !== null)
      .map((r) => decrypt(config.appKey, r.doc_number_enc!));
    assert.equal(ids.length, 500);
    assert.equal(new Set([...ids, held]).size, 501);
    for (const id of ids) assert.ok(checkDocument('mainland_id', id, NOW).ok, id);
  });

  it('draws the same rows for the same seed, and others for another seed', () => {
    const c: Community = {
      code: '440305001001',
      name: '南头城社区居委会',
      street: { code: '440305001000', name: '南头街道' },
      district: { code: '440305000000', name: '南山区' },
    };
    const draw = (seed: string) => {
      const params: Params = { ...options(), seed, today: '2026-11-22' };
      const rows = emptyRows();
      const people = new Map();
      generateUnit(
        {
          params,
          calendar: new Calendar(params),
          state: new RunState(seed, new Set()),
          adminId: 'a',
          now: NOW,
        },
        c,
        50,
        rows,
        people,
      );
      return { rows, people: [...people] };
    };
    const a = draw('x');
    assert.deepEqual(draw('x'), a);
    assert.notDeepEqual(draw('y').rows.volunteers, a.rows.volunteers);
  });
});
