// Processes of the drills: free ports, the API as a child process (node --import tsx server/src/main.ts, so
// the pid is the server's own, for kill -9 and its RSS), npm scripts (migrate, audit:verify), cleanup on
// Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

// Ctrl-C must not leave a server or a cluster behind: cleanups run newest first, each once.
const cleanups: (() => Promise<void>)[] = [];
export function onCleanup(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  const once = () => (running ??= fn());
  cleanups.push(once);
  return once;
}
export async function cleanupAll(): Promise<void> {
  for (const fn of [...cleanups].reverse()) await fn().catch((e) => console.error(e));
}
process.once('SIGINT', async () => {
  console.error('\ninterrupted: stopping the API and the private clusters');
  await cleanupAll();
  process.exit(130);
});

/** Resident memory of a process (VmRSS from /proc/<pid>/status), in MB. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024;
}

/** Runs `npm run <script> -- args` in the repository; resolves with its exit code and output. */
export function npmRun(
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
      cwd: REPO,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** The API on PostgreSQL as main.ts starts it; `kill9` and `start` again keep the same port and log file. */
export class ApiProcess {
  private child: ChildProcess | null = null;
  readonly origin: string;
  private stopCleanup: () => Promise<void>;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
    readonly logFile: string,
  ) {
    this.origin = `http://127.0.0.1:${port}`;
    this.stopCleanup = onCleanup(() => this.stop());
  }

  get pid(): number {
    if (!this.child?.pid) throw new Error('the API is not running');
    return this.child.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the server and waits until /readyz answers 200; returns the seconds that took. */
  async start(): Promise<number> {
    const t = performance.now();
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: REPO,
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    this.child = child;
    for (let i = 0; i < 600; i++) {
      if (!this.running) throw new Error(`the API exited on start; see ${this.logFile}`);
      if ((await status(`${this.origin}/readyz`)) === 200) return (performance.now() - t) / 1000;
      await delay(200);
    }
    throw new Error(`the API did not become ready in 120 s; see ${this.logFile}`);
  }

  /** SIGKILL: no shutdown hook runs, requests in flight get no answer. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  async dispose(): Promise<void> {
    await this.stopCleanup();
  }
}

export async function status(url: string): Promise<number> {
  try {
    const r = await fetch(url);
    await r.arrayBuffer();
    return r.status;
  } catch {
    return 0;
  }
}
