// The records-totals scenario's data: a check that the server's disk can hold the fill, and the fill itself
// in SQL (volunteers, confirmed records over three years, totals derived from them, sessions).
import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../../server/src/db/database.ts';
import { APP_ROLE, NANSHAN } from './activities.ts';
import { GIVEN, SURNAMES } from './staff.ts';

/** Space a record takes with its share of the indexes, measured (~420 bytes); the check asks for twice that. */
const BYTES_PER_RECORD = 420;

export const label = (n: number) =>
  n >= 1e6 && n % 1e5 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 100 === 0 ? `${n / 1e3}k` : String(n);
export const gb = (bytes: number) =>
  bytes < 1024 ** 3 ? `${(bytes / 1024 ** 2).toFixed(0)} MB` : `${(bytes / 1024 ** 3).toFixed(1)} GB`;

/**
 * Refuses to start a fill the server's disk cannot hold. The data directory is visible only when the
 * server runs on this machine and the bench user may read the setting (superuser); otherwise it says so.
 */
export async function checkDisk(adminUrl: string, records: number) {
  const need = records * BYTES_PER_RECORD * 2;
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  let dir: string | undefined;
  try {
    dir = (await c.query<{ data_directory: string }>('SHOW data_directory')).rows[0]?.data_directory;
  } catch {
    dir = undefined;
  } finally {
    await c.end();
  }
  if (!dir || !existsSync(dir)) {
    console.log(`   free disk: the server's data directory is not visible here; about ${gb(need)} needed`);
    return;
  }
  const fs = await statfs(dir);
  const free = fs.bavail * fs.bsize;
  console.log(`   free disk at ${dir}: ${gb(free)}; ${label(records)} records need about ${gb(need / 2)}`);
  if (free < need) throw new Error(`not enough free disk for ${records} records: ${gb(free)} < ${gb(need)}`);
}

/**
 * The bench data, in SQL: `volunteers` volunteers (bench_people: n → volunteer and, for every step-th one,
 * user), `records` confirmed back-fill records spread over them (record r belongs to volunteer 1 + r mod
 * volunteers, so each one's records lie all over the table, as records written over years do) and over the
 * last three years, then the totals derived from them, sessions for `sessions` of the volunteers (user names
 * bulk-<tag>-<n>, tokens <secret><n>), then VACUUM ANALYZE. Returns the timings.
 */
export async function fill(
  db: Database,
  records: number,
  volunteers: number,
  sessions: number,
  tag: string,
  secret: string,
) {
  const step = Math.floor(volunteers / sessions);
  const org = await db
    .insertInto('organizations')
    .values({ name: '压测志愿服务队（记录）', region_code: NANSHAN, status: 'approved' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const timings: Record<string, number> = {};
  const timed = async (name: string, fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    timings[name] = (performance.now() - t) / 1000;
  };

  await timed('volunteers', async () => {
    // Accounts (no password: their sessions are inserted below) for the volunteers the API phase uses.
    await sql`INSERT INTO users (username, display_name, password_hash)
      SELECT ${`bulk-${tag}-`} || n, '记录志愿者' || n, 'bulk:no-password'
      FROM generate_series(${step}::int, ${step * sessions}::int, ${step}::int) n`.execute(db);
    await sql`CREATE TABLE bench_people (n int PRIMARY KEY, volunteer_id uuid NOT NULL, user_id uuid)`.execute(
      db,
    );
    await sql`WITH v AS (
        INSERT INTO volunteers (volunteer_no, name, region_code, doc_bidx, user_id, verification_status)
        SELECT 'R' || lpad(n::text, 9, '0'),
          (${SURNAMES}::text[])[1 + n % ${SURNAMES.length}] || (${GIVEN}::text[])[1 + (n / 7) % ${GIVEN.length}],
          ${NANSHAN}, sha256(convert_to('doc' || n, 'UTF8')), u.id, 'verified'
        FROM generate_series(1, ${volunteers}::int) n
          LEFT JOIN users u ON u.username = ${`bulk-${tag}-`} || n
        RETURNING id, volunteer_no, user_id)
      INSERT INTO bench_people SELECT substr(volunteer_no, 2)::int, id, user_id FROM v`.execute(db);
  });

  await timed('records', () =>
    sql`INSERT INTO service_records (kind, volunteer_id, org_id, service_date, activity_title, place, content,
        person_in_charge, minutes, reason, status, created_at, decided_at)
      SELECT 'backfill', p.volunteer_id, ${org.id}, d.day,
        (ARRAY['社区环境清洁', '敬老院探访', '图书馆导读', '交通文明引导', '社区防疫宣传'])[1 + r % 5],
        (ARRAY['南山区粤海街道', '南山区蛇口街道', '南山区桃源街道', '南山区西丽街道'])[1 + r % 4],
        '协助现场秩序维护与物资分发', '李负责', 30 + (r::bigint * 7919) % 451, '纸质签到表补录', 'confirmed',
        d.day + time '20:00', d.day + time '20:00' + interval '2 days'
      FROM generate_series(0, ${records - 1}::int) r
        JOIN bench_people p ON p.n = 1 + r % ${volunteers}
        CROSS JOIN LATERAL (SELECT current_date - 1 - ((r::bigint * 104729) % 1095)::int AS day) d`.execute(
      db,
    ),
  );

  // What addToTotals() keeps in every confirmation's transaction, computed at once.
  await timed('totals', async () => {
    await sql`INSERT INTO volunteer_totals (volunteer_id, minutes, records, activities, updated_at)
      SELECT r.volunteer_id, sum(r.minutes), count(*), count(DISTINCT r.activity_id), now()
      FROM service_records r JOIN bench_people p ON p.volunteer_id = r.volunteer_id
      WHERE r.status = 'confirmed' GROUP BY r.volunteer_id`.execute(db);
    await sql`INSERT INTO volunteer_year_totals (volunteer_id, year, minutes)
      SELECT r.volunteer_id, extract(year FROM r.service_date)::int, sum(r.minutes)
      FROM service_records r JOIN bench_people p ON p.volunteer_id = r.volunteer_id
      WHERE r.status = 'confirmed' GROUP BY 1, 2`.execute(db);
  });

  await timed('sessions', async () => {
    await sql`CREATE TABLE bench_sessions AS
      SELECT (row_number() OVER (ORDER BY n))::int AS k, n,
        sha256(convert_to(${secret} || n, 'UTF8')) AS token_hash, user_id, volunteer_id
      FROM bench_people WHERE user_id IS NOT NULL`.execute(db);
    await sql`ALTER TABLE bench_sessions ADD PRIMARY KEY (k)`.execute(db);
    await sql`INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at)
      SELECT token_hash, user_id, now(), now(), now() + interval '12 hours' FROM bench_sessions`.execute(db);
    await sql.raw(`GRANT SELECT ON bench_people, bench_sessions TO ${APP_ROLE}`).execute(db);
  });

  // VACUUM as well as ANALYZE: a table of records written over years has been vacuumed (index-only scans
  // need the visibility map), and it keeps autovacuum from starting on the new rows during the runs.
  await timed('vacuum', () => sql`VACUUM (ANALYZE)`.execute(db));
  return timings;
}
