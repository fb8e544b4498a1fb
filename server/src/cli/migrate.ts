import { loadConfig } from '../lib/config.ts';
import { openConfigured, prepare } from '../db/setup.ts';
import { openPostgres } from '../db/database.ts';

/** `npm run migrate`: applies migrations and loads reference regions; demo data only with SEED_DEMO=1. */
const config = loadConfig();
// Migrations run as the connecting (owner) role, not the restricted application role.
const handle = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openConfigured(config);
const r = await prepare(handle, { demo: config.seedDemo, config });
console.log(`applied: ${r.applied.join(', ') || 'none'}; regions loaded: ${r.regions}; demo: ${r.demo}`);
await handle.close();
