import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.ts';

/**
 * The SQL of dispatch suggestions, in two steps so a need among a million volunteers stays a few index
 * probes (bench/scenarios/dispatch-candidates.ts):
 *  1. the pool: candidates who may be named and fit the need (skills overlap, in the area), at most `k` per
 *     source, found through indexes (the GiST point index nearest first; the region index per tier);
 *  2. the facts that need a lookup per candidate (availability, load) for the few hundred the service kept
 *     after a first ranking by skills and distance.
 * The fixed filters are written as literals, not parameters, so the planner can match the partial
 * indexes of migration 202612061811 whatever plan it caches.
 */

/** Kilometres per degree of latitude (and of scaled longitude: x = lng · cos(lat)). */
export const KM_PER_DEGREE = 111.2;

/** The indexed point of a row: longitude scaled by cos(latitude), latitude (see the migration). */
const volunteerPoint = sql`point(service_lng * cos(radians(service_lat)), service_lat)`;

export interface PoolRow {
  id: string;
  skills: string[];
  region_code: string;
  service_lat: number | null;
  service_lng: number | null;
}

const skillFilter = (skills: readonly string[]): RawBuilder<boolean> =>
  skills.length ? sql<boolean>`skills && ${[...skills]}::text[]` : sql<boolean>`true`;

/** How many of the nearest located volunteers the index walk reads before the skills and area filters. */
export const NEAREST_WALK = 3000;

/** A pool row's source: NEAREST for the nearest-first walk, else the index of its region tier. */
export const NEAREST = -1;

/**
 * Located volunteers nearest to the point first, within `radiusKm`, in the region subtree `prefix`, with at
 * least one of the skills. The inner query is a pure nearest-first walk of the GiST index (no other
 * condition, so the planner has no cheaper-looking plan: a box condition would be estimated at 0.1 % of the
 * table and turn it into a bitmap scan of every point in the box, then a sort) that stops after
 * NEAREST_WALK rows; the filters apply to those. A skill so rare that fewer than `k` of the nearest
 * NEAREST_WALK have it is found by the region tiers (volunteersByTier, GIN on skills) instead.
 *
 * Both ORDER BYs name the same output column `d`, so the planner sees the inner walk's order as the outer
 * one's and sorts nothing: the walk stops as soon as `k` rows passed the filters (bench
 * dispatch-candidates: about a third of NEAREST_WALK) instead of always reading NEAREST_WALK and sorting.
 * The rows are the same: the first `k` that pass, in distance order, among the nearest NEAREST_WALK.
 */
function nearestPart(p: {
  lat: number;
  lng: number;
  radiusKm: number;
  prefix: string;
  skills: readonly string[];
  k: number;
}) {
  const x = p.lng * Math.cos((p.lat * Math.PI) / 180);
  return sql`(SELECT id, skills, region_code, service_lat, service_lng, ${NEAREST}::int AS tier
    FROM (
      SELECT id, skills, region_code, service_lat, service_lng,
        ${volunteerPoint} <-> point(${x}, ${p.lat}) AS d
      FROM volunteers
      WHERE status = 'active' AND verification_status = 'verified' AND service_lat IS NOT NULL
      ORDER BY d
      LIMIT ${NEAREST_WALK}) nearest
    WHERE d <= ${p.radiusKm / KM_PER_DEGREE}
      AND region_code LIKE ${p.prefix + '%'}
      AND ${skillFilter(p.skills)}
    ORDER BY d
    LIMIT ${p.k})`;
}

/**
 * The whole volunteer pool in one statement (one round trip, one planning): the nearest located ones
 * (tier NEAREST, when the need has a point) and the bounded walk of each region tier (volunteersByTier with
 * `walk`), the same rows as those two queries apart.
 */
