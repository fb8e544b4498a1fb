// Scenario "audit-append" (issue 12: audit without one head lock in the hot path): the same pgbench scripts
// on two throwaway databases, one migrated up to just before 202612061505_audit_sequencer.sql (the old
// BEFORE INSERT trigger that locks the audit_chain row) and one migrated fully (rows stamped without a
// shared lock, chained by audit_sequence()). Scripts, as the app role:
//   append: one audit row per transaction (autocommit INSERT, the statement recordAudit sends);
//   write:  BEGIN; UPDATE of the client's own counter row; the audit INSERT; COMMIT, like an audited write.
// at 8 and 32 clients (BENCH_AUDIT_CLIENTS), BENCH_SECONDS each. On the new schema a sequencer loop calls
// audit_sequence() every AUDIT_SEQUENCE_SECONDS (2) during the runs, as the job would, and at the end the
// chain must verify with every row chained (the run fails otherwise).
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { sql } from 'kysely';
import { openPostgres, type OpenDatabase } from '../../server/src/db/database.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { verifyAuditChain } from '../../server/src/modules/audit/audit.repository.ts';
import {
  runPgbench,
  throwawayDatabase,
  type BeforeAfterResult,
  type Scenario,
  type SqlResult,
} from '../lib.ts';

const SEQUENCER = '202612061505_audit_sequencer.sql';
const CLIENTS = (process.env.BENCH_AUDIT_CLIENTS ?? '8,32').split(',').map((s) => Number(s.trim()));
const SEQUENCE_EVERY_MS = 2000;
const APP_ROLE = 'yiqi_app';

const INSERT = `INSERT INTO audit_log (actor_id, actor_name, action, object_type, object_id, result, request_id, source_ip, region_code, details) VALUES (gen_random_uuid(), 'bench', 'bench.append', 'bench', :client_id, 'ok', gen_random_uuid()::text, '127.0.0.1', '440305000000', '{}');`;
const SCRIPTS = {
  append: `-- one audit row per transaction\n${INSERT}\n`,
  write: `-- an audited write: the client's own row, then its audit row, in one transaction\nBEGIN;\nUPDATE bench_counter SET n = n + 1 WHERE client = :client_id;\n${INSERT}\nCOMMIT;\n`,
};

/** A throwaway database migrated with the given migration files (all, or all before the sequencer). */
async function database(adminUrl: string, which: 'before' | 'after') {
  let handle: OpenDatabase | undefined;
  const { url, drop } = await throwawayDatabase(adminUrl, `yiqi_auditbench_${which}`, () => handle);
  const all = fileURLToPath(new URL('../../server/src/db/migrations/', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'yiqi-auditbench-'));
  try {
    for (const f of readdirSync(all).filter((f) => which === 'after' || f < SEQUENCER))
      cpSync(join(all, f), join(dir, f));
    handle = await openPostgres(url, { max: 2 });
    await migrate(handle, dir + '/');
    const clients = Math.max(...CLIENTS);
    await handle.execInTransaction(
      `CREATE TABLE bench_counter (client int PRIMARY KEY, n bigint NOT NULL DEFAULT 0);
       INSERT INTO bench_counter (client) SELECT generate_series(0, ${clients - 1});
       GRANT SELECT, UPDATE ON bench_counter TO ${APP_ROLE};`,
    );
  } catch (e) {
    await drop();
    throw e;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { url, handle: handle!, drop };
}

/** Calls audit_sequence() every 2 s until stopped; returns rows linked and the time spent linking. */
function sequencerLoop(db: OpenDatabase) {
  let stop = false;
  let linked = 0;
  let busyMs = 0;
  const done = (async () => {
    while (!stop) {
      const t = performance.now();
      const r = await sql<{ n: number }>`SELECT audit_sequence(100000) AS n`.execute(db.db);
      busyMs += performance.now() - t;
      linked += Number(r.rows[0]!.n);
      for (let waited = 0; waited < SEQUENCE_EVERY_MS && !stop; waited += 100) await delay(100);
    }
  })();
  return {
    async stop() {
      stop = true;
      await done;
      return { linked, busyMs };
    },
  };
}

const fmt = (r: SqlResult) =>
  `${r.tps.toFixed(0)} tps, p50/p95/p99 ${r.p50Ms.toFixed(2)}/${r.p95Ms.toFixed(2)}/${r.p99Ms.toFixed(2)} ms`;

export const auditAppend: Scenario = {
  name: 'audit-append',
  description:
    'audit appends with pgbench: old trigger (one head lock) vs sequencer, append alone and inside a write',
  async run(options) {
    const scriptDir = mkdtempSync(join(tmpdir(), 'yiqi-auditbench-scripts-'));
    const before = await database(options.adminUrl, 'before');
    let after: Awaited<ReturnType<typeof database>> | undefined;
    try {
      after = await database(options.adminUrl, 'after');
      const rows: BeforeAfterResult[] = [];
      const notes: string[] = [];
      for (const [phase, text] of Object.entries(SCRIPTS)) {
        const file = join(scriptDir, `${phase}.sql`);
        writeFileSync(file, text);
        for (const clients of CLIENTS) {
          const run = (url: string) =>
            runPgbench({ databaseUrl: url, script: file, seconds: options.seconds, clients, role: APP_ROLE });
          const old = await run(before.url);
          const loop = sequencerLoop(after.handle);
          const now = await run(after.url);
          const seq = await loop.stop();
          const ratio = now.tps / old.tps;
          rows.push({ scenario: 'audit-append', phase, clients, before: old, after: now, ratio });
          notes.push(
            `${phase} × ${clients}: sequencer linked ${seq.linked} rows during the run in ${(seq.busyMs / 1000).toFixed(2)} s of its own time (${(seq.linked / Math.max(seq.busyMs / 1000, 1e-3)).toFixed(0)} rows/s while linking)`,
          );
        }
      }
      // Everything appended must end up chained, once, and the chain must verify.
      const t = performance.now();
      const v = await verifyAuditChain(after.handle.db);
      const verifyS = (performance.now() - t) / 1000;
      const count = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log`.execute(after.handle.db);
      const total = Number(count.rows[0]!.n);
      if (v.firstBrokenId !== null || v.firstBrokenSeq !== null || v.pending !== 0 || v.checked !== total)
        throw new Error(`the sequenced chain does not verify: ${JSON.stringify(v)} of ${total} rows`);
      notes.push(
        `after: ${total} rows appended, all chained once; verify (with its sequencer run) ${verifyS.toFixed(1)} s`,
      );
      printRows(rows, notes);
      return rows;
    } finally {
      rmSync(scriptDir, { recursive: true, force: true });
      await after?.drop();
      await before.drop();
    }
  },
};

function printRows(rows: BeforeAfterResult[], notes: string[]) {
  console.log('');
  for (const r of rows)
    console.log(
      `${`${r.phase} × ${r.clients} clients`.padEnd(22)} old trigger: ${fmt(r.before).padEnd(44)} sequencer: ${fmt(r.after).padEnd(44)} ratio ${r.ratio.toFixed(2)} ×`,
    );
  for (const n of notes) console.log(`  ${n}`);
}
