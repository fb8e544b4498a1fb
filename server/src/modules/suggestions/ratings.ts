import type { Text } from '@yiqi/shared/i18n';

/**
 * Past ratings of a candidate, the "rating" part of a suggestion's score.
 *
 * Ratings come from dispatch ratings (评单: residents rate a served order 1–5) once that module lands
 * (issue 13, modules/dispatch); until then there is nothing to read, and every candidate gets the neutral
 * 0.5 with the reason 暂无评价 — not a rating of 0, and not invented. When the dispatch module exists, this
 * function reads its satisfaction per team (ratings of 4–5 ÷ all ratings) and per volunteer, in one query
 * for all `ids`; the service calls nothing else for ratings.
 */
export interface Rating {
  score: number;
  reason: Text;
}

const NO_RATINGS: Rating = {
  score: 0.5,
  reason: { 'zh-CN': '暂无评价', 'zh-HK': '暫無評價', en: 'No ratings yet' },
};

export async function ratingsOf(
  _kind: 'team' | 'volunteer',
  ids: readonly string[],
): Promise<Map<string, Rating>> {
  return new Map(ids.map((id) => [id, NO_RATINGS]));
}