export async function volunteerPool(
  db: Database,
  p: {
    near: { lat: number; lng: number; radiusKm: number; prefix: string } | undefined;
    tiers: readonly string[];
    skills: readonly string[];
    k: number;
  },
): Promise<(PoolRow & { tier: number })[]> {
  const parts = [
    ...(p.near ? [nearestPart({ ...p.near, skills: p.skills, k: p.k })] : []),
    ...tierParts({ ...p, walk: true }),
  ];
  if (!parts.length) return [];
  const { rows } = await sql<PoolRow & { tier: number }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  return rows;
}

/** How many volunteers of one region tier the bounded walk reads before the skills filter. */
export const TIER_WALK = 2000;

/**
 * Volunteers by region tier, nearest tier first: `tiers` are region prefixes from the need's own region
 * up to the pool's (community, street, district); each tier gives at most `k` of its own (not those of
 * the tier inside it), located or not (the service measures kilometres for those with a point).
 *
 * `walk`: each tier reads at most TIER_WALK of its people (by the region index, or the table's first rows
 * for a wide tier) and keeps those with a skill: bounded whatever the skills. Without `walk`, the skills
 * condition is the planner's to use, and for a rare skill it reads the GIN index's short posting list;
 * the service asks that only when the walk found too few (for a common skill the planner still picks the
 * GIN index, whose long posting list costs far more than the walk).
 */
export async function volunteersByTier(
  db: Database,
  p: { tiers: readonly string[]; skills: readonly string[]; k: number; walk: boolean },
): Promise<(PoolRow & { tier: number })[]> {
  const parts = tierParts(p);
  if (!parts.length) return [];
  const { rows } = await sql<PoolRow & { tier: number }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  return rows;
}

/** One parenthesised SELECT per tier, for a UNION ALL (volunteersByTier, volunteerPool). */
function tierParts(p: { tiers: readonly string[]; skills: readonly string[]; k: number; walk: boolean }) {
  return p.tiers.map((prefix, i) => {
    const area = sql`status = 'active' AND verification_status = 'verified'
        AND region_code LIKE ${prefix + '%'}
        ${i > 0 ? sql`AND region_code NOT LIKE ${p.tiers[i - 1] + '%'}` : sql``}`;
    return p.walk
      ? sql`(SELECT id, skills, region_code, service_lat, service_lng, ${i}::int AS tier
          FROM (${i > 0 ? walkAround(prefix, p.tiers[i - 1]!) : walkWithin(prefix)}) walked
          WHERE ${skillFilter(p.skills)}
          LIMIT ${p.k})`
      : sql`(SELECT id, skills, region_code, service_lat, service_lng, ${i}::int AS tier
          FROM volunteers
          WHERE ${area} AND ${skillFilter(p.skills)}
          LIMIT ${p.k})`;
  });
}

/**
 * The name of a region code's top row (the lowest level with that code, as isTopRegionRow picks): one probe
 * of the primary key (code, level) in order, where `level = (SELECT min(level) …)` made two per candidate.
 */
function topRegionName(code: RawBuilder<unknown> | ReturnType<typeof sql.ref>) {
  return sql`(SELECT name FROM regions WHERE code = ${code} ORDER BY level LIMIT 1)`;
}

const walkColumns = sql`id, skills, region_code, service_lat, service_lng`;
const mayBeNamed = sql`status = 'active' AND verification_status = 'verified'`;

/** The first TIER_WALK people of a region subtree, in the region index's order. */
function walkWithin(prefix: string) {
  return sql`SELECT ${walkColumns} FROM volunteers
    WHERE ${mayBeNamed} AND region_code LIKE ${prefix + '%'} LIMIT ${TIER_WALK}`;
}

/**
 * The first TIER_WALK people of the subtree `prefix` outside the inner tier `inner`, in the region index's
 * order: the index ranges before and after the inner tier, one after the other. A single range with
 * NOT LIKE would read (and throw away) the whole inner tier first, often thousands of index entries
 * (bench dispatch-candidates: 13,705 of a street before its district's first). The rows are the same:
 * the index's order over the two ranges is the order over the whole with the inner tier left out.
 */
