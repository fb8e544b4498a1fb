// `npm run backup -- <dir>`: a consistent backup of a running deployment's database into <dir> (which must
// not exist yet), with pg_dump's directory format and two parallel jobs (docs/decisions/0023). Connects as
// DATABASE_OWNER_URL (else DATABASE_URL): the owner reads every table. The deployment keeps serving: the
// dump reads one snapshot (parallel jobs share it), so each transaction is in the backup entirely or not
// at all. Not in the backup: YIQI_APP_KEY (personal data and secrets are ciphertext under it; keep it
// apart) and the audit witness file (AUDIT_WITNESS_FILE). Restore with `npm run restore -- <dir> <url>`.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { pgTool } from './reliability/cluster.ts';

const run = promisify(execFile);
const dirArg = process.argv[2];
const url = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL;
if (!dirArg || !url) {
  console.error('usage: DATABASE_OWNER_URL=postgres://owner@host/db npm run backup -- <new directory>');
  process.exit(2);
}
const dir = resolve(dirArg);
if (existsSync(dir)) {
  console.error(`${dir} exists: a backup goes into a new directory`);
  process.exit(2);
}

const c = new pg.Client({ connectionString: url });
await c.connect();
const info = await c.query<{ version: string; db: string; migration: string | null }>(
  `SELECT current_setting('server_version') AS version, current_database() AS db,
     (SELECT max(name) FROM schema_migrations) AS migration`,
);
await c.end();

const t = performance.now();
await run(pgTool('pg_dump'), ['--format=directory', '--jobs=2', `--file=${dir}`, `--dbname=${url}`]);
const seconds = (performance.now() - t) / 1000;
const bytes = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
const { version, db, migration } = info.rows[0]!;
// What the restore checks and prints; pg_restore ignores files it does not know.
writeFileSync(
  join(dir, 'yiqi-backup.json'),
  JSON.stringify({ at: new Date().toISOString(), database: db, serverVersion: version, migration }, null, 2) +
    '\n',
);
console.log(
  `backup of ${db} (PostgreSQL ${version}, last migration ${migration}) in ${dir}: ` +
    `${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s`,
);
