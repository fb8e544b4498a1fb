import { z } from 'zod';
import { SERVICE_CATEGORIES } from '../categories.ts';
import { DateTime, RegionCode, text } from './common.ts';

/**
 * Dispatch suggestions (派单建议): for a need (a work order's place, skills, categories and time), the
 * teams and volunteers best placed to serve it, each with a score and its breakdown, so the dispatcher
 * sees why. Volunteers are only suggested here: they are invited, never assigned (docs/glossary.md 派单建议).
 */

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** The need's map point, WGS-84 as the activities store places (decisions/0026). */
export const NeedPoint = z.strictObject({
  lat: z.number().min(-90).max(90).transform(round6),
  lng: z.number().min(-180).max(180).transform(round6),
});

export const SuggestionNeed = z.strictObject({
  /** Where the service is needed: a region (community or any level above) the caller administers. */
  regionCode: RegionCode,
  point: NeedPoint.optional(),
  /** Skills the volunteers should have (free text, as volunteers enter them); none = no requirement. */
  skills: z.array(text(1, 50)).max(20).default([]),
  /** Service categories (shared/src/categories.ts) the teams should serve; none = no requirement. */
  categories: z.array(z.enum(SERVICE_CATEGORIES)).max(22).optional(),
  startsAt: DateTime,
  endsAt: DateTime,
  /** Candidates per list (default 10). */
  limit: z.number().int().min(1).max(50).default(10),
});
export type SuggestionNeedInput = z.input<typeof SuggestionNeed>;

/** The weights of the five parts of a score; they add up to 1. */
export const SUGGESTION_WEIGHTS = {
  skills: 0.35,
  distance: 0.25,
  availability: 0.2,
  load: 0.1,
  rating: 0.1,
} as const;
export const SCORE_PARTS = ['skills', 'distance', 'availability', 'load', 'rating'] as const;
export type ScorePart = (typeof SCORE_PARTS)[number];

/** A reason in each interface language, so the dispatcher's page can switch language without asking again. */
const Reason = z.object({ 'zh-CN': z.string(), 'zh-HK': z.string(), en: z.string() });

export const ScoreComponent = z.object({
  /** 0..1 */
  score: z.number(),
  weight: z.number(),
  reason: Reason,
});

export const ScoreBreakdown = z.object({
  skills: ScoreComponent,
  distance: ScoreComponent,
  availability: ScoreComponent,
  load: ScoreComponent,
  rating: ScoreComponent,
});
export type ScoreBreakdownView = z.infer<typeof ScoreBreakdown>;

export const TeamCandidate = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  categories: z.array(z.string()),
  /** Σ weight × score, 0..1, three decimals. */
  score: z.number(),
  breakdown: ScoreBreakdown,
});

export const VolunteerCandidate = z.object({
  id: z.string(),
  volunteerNo: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  skills: z.array(z.string()),
  score: z.number(),
  breakdown: ScoreBreakdown,
});

export const SuggestionList = z.object({
  teams: z.array(TeamCandidate),
  volunteers: z.array(VolunteerCandidate),
  /** How many candidates passed the prefilter and were scored, per list (the lists show the best `limit`). */
  considered: z.object({ teams: z.number().int(), volunteers: z.number().int() }),
});
export type SuggestionListView = z.infer<typeof SuggestionList>;
export type TeamCandidateView = z.infer<typeof TeamCandidate>;
export type VolunteerCandidateView = z.infer<typeof VolunteerCandidate>;

/**
 * A service point (服务点): where a volunteer is willing to serve, or where a team works from; WGS-84. A
 * volunteer's is stored rounded to 0.001° (about 100 m): coarse on purpose, it is not an address. null
 * removes it (distance then falls back to the region tree).
 */
export const ServicePointBody = z.strictObject({ point: NeedPoint.nullable() });
export const ServicePointView = z.object({
  point: z.object({ lat: z.number(), lng: z.number() }).nullable(),
});
export type ServicePointViewT = z.infer<typeof ServicePointView>;
