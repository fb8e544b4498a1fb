import type { Params } from './model.ts';

/**
 * HOOK — orders and ratings (点单 / 派单 / 评单) are not generated yet: the dispatch module that owns their
 * tables does not exist on this branch. When it lands, generate here, per unit and from the same Rng
 * stream label (`${seed}:orders:${community}`), residents' orders to the unit's teams and one rating each
 * for completed ones, a share `params.satisfaction` of them 4–5 stars (满意度 = ratings of 4–5 ÷ all
 * ratings, docs/statistics.md), and return the rows to write after service_records. Until then the
 * statistics show satisfaction as "not yet collected", and this returns nothing.
 */
export function generateOrders(_params: Params, _community: string): { orders: 0; ratings: 0 } {
  return { orders: 0, ratings: 0 };
}
