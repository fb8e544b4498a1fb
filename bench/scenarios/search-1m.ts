// Scenario "search-1m": GET /api/volunteers?q=<surname>&region=<district> over 1,000,000 volunteers, as
// that district's region admin (password + TOTP session), through the API (autocannon), and the same SQL
// through pgbench. The statements are captured from the services themselves (Kysely's log option) on the
// bench database, so the pgbench script follows the code; EXPLAIN ANALYZE of the list and count queries
// is printed for the plan at this size.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { idCheckChar } from '@yiqi/shared/identity/documents';
import { loadConfig } from '../../server/src/lib/config.ts';
import { encrypt } from '../../server/src/lib/crypto.ts';
import { authenticate } from '../../server/src/modules/auth/auth.service.ts';
import { listVolunteers } from '../../server/src/modules/volunteers/staff.service.ts';
import {
  runAutocannon,
  runPgbench,
  startApi,
  withBenchDatabase,
  type PhaseResult,
  type Scenario,
} from '../lib.ts';
import { inline, openCapture } from '../sql.ts';
import { createStaff, GIVEN, staffSession, SURNAMES } from './staff.ts';

const VOLUNTEERS = Number(process.env.BENCH_SEARCH_ROWS ?? 1_000_000);
const DISTRICT = '440305000000'; // 南山区
/** Ciphertexts the API can open (sealed with its key), reused across rows: only their size matters here. */
const SEALED = 1000;

