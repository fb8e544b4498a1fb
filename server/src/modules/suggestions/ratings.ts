import type { Text } from '@yiqi/shared/i18n';
import type { Database } from '../../db/database.ts';
import { ratingCounts } from './suggestions.repository.ts';

/**
 * Past ratings of a candidate, the "rating" part of a suggestion's score: residents' ratings (评单, 1–5) of
 * the orders a team served or a volunteer was named on. The score is the satisfied share (4–5) smoothed
 * towards the neutral 0.5 — (satisfied + 1) ÷ (rated + 2) — so one rating does not decide a ranking; a
 * candidate never rated gets the neutral 0.5 with the reason 暂无评价, not a rating of 0.
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
  db: Database,
  kind: 'team' | 'volunteer',
  ids: readonly string[],
): Promise<Map<string, Rating>> {
  const counts = new Map((await ratingCounts(db, kind, ids)).map((r) => [r.id, r]));
  return new Map(
    ids.map((id) => {
      const c = counts.get(id);
      if (!c || c.n === 0) return [id, NO_RATINGS];
      const pct = Math.round((100 * c.good) / c.n);
      return [
        id,
        {
          score: (c.good + 1) / (c.n + 2),
          reason: {
            'zh-CN': `满意率 ${pct}%（${c.n} 条评价）`,
            'zh-HK': `滿意率 ${pct}%（${c.n} 條評價）`,
            en: `${pct}% satisfied (${c.n} rating${c.n === 1 ? '' : 's'})`,
          },
        },
      ];
    }),
  );
}
