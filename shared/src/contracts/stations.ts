import { z } from 'zod';
import { multilineText, pageOf, RegionCode, text, Uuid } from './common.ts';

/**
 * Stations (阵地) of the civilization-practice network and the volunteer booths: centre (district) → post
 * (street) → station (community), plus U-stations, volunteer posts and service points, on a public map.
 * Coordinates are WGS-84 on the wire and at rest (decisions/0026): the web converts GCJ-02 at its edges.
 */
export const STATION_KINDS = [
  'centre',
  'post',
  'station',
  'u_station',
  'volunteer_post',
  'service_point',
] as const;
export type StationKind = (typeof STATION_KINDS)[number];

/** Walking speed of the 10-minute service circle: 80 m a minute (4.8 km/h), so 10 minutes ≈ 800 m–1 km. */
export const WALK_METRES_PER_MINUTE = 80;
/** The nearby search's radius bounds in metres (default 1,000 m, the 10-minute circle). */
export const NEARBY_DEFAULT_M = 1000;
export const NEARBY_MAX_M = 20000;

const Lat = z.coerce.number().min(-90).max(90);
const Lng = z.coerce.number().min(-180).max(180);

export const StationParams = z.strictObject({ id: Uuid });

/** A public service line: landline (0xx-xxxxxxx, with extension), 400/800 or a short hotline (12345). */
export const PublicPhone = text(3, 32);

export const StationBody = z.strictObject({
  kind: z.enum(STATION_KINDS),
  name: text(2, 80),
  region: RegionCode,
  address: text(2, 200),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  openingHours: text(0, 120).default(''),
  services: z.array(text(1, 40)).max(20).default([]),
  phone: PublicPhone.nullable().default(null),
  description: multilineText(0, 1000).default(''),
  activityIds: z.array(Uuid).max(50).default([]),
});
export type StationBody = z.infer<typeof StationBody>;

export const StationListQuery = z.strictObject({
  region: RegionCode.optional(),
  kind: z.enum(STATION_KINDS).optional(),
  q: text(1, 40).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});

export const NearbyQuery = z.strictObject({
  lat: Lat,
  lng: Lng,
  radius: z.coerce.number().int().min(50).max(NEARBY_MAX_M).default(NEARBY_DEFAULT_M),
  kind: z.enum(STATION_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const Station = z.object({
  id: z.string(),
  kind: z.enum(STATION_KINDS),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  openingHours: z.string(),
  services: z.array(z.string()),
  phone: z.string().nullable(),
  description: z.string(),
});
export type Station = z.infer<typeof Station>;

export const StationPage = pageOf(Station);

export const NearbyStation = Station.extend({
  distanceM: z.number().int(),
  /** Minutes on foot at WALK_METRES_PER_MINUTE, rounded up. */
  walkMinutes: z.number().int(),
});
export const NearbyResult = z.object({
  radius: z.number().int(),
  items: z.array(NearbyStation),
});
export type NearbyStation = z.infer<typeof NearbyStation>;

export const StationDetail = Station.extend({
  activities: z.array(
    z.object({ id: z.string(), title: z.string(), startsAt: z.string(), status: z.string() }),
  ),
});
export type StationDetail = z.infer<typeof StationDetail>;

export const StationSaved = z.object({ id: z.string() });
