// `npm run reliability [-- kill-api|kill-db|backup|soak …]`: the reliability drills (all four by default).
// Each starts its own private PostgreSQL 15 cluster and API, prints its figures and checks, and fails
// (exit 1) when a check fails. Minutes, not part of npm test. README "Reliability drills".
import { backupDrill } from './backup.ts';
import { killDrill } from './kill.ts';
import { cleanupAll } from './proc.ts';
import { soakDrill } from './soak.ts';

const DRILLS: Record<string, { what: string; run: () => Promise<void> }> = {
  'kill-api': { what: 'kill -9 of the API mid-writes', run: () => killDrill('api') },
  'kill-db': { what: 'kill -9 of PostgreSQL mid-writes, the API reconnects', run: () => killDrill('db') },
  backup: { what: 'backup of a running deployment, restore into a second cluster', run: backupDrill },
  soak: { what: `mixed load for ${process.env.SOAK_MINUTES ?? 10} min (SOAK_MINUTES)`, run: soakDrill },
};

const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !(a in DRILLS));
if (unknown.length) {
  console.error(`unknown drill ${unknown.join(', ')}; choose from ${Object.keys(DRILLS).join(', ')}`);
  process.exit(2);
}
const failures: string[] = [];
for (const name of asked.length ? asked : Object.keys(DRILLS)) {
  const t = performance.now();
  console.log(`\n== ${name}: ${DRILLS[name]!.what}`);
  try {
    await DRILLS[name]!.run();
    console.log(`== ${name}: passed in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  } catch (e) {
    failures.push(name);
    console.error(`== ${name}: FAILED: ${(e as Error).stack ?? e}`);
  }
}
await cleanupAll();
if (failures.length) {
  console.error(`\nfailed: ${failures.join(', ')}`);
  process.exit(1);
}
console.log('\nall drills passed');
