// A private PostgreSQL 15 cluster for the drills: initdb in a temporary directory, its own port and socket
// directory, started and stopped with pg_ctl. Never the machine's shared cluster: the drills kill this one
// with SIGKILL. fsync and synchronous_commit stay at their defaults (on), so a 2xx answer means the
// write is on disk, and the kill drill is honest. Run as root, the server runs as the `postgres` OS user
// (initdb refuses root).
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freePort } from './proc.ts';

export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const run = promisify(execFile);

/** Whether this process is root: then the cluster's commands run as the `postgres` OS user. */
const asRoot = process.getuid?.() === 0;

function userOf(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`running as root needs an OS user "${name}" for the private cluster`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** `cpus`: a taskset CPU list (e.g. "1") the command, and so the server it starts, is bound to. */
async function pgCommand(bin: string, args: string[], cpus?: string) {
  const file = join(PG_BIN, bin);
  const argv = asRoot ? ['runuser', '-u', 'postgres', '--', file, ...args] : [file, ...args];
  const bound = cpus ? ['taskset', '-c', cpus, ...argv] : argv;
  return run(bound[0]!, bound.slice(1));
}

export class PrivateCluster {
  readonly dir: string;
  readonly data: string;
  readonly port: number;
  readonly log: string;

  /** The CPUs the server is bound to (taskset list), when the creator chose some. */
  readonly cpus: string | undefined;

  private constructor(dir: string, port: number, cpus?: string) {
    this.cpus = cpus;
    this.dir = dir;
    this.data = join(dir, 'data');
    this.port = port;
    this.log = join(dir, 'postgres.log');
  }

  /**
   * initdb (UTF-8, trust for local connections) and start; `name` goes into the temporary directory.
   * `cpus` binds the server (postmaster and every backend it forks) to those CPUs (bench/split.ts).
   */
  static async create(name: string, opts: { cpus?: string } = {}): Promise<PrivateCluster> {
    const dir = mkdtempSync(join(tmpdir(), `yiqi-${name}-`));
    if (asRoot) {
      const u = userOf('postgres');
      chownSync(dir, u.uid, u.gid);
    }
    const c = new PrivateCluster(dir, await freePort(), opts.cpus);
    await pgCommand('initdb', ['-D', c.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']);
    await c.start();
    return c;
  }

  /** postgres://postgres@127.0.0.1:<port>/<db>: the cluster's superuser (the drills' schema owner). */
  url(db = 'postgres', user = 'postgres'): string {
    return `postgres://${user}@127.0.0.1:${this.port}/${db}`;
  }

  async start(): Promise<void> {
    // PRIVATE_PG_OPTIONS: more server options (e.g. -c log_statement=all to see what a bench sends).
    const options =
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=100 ` +
      (process.env.PRIVATE_PG_OPTIONS ?? '');
    await pgCommand(
      'pg_ctl',
      ['-D', this.data, '-o', options, '-l', this.log, '-w', '-t', '120', 'start'],
      this.cpus,
    );
  }

  /** The postmaster's pid (first line of postmaster.pid), or null when it is not running. */
  postmasterPid(): number | null {
    const file = join(this.data, 'postmaster.pid');
    if (!existsSync(file)) return null;
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isFinite(pid) && existsSync(`/proc/${pid}`) ? pid : null;
  }

  /**
   * kill -9 of PostgreSQL as a crash does it: the postmaster and every backend at once (SIGKILL of the
   * postmaster alone leaves backends that notice its death only later, and pg_ctl start waits for them).
   * Returns the pids killed. The next start runs crash recovery from the WAL.
   */
  async kill9(): Promise<number[]> {
    const pm = this.postmasterPid();
    if (!pm) throw new Error('the private cluster is not running');
    const children = readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .filter((p) => {
        try {
          return readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')[1] === String(pm);
        } catch {
          return false;
        }
      })
      .map(Number);
    const pids = [pm, ...children];
    for (const pid of pids)
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    for (let i = 0; i < 100 && pids.some((p) => existsSync(`/proc/${p}`)); i++) await delay(50);
    return pids;
  }

  async stop(): Promise<void> {
    if (this.postmasterPid())
      await pgCommand('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop']).catch(() => {});
  }

  /** Stops the cluster and removes its directory. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The server log's last lines, for a failure message. */
  tail(lines = 30): string {
    try {
      return readFileSync(this.log, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }
}

/** The PostgreSQL client programs (pg_dump, pg_restore, psql) of PG_BIN when present, else from PATH. */
export function pgTool(name: string): string {
  const p = join(PG_BIN, name);
  return existsSync(p) ? p : name;
}

/** Whether `pgTool(name)` runs (for a clear message instead of ENOENT). */
export function havePgTool(name: string): boolean {
  try {
    execFileSync(pgTool(name), ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
