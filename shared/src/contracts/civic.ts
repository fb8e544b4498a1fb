import { z } from 'zod';
import { base64, IsoDate, pageOf, RegionCode, text, Uuid } from './common.ts';

/**
 * Civic-supervision reports (文明监督 随手拍): a signed-in volunteer or resident reports a city-management
 * problem with a close-up and a wide photo, ≤ 120 characters and a map point (WGS-84); it becomes a case
 * routed to the responsible unit with a deadline, handled with proof, checked and rated.
 */
export const CIVIC_CATEGORIES = [
  'environment',
  'traffic',
  'public_facilities',
  'illegal_ads',
  'street_vending',
  'noise',
  'greening',
  'civility',
  'other',
] as const;
export type CivicCategory = (typeof CIVIC_CATEGORIES)[number];

export const CIVIC_STATUSES = ['routed', 'handled', 'rectified'] as const;
export type CivicStatus = (typeof CIVIC_STATUSES)[number];

/** At most 8 MB a photo (Shaoxing allows 20 MB; phones' photos are 2–6 MB and the web form shrinks them). */
export const CIVIC_MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const CIVIC_MAX_PHOTO_BASE64 = Math.ceil((CIVIC_MAX_PHOTO_BYTES * 4) / 3) + 4;
/** Points a reporter earns when a report is rectified (anonymous reports earn none). */
export const CIVIC_POINTS_PER_RECTIFIED = 10;
/** Default deadline (working days) when no routing rule names one: the 12345 hotline's help requests. */
export const CIVIC_DEFAULT_DEADLINE_DAYS = 3;

export const PhotoUpload = z.strictObject({
  data: base64(4, CIVIC_MAX_PHOTO_BASE64),
});

export const ReportBody = z.strictObject({
  category: z.enum(CIVIC_CATEGORIES),
  description: text(1, 120),
  region: RegionCode,
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  near: PhotoUpload,
  far: PhotoUpload,
  anonymous: z.boolean().default(false),
});
export type ReportBody = z.infer<typeof ReportBody>;

export const CaseParams = z.strictObject({ id: Uuid });
export const PhotoParams = z.strictObject({ id: Uuid, photoId: Uuid });

export const HandlingBody = z.strictObject({
  note: text(1, 500),
  proof: z.array(PhotoUpload).min(1).max(3),
});
export const RatingBody = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: text(0, 200).default(''),
});

export const CaseListQuery = z.strictObject({
  region: RegionCode.optional(),
  status: z.enum(CIVIC_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const MyReportsQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const CivicPhoto = z.object({
  id: z.string(),
  kind: z.enum(['near', 'far', 'proof']),
  round: z.number(),
});

export const CivicCase = z.object({
  id: z.string(),
  category: z.enum(CIVIC_CATEGORIES),
  description: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  lat: z.number(),
  lng: z.number(),
  status: z.enum(CIVIC_STATUSES),
  anonymous: z.boolean(),
  /** Who reported: null when anonymous (never shown to the unit) or for the reporter's own view. */
  reporterName: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  dueAt: z.string(),
  overdue: z.boolean(),
  round: z.number().int(),
  handlingNote: z.string().nullable(),
  handledAt: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  photos: z.array(CivicPhoto),
});
export type CivicCase = z.infer<typeof CivicCase>;
export const CivicCasePage = pageOf(CivicCase);
export const CaseCreated = z.object({ id: z.string(), unitName: z.string().nullable(), dueAt: z.string() });

export const MyPoints = z.object({ points: z.number().int(), rectified: z.number().int() });

export const RouteBody = z.strictObject({
  region: RegionCode,
  /** A category, or 'any' for every category without a rule of its own. */
  category: z.enum([...CIVIC_CATEGORIES, 'any']),
  unitId: Uuid,
  deadlineDays: z.number().int().min(1).max(30),
});
export const RouteQuery = z.strictObject({ region: RegionCode });
export const CivicRoute = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  category: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  deadlineDays: z.number().int(),
});
export const CivicRouteList = z.object({ items: z.array(CivicRoute) });

export const FiguresQuery = z.strictObject({ region: RegionCode, from: IsoDate, to: IsoDate });
export const CivicFigures = z.object({
  region: z.string(),
  from: z.string(),
  to: z.string(),
  filed: z.number().int(),
  rectified: z.number().int(),
  /** rectified ÷ filed, 0–1 (null when nothing was filed). */
  rectificationRate: z.number().nullable(),
  overdue: z.number().int(),
  reopened: z.number().int(),
  byCategory: z.array(
    z.object({ category: z.string(), filed: z.number().int(), rectified: z.number().int() }),
  ),
});
