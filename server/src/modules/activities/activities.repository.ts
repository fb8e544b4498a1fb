import { sql, type Insertable, type Updateable } from 'kysely';
import type { Database } from '../../db/database.ts';
import { fetchPage } from '../../db/page.ts';
import type { ActivitiesTable, ActivityStatus } from '../../db/schema.activities.ts';
import { likeEscape } from '../../db/like.ts';

/** The region's name as users know it (the top row when a code serves two levels, e.g. 东莞). */
const regionName = sql<string>`(SELECT r.name FROM regions r WHERE r.code = a.region_code ORDER BY r.level LIMIT 1)`;
const quotaSum = sql<number>`(SELECT coalesce(sum(s.quota), 0)::int FROM shifts s WHERE s.activity_id = a.id AND s.removed_at IS NULL)`;
const takenSum = sql<number>`(SELECT coalesce(sum(s.taken), 0)::int FROM shifts s WHERE s.activity_id = a.id AND s.removed_at IS NULL)`;

export function insertActivity(db: Database, row: Insertable<ActivitiesTable>) {
  return db.insertInto('activities').values(row).returning(['id', 'status']).executeTakeFirstOrThrow();
}

export function updateActivity(db: Database, id: string, patch: Updateable<ActivitiesTable>) {
  return db.updateTable('activities').set(patch).where('id', '=', id).executeTakeFirst();
}

/** Moves an activity between stored states; false when it was no longer in `from` (a racing request). */
export async function transitionActivity(
  db: Database,
  id: string,
  from: ActivityStatus[],
  patch: Updateable<ActivitiesTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('activities')
    .set(patch)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function findActivity(db: Database, id: string) {
  return (
    db
      .selectFrom('activities as a')
      .innerJoin('organizations as o', 'o.id', 'a.org_id')
      .selectAll('a')
      .select([
        'o.name as org_name',
        'o.region_code as org_region_code',
        'o.status as org_status',
        regionName.as('region_name'),
      ])
      // Dates as text: the drivers would turn them into midnight in the server's time zone.
      .select([
        sql<string | null>`to_char(a.insurance_from, 'YYYY-MM-DD')`.as('ins_from'),
        sql<string | null>`to_char(a.insurance_to, 'YYYY-MM-DD')`.as('ins_to'),
      ])
      .where('a.id', '=', id)
      .executeTakeFirst()
  );
}
export type ActivityRow = NonNullable<Awaited<ReturnType<typeof findActivity>>>;

/** Live positions and shifts of an activity, in display order, with each shift's waitlist length. */
export async function positionsOf(db: Database, activityId: string) {
  const [positions, shifts] = await Promise.all([
    // The required qualification's names come with it, so pages name it without loading the catalogue.
    db
      .selectFrom('positions as p')
      .leftJoin('qualification_types as qt', 'qt.code', 'p.required_qualification')
      .selectAll('p')
      .select(['qt.name_zh_cn as qual_zh_cn', 'qt.name_zh_hk as qual_zh_hk', 'qt.name_en as qual_en'])
      .where('p.activity_id', '=', activityId)
      .where('p.removed_at', 'is', null)
      .orderBy('p.sort')
      .orderBy('p.name')
      .execute(),
    db
      .selectFrom('shifts as s')
      .select([
        's.id',
        's.position_id',
        's.starts_at',
        's.ends_at',
        's.quota',
        's.taken',
        sql<number>`(SELECT count(*)::int FROM signups g WHERE g.shift_id = s.id AND g.status = 'waitlisted')`.as(
          'waitlisted',
        ),
      ])
      .where('s.activity_id', '=', activityId)
      .where('s.removed_at', 'is', null)
      .orderBy('s.starts_at')
      .execute(),
  ]);
  return positions.map((p) => ({ ...p, shifts: shifts.filter((s) => s.position_id === p.id) }));
}

export function namesOfOrgs(db: Database, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organizations').select(['id', 'name', 'status']).where('id', 'in', ids).execute();
}

export interface SearchFilter {
  regionPrefix?: string;
  category?: string;
  from?: Date;
  to?: Date;
  near?: { lat: number; lng: number; radiusKm: number | undefined };
  q?: string;
  openOnly?: boolean;
  now: Date;
}

/** Great-circle distance in km from a point (haversine), for sorting and the radius filter. */
function distanceKm(lat: number, lng: number) {
  return sql<number>`(6371 * 2 * asin(sqrt(
    power(sin(radians(a.lat - ${lat}) / 2), 2) +
    cos(radians(${lat})) * cos(radians(a.lat)) * power(sin(radians(a.lng - ${lng}) / 2), 2))))`;
}

const summaryColumns = [
  'a.id',
  'a.org_id',
  'o.name as org_name',
  'a.title',
  'a.category',
  'a.region_code',
  'a.address',
  'a.lat',
  'a.lng',
  'a.starts_at',
  'a.ends_at',
  'a.status',
  'a.recruit_mode',
  'a.risk_level',
] as const;

/** Published activities for the public list: upcoming and running by default, nearest first near a point. */
export function searchPublished(db: Database, f: SearchFilter, page: number, pageSize: number) {
  let q = db
    .selectFrom('activities as a')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .where('a.status', '=', 'published');
  q = f.from ? q.where('a.ends_at', '>=', f.from) : q.where('a.ends_at', '>', f.now);
  if (f.to) q = q.where('a.starts_at', '<', f.to);
  if (f.regionPrefix) q = q.where('a.region_code', 'like', `${f.regionPrefix}%`);
  if (f.category) q = q.where('a.category', '=', f.category);
  if (f.q) {
    const like = `%${likeEscape(f.q)}%`;
    q = q.where((eb) => eb.or([eb('a.title', 'ilike', like), eb('o.name', 'ilike', like)]));
  }
  if (f.openOnly)
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('shifts as s')
          .select(sql`1`.as('one'))
          .whereRef('s.activity_id', '=', 'a.id')
          .where('s.removed_at', 'is', null)
          .where('s.starts_at', '>', f.now)
          .where(sql<boolean>`s.taken < s.quota`),
      ),
    );
  const near = f.near;
  if (near) {
    q = q.where('a.lat', 'is not', null);
    if (near.radiusKm !== undefined) {
      // A bounding box first (index-friendly), then the exact distance.
      const dLat = near.radiusKm / 111.2;
      const dLng = near.radiusKm / (111.2 * Math.max(Math.cos((near.lat * Math.PI) / 180), 0.01));
      q = q
        .where('a.lat', '>=', near.lat - dLat)
        .where('a.lat', '<=', near.lat + dLat)
        .where('a.lng', '>=', near.lng - dLng)
        .where('a.lng', '<=', near.lng + dLng)
        .where(sql<boolean>`${distanceKm(near.lat, near.lng)} <= ${near.radiusKm}`);
    }
  }
  return fetchPage(
    q,
    (x) => {
      const base = x.select([
        ...summaryColumns,
        regionName.as('region_name'),
        quotaSum.as('quota'),
        takenSum.as('taken'),
        (near ? distanceKm(near.lat, near.lng) : sql<number | null>`NULL::float8`).as('distance_km'),
      ]);
      return near ? base.orderBy('distance_km').orderBy('a.id') : base.orderBy('a.starts_at').orderBy('a.id');
    },
    page,
    pageSize,
  );
}

