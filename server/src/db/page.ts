import { sql, type SelectQueryBuilder } from 'kysely';

/**
 * One page of a filtered query and the filter's total, the pair every list endpoint returns. `shape`
 * adds the selection and order to the shared filter; the count runs on the filter alone.
 */
export async function fetchPage<DB, TB extends keyof DB, O>(
  filter: SelectQueryBuilder<DB, TB, object>,
  shape: (q: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, O>,
  page: number,
  pageSize: number,
): Promise<{ rows: O[]; total: number }> {
  const [rows, count] = await Promise.all([
    shape(filter)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    filter.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number((count as { n: number }).n) };
}
