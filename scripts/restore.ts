// `npm run restore -- <dir> <target-url>`: restores a backup made by `npm run backup` into the empty
// database <target-url> names (create it first, e.g. `createdb yiqi`), connecting as the role that will own
// the schema (a superuser, or one with CREATEROLE: the app's login role yiqi_app is created when the
// cluster has none; give it a password unless pg_hba.conf trusts it). Objects become the target role's
// (--no-owner), the app role's grants come back with the rest. Then ANALYZE, as pg_restore leaves the
// planner without statistics. Start the app on it with the same YIQI_APP_KEY as the backed-up deployment.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { pgTool } from './reliability/cluster.ts';

const run = promisify(execFile);
const [dirArg, url] = process.argv.slice(2);
if (!dirArg || !url) {
  console.error('usage: npm run restore -- <backup directory> postgres://owner@host/empty-database');
  process.exit(2);
}
const dir = resolve(dirArg);
if (!existsSync(join(dir, 'toc.dat'))) {
  console.error(`${dir} is not a backup made by npm run backup (no toc.dat)`);
  process.exit(2);
}
const manifest = existsSync(join(dir, 'yiqi-backup.json'))
  ? (JSON.parse(readFileSync(join(dir, 'yiqi-backup.json'), 'utf8')) as Record<string, string>)
  : {};

const c = new pg.Client({ connectionString: url });
await c.connect();
try {
  const tables = await c.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
  );
  if (tables.rows[0]!.n > 0) {
    console.error('the target database is not empty: restore into a new, empty database');
    process.exit(2);
  }
  // Roles belong to the cluster, not to the dump: the app's login role, as migration 0014 makes it.
  await c.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'yiqi_app') THEN CREATE ROLE yiqi_app LOGIN; END IF;
    END $$`);
} finally {
  await c.end();
}

let t = performance.now();
await run(pgTool('pg_restore'), ['--no-owner', '--exit-on-error', '--jobs=2', `--dbname=${url}`, dir]);
const restoreSeconds = (performance.now() - t) / 1000;
t = performance.now();
const a = new pg.Client({ connectionString: url });
await a.connect();
await a.query('ANALYZE');
await a.end();
const analyzeSeconds = (performance.now() - t) / 1000;
console.log(
  `restored ${manifest.database ?? 'the backup'} of ${manifest.at ?? '?'} (last migration ${manifest.migration ?? '?'}) ` +
    `in ${restoreSeconds.toFixed(1)} s, then ANALYZE in ${analyzeSeconds.toFixed(1)} s`,
);
