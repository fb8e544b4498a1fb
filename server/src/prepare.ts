import type { Config } from './lib/config.ts';
import type { OpenDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { seedRegionsIfEmpty } from './modules/regions/regions.seed.ts';
import { seedDemo } from './demo/demo.seed.ts';
import { seedDemoVolunteers } from './demo/demo-volunteers.seed.ts';
import { seedDemoActivities } from './demo/demo-activities.seed.ts';
import { seedDemoPopulation } from './demo/demo-resident-population.seed.ts';
import { seedDemoDispatch } from './demo/demo-dispatch.seed.ts';
import { seedDemoStations } from './demo/demo-stations.seed.ts';
import { seedDemoFunding } from './demo/demo-funding.seed.ts';
import { seedDemoTimebank } from './demo/demo-timebank.seed.ts';

/**
 * Migrates, loads the region tree when empty, and the demo data when asked. It lives beside main.ts, not
 * in db/, because it reaches into modules and demo data, which db/ never imports.
 */
export async function prepare(handle: OpenDatabase, options: { demo: boolean; config?: Config }) {
  const applied = await migrate(handle);
  const regions = await seedRegionsIfEmpty(handle.db);
  const demo = options.demo ? await seedDemo(handle.db, options.config?.appKey) : false;
  // Volunteers carry encrypted fields, so they need the application key.
  if (demo && options.config) {
    await seedDemoVolunteers(handle.db, options.config);
    await seedDemoActivities(handle.db, options.config);
    await seedDemoPopulation(handle.db);
    await seedDemoDispatch(handle.db, options.config);
    await seedDemoStations(handle.db, options.config);
    await seedDemoFunding(handle.db, options.config);
    await seedDemoTimebank(handle.db, options.config);
  }
  return { applied, regions, demo };
}