function walkAround(prefix: string, inner: string) {
  const innerEnd = inner.slice(0, -1) + String.fromCharCode(inner.charCodeAt(inner.length - 1) + 1);
  return sql`(SELECT ${walkColumns} FROM volunteers
      WHERE ${mayBeNamed} AND region_code LIKE ${prefix + '%'} AND region_code ~<~ ${inner} LIMIT ${TIER_WALK})
    UNION ALL
    (SELECT ${walkColumns} FROM volunteers
      WHERE ${mayBeNamed} AND region_code LIKE ${prefix + '%'} AND region_code ~>=~ ${innerEnd} LIMIT ${TIER_WALK})
    LIMIT ${TIER_WALK}`;
}

export interface TeamRow {
  id: string;
  name: string;
  region_code: string;
  categories: string[];
  service_lat: number | null;
  service_lng: number | null;
}

/**
 * Approved teams that serve the need's place: those inside the pool's subtree and those of the regions
 * above the need (a district's team serves its communities), with one of the categories when given.
 * Level bodies (the centres themselves) are not teams. At most `cap` (a district has a few thousand).
 */
export async function teamPool(
  db: Database,
  p: { prefix: string; ancestors: readonly string[]; categories: readonly string[]; cap: number },
): Promise<TeamRow[]> {
  const where = [
    sql`region_code LIKE ${p.prefix + '%'}`,
    ...(p.ancestors.length ? [sql`region_code IN (${sql.join([...p.ancestors])})`] : []),
  ];
  const { rows } = await sql<TeamRow>`
    SELECT id, name, region_code, categories, service_lat, service_lng
    FROM organizations
    WHERE status = 'approved' AND NOT level_body
      AND (${sql.join(where, sql` OR `)})
      ${p.categories.length ? sql`AND categories && ${[...p.categories]}::text[]` : sql``}
    LIMIT ${p.cap}`.execute(db);
  return rows;
}

export interface VolunteerFacts {
  id: string;
  volunteer_no: string;
  name: string | null;
  region_code: string;
  region_name: string | null;
  /** An accepted shift overlaps the need's window. */
  busy: boolean;
  /** Accepted shifts not yet ended. */
  upcoming: number;
  /** Residents' ratings (评单) of the orders they were named on, and how many of those were 4–5. */
  rated: number;
  satisfied: number;
}

/**
 * Availability, load and past ratings of the kept volunteers, in one statement: one range scan each of
 * their accepted shifts not yet ended (signups_accepted_upcoming_idx), counting those still to come and
 * those overlapping the window; and the ratings of the orders naming any of them (ratingsOf). The ids are
 * joined as a set (unnest) so each is one primary-key lookup, as in teamFacts.
 */
export async function volunteerFacts(
  db: Database,
  p: { ids: readonly string[]; startsAt: Date; endsAt: Date; now: Date },
): Promise<VolunteerFacts[]> {
  if (!p.ids.length) return [];
  const window = sql`tstzrange(${p.startsAt}::timestamptz, ${p.endsAt}::timestamptz, '[)')`;
  const { rows } = await sql<VolunteerFacts>`
    SELECT v.id, v.volunteer_no, v.name, v.region_code, r.name AS region_name,
      s.overlapping > 0 AS busy, s.upcoming, coalesce(g.n, 0) AS rated, coalesce(g.good, 0) AS satisfied
    FROM unnest(${[...p.ids]}::uuid[]) AS k(id)
    JOIN volunteers v ON v.id = k.id
    LEFT JOIN ${ratingCounts('volunteer', p.ids)} g ON g.id = v.id
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE shift_range && ${window})::int AS overlapping,
        count(*) FILTER (WHERE upper(shift_range) > ${p.now}::timestamptz)::int AS upcoming
      FROM signups
      WHERE volunteer_id = v.id AND status = 'accepted'
        AND upper(shift_range) > least(${p.now}::timestamptz, ${p.startsAt}::timestamptz)) s
    LEFT JOIN LATERAL ${topRegionName(sql.ref('v.region_code'))} r ON true`.execute(db);
  return rows;
}

