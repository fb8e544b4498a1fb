import { sql, type SqlBool } from 'kysely';
import type { Database } from '../../db/database.ts';
import { fetchPage } from '../../db/page.ts';
import { likeEscape } from '../../db/like.ts';
import { isTopRegionRow } from '../../db/region-sql.ts';

export interface StationValues {
  kind: string;
  name: string;
  region_code: string;
  address: string;
  lat: number;
  lng: number;
  opening_hours: string;
  services: string[];
  phone: string | null;
  description: string;
}

const COLUMNS = [
  's.id',
  's.kind',
  's.name',
  's.region_code',
  's.address',
  's.lat',
  's.lng',
  's.opening_hours',
  's.services',
  's.phone',
  's.description',
  'r.name as region_name',
] as const;

function withRegion(db: Database) {
  return db
    .selectFrom('stations as s')
    .leftJoin('regions as r', (j) => j.onRef('r.code', '=', 's.region_code').on(isTopRegionRow('r')));
}

export async function insertStation(db: Database, v: StationValues, at: Date): Promise<string> {
  const row = await db
    .insertInto('stations')
    .values({ ...v, services: JSON.stringify(v.services), created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateStation(db: Database, id: string, v: StationValues, at: Date): Promise<void> {
  await db
    .updateTable('stations')
    .set({ ...v, services: JSON.stringify(v.services), updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function deleteStation(db: Database, id: string): Promise<void> {
  await db.deleteFrom('stations').where('id', '=', id).execute();
}

export function findStation(db: Database, id: string) {
  return withRegion(db).select(COLUMNS).where('s.id', '=', id).executeTakeFirst();
}

/** Held for an edit, so two edits of one station apply one after the other. */
export function lockStation(db: Database, id: string) {
  return db
    .selectFrom('stations')
    .select(['id', 'region_code'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function replaceActivities(
  db: Database,
  stationId: string,
  activityIds: string[],
): Promise<void> {
  await db.deleteFrom('station_activities').where('station_id', '=', stationId).execute();
  if (activityIds.length)
    await db
      .insertInto('station_activities')
      .values(activityIds.map((activity_id) => ({ station_id: stationId, activity_id })))
      .execute();
}

/** Activities by id with their organization's region, to check a link is within the editor's scope. */
export function activitiesByIds(db: Database, ids: string[]) {
  return db
    .selectFrom('activities as a')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .select(['a.id', 'o.region_code'])
    .where('a.id', 'in', ids)
    .execute();
}

/** A station's linked activities: published ones for the public, all of them for its admins. */
export function linkedActivities(db: Database, stationId: string, publishedOnly: boolean) {
  let q = db
    .selectFrom('station_activities as sa')
    .innerJoin('activities as a', 'a.id', 'sa.activity_id')
    .select(['a.id', 'a.title', 'a.starts_at', 'a.status'])
    .where('sa.station_id', '=', stationId);
  if (publishedOnly) q = q.where('a.status', '=', 'published');
  return q.orderBy('a.starts_at', 'desc').limit(50).execute();
}

export interface StationFilter {
  regionPrefix?: string;
  kind?: string;
  q?: string;
}

export function listStations(db: Database, f: StationFilter, page: number, pageSize: number) {
  let q = withRegion(db);
  if (f.regionPrefix) q = q.where('s.region_code', 'like', `${f.regionPrefix}%`);
  if (f.kind) q = q.where('s.kind', '=', f.kind);
  if (f.q) {
    const pattern = `%${likeEscape(f.q)}%`;
    q = q.where((eb) => eb.or([eb('s.name', 'ilike', pattern), eb('s.address', 'ilike', pattern)]));
  }
  return fetchPage(
    q,
    (x) => x.select(COLUMNS).orderBy('s.region_code').orderBy('s.name').orderBy('s.id'),
    page,
    pageSize,
  );
}

/** Metres between the station and a point (haversine on a 6,371,008.8 m sphere), as SQL. */
function distanceM(lat: number, lng: number) {
  return sql<number>`(12742017.6 * asin(sqrt(
    power(sin(radians(s.lat - ${lat}) / 2), 2) +
    cos(radians(${lat})) * cos(radians(s.lat)) * power(sin(radians(s.lng - ${lng}) / 2), 2))))`;
}

/**
 * The bounding box of a circle of `radiusM` metres around a latitude: a little larger than the circle (1° of
 * latitude is at least 110.5 km; longitude shrinks with the cosine of the box's farthest latitude), so
 * nothing inside the circle is cut.
 */
export function nearbyBox(lat: number, lng: number, radiusM: number) {
  const dLat = radiusM / 110_500;
  const dLng = radiusM / (110_500 * Math.max(Math.cos(((Math.abs(lat) + dLat) * Math.PI) / 180), 0.01));
  return { latMin: lat - dLat, latMax: lat + dLat, lngMin: lng - dLng, lngMax: lng + dLng };
}

/**
 * Stations within `radiusM` metres of a point, nearest first: the bounding box on the indexed (lat, lng)
 * first, then the exact great-circle distance to filter and order (decisions/0042). The query is exported
 * so the benchmark runs the very same SQL through pgbench.
 */
export function nearbyQuery(
  db: Database,
  p: { lat: number; lng: number; radiusM: number; kind?: string; limit: number },
) {
  const box = nearbyBox(p.lat, p.lng, p.radiusM);
  const d = distanceM(p.lat, p.lng);
  let q = withRegion(db)
    .select(COLUMNS)
    .select(d.as('distance_m'))
    .where('s.lat', '>=', box.latMin)
    .where('s.lat', '<=', box.latMax)
    .where('s.lng', '>=', box.lngMin)
    .where('s.lng', '<=', box.lngMax)
    .where(sql<SqlBool>`${d} <= ${p.radiusM}`);
  if (p.kind) q = q.where('s.kind', '=', p.kind);
  return q.orderBy('distance_m').orderBy('s.id').limit(p.limit);
}

export function nearbyStations(
  db: Database,
  p: { lat: number; lng: number; radiusM: number; kind?: string; limit: number },
) {
  return nearbyQuery(db, p).execute();
}
