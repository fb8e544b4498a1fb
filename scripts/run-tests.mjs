#!/usr/bin/env node
// Runs the test suite: `npm test` on PGlite, `npm run test:pg` (or DATABASE_URL) on PostgreSQL,
// `npm run e2e` for the browser journeys. Builds the template database once, then node:test runs every
// *.test.ts file, each on its own copy. Fails when no test file is found (node 20 would exit 0).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const e2e = args.includes('--e2e');
const onPg = args.includes('--pg') || Boolean(process.env.DATABASE_URL);
const filters = args.filter((a) => !a.startsWith('--'));
const env = { ...process.env, TZ: 'UTC' };

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const roots = e2e ? ['e2e'] : ['shared/src', 'server/src', 'web/src'];
let files = roots.flatMap((r) => find(r)).sort();
if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

function run(cmd, argv, extraEnv = {}) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  return r.status ?? 1;
}

mkdirSync('test-output', { recursive: true });
// Every server log line of the run goes to one file per test process (server/src/test/harness.ts), and is
// searched for personal data and secrets after the suite (scripts/scan-personal-data.mjs).
const logDir = join('test-output', `server-logs-${onPg ? 'pg' : 'pglite'}`);
if (!e2e) {
  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  env.YIQI_TEST_LOG_DIR = logDir;
}
const cleanups = [];
const cleanup = () =>
  cleanups
    .splice(0)
    .reverse()
    .forEach((f) => f());
const fail = () => (cleanup(), process.exit(1));

/** Where the templates and their copies go: tmpfs when the machine has one, so they cost no disk writes. */
const SCRATCH = existsSync('/dev/shm') ? '/dev/shm' : 'test-output';

/**
 * The PGlite template every test file copies (server/src/test/database.ts): a data folder under SCRATCH.
 * Opening a copy takes a fraction of unpacking a dump into PGlite's memory, and queries on it run faster
 * (audit.test.ts: 20 s → 12 s).
 */
function pgliteTemplate() {
  const runDir = join(SCRATCH, `yiqi-tests-${process.pid}`);
  const template = join(runDir, 'template');
  mkdirSync(runDir, { recursive: true });
  cleanups.push(() => rmSync(runDir, { recursive: true, force: true }));
  if (run('npx', ['tsx', 'scripts/test-template.ts', 'pglite', template]) !== 0) fail();
  env.YIQI_TEST_PGLITE_TEMPLATE = template;
}

if (e2e) {
  if (run('npm', ['run', 'build', '-w', 'web']) !== 0) process.exit(1);
  // The journeys that run the app in their own process (stars, honours, the service worker) take it too.
  pgliteTemplate();
  // One seeded data folder that every journey's server copies (e2e/support.ts startServer).
  const template = join(SCRATCH, `yiqi-e2e-template-${process.pid}`);
  cleanups.push(() => rmSync(template, { recursive: true, force: true }));
  if (run('npx', ['tsx', 'e2e/make-template.ts', template]) !== 0) fail();
  env.E2E_DATA_TEMPLATE = template;
} else if (onPg) {
  env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
  const template = `yiqi_tpl_${process.pid}_${Date.now().toString(36)}`;
  if (run('npx', ['tsx', 'scripts/test-template.ts', 'postgres', template]) !== 0) process.exit(1);
  env.YIQI_TEST_PG_TEMPLATE = template;
  cleanups.push(() => run('npx', ['tsx', 'scripts/test-template.ts', 'drop', template]));
} else {
  pgliteTemplate();
}

console.log(`running ${files.length} test files on ${e2e ? 'chromium' : onPg ? 'PostgreSQL' : 'PGlite'}`);
const status = run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files]);
cleanup();
let scan = 0;
if (!e2e && existsSync(logDir)) {
  // A filtered run may start no app at all: an empty log proves nothing but is no failure then.
  const argv = ['scripts/scan-personal-data.mjs', ...(filters.length ? ['--allow-empty'] : []), logDir];
  scan = run(process.execPath, argv);
}
process.exit(status || scan);
