import { loadConfig } from '../lib/config.ts';
import { openConfigured } from '../db/setup.ts';
import { prepare } from '../prepare.ts';
import { openPostgres } from '../db/database.ts';

/** `npm run migrate`: applies migrations and loads reference regions; demo data only with SEED_DEMO=1. */
const config = loadConfig();
// Migrations run as the owner (DATABASE_OWNER_URL, else DATABASE_URL), never as the app's own login.
const handle = config.databaseOwnerUrl
  ? await openPostgres(config.databaseOwnerUrl)
  : await openConfigured(config);
const r = await prepare(handle, { demo: config.seedDemo, config });
console.log(`applied: ${r.applied.join(', ') || 'none'}; regions loaded: ${r.regions}; demo: ${r.demo}`);
await handle.close();
