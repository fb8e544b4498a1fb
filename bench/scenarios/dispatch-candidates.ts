// Scenario "dispatch-candidates" (issue 13: suggestions for a work order among 1,000,000 volunteers and
// 10,000 teams with skills, coordinates and availability, p95 < 50 ms): fills the volunteers, teams,
// activities and accepted shifts with INSERT … SELECT generate_series, then a 南山区 region admin (password +
// TOTP) asks POST /api/dispatch/suggestions for 20 different needs (a Nanshan community, its point, two
// skills, a category, a two-hour window in the next month) in turn, through the API (autocannon: one
// connection for the latency, then BENCH_CONNECTIONS), and the same SQL through pgbench: the statements of
// each need's request captured from the services (session, grants, the target region, the suggestion's
// own), one \if branch per need, a random need per transaction.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type CompiledQuery } from 'kysely';
import { SERVICE_CATEGORIES } from '@yiqi/shared/categories';
import { loadConfig } from '../../server/src/lib/config.ts';
import { authenticate } from '../../server/src/modules/auth/auth.service.ts';
import { scopeTarget } from '../../server/src/modules/access/targets.ts';
import { suggest } from '../../server/src/modules/suggestions/suggestions.service.ts';
import { SuggestionNeed } from '@yiqi/shared/contracts/suggestions';
import pg from 'pg';
import { openPostgres, type OpenDatabase } from '../../server/src/db/database.ts';
import { prepare } from '../../server/src/prepare.ts';
import {
  runAutocannon,
  runPgbench,
  startApi,
  withBenchDatabase,
  type PhaseResult,
  type Scenario,
} from '../lib.ts';
import { inline, openCapture, writeScript } from '../sql.ts';
import { createStaff, staffSession } from './staff.ts';

const VOLUNTEERS = Number(process.env.BENCH_DISPATCH_VOLUNTEERS ?? 1_000_000);
const TEAMS = Number(process.env.BENCH_DISPATCH_TEAMS ?? 10_000);
/** Two activities per team over the next 30 days, one shift each; 1.2 accepted shifts per volunteer. */
const ACTIVITIES = TEAMS * 2;
const SIGNUPS = Math.round(VOLUNTEERS * 1.2);
const NEEDS = 20;
const GOAL_MS = 50;
const DISTRICT = '440305000000'; // 南山区
/** Shenzhen, roughly: the communities are laid on a grid over it in code order (see `fill`). */
const BOX = { lat0: 22.45, lat1: 22.8, lng0: 113.78, lng1: 114.55 };
const SKILLS = [
  '急救', '驾驶', '心理疏导', '法律咨询', '翻译', '摄影', '电工', '水管维修', '厨艺', '陪护',
  '助老', '支教', '编程', '手语', '理发', '护理', '消防', '应急救援', '文艺表演', '环保宣传',
]; // prettier-ignore

export interface Grid {
  communities: string[];
  width: number;
  cellLat: number;
  cellLng: number;
}

/** The centre of community j: consecutive codes (a street, a district) are neighbours on the grid. */
function centre(g: Grid, j: number) {
  return {
    lat: Math.round((BOX.lat0 + (Math.floor(j / g.width) + 0.5) * g.cellLat) * 1e6) / 1e6,
    lng: Math.round((BOX.lng0 + ((j % g.width) + 0.5) * g.cellLng) * 1e6) / 1e6,
  };
}

