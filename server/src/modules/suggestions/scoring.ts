import { CATEGORY_NAMES, type ServiceCategory } from '@yiqi/shared/categories';
import type { Text } from '@yiqi/shared/i18n';
import { SUGGESTION_WEIGHTS, type ScorePart } from '@yiqi/shared/contracts/suggestions';

/**
 * The parts of a suggestion's score, each 0..1 with its reason in the three languages; pure functions, so
 * the ranking rules are read (and tested) here. Total = Σ weight × score (SUGGESTION_WEIGHTS, sum 1).
 */
export interface Part {
  score: number;
  reason: Text;
}
export type Breakdown = Record<ScorePart, Part & { weight: number }>;

const r3 = (v: number) => Math.round(v * 1000) / 1000;

export function breakdown(parts: Record<ScorePart, Part>): { score: number; breakdown: Breakdown } {
  const out = {} as Breakdown;
  const scores = {} as Record<ScorePart, number>;
  for (const key of Object.keys(SUGGESTION_WEIGHTS) as ScorePart[]) {
    const part = parts[key];
    scores[key] = part.score;
    out[key] = { score: r3(part.score), weight: SUGGESTION_WEIGHTS[key], reason: part.reason };
  }
  return { score: totalScore(scores), breakdown: out };
}

/**
 * The total of the parts' scores alone, the same sum as breakdown's: the service ranks its candidates on
 * the numbers and writes the reasons (strings in three languages) only for those it answers with. Each
 * *Part function below takes its score from the matching *Score function, so the two cannot disagree.
 */
export function totalScore(scores: Record<ScorePart, number>): number {
  let total = 0;
  for (const key of Object.keys(SUGGESTION_WEIGHTS) as ScorePart[])
    total += SUGGESTION_WEIGHTS[key] * scores[key];
  return r3(total);
}

function shareOf(required: readonly string[], has: readonly string[]): string[] {
  const own = new Set(has);
  return required.filter((s) => own.has(s));
}

/** skillsPart's score: the share of the required skills (none required: 1). */
export function skillsScore(required: readonly string[], has: readonly string[]): number {
  return required.length ? shareOf(required, has).length / required.length : 1;
}

/** Share of the required skills a volunteer has (none required: 1). */
export function skillsPart(required: readonly string[], has: readonly string[]): Part {
  if (!required.length)
    return { score: 1, reason: { 'zh-CN': '无技能要求', 'zh-HK': '無技能要求', en: 'No skills required' } };
  const matched = shareOf(required, has);
  const n = `${matched.length}/${required.length}`;
  const list = matched.join('、');
  return {
    score: skillsScore(required, has),
    reason: matched.length
      ? {
          'zh-CN': `具备 ${n} 项所需技能：${list}`,
          'zh-HK': `具備 ${n} 項所需技能：${list}`,
          en: `Has ${n} required skills: ${matched.join(', ')}`,
        }
      : { 'zh-CN': '不具备所需技能', 'zh-HK': '不具備所需技能', en: 'None of the required skills' },
  };
}

/** Share of the asked-for categories a team serves (none asked: 1). */
export function categoriesPart(required: readonly string[], has: readonly string[]): Part {
  if (!required.length)
    return { score: 1, reason: { 'zh-CN': '无类别要求', 'zh-HK': '無類別要求', en: 'No category required' } };
  const matched = shareOf(required, has);
  const n = `${matched.length}/${required.length}`;
  const name = (c: string, l: keyof Text) => CATEGORY_NAMES[c as ServiceCategory]?.[l] ?? c;
  const list = (l: keyof Text, sep: string) => matched.map((c) => name(c, l)).join(sep);
  return {
    score: skillsScore(required, has),
    reason: matched.length
      ? {
          'zh-CN': `服务 ${n} 个所需类别：${list('zh-CN', '、')}`,
          'zh-HK': `服務 ${n} 個所需類別：${list('zh-HK', '、')}`,
          en: `Serves ${n} requested categories: ${list('en', ', ')}`,
        }
      : { 'zh-CN': '不服务所需类别', 'zh-HK': '不服務所需類別', en: 'Serves none of the categories' },
  };
}

/** Distance on the ground between two WGS-84 points, km (equirectangular: exact enough within a city). */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const x = (b.lng - a.lng) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return 6371 * Math.sqrt(x * x + y * y);
}

/** Half the score at 3 km, a quarter at 9 km: nearer matters most in the first few kilometres. */
export function distanceScore(km: number): number {
  return 1 / (1 + km / 3);
}

export function distancePart(km: number): Part {
  const d = km < 10 ? km.toFixed(1) : km.toFixed(0);
  return {
    score: distanceScore(km),
    reason: {
      'zh-CN': `距服务地点约 ${d} 公里`,
      'zh-HK': `距服務地點約 ${d} 公里`,
      en: `About ${d} km away`,
    },
  };
}

