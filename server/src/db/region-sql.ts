import { sql, type RawBuilder } from 'kysely';

/**
 * Join condition picking, for a 12-digit code shared by a city and its district-level entry (东莞, 中山),
 * the higher (city) row, so joins on region_code never duplicate rows.
 */
export function isTopRegionRow(alias: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(`${alias}.level`)} = (SELECT min(x.level) FROM regions x WHERE x.code = ${sql.ref(`${alias}.code`)})`;
}