export interface TeamFacts {
  id: string;
  region_name: string | null;
  /** Published activities of the team overlapping the need's window. */
  overlapping: number;
  /** Published activities not yet ended. */
  upcoming: number;
  /** Residents' ratings (评单) of the orders the team served, and how many of those were 4–5. */
  rated: number;
  satisfied: number;
}

/**
 * Availability, load and past ratings of the kept teams, in one statement: their published activities not
 * yet ended (an index-only range scan each of activities_org_published_idx), and the ratings of the orders
 * they served.
 * The ids are joined as a set (unnest), not matched with `= ANY`: on organizations the planner chose a scan
 * testing every row against the whole list (10,000 rows × 200 ids: 11 ms in the bench) over the key lookups.
 */
export async function teamFacts(
  db: Database,
  p: { ids: readonly string[]; startsAt: Date; endsAt: Date; now: Date },
): Promise<TeamFacts[]> {
  if (!p.ids.length) return [];
  const { rows } = await sql<TeamFacts>`
    SELECT o.id, r.name AS region_name, a.overlapping, a.upcoming,
      coalesce(g.n, 0) AS rated, coalesce(g.good, 0) AS satisfied
    FROM unnest(${[...p.ids]}::uuid[]) AS k(id)
    JOIN organizations o ON o.id = k.id
    LEFT JOIN ${ratingCounts('team', p.ids)} g ON g.id = o.id
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE starts_at < ${p.endsAt}::timestamptz
                                AND ends_at > ${p.startsAt}::timestamptz)::int AS overlapping,
        count(*) FILTER (WHERE ends_at > ${p.now}::timestamptz)::int AS upcoming
      FROM activities
      WHERE org_id = o.id AND status = 'published'
        AND ends_at > least(${p.now}::timestamptz, ${p.startsAt}::timestamptz)) a
    LEFT JOIN LATERAL ${topRegionName(sql.ref('o.region_code'))} r ON true`.execute(db);
  return rows;
}

/** The signed-in user's active volunteer record and its service point. */
export function findOwnVolunteerPoint(db: Database, userId: string) {
  return db
    .selectFrom('volunteers')
    .select(['id', 'region_code', 'service_lat', 'service_lng'])
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export async function setVolunteerPoint(
  db: Database,
  id: string,
  lat: number | null,
  lng: number | null,
  now: Date,
) {
  await db
    .updateTable('volunteers')
    .set({ service_lat: lat, service_lng: lng, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export function findOrganizationPoint(db: Database, id: string) {
  return db
    .selectFrom('organizations')
    .select(['id', 'region_code', 'service_lat', 'service_lng'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function setOrganizationPoint(db: Database, id: string, lat: number | null, lng: number | null) {
  await db
    .updateTable('organizations')
    .set({ service_lat: lat, service_lng: lng })
    .where('id', '=', id)
    .execute();
}

/**
 * Residents' ratings (评单, dispatch_ratings) of the orders a team served, or a volunteer was named on: how
 * many, and how many were 4–5 (satisfied), per candidate of `ids`; a subquery for the facts' join.
 */
function ratingCounts(kind: 'team' | 'volunteer', ids: readonly string[]) {
  const list = sql`${[...ids]}::uuid[]`;
  return kind === 'team'
    ? sql`(SELECT d.team_id AS id, count(*)::int AS n, count(*) FILTER (WHERE dr.score >= 4)::int AS good
            FROM dispatch_orders d JOIN dispatch_ratings dr ON dr.order_id = d.id
           WHERE d.team_id = ANY(${list})
           GROUP BY d.team_id)`
    : sql`(SELECT nv.id, count(*)::int AS n, count(*) FILTER (WHERE dr.score >= 4)::int AS good
            FROM dispatch_orders d JOIN dispatch_ratings dr ON dr.order_id = d.id
            CROSS JOIN LATERAL unnest(d.volunteer_ids) AS nv(id)
           WHERE d.volunteer_ids && ${list} AND nv.id = ANY(${list})
           GROUP BY nv.id)`;
}