export const searchBench: Scenario = {
  name: 'search-1m',
  description: `volunteer search by name prefix in a district, ${VOLUNTEERS.toLocaleString('en')} volunteers`,
  run: (o) =>
    withBenchDatabase(o.adminUrl, async ({ url, handle }) => {
      const db = handle.db;
      const appKey = randomBytes(32);
      const config = loadConfig({ YIQI_APP_KEY: appKey.toString('base64') });
      const communities = (
        await db
          .selectFrom('regions')
          .select('code')
          .where('level', '=', 5)
          .where('code', 'like', '44%')
          .execute()
      ).map((r) => r.code);
      const docs = Array.from({ length: SEALED }, (_, i) => {
        const first17 = `44030519${String(50 + (i % 50)).padStart(2, '0')}0101${String(i).padStart(3, '0')}`;
        return encrypt(appKey, first17 + idCheckChar(first17));
      });
      const phones = Array.from({ length: SEALED }, (_, i) =>
        encrypt(appKey, `139${String(i).padStart(8, '0')}`),
      );

      let t = performance.now();
      // Names: surname + one or two given characters; residence spread over every Guangdong community;
      // registration times over the last ~2 years.
      await sql`INSERT INTO volunteers (volunteer_no, name, gender, birth_date, doc_type, doc_number_enc, doc_bidx,
          phone_enc, phone_bidx, region_code, verification_status, privacy_notice_version, created_at, updated_at)
        SELECT lpad(n::text, 14, '0'),
          (${SURNAMES}::text[])[1 + n % ${SURNAMES.length}] || (${GIVEN}::text[])[1 + (n / 7) % ${GIVEN.length}]
            || CASE WHEN n % 3 = 0 THEN '' ELSE (${GIVEN}::text[])[1 + (n / 11) % ${GIVEN.length}] END,
          CASE WHEN n % 2 = 0 THEN 'female' ELSE 'male' END,
          date '1950-01-01' + (n % 18000),
          'mainland_id',
          (${docs}::text[])[1 + n % ${SEALED}],
          sha256(convert_to('doc' || n, 'UTF8')),
          (${phones}::text[])[1 + n % ${SEALED}],
          sha256(convert_to('phone' || n, 'UTF8')),
          (${communities}::text[])[1 + (n::bigint * 7919) % ${communities.length}],
          (ARRAY['unverified', 'pending', 'verified', 'verified'])[1 + n % 4],
          '2026-01',
          now() - n * interval '63 seconds',
          now() - n * interval '63 seconds'
        FROM generate_series(1, ${VOLUNTEERS}::int) n`.execute(db);
      // Every table: the regions were just loaded too, and the list joins them.
      await sql`ANALYZE`.execute(db);
      const fillSeconds = (performance.now() - t) / 1000;
      const inDistrict = Number(
        (
          await sql<{
            n: number;
          }>`SELECT count(*) AS n FROM volunteers WHERE region_code LIKE '440305%'`.execute(db)
        ).rows[0]!.n,
      );
      console.log(
        `   ${VOLUNTEERS} volunteers in ${fillSeconds.toFixed(1)} s (with ANALYZE); ${inDistrict} in 南山区`,
      );

      const staff = await createStaff(db, appKey, 'bench.ns', 'region_admin', { region: DISTRICT });
      const api = await startApi(url, { env: { YIQI_APP_KEY: appKey.toString('base64') } });
      const dir = await mkdtemp(join(tmpdir(), 'yiqi-search-'));
      try {
        const cookie = await staffSession(api.origin, staff);
        const path = (q: string) => `/api/volunteers?q=${encodeURIComponent(q)}&region=${DISTRICT}`;
        const probe = await fetch(api.origin + path('王'), { headers: { cookie } });
        if (!probe.ok) throw new Error(`search: ${probe.status} ${await probe.text()}`);
        const total = ((await probe.json()) as { total: number }).total;

        // The statements of one request, as the services send them (as the app role, like the API).
        const capture = openCapture(url, config);
        const actor = await authenticate(capture.ctx, cookie.slice('yiqi_sid='.length));
        await listVolunteers({ ...capture.ctx, actor }, { q: '王', region: DISTRICT, page: 1, pageSize: 20 });
        const captured = capture.take();
        await capture.close();
        const pattern = (v: unknown) =>
          v === '王%' ? `(ARRAY[${SURNAMES.map((s) => `'${s}%'`).join(', ')}])[:k]` : undefined;
        const statements = captured.map((q) => inline(q, pattern));
        const script = join(dir, 'search.sql');
        await writeFile(
          script,
          [
            `-- GET ${path('<surname>')}: every statement of one request, captured with Kysely's log option`,
            `\\set k random(1, ${SURNAMES.length})`,
            ...statements.map((s) => s + ';'),
          ].join('\n') + '\n',
        );

        // The plan at this size, for the list (the longest statement) and its count.
        const list = captured.find((q) => /\boffset\b/i.test(q.sql))!;
        const count = captured.find((q) => /count\(\*\)/i.test(q.sql))!;
        for (const q of [list, count]) {
          const plan = await sql
            .raw<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, COSTS OFF) ${inline(q)}`)
            .execute(db);
          console.log(`\n   EXPLAIN ANALYZE ${q === list ? 'list' : 'count'} (q=王):`);
          for (const r of plan.rows) console.log(`     ${r['QUERY PLAN']}`);
        }

        let i = 0;
        const http = await runAutocannon({
          origin: api.origin,
          seconds: o.seconds,
          connections: o.connections,
          requests: [
            {
              method: 'GET',
              headers: { cookie },
              setupRequest: (req) => ({ ...req, path: path(SURNAMES[i++ % SURNAMES.length]!) }),
            },
          ],
        });
        const pgbench = await runPgbench({
          databaseUrl: url,
          script,
          seconds: o.seconds,
          clients: o.connections,
          role: 'yiqi_app',
        });
        const result: PhaseResult = {
          scenario: 'search-1m',
          phase: 'name-in-district',
          api: http,
          sql: pgbench,
          ratio: http.reqPerSec / pgbench.tps,
          extra: {
            volunteers: VOLUNTEERS,
            inDistrict,
            matchesWang: total,
            statements: statements.length,
            fillSeconds,
          },
          note:
            `${inDistrict} of ${VOLUNTEERS} volunteers live in 南山区; q=王 matches ${total}; ` +
            `${statements.length} statements per request (session, grants, region, page, count)`,
        };
        return [result];
      } finally {
        await api.stop();
        await rm(dir, { recursive: true, force: true });
      }
    }),
};
