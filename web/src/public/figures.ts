import { api, isApiError } from '../lib/api.ts';
import { preloadedOr } from '../lib/preload.ts';
import type { PublicFiguresView } from '@yiqi/shared/contracts/statistics';

/**
 * The public headline figures (issue 15) from `GET /api/public/figures?region=<code>` (the statistics
 * module): the province's and the city's of the region, in one answer. A unit too small to show (under 10
 * volunteers) is `suppressed`, with every figure null; a figure that is not a number is not shown — never as 0.
 */
export type { PublicFiguresView as PublicFigures } from '@yiqi/shared/contracts/statistics';
type Unit = NonNullable<PublicFiguresView['city']>;

/** The figures the home page shows, in this order; shares are fractions (0.144 → 14.4 %). */
export const FIGURE_KEYS = ['registered', 'activeShare', 'hoursPerVolunteer', 'hours', 'activities'] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? a / b : null);

/** A unit's figures as the page shows them: the counts, and the shares derived from them this year. */
export function shownFigures(u: Unit | null): Partial<Record<FigureKey, number | null>> {
  if (!u || u.suppressed) return {};
  return {
    registered: u.registered,
    activeShare: ratio(u.active, u.registered),
    hoursPerVolunteer: ratio(u.hours, u.registered),
    hours: u.hours,
    activities: u.activities,
  };
}

export const figuresPath = (region: string) => `/api/public/figures?region=${encodeURIComponent(region)}`;

/** The region's figures, or null while the endpoint or the region has none. */
export async function publicFigures(region: string, signal?: AbortSignal): Promise<PublicFiguresView | null> {
  try {
    return await preloadedOr(figuresPath(region), () =>
      api<PublicFiguresView>(figuresPath(region), { signal }),
    );
  } catch (e) {
    if (isApiError(e) && (e.status === 404 || e.status === 501)) return null;
    throw e;
  }
}

/**
 * The regions the home page speaks of when the visitor has not said where they are: the province and its
 * capital city of this deployment (Guangdong, Shenzhen: the demo's). A deployment elsewhere changes these two.
 */
export const HOME_REGIONS = { province: '440000000000', city: '440300000000' } as const;
