import type { Text } from '@yiqi/shared/i18n';

/**
 * Past ratings of a candidate, the "rating" part of a suggestion's score: residents' ratings (评单, 1–5) of
 * the orders a team served or a volunteer was named on (counted with the candidate's facts,
 * suggestions.repository.ts). The score is the satisfied share (4–5) smoothed towards the neutral 0.5 —
 * (satisfied + 1) ÷ (rated + 2) — so one rating does not decide a ranking; a candidate never rated gets the
 * neutral 0.5 with the reason 暂无评价, not a rating of 0.
 */
export interface Rating {
  score: number;
  reason: Text;
}

const NO_RATINGS: Rating = {
  score: 0.5,
  reason: { 'zh-CN': '暂无评价', 'zh-HK': '暫無評價', en: 'No ratings yet' },
};

/** ratingOf's score. */
export function ratingScore(rated: number, satisfied: number): number {
  return rated === 0 ? NO_RATINGS.score : (satisfied + 1) / (rated + 2);
}

export function ratingOf(rated: number, satisfied: number): Rating {
  if (rated === 0) return NO_RATINGS;
  const pct = Math.round((100 * satisfied) / rated);
  return {
    score: ratingScore(rated, satisfied),
    reason: {
      'zh-CN': `满意率 ${pct}%（${rated} 条评价）`,
      'zh-HK': `滿意率 ${pct}%（${rated} 條評價）`,
      en: `${pct}% satisfied (${rated} rating${rated === 1 ? '' : 's'})`,
    },
  };
}
