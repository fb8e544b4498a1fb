import { setTimeout as delay } from 'node:timers/promises';
import type { OpenDatabase } from '../db/database.ts';
import type { Config } from '../lib/config.ts';
import { generatePopulation } from '../generator/generate.ts';

/** The district the embedded demo's accounts administer (DEMO_ACCOUNTS: ns.admin). */
const NANSHAN = '440305';

/**
 * The embedded demo's living district: after the server listens, DEMO_POPULATION volunteers of 南山区
 * with a year of confirmed records, teams and activities (the population generator, seed "demo"), in
 * small transactions with pauses so requests keep being served on PGlite's one connection. Start-up does
 * not wait for it. A restart continues where it stopped: communities already written are skipped (their
 * team ids come from the seed). The demo accounts and their data are not touched.
 */
export function fillDemoPopulation(
  handle: OpenDatabase,
  config: Config,
  log: (line: string) => void,
): Promise<void> {
  if (handle.kind !== 'pglite' || !config.seedDemo || config.demoPopulation <= 0) return Promise.resolve();
  log(`demo: filling 南山区 with ${config.demoPopulation} generated volunteers in the background…`);
  return generatePopulation(handle, {
    region: NANSHAN,
    volunteers: config.demoPopulation,
    active: 0.75,
    hoursPerYear: 29,
    satisfaction: 0.9,
    years: 1,
    attendanceShare: 0.25,
    seed: 'demo',
    appKey: config.appKey,
    flushRows: 300,
    pause: () => delay(20),
    // The jobs roll up its events: one rebuild transaction would hold PGlite's only connection.
    statistics: false,
  }).then(
    (s) =>
      log(
        s.volunteers
          ? `demo: 南山区 filled — ${s.volunteers} volunteers, ${s.rows.service_records} confirmed records in ${s.seconds.toFixed(0)} s`
          : 'demo: 南山区 population already there',
      ),
    (e: Error) => log(`demo: filling 南山区 stopped: ${e.message} (it continues at the next start)`),
  );
}
