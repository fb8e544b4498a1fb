import type { Database } from '../db/database.ts';
import { rebuild } from '../modules/statistics/refresh.ts';

/**
 * 常住人口 of 南山区 and its eight streets, the base of the demo's coverage figure: the 2020 census
 * (第七次全国人口普查) total for the district, street figures rounded to thousands and scaled to it
 * (demo data, not an official table). Then the statistics counts are summed once, so the console home
 * shows figures at first start instead of waiting for the refresh job's first period.
 */
const SOURCE = '第七次全国人口普查（2020）南山区公报；街道为约数（演示数据）';
const NANSHAN = { code: '440305000000', population: 1_795_826 };
const STREETS: Record<string, number> = {
  南头街道: 168_000,
  南山街道: 194_000,
  沙河街道: 196_000,
  蛇口街道: 193_000,
  招商街道: 146_000,
  粤海街道: 314_000,
  桃源街道: 254_000,
  西丽街道: 330_826,
};

export async function seedDemoPopulation(db: Database) {
  const streets = await db
    .selectFrom('regions')
    .select(['code', 'level', 'name'])
    .where('parent_code', '=', NANSHAN.code)
    .where('parent_level', '=', 3)
    .execute();
  const at = new Date();
  const rows = [
    { region_code: NANSHAN.code, level: 3, population: NANSHAN.population },
    ...streets
      .filter((s) => STREETS[s.name] !== undefined)
      .map((s) => ({ region_code: s.code, level: s.level, population: STREETS[s.name]! })),
  ].map((r) => ({ ...r, year: 2020, source: SOURCE, updated_by: null, updated_at: at }));
  await db
    .insertInto('region_population')
    .values(rows)
    .onConflict((oc) => oc.doNothing())
    .execute();
  await rebuild(db, at);
  return rows.length;
}
