// Seeds the data folder every journey's server starts from (E2E_DATA_TEMPLATE, read by startServer): one
// start of the real server on an empty folder (migrations, the region tree, the demo), then a clean stop.
// Usage: tsx e2e/make-template.ts <folder>; scripts/run-tests.mjs runs it before the journeys.
import { mkdirSync, rmSync } from 'node:fs';
import { startServer } from './support.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: tsx e2e/make-template.ts <folder>');
  process.exit(2);
}
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const started = Date.now();
const server = await startServer({ dataDir: dir });
await server.stop();
console.log(`journey data template seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${dir}`);
