import { api, isApiError } from '../lib/api.ts';
import { preloadedOr } from '../lib/preload.ts';

/**
 * The public headline figures of a region (issue 15), from `GET /api/public/figures?region=<code>`
 * (the statistics module). Read tolerantly: each figure shows only if it is a number, so the page works
 * before the endpoint exists (404: "not yet available") and while its figures grow.
 */
export interface PublicFigures {
  region?: { code?: string; name?: string };
  /** When the rollups were last brought up to date (the page shows the lag). */
  asOf?: string;
  figures?: Partial<Record<FigureKey, number | null>>;
}

/** The figures the home page shows, in this order; shares are fractions (0.144 → 14.4 %). */
export const FIGURE_KEYS = [
  'registered',
  'coverage',
  'activeShare',
  'hoursPerVolunteer',
  'hours',
  'activities',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

export const figuresPath = (region: string) => `/api/public/figures?region=${encodeURIComponent(region)}`;

/** The region's figures, or null while the endpoint or the region has none. */
export async function publicFigures(region: string, signal?: AbortSignal): Promise<PublicFigures | null> {
  try {
    return await preloadedOr(figuresPath(region), () => api<PublicFigures>(figuresPath(region), { signal }));
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
