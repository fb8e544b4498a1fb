import { parseArgs } from 'node:util';
import { loadConfig } from '../lib/config.ts';
import { openConfigured } from '../db/setup.ts';
import { openPostgres } from '../db/database.ts';
import { prepare } from '../prepare.ts';
import { generatePopulation } from '../generator/generate.ts';

/**
 * `npm run generate -- --region 4413 --volunteers N [--active 0.75] [--hours-per-year 29]
 *  [--satisfaction 0.9] [--years 1] [--attendance-share 0.25] [--seed S] [--database-url URL] [--triggers]`
 * A realistic population over the loaded region tree (docs/population.md). Without --database-url:
 * DATABASE_URL, else the embedded database (stop the server first: it holds the data folder's lock).
 * On PostgreSQL set YIQI_APP_KEY to the server's key, or its ciphertexts cannot be opened by the server.
 */
const { values } = parseArgs({
  options: {
    region: { type: 'string' },
    volunteers: { type: 'string' },
    active: { type: 'string', default: '0.75' },
    'hours-per-year': { type: 'string', default: '29' },
    satisfaction: { type: 'string', default: '0.9' },
    years: { type: 'string', default: '1' },
    'attendance-share': { type: 'string', default: '0.25' },
    seed: { type: 'string', default: '1' },
    'database-url': { type: 'string' },
    // Load with every row trigger on even when the login may turn them off (decision 0073's bulk mode).
    triggers: { type: 'boolean', default: false },
  },
});

function num(name: string, v: string | undefined, lo: number, hi: number): number {
  const x = Number(v);
  if (v === undefined || !Number.isFinite(x) || x < lo || x > hi) {
    console.error(`--${name} must be a number from ${lo} to ${hi}`);
    process.exit(2);
  }
  return x;
}

if (!values.region || !/^\d{2,12}$/.test(values.region)) {
  console.error('--region is a region code, e.g. 4413 (惠州市) or 440305 (南山区)');
  process.exit(2);
}
const volunteers = Math.round(num('volunteers', values.volunteers, 1, 50_000_000));
const url = values['database-url'] ?? process.env.DATABASE_URL;
if (url && !process.env.YIQI_APP_KEY) {
  console.error(
    'on PostgreSQL, set YIQI_APP_KEY to the key the server uses: the ID numbers are sealed with it',
  );
  process.exit(2);
}
const config = loadConfig({ ...process.env, ...(url ? { DATABASE_URL: url } : {}) });
const handle = url ? await openPostgres(url) : await openConfigured(config);
try {
  if (handle.kind === 'pglite') await prepare(handle, { demo: false, config });
  const s = await generatePopulation(handle, {
    region: values.region,
    volunteers,
    active: num('active', values.active, 0, 1),
    hoursPerYear: num('hours-per-year', values['hours-per-year'], 0, 2000),
    satisfaction: num('satisfaction', values.satisfaction, 0, 1),
    years: num('years', values.years, 0.1, 10),
    attendanceShare: num('attendance-share', values['attendance-share'], 0, 1),
    seed: values.seed!,
    appKey: config.appKey,
    activeMinHours: config.statsActiveMinHours,
    ...(values.triggers ? { bulk: false } : {}),
    log: (line) => console.log(line),
  });
  console.log(
    `generated ${s.volunteers.toLocaleString('en')} volunteers in ${s.communities} communities of ${s.regionName} ` +
      `(${s.region}) in ${s.seconds.toFixed(1)} s${s.skippedUnits ? `; ${s.skippedUnits} communities were already there` : ''}`,
  );
  console.log(
    `  rows written in ${s.loadSeconds.toFixed(1)} s (${s.bulk ? 'bulk: triggers off, totals checked per batch' : 'every trigger on'}); statistics rebuilt in ${s.statisticsSeconds.toFixed(1)} s ` +
      `(${s.eventsRolledUp.toLocaleString('en')} record events rolled up at once)`,
  );
  for (const [t, n] of Object.entries(s.rows)) console.log(`  ${t.padEnd(22)} ${n.toLocaleString('en')}`);
  console.log(`  orders ${s.orders}, ratings ${s.ratings} (satisfaction as given: --satisfaction)`);
} finally {
  await handle.close();
}