/** Levels of the 12-digit codes: significant digits of province, city, district, street, community. */
const LEVEL_DIGITS = [2, 4, 6, 9, 12] as const;
const TIER_SCORE = [0.05, 0.15, 0.3, 0.5, 0.8] as const;
const TIER_TEXT: Text[] = [
  { 'zh-CN': '同一省份', 'zh-HK': '同一省份', en: 'Same province' },
  { 'zh-CN': '同一城市', 'zh-HK': '同一城市', en: 'Same city' },
  { 'zh-CN': '同一区县', 'zh-HK': '同一區縣', en: 'Same district' },
  { 'zh-CN': '同一街道', 'zh-HK': '同一街道', en: 'Same street' },
  { 'zh-CN': '同一社区', 'zh-HK': '同一社區', en: 'Same community' },
];

/**
 * Without two points: closeness in the region tree, the deepest level both codes share, but no deeper
 * than the need's own level (a need for a whole street counts everyone in the street as "same street").
 * `serving`: a team of a region above the need, whose area contains it.
 */
function sharedLevel(needCode: string, needLevel: number, code: string): number {
  let shared = -1;
  for (let i = 0; i < Math.min(needLevel, LEVEL_DIGITS.length); i++) {
    if (needCode.slice(0, LEVEL_DIGITS[i]) !== code.slice(0, LEVEL_DIGITS[i])) break;
    shared = i;
  }
  return shared;
}

/** regionPart's score. */
export function regionScore(needCode: string, needLevel: number, code: string): number {
  const shared = sharedLevel(needCode, needLevel, code);
  return shared < 0 ? 0 : TIER_SCORE[shared]!;
}

export function regionPart(needCode: string, needLevel: number, code: string): Part {
  const shared = sharedLevel(needCode, needLevel, code);
  const suffix: Text = {
    'zh-CN': '（按区域，未定位）',
    'zh-HK': '（按區域，未定位）',
    en: ' (by region, no map point)',
  };
  if (shared < 0)
    return {
      score: 0,
      reason: { 'zh-CN': '不同省份', 'zh-HK': '不同省份', en: 'Other province' },
    };
  const t = TIER_TEXT[shared]!;
  return {
    score: TIER_SCORE[shared]!,
    reason: {
      'zh-CN': t['zh-CN'] + suffix['zh-CN'],
      'zh-HK': t['zh-HK'] + suffix['zh-HK'],
      en: t.en + suffix.en,
    },
  };
}

/** A volunteer with an accepted shift in the window is not free then. */
export function volunteerAvailabilityScore(busy: boolean): number {
  return busy ? 0 : 1;
}

export function volunteerAvailability(busy: boolean): Part {
  return busy
    ? {
        score: volunteerAvailabilityScore(true),
        reason: {
          'zh-CN': '该时段已有已确认的班次',
          'zh-HK': '該時段已有已確認的班次',
          en: 'Already on an accepted shift at that time',
        },
      }
    : {
        score: volunteerAvailabilityScore(false),
        reason: { 'zh-CN': '该时段有空', 'zh-HK': '該時段有空', en: 'Free at that time' },
      };
}

/** A team running activities in the window may still have people free: lower, not zero. */
export function teamAvailabilityScore(overlapping: number): number {
  return overlapping ? 0.4 : 1;
}

export function teamAvailability(overlapping: number): Part {
  return overlapping
    ? {
        score: teamAvailabilityScore(overlapping),
        reason: {
          'zh-CN': `该时段已有 ${overlapping} 个活动`,
          'zh-HK': `該時段已有 ${overlapping} 個活動`,
          en: `${overlapping} activit${overlapping === 1 ? 'y' : 'ies'} at that time`,
        },
      }
    : {
        score: teamAvailabilityScore(0),
        reason: { 'zh-CN': '该时段无活动', 'zh-HK': '該時段無活動', en: 'No activity at that time' },
      };
}

/** Fewer upcoming commitments, higher: half the score at `half` of them. */
export function loadScore(upcoming: number, kind: 'team' | 'volunteer'): number {
  const half = kind === 'team' ? 3 : 2;
  return 1 / (1 + upcoming / half);
}

export function loadPart(upcoming: number, kind: 'team' | 'volunteer'): Part {
  const reason: Text =
    kind === 'team'
      ? {
          'zh-CN': `进行中和待开展的活动 ${upcoming} 个`,
          'zh-HK': `進行中和待開展的活動 ${upcoming} 個`,
          en: `${upcoming} current or upcoming activit${upcoming === 1 ? 'y' : 'ies'}`,
        }
      : {
          'zh-CN': `待服务的已确认班次 ${upcoming} 个`,
          'zh-HK': `待服務的已確認班次 ${upcoming} 個`,
          en: `${upcoming} accepted shift${upcoming === 1 ? '' : 's'} to come`,
        };
  return { score: loadScore(upcoming, kind), reason };
}