export const dispatchCandidates: Scenario = {
  name: 'dispatch-candidates',
  description:
    `dispatch suggestions among ${VOLUNTEERS.toLocaleString('en')} volunteers and ` +
    `${TEAMS.toLocaleString('en')} teams (skills, coordinates, accepted shifts)`,
  run: (o) =>
    benchDatabase(o.adminUrl, async ({ url, handle, kept }) => {
      const db = handle.db;
      const appKey = randomBytes(32);
      const config = loadConfig({ YIQI_APP_KEY: appKey.toString('base64') });
      const communities = (
        await db
          .selectFrom('regions')
          .select('code')
          .where('level', '=', 5)
          .where('code', 'like', '4403%')
          .orderBy('code')
          .execute()
      ).map((r) => r.code);
      const width = Math.ceil(Math.sqrt(communities.length));
      const grid: Grid = {
        communities,
        width,
        cellLat: (BOX.lat1 - BOX.lat0) / Math.ceil(communities.length / width),
        cellLng: (BOX.lng1 - BOX.lng0) / width,
      };
      const t0 = performance.now();
      // A kept database filled by an earlier run: its activities start at the `base` of that run.
      const filledBase = kept ? await keptBase(db) : undefined;
      const base = filledBase ?? new Date(Math.ceil(Date.now() / 3600_000) * 3600_000);
      if (!filledBase) await fill(db, grid, base);
      else await sql`VACUUM (ANALYZE)`.execute(db);
      const fillSeconds = filledBase ? NaN : (performance.now() - t0) / 1000;
      const counts = (
        await sql<{ v: number; located: number; t: number; s: number }>`SELECT
          (SELECT count(*)::int FROM volunteers WHERE verification_status = 'verified') AS v,
          (SELECT count(*)::int FROM volunteers WHERE verification_status = 'verified' AND service_lat IS NOT NULL) AS located,
          (SELECT count(*)::int FROM organizations WHERE status = 'approved') AS t,
          (SELECT count(*)::int FROM signups WHERE status = 'accepted') AS s`.execute(db)
      ).rows[0]!;
      console.log(
        (filledBase
          ? `   kept database, filled before (base ${base.toISOString()}): `
          : `   filled in ${fillSeconds.toFixed(1)} s (with VACUUM ANALYZE): `) +
          `${counts.v} verified volunteers ` +
          `(${counts.located} located), ${counts.t} approved organizations, ${counts.s} accepted shifts`,
      );

      // The needs: communities of 南山区 spread over it, at their grid centre, two skills, one category.
      const nanshan = communities.flatMap((c, j) => (c.startsWith(DISTRICT.slice(0, 6)) ? [j] : []));
      const needs = Array.from({ length: NEEDS }, (_, i) => {
        const j = nanshan[Math.floor((i * nanshan.length) / NEEDS)]!;
        const startsAt = new Date(base.getTime() + ((i * 37) % 700) * 3600_000);
        return {
          regionCode: communities[j]!,
          point: centre(grid, j),
          skills: [SKILLS[i % SKILLS.length]!, SKILLS[(i * 7 + 3) % SKILLS.length]!],
          categories: [SERVICE_CATEGORIES[i % SERVICE_CATEGORIES.length]!],
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 2 * 3600_000).toISOString(),
          limit: 10,
        };
      });

      // A kept database has the staff of earlier runs (their authenticators sealed with other keys).
      const username = kept ? `bench.dispatch.${randomBytes(3).toString('hex')}` : 'bench.dispatch';
      const staff = await createStaff(db, appKey, username, 'region_admin', { region: DISTRICT });
      const api = await startApi(url, { env: { YIQI_APP_KEY: appKey.toString('base64') } });
      const dir = await mkdtemp(join(tmpdir(), 'yiqi-dispatch-'));
      try {
        const cookie = await staffSession(api.origin, staff);
        const probe = await fetch(`${api.origin}/api/dispatch/suggestions`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify(needs[0]),
        });
        if (!probe.ok) throw new Error(`suggestions: ${probe.status} ${await probe.text()}`);
        const sample = (await probe.json()) as {
          teams: { name: string; score: number }[];
          volunteers: { name: string; score: number }[];
          considered: { teams: number; volunteers: number };
        };
        console.log(
          `   need 1: ${sample.considered.volunteers} volunteers and ${sample.considered.teams} teams considered; ` +
            `best volunteer ${sample.volunteers[0]?.score}, best team ${sample.teams[0]?.score}`,
        );

        // Each need's statements, as the API sends them (as the app role).
        const capture = openCapture(url, config);
        const actor = await authenticate(capture.ctx, cookie.slice('yiqi_sid='.length));
        if (!actor) throw new Error('capture: the bench session does not authenticate');
        const perNeed: CompiledQuery[][] = [];
        for (const need of needs) {
          capture.take();
          await authenticate(capture.ctx, cookie.slice('yiqi_sid='.length));
          await scopeTarget(capture.ctx.db, 'region', need.regionCode);
          await suggest({ ...capture.ctx, actor }, SuggestionNeed.parse(need));
          perNeed.push(capture.take());
        }
        await capture.close();
        const script = join(dir, 'suggestions.sql');
        const lines = [
          '-- POST /api/dispatch/suggestions: every statement of one request, captured with Kysely’s log option,',
          '-- one branch per need',
          `\\set k random(1, ${NEEDS})`,
        ];
        perNeed.forEach((qs, i) => {
          lines.push(`${i === 0 ? '\\if' : '\\elif'} :k = ${i + 1}`, ...qs.map((q) => inline(q) + ';'));
        });
        lines.push('\\endif');
        await writeScript(script, lines.join('\n') + '\n');

        // Each statement's planning and execution time (need 1), and the plans of the volunteer queries.
        console.log('\n   statements of need 1 (EXPLAIN ANALYZE: planning + execution ms):');
        const plans: string[] = [];
        for (const q of perNeed[0]!.filter((q) => /^\s*\(?\s*select/i.test(q.sql))) {
          const plan = (
            await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${inline(q)}`).execute(db)
          ).rows.map((r) => r['QUERY PLAN']);
          const time = (what: string) =>
            Number(new RegExp(`${what} Time: ([\\d.]+)`).exec(plan.join('\n'))?.[1]);
          const head = q.sql.replace(/\s+/g, ' ').slice(0, 70);
          console.log(`     ${time('Planning').toFixed(2)} + ${time('Execution').toFixed(2)}  ${head}`);
          if (/<->|UNION ALL|signups s/.test(q.sql))
            plans.push(`\n   ${head}`, ...plan.map((l) => `     ${l.slice(0, 200)}`));
        }
        if (process.env.BENCH_SHOW_PLANS === '1') console.log(plans.join('\n'));

        const results: PhaseResult[] = [];
        for (const connections of [1, o.connections]) {
          let i = 0;
          const http = await runAutocannon({
            origin: api.origin,
            seconds: o.seconds,
            connections,
            requests: [
              {
                method: 'POST',
                path: '/api/dispatch/suggestions',
                headers: { cookie, 'content-type': 'application/json' },
                setupRequest: (req) => ({ ...req, body: JSON.stringify(needs[i++ % NEEDS]) }),
              },
            ],
          });
          const pgbench = await runPgbench({
            databaseUrl: url,
            script,
            seconds: o.seconds,
            clients: connections,
            role: 'yiqi_app',
          });
          const ok = (v: number) => (v < GOAL_MS ? '✓' : '✗');
          results.push({
            scenario: 'dispatch-candidates',
            phase: `${connections}-conn`,
            api: http,
            sql: pgbench,
            ratio: http.reqPerSec / pgbench.tps,
            extra: { volunteers: VOLUNTEERS, teams: TEAMS, fillSeconds, statements: perNeed[0]!.length },
            note:
              `p95 API ${http.p95Ms.toFixed(1)} ms ${ok(http.p95Ms)}, SQL ${pgbench.p95Ms.toFixed(1)} ms ` +
              `${ok(pgbench.p95Ms)} (goal < ${GOAL_MS} ms); API/SQL p95 ${(http.p95Ms / pgbench.p95Ms).toFixed(2)} ×; ` +
              `${perNeed[0]!.length} statements per request`,
          });
        }
        return results;
      } finally {
        await api.stop();
        await rm(dir, { recursive: true, force: true });
      }
    }),
};

/**
 * The bench database: a throwaway one (withBenchDatabase), or with BENCH_DISPATCH_DB=<name> the database of
 * that name, created and filled by the first run and kept afterwards (the fill takes minutes), so a change
 * to the suggestions' SQL can be measured again at once, and the plans looked at with psql. Its migrations
 * are brought up to date on every run; drop it by hand (DROP DATABASE <name>) when done.
 */
async function benchDatabase<T>(
  adminUrl: string,
  fn: (db: { url: string; handle: OpenDatabase; kept: boolean }) => Promise<T>,
): Promise<T> {
  const name = process.env.BENCH_DISPATCH_DB;
  if (!name) return withBenchDatabase(adminUrl, (d) => fn({ ...d, kept: false }));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_DISPATCH_DB: not a plain name: ${name}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.href, { max: 4 });
  try {
    await prepare(handle, { demo: true });
    console.log(`   database ${name} (BENCH_DISPATCH_DB): kept after the run`);
    return await fn({ url: url.href, handle, kept: true });
  } finally {
    await handle.close();
  }
}

/** The `base` of a kept database's fill (activity 1 starts an hour after it), or none when not filled. */
async function keptBase(db: import('../../server/src/db/database.ts').Database) {
  // The accepted shifts are the fill's last statement (volunteer 1 has one): present only when it finished.
  const done = await sql<{ starts_at: Date }>`
    SELECT a.starts_at FROM activities a
    WHERE a.id = md5('a1')::uuid
      AND EXISTS (SELECT 1 FROM signups WHERE volunteer_id = md5('v1')::uuid AND status = 'accepted')`.execute(
    db,
  );
  const first = done.rows[0]?.starts_at;
  return first && new Date(first.getTime() - 3600_000);
}

/**
 * Fills the bench database. Ids are md5 of a tag and the row number, so the later tables can name earlier
 * rows without a join; "random" choices are multiplicative hashes of the row number, so every run is the
 * same. The accepted shifts are written with triggers and foreign-key checks off (session_replication_role
 * = replica: the bench's login is a superuser), which leaves shifts.taken at 0 — the suggestions do not
 * read it.
 */
export async function fill(db: import('../../server/src/db/database.ts').Database, g: Grid, base: Date) {
  const C = g.communities.length;
  const creator = (await db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow()).id;
  const located = (pct: number) => sql`n % 100 < ${pct}`;
  const lat = sql`round((${BOX.lat0} + (c / ${g.width} + ((n::bigint * 7919) % 1000) / 1000.0) * ${g.cellLat})::numeric, 3)::float8`;
  const lng = sql`round((${BOX.lng0} + (c % ${g.width} + ((n::bigint * 104729) % 1000) / 1000.0) * ${g.cellLng})::numeric, 3)::float8`;
  // 90 % real-name verified, 85 % with a service point; 1–3 skills each.
  await sql`INSERT INTO volunteers (id, volunteer_no, name, region_code, doc_bidx, skills, verification_status,
      privacy_notice_version, service_lat, service_lng)
    SELECT md5('v' || n)::uuid, 'D' || lpad(n::text, 13, '0'), '志愿者' || n, (${g.communities}::text[])[1 + c],
      sha256(convert_to('dispatch-doc' || n, 'UTF8')),
      (ARRAY[(${SKILLS}::text[])[1 + n % 20], (${SKILLS}::text[])[1 + (n / 20) % 20],
             (${SKILLS}::text[])[1 + (n / 400) % 20]])[1:1 + n % 3],
      CASE WHEN n % 10 = 0 THEN 'unverified' ELSE 'verified' END, '2026-01',
      CASE WHEN ${located(85)} THEN ${lat} END, CASE WHEN ${located(85)} THEN ${lng} END
    FROM generate_series(1, ${VOLUNTEERS}::int) n, LATERAL (SELECT ((n::bigint * 7919) % ${C})::int AS c) x`.execute(
    db,
  );
  // Teams: 1–2 categories, 80 % with a service point.
  await sql`INSERT INTO organizations (id, name, region_code, categories, status, service_lat, service_lng)
    SELECT md5('o' || n)::uuid, '志愿服务队' || n, (${g.communities}::text[])[1 + c],
      (ARRAY[(${[...SERVICE_CATEGORIES]}::text[])[1 + n % 22], (${[...SERVICE_CATEGORIES]}::text[])[1 + (n / 22) % 22]])[1:1 + n % 2],
      'approved',
      CASE WHEN ${located(80)} THEN ${lat} END, CASE WHEN ${located(80)} THEN ${lng} END
    FROM generate_series(1, ${TEAMS}::int) n, LATERAL (SELECT ((n::bigint * 31) % ${C})::int AS c) x`.execute(
    db,
  );
  // Activity k (one position, one shift) starts (k mod 720) hours after `base`, three hours long.
  const starts = sql`${base}::timestamptz + (k % 720) * interval '1 hour'`;
  await sql`INSERT INTO activities (id, org_id, title, description, category, region_code, address, starts_at, ends_at,
      contact_name, person_in_charge, status, created_by)
    SELECT md5('a' || k)::uuid, o.id, '社区服务' || k, '服务内容', o.categories[1], o.region_code, '服务地点',
      ${starts}, ${starts} + interval '3 hours', '联系人', '负责人', 'published', ${creator}
    FROM generate_series(1, ${ACTIVITIES}::int) k
    JOIN organizations o ON o.id = md5('o' || (1 + k % ${TEAMS}))::uuid`.execute(db);
  await sql`INSERT INTO positions (id, activity_id, name)
    SELECT md5('p' || k)::uuid, md5('a' || k)::uuid, '服务岗' FROM generate_series(1, ${ACTIVITIES}::int) k`.execute(
    db,
  );
  await sql`INSERT INTO shifts (id, position_id, activity_id, starts_at, ends_at, quota)
    SELECT md5('s' || k)::uuid, md5('p' || k)::uuid, md5('a' || k)::uuid, ${starts}, ${starts} + interval '3 hours', 100000
    FROM generate_series(1, ${ACTIVITIES}::int) k`.execute(db);
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await sql`INSERT INTO signups (shift_id, position_id, activity_id, volunteer_id, status, shift_range)
      SELECT md5('s' || k)::uuid, md5('p' || k)::uuid, md5('a' || k)::uuid, md5('v' || (1 + n % ${VOLUNTEERS}))::uuid,
        'accepted', tstzrange(${starts}, ${starts} + interval '3 hours', '[)')
      FROM generate_series(1, ${SIGNUPS}::int) n,
        LATERAL (SELECT 1 + ((n::bigint * 7919 + n / ${VOLUNTEERS}) % ${ACTIVITIES})::int AS k) x`.execute(
      trx,
    );
  });
  // A vacuum as well: a table filled over years has been vacuumed, and the pool's index-only scans need the
  // visibility map (autovacuum would otherwise start on the new rows during the runs).
  await sql`VACUUM (ANALYZE)`.execute(db);
}
