/**
 * Private PostgreSQL clusters for tests that need a server of their own (a streaming replica, a server to
 * stop): initdb/pg_ctl/pg_basebackup from PG_BIN in a temp folder, on a free port, never the shared
 * cluster on 5432. Made for speed, not safety: fsync off, small buffers.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** PG_BIN, else Debian's PostgreSQL 15 (the shared cluster's version), else the newest one installed. */
export const PG_BIN = process.env.PG_BIN ?? debianPgBin();

function debianPgBin(): string {
  const base = '/usr/lib/postgresql';
  if (existsSync(`${base}/15/bin/initdb`)) return `${base}/15/bin`;
  const versions = existsSync(base)
    ? readdirSync(base).filter((v) => existsSync(`${base}/${v}/bin/initdb`))
    : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest ? `${base}/${newest}/bin` : `${base}/15/bin`;
}

/** initdb and the server refuse to run as root: as root, they run as the system's postgres user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return { uid, gid };
}

function pg(tool: string, args: string[], cwd: string): void {
  const r = spawnSync(join(PG_BIN, tool), args, { cwd, encoding: 'utf8', ...runAs() });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${r.stderr || r.stdout || r.error}`);
}

/** A port nobody listens on now (the OS's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface PgCluster {
  dir: string;
  port: number;
  /** The superuser's URL (postgres, trusted from 127.0.0.1). */
  url: string;
  start(): void;
  /** Fast shutdown: sessions are ended, as when a server goes away. */
  stop(): void;
}

function cluster(dir: string, port: number, root: string): PgCluster {
  const log = join(root, `${port}.log`);
  let running = false;
  return {
    dir,
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start() {
      pg('pg_ctl', ['-D', dir, '-l', log, '-w', '-t', '60', 'start'], root);
      running = true;
    },
    stop() {
      if (!running) return;
      pg('pg_ctl', ['-D', dir, '-m', 'fast', '-w', 'stop'], root);
      running = false;
    },
  };
}

/** A temp folder the cluster's user may write, removed by `remove()` (after stopping its clusters). */
export function clusterRoot(): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'yiqi-pg-'));
  const as = runAs();
  if (as) chownSync(root, as.uid, as.gid);
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** A new primary (wal_level=replica, replication trusted from 127.0.0.1), started. */
export async function startPrimary(root: string): Promise<PgCluster> {
  const dir = join(root, 'primary');
  const port = await freePort();
  pg('initdb', ['-D', dir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8'], root);
  appendFileSync(
    join(dir, 'postgresql.conf'),
    [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${root}'`,
      'wal_level = replica',
      'max_wal_senders = 4',
      'shared_buffers = 16MB',
      'max_connections = 60',
      'fsync = off',
      'synchronous_commit = off',
      '',
    ].join('\n'),
  );
  appendFileSync(join(dir, 'pg_hba.conf'), 'host replication all 127.0.0.1/32 trust\n');
  const c = cluster(dir, port, root);
  c.start();
  return c;
}

/** A streaming replica of `primary` (pg_basebackup -R: standby.signal and primary_conninfo), started. */
export async function startReplica(root: string, primary: PgCluster): Promise<PgCluster> {
  const dir = join(root, 'replica');
  const port = await freePort();
  pg(
    'pg_basebackup',
    [
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      dir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ],
    root,
  );
  // The copied postgresql.conf names the primary's port; the last setting in the file wins.
  appendFileSync(join(dir, 'postgresql.conf'), `port = ${port}\nhot_standby = on\n`);
  const c = cluster(dir, port, root);
  c.start();
  return c;
}
