import { loadConfig } from '../lib/config.ts';
import { openConfigured } from '../db/setup.ts';
import { openPostgres } from '../db/database.ts';
import { keyId } from '../lib/crypto.ts';
import { rotateKeys } from '../modules/system/keys.service.ts';

/**
 * `npm run keys:rotate`: re-seals every personal-data ciphertext under the current YIQI_APP_KEY, in
 * batches, while the app runs (docs/operations.md "Key rotation"). Runs as the schema owner
 * (DATABASE_OWNER_URL, else DATABASE_URL): evidence files are insert-only for the app's own login.
 * Safe to interrupt and run again. Exits 1 if anything is left under another key.
 */
const config = loadConfig();
const handle = config.databaseOwnerUrl
  ? await openPostgres(config.databaseOwnerUrl)
  : await openConfigured(config);
const batchSize = Number(process.env.KEYS_ROTATE_BATCH || 500);
console.log(`re-sealing under key ${keyId(config.appKey)} in batches of ${batchSize}`);
const result = await rotateKeys(handle.db, config.appKey, {
  batchSize,
  onBatch: (column, n) => console.log(`  ${column}: ${n} re-sealed`),
});
await handle.close();
for (const [column, n] of Object.entries(result.resealed)) if (n) console.log(`${column}: ${n}`);
console.log(
  result.remaining === 0
    ? 'done: every ciphertext is under the current key; the previous keys may now be removed'
    : `${result.remaining} ciphertext(s) are still under another key: run again`,
);
process.exit(result.remaining === 0 ? 0 : 1);
