#!/usr/bin/env node
// CI: the README's "Running on PostgreSQL" steps, exactly, on a fresh database: `npm run migrate` with the
// owner's URL, then `npm start` as the app's own login (yiqi_app) on a free port until /readyz answers 200.
// Also checks that `npm start` refuses the owner's login. Drops the database afterwards.
// PG_SMOKE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) may create databases.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';

const admin = process.env.PG_SMOKE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `yiqi_smoke_${process.pid}_${Date.now().toString(36)}`;
const at = (user, db) => {
  const u = new URL(admin);
  if (user) ((u.username = user), (u.password = ''));
  u.pathname = '/' + db;
  return u.toString();
};
const ownerUrl = at(null, name);
const appUrl = at('yiqi_app', name);
const base = {
  ...process.env,
  DATABASE_URL: undefined,
  DATABASE_OWNER_URL: undefined,
  // A throwaway key, so nothing is written under ./data; the web build is not what this checks.
  YIQI_APP_KEY: randomBytes(32).toString('base64'),
  YIQI_SKIP_WEB_BUILD: '1',
};

async function sql(text) {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Runs an npm script in its own process group (so stopping it stops tsx and node too). */
function npm(args, env) {
  const child = spawn('npm', args, {
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return { child, exited, output: () => out };
}

async function ready(port) {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/readyz`);
    return r.status === 200;
  } catch {
    return false;
  }
}

let failed = false;
const fail = (msg, output = '') => {
  failed = true;
  console.error(`pg-smoke: ${msg}\n${output}`);
};

await sql(`CREATE DATABASE ${name}`);
try {
  console.log(`pg-smoke: database ${name}; npm run migrate as the owner`);
  const migrate = npm(['run', 'migrate'], { DATABASE_OWNER_URL: ownerUrl, DATABASE_URL: appUrl });
  if ((await migrate.exited) !== 0) throw new Error(`npm run migrate failed:\n${migrate.output()}`);

  const port = await freePort();
  console.log(`pg-smoke: npm start as yiqi_app on port ${port}`);
  const start = npm(['start'], { DATABASE_URL: appUrl, PORT: String(port), HOST: '127.0.0.1' });
  let up = false;
  for (let i = 0; i < 240 && !up; i++) {
    if (start.child.exitCode !== null) break;
    up = await ready(port);
    if (!up) await delay(500);
  }
  if (!up) fail('npm start did not become ready (/readyz 200)', start.output());
  else console.log('pg-smoke: /readyz 200');
  if (start.child.exitCode === null) process.kill(-start.child.pid, 'SIGTERM');
  await start.exited;

  // Least privilege: the server will not run as the schema's owner.
  const owner = npm(['start'], { DATABASE_URL: ownerUrl, PORT: String(await freePort()), HOST: '127.0.0.1' });
  const timer = setTimeout(() => process.kill(-owner.child.pid, 'SIGKILL'), 120_000);
  const code = await owner.exited;
  clearTimeout(timer);
  if (code === 0 || !/logs in as "[^"]+", (a superuser|the owner)/.test(owner.output()))
    fail('npm start did not refuse the owner login', owner.output());
  else console.log('pg-smoke: npm start refuses the owner login');
} catch (e) {
  fail(e.message);
} finally {
  await sql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
process.exit(failed ? 1 : 0);
