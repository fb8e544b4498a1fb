// Drill "backup": `npm run backup` of a running deployment (the API serving reads meanwhile), `npm run
// restore` into a second private cluster, then: row counts of every table equal, totals reconcile (equal
// sums on both sides, and every volunteer's totals = their confirmed records = their record events), the
// audit chain verifies on both with the same head (npm run audit:verify), and the API starts on the
// restored copy. The restore is timed at the demo size, then again after filling the deployment up to
// BACKUP_VOLUNTEERS (1,000,000; 0 skips it) volunteers with one INSERT … SELECT generate_series.
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { idCheckChar } from '@yiqi/shared/identity/documents';
import { GIVEN, SURNAMES } from '../../bench/scenarios/staff.ts';
import { openPostgres, type Database } from '../../server/src/db/database.ts';
import { encrypt } from '../../server/src/lib/crypto.ts';
import { PrivateCluster } from './cluster.ts';
import { createDatabase, createDeployment, type Deployment } from './deployment.ts';
import { prepareTargets, staffSession } from './fixtures.ts';
import { draftRecords, drive, operations, qrToken, type Session } from './load.ts';
import { totalsOff } from './kill.ts';
import { ApiProcess, freePort, npmRun, onCleanup, status } from './proc.ts';
import { auditVerify, Checks, seconds } from './report.ts';

const VOLUNTEERS = Number(process.env.BACKUP_VOLUNTEERS ?? 1_000_000);

async function counts(db: Database): Promise<Map<string, number>> {
  const tables = await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables
    WHERE schemaname = 'public' ORDER BY 1`.execute(db);
  const out = new Map<string, number>();
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(name)}`.execute(db);
    out.set(name, r.rows[0]!.n);
  }
  return out;
}

async function sums(db: Database) {
  const r = await sql<{ totals: number; confirmed: number; events: number }>`SELECT
    (SELECT coalesce(sum(minutes), 0)::bigint FROM volunteer_totals) AS totals,
    (SELECT coalesce(sum(minutes), 0)::bigint FROM service_records WHERE status = 'confirmed') AS confirmed,
    (SELECT coalesce(sum(minutes_delta), 0)::bigint FROM record_events) AS events`.execute(db);
  return r.rows[0]!;
}