/** An organization's own activities, drafts and history included, newest first. */
export function listOfOrganization(
  db: Database,
  orgId: string,
  status: ActivityStatus | undefined,
  now: Date,
  phase: 'published' | 'in_progress' | 'ended' | undefined,
  page: number,
  pageSize: number,
) {
  let q = db
    .selectFrom('activities as a')
    .innerJoin('organizations as o', 'o.id', 'a.org_id')
    .where('a.org_id', '=', orgId);
  if (status) q = q.where('a.status', '=', status);
  if (phase === 'published') q = q.where('a.starts_at', '>', now);
  if (phase === 'in_progress') q = q.where('a.starts_at', '<=', now).where('a.ends_at', '>', now);
  if (phase === 'ended') q = q.where('a.ends_at', '<=', now);
  return fetchPage(
    q,
    (x) =>
      x
        .select([
          ...summaryColumns,
          regionName.as('region_name'),
          quotaSum.as('quota'),
          takenSum.as('taken'),
          sql<number | null>`NULL::float8`.as('distance_km'),
        ])
        .orderBy('a.starts_at', 'desc')
        .orderBy('a.id'),
    page,
    pageSize,
  );
}
export type SummaryRow = Awaited<ReturnType<typeof listOfOrganization>>['rows'][number];

/** Users of volunteers holding an open sign-up (pending, accepted, waitlisted) in an activity or shift. */
export function usersWithOpenSignups(db: Database, where: { activityId?: string; shiftIds?: string[] }) {
  if (where.shiftIds && where.shiftIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('signups as g')
    .innerJoin('volunteers as v', 'v.id', 'g.volunteer_id')
    .select(['g.id', 'v.user_id'])
    .where('g.status', 'in', ['pending', 'accepted', 'waitlisted']);
  if (where.activityId) q = q.where('g.activity_id', '=', where.activityId);
  if (where.shiftIds) q = q.where('g.shift_id', 'in', where.shiftIds);
  return q.execute();
}

/** The organization an activity is created under: does it exist, and may it act. */
export function findOrganization(db: Database, orgId: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'status', 'region_code'])
    .where('id', '=', orgId)
    .executeTakeFirst();
}

/** Whether a live shift of the activity would fall outside [startsAt, endsAt]. */
export async function hasShiftOutside(db: Database, activityId: string, startsAt: Date, endsAt: Date) {
  const outside = await db
    .selectFrom('shifts')
    .select('id')
    .where('activity_id', '=', activityId)
    .where('removed_at', 'is', null)
    .where((eb) => eb.or([eb('starts_at', '<', startsAt), eb('ends_at', '>', endsAt)]))
    .executeTakeFirst();
  return Boolean(outside);
}

export async function hasLiveShift(db: Database, activityId: string): Promise<boolean> {
  const shift = await db
    .selectFrom('shifts')
    .select('id')
    .where('activity_id', '=', activityId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Boolean(shift);
}

/** Cancels every open sign-up of a cancelled activity. */
export async function cancelOpenSignups(db: Database, activityId: string, at: Date): Promise<void> {
  await db
    .updateTable('signups')
    .set({ status: 'cancelled', cancel_kind: 'activity', cancelled_at: at })
    .where('activity_id', '=', activityId)
    .where('status', 'in', ['pending', 'accepted', 'waitlisted'])
    .execute();
}

/** The user's open sign-ups for the activity (its detail page shows them). */
export function openSignupsOfUser(db: Database, activityId: string, userId: string) {
  return db
    .selectFrom('signups as g')
    .innerJoin('volunteers as v', 'v.id', 'g.volunteer_id')
    .innerJoin('shifts as s', 's.id', 'g.shift_id')
    .select(['g.id', 'g.shift_id as shiftId', 'g.status', 's.starts_at', 's.ends_at'])
    .where('g.activity_id', '=', activityId)
    .where('v.user_id', '=', userId)
    .where('g.status', 'in', ['pending', 'accepted', 'waitlisted'])
    .execute();
}
