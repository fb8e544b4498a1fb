// The API as main.ts starts it on PostgreSQL (same config loader and pool, as the app role), without logging,
// on a free port that it reports to the parent bench process. Started by startApi() in lib.ts.
import type { AddressInfo } from 'node:net';
import { buildApp } from '../server/src/app.ts';
import { openConfigured } from '../server/src/db/setup.ts';
import { loadConfig } from '../server/src/lib/config.ts';

const config = loadConfig(process.env);
const handle = await openConfigured(config);
const app = await buildApp({
  db: handle.db,
  config,
  logger: false,
  dbWaiting: handle.waiting,
  dbOldestWaitMs: handle.oldestWaitMs,
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.send!({ port: (app.server.address() as AddressInfo).port });

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await app.close();
  await handle.close();
  process.exit(0);
}
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// The parent died without stopping us.
process.once('disconnect', stop);
