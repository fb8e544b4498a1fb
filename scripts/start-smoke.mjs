#!/usr/bin/env node
// CI: `npm start` on the embedded database (PGlite) in a fresh data directory, under whichever node is first
// on PATH (CI runs it on each supported Node.js major, see scripts/node-version.sh): waits for /healthz and
// /readyz, checks that the server itself runs on that node, signs in as the demo volunteer (argon2 through
// its native binding, the session cookie), and stops the server. The web build is skipped
// (YIQI_SKIP_WEB_BUILD=1); the e2e journeys cover it.
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const nodeVersion = execFileSync('node', ['--version'], { encoding: 'utf8' }).trim();
const dataDir = mkdtempSync(join(tmpdir(), 'yiqi-start-smoke-'));
const log = (msg) => console.log(`start-smoke (node ${nodeVersion}): ${msg}`);

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function status(url, init) {
  try {
    return (await fetch(url, init)).status;
  } catch {
    return 0;
  }
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  DATABASE_URL: undefined,
  DATABASE_OWNER_URL: undefined,
  SEED_DEMO: '1',
  YIQI_DATA_DIR: dataDir,
  YIQI_APP_KEY: randomBytes(32).toString('base64'),
  YIQI_SKIP_WEB_BUILD: '1',
  PORT: String(port),
  HOST: '127.0.0.1',
  AUDIT_WITNESS_MINUTES: '0',
};
// Its own process group, so stopping it stops npm, tsx and node together.
const child = spawn('npm', ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
let out = '';
child.stdout.on('data', (d) => (out += d));
child.stderr.on('data', (d) => (out += d));
const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));

/** Whether any process of the group led by `pid` is still running. */
function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

const problems = [];
try {
  let up = false;
  for (let i = 0; i < 480 && !up && child.exitCode === null; i++) {
    up = (await status(`${base}/healthz`)) === 200;
    if (!up) await delay(500);
  }
  if (!up) throw new Error('npm start did not answer /healthz 200');
  log('/healthz 200');
  const ready = await status(`${base}/readyz`);
  if (ready !== 200) problems.push(`/readyz answered ${ready}`);
  else log('/readyz 200');
  // The server's own runtime (prom-client's nodejs_version_info), not just the node that started npm.
  const metrics = await (await fetch(`${base}/metrics`)).text();
  const served = /nodejs_version_info\{version="([^"]+)"/.exec(metrics)?.[1];
  if (served !== nodeVersion) problems.push(`the server runs on node ${served}, not ${nodeVersion}`);
  else log(`the server runs on node ${served}`);
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'volunteer', password: 'Yiqi-demo-2026' }),
  });
  const body = await res.text();
  if (res.status !== 200 || !/yiqi_sid=/.test(res.headers.get('set-cookie') ?? ''))
    problems.push(`demo sign-in answered ${res.status}: ${body.slice(0, 300)}`);
  else log('demo volunteer signed in');
} catch (e) {
  problems.push(e.message);
} finally {
  if (child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid, 'SIGKILL'), 15_000);
  await exited;
  // npm exits before the server under it has finished stopping (PGlite and the audit witness still write to
  // the data folder): wait until the whole process group is gone before removing it.
  for (let i = 0; i < 150 && groupAlive(child.pid); i++) await delay(100);
  if (groupAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
  clearTimeout(timer);
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}
if (problems.length) {
  console.error(
    `start-smoke (node ${nodeVersion}) failed:\n${problems.join('\n')}\n--- npm start output ---\n${out}`,
  );
  process.exit(1);
}
log('ok');