/** Reads through the API while the backup runs: the deployment is live, not stopped for it. */
function browse(origin: string): { stop(): Promise<{ ok: number; failed: number }> } {
  let running = true;
  let ok = 0;
  let failed = 0;
  const loop = (async () => {
    while (running) {
      const s = await status(`${origin}/api/activities?pageSize=20`);
      if (s === 200) ok++;
      else failed++;
      await delay(20);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { ok, failed };
    },
  };
}

/** The audit chain's head, once it stops moving (a job may still link fresh rows). */
async function settledAudit(env: Record<string, string>) {
  let last = await auditVerify(env);
  for (let i = 0; i < 10; i++) {
    await delay(2000);
    const next = await auditVerify(env);
    if (next.head === last.head) return next;
    last = next;
  }
  return last;
}

async function backupAndRestore(
  d: Deployment,
  target: PrivateCluster,
  dbName: string,
  label: string,
  checks: Checks,
) {
  const dir = join(d.cluster.dir, `backup-${dbName}`);
  const before = await settledAudit(d.env);
  // The deployment keeps running: its job runner may add a row (a recurring job's period) during a long
  // dump. Counts before and after the backup bound what its snapshot can hold; a table that did not move
  // must match exactly.
  const sourceBefore = await counts(d.owner.db);
  const reads = browse(d.api.origin);
  const b = await npmRun('backup', [dir], { DATABASE_OWNER_URL: d.ownerUrl, DATABASE_URL: undefined });
  const served = await reads.stop();
  if (b.code !== 0) throw new Error(`npm run backup failed:\n${b.output}`);
  console.log(`   ${b.output.trim()}`);
  console.log(`   the API answered ${served.ok} reads during the backup (${served.failed} failed)`);
  checks.add(`${label}: reads failed during the backup`, served.failed, 0);
  const source = await counts(d.owner.db);
  const sourceSums = await sums(d.owner.db);

  await createDatabase(target, dbName);
  const url = target.url(dbName);
  const t = performance.now();
  const r = await npmRun('restore', [dir, url], {});
  const wall = (performance.now() - t) / 1000;
  if (r.code !== 0) throw new Error(`npm run restore failed:\n${r.output}`);
  console.log(`   ${r.output.trim()}`);
  const restored = await openPostgres(url, { max: 2 });
  try {
    const copy = await counts(restored.db);
    const differ = [...new Set([...source.keys(), ...copy.keys()])].filter(
      (k) => source.get(k) !== copy.get(k),
    );
    checks.add(
      `${label}: tables whose row counts differ (of ${source.size}; moved during the backup: between before and after)`,
      differ.map((k) => `${k} ${source.get(k)}→${copy.get(k)}`).join(', ') || 0,
      0,
    );
    const copySums = await sums(restored.db);
    checks.add(
      `${label}: minutes in totals / confirmed records / events, source = restored`,
      JSON.stringify(copySums),
      JSON.stringify(sourceSums),
    );
    checks.add(
      `${label}: restored volunteers whose totals ≠ records or events`,
      await totalsOff({ owner: restored }),
      0,
    );
    const env = { ...d.env, DATABASE_URL: target.url(dbName, 'yiqi_app'), DATABASE_OWNER_URL: url };
    const after = await auditVerify(env);
    checks.add(`${label}: audit chain of the restored copy`, after.ok ? 'intact' : 'BROKEN', 'intact');
    checks.add(`${label}: audit head, restored = source`, after.head ?? 'none', before.head ?? 'none');
    console.log(
      `   ${label}: ${source.get('volunteers')} volunteers, ${[...source.values()].reduce((a, b) => a + b, 0)} rows ` +
        `in ${source.size} tables; restore ${seconds(wall)} wall (npm run restore, with ANALYZE)`,
    );
    return { wall, env };
  } finally {
    await restored.close();
  }
}

/** One INSERT … SELECT generate_series, as bench/scenarios/search-1m.ts fills its volunteers. */
async function fillVolunteers(d: Deployment, n: number) {
  const db = d.owner.db;
  const communities = (
    await db
      .selectFrom('regions')
      .select('code')
      .where('level', '=', 5)
      .where('code', 'like', '44%')
      .execute()
  ).map((r) => r.code);
  const SEALED = 1000;
  const docs = Array.from({ length: SEALED }, (_, i) => {
    const first17 = `44030519${String(50 + (i % 50)).padStart(2, '0')}0101${String(i).padStart(3, '0')}`;
    return encrypt(d.appKey, first17 + idCheckChar(first17));
  });
  const phones = Array.from({ length: SEALED }, (_, i) =>
    encrypt(d.appKey, `139${String(i).padStart(8, '0')}`),
  );
  const t = performance.now();
  await sql`INSERT INTO volunteers (volunteer_no, name, gender, birth_date, doc_type, doc_number_enc, doc_bidx,
      phone_enc, phone_bidx, region_code, verification_status, privacy_notice_version, created_at, updated_at)
    SELECT 'F' || lpad(n::text, 13, '0'),
      (${SURNAMES}::text[])[1 + n % ${SURNAMES.length}] || (${GIVEN}::text[])[1 + (n / 7) % ${GIVEN.length}],
      CASE WHEN n % 2 = 0 THEN 'female' ELSE 'male' END,
      date '1950-01-01' + (n % 18000),
      'mainland_id',
      (${docs}::text[])[1 + n % ${SEALED}],
      sha256(convert_to('fill-doc' || n, 'UTF8')),
      (${phones}::text[])[1 + n % ${SEALED}],
      sha256(convert_to('fill-phone' || n, 'UTF8')),
      (${communities}::text[])[1 + (n::bigint * 7919) % ${communities.length}],
      (ARRAY['unverified', 'pending', 'verified', 'verified'])[1 + n % 4],
      '2026-01',
      now() - n * interval '63 seconds',
      now() - n * interval '63 seconds'
    FROM generate_series(1, ${n}::int) n`.execute(db);
  await sql`ANALYZE`.execute(db);
  console.log(`   filled ${n.toLocaleString('en')} volunteers in ${seconds((performance.now() - t) / 1000)}`);
}

export async function backupDrill(): Promise<void> {
  const d = await createDeployment('backup');
  const target = await PrivateCluster.create('restore');
  const dropTarget = onCleanup(() => target.destroy());
  const checks = new Checks();
  try {
    await d.api.start();
    // Some life first: sign-ups, check-ins and confirmed records through the API (so totals and the
    // audit chain have something to reconcile), and an import.
    const t = await prepareTargets(d.owner.db, d.appKey, 'backup', {
      signups: 100,
      checkins: 100,
      confirmations: 100,
      importRows: 0,
    });
    const s: Session = { origin: d.api.origin, staff: await staffSession(d.api.origin, t.org.staff) };
    const records = await draftRecords(s, t);
    const token = (await qrToken(s, t))!;
    const { ops } = operations(s, t, records, () => token);
    await drive(
      ops,
      8,
      async () => {},
      () => {},
    );
    const failed = ops.filter((o) => !o.first || o.first.status >= 300).length;
    checks.add('writes before the backup answered 2xx', ops.length - failed, ops.length);

    const demo = await backupAndRestore(d, target, 'yiqi_demo', 'demo size', checks);
    // The restored copy runs: the API starts on it as yiqi_app and serves the activities.
    const api = new ApiProcess(await freePort(), demo.env, join(target.dir, 'api.log'));
    try {
      const ready = await api.start();
      const list = await status(`${api.origin}/api/activities`);
      const login = await fetch(`${api.origin}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'volunteer', password: 'Yiqi-demo-2026' }),
      });
      checks.add(
        'the API on the restored copy: /readyz, activities, demo sign-in',
        `200 ${list} ${login.status}`,
        '200 200 200',
      );
      console.log(`   the API started on the restored copy in ${seconds(ready)}`);
    } finally {
      await api.dispose();
    }

    let large: number | null = null;
    if (VOLUNTEERS > 0) {
      const have = Number(
        (await sql<{ n: number }>`SELECT count(*)::int AS n FROM volunteers`.execute(d.owner.db)).rows[0]!.n,
      );
      await fillVolunteers(d, Math.max(0, VOLUNTEERS - have));
      large = (
        await backupAndRestore(
          d,
          target,
          'yiqi_large',
          `${(VOLUNTEERS / 1e6).toString()} M volunteers`,
          checks,
        )
      ).wall;
    }
    console.log(
      `\n   restore time (npm run restore: pg_restore -j2 + ANALYZE): demo size ${seconds(demo.wall)}` +
        (large === null ? '' : `, ${VOLUNTEERS.toLocaleString('en')} volunteers ${seconds(large)}`),
    );
    checks.print('backup checks');
  } finally {
    await dropTarget();
    await d.dispose();
  }
}
