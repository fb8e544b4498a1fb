import type { z } from 'zod';
import {
  SUGGESTION_WEIGHTS,
  type SuggestionList,
  type SuggestionNeed,
} from '@yiqi/shared/contracts/suggestions';
import { ancestorCodes, regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { findRegion } from '../regions/regions.service.ts';
import { ratingOf, ratingScore } from './ratings.ts';
import * as repo from './suggestions.repository.ts';
import {
  breakdown,
  categoriesPart,
  distanceKm,
  distancePart,
  distanceScore,
  loadPart,
  loadScore,
  regionPart,
  regionScore,
  skillsPart,
  skillsScore,
  teamAvailability,
  teamAvailabilityScore,
  totalScore,
  volunteerAvailability,
  volunteerAvailabilityScore,
  type Part,
} from './scoring.ts';

type Need = z.infer<typeof SuggestionNeed>;
type Result = z.infer<typeof SuggestionList>;

/** Volunteers kept from each source of the pool, and scored in full (availability, load). */
const VOLUNTEER_POOL = 200;
/** Teams read from the area (a district has a few thousand at most) and scored in full. */
const TEAM_CAP = 5000;
const TEAM_KEEP = 200;
/** Located candidates are looked for within this distance of the need's point. */
const RADIUS_KM = 30;
const MAX_WINDOW_MS = 31 * 24 * 3600 * 1000;

/**
 * 派单建议: teams and volunteers for a need, ranked by skills (categories for teams), distance, availability
 * at the requested time, load and rating, each part explained. Only the region admins over the need's
 * region ask (the route's target); the volunteers named live inside the caller's own scope.
 *
 * Two steps (suggestions.repository.ts): the pool, found by index and ranked by skills and distance (what
 * the rows carry); then availability, load and rating for the best few hundred, and the final ranking.
 * A candidate outside the first few hundred by skills and distance cannot rise by availability alone:
 * with availability and load worth 0.3 of the score, that trades a little exactness for a bounded cost.
 */
export async function suggest(ctx: Ctx, need: Need): Promise<Result> {
  const startsAt = new Date(need.startsAt);
  const endsAt = new Date(need.endsAt);
  if (!(endsAt > startsAt) || endsAt.getTime() - startsAt.getTime() > MAX_WINDOW_MS)
    throw new DomainError('SUGGESTION_WINDOW_INVALID');
  const region = await findRegion(ctx.db, need.regionCode);
  if (!region) throw new DomainError('REGION_NOT_FOUND');
  const level = region.level as RegionLevel;
  const pool = poolPrefix(ctx, region.code, level);
  const now = ctx.clock();
  const window = { startsAt, endsAt, now };

  // Teams and volunteers are independent: their statements go out together (two pool connections on
  // PostgreSQL), so a request waits for the longer of the two, not their sum.
  const [teams, volunteers] = await Promise.all([
    suggestTeams(ctx, need, { code: region.code, level, pool }, window),
    suggestVolunteers(ctx, need, { code: region.code, level, pool }, window),
  ]);
  return {
    teams: teams.list,
    volunteers: volunteers.list,
    considered: { teams: teams.considered, volunteers: volunteers.considered },
  };
}

/**
 * Where candidates may come from: the need's district (a community's neighbours in the next street serve
 * it too), but never wider than the caller's own region-admin scope that contains the need, so a street's
 * admin sees only their street's volunteers. A need above district level keeps its own subtree.
 */
function poolPrefix(ctx: Ctx, code: string, level: RegionLevel): string {
  const wanted = regionPrefix(code, Math.min(level, 3) as RegionLevel);
  const covering = actorOf(ctx)
    .grants.filter((g) => g.role === 'region_admin')
    .map((g) => regionPrefix(g.regionCode, g.regionLevel as RegionLevel))
    .filter((p) => code.startsWith(p));
  // The widest grant that covers the need, but no wider than wanted.
  const widest = covering.sort((a, b) => a.length - b.length)[0];
  return widest && widest.length > wanted.length ? widest : wanted;
}

/** Region prefixes from the need's own region up to the pool's: the tiers of the region fallback. */
function tiers(code: string, level: RegionLevel, pool: string): string[] {
  const out: string[] = [];
  for (let l = level; l >= 1; l--) {
    const p = regionPrefix(code, l as RegionLevel);
    if (p.length < pool.length) break;
    if (out.at(-1) !== p) out.push(p);
  }
  return out;
}

interface Place {
  code: string;
  level: RegionLevel;
  pool: string;
}
interface Window {
  startsAt: Date;
  endsAt: Date;
  now: Date;
}

function closeness(
  need: Need,
  place: Place,
  row: { region_code: string; service_lat: number | null; service_lng: number | null },
): Part {
  if (need.point && row.service_lat !== null && row.service_lng !== null)
    return distancePart(distanceKm(need.point, { lat: row.service_lat, lng: row.service_lng }));
  return regionPart(place.code, place.level, row.region_code);
}

/** closeness's score alone (no reason written). */
function closenessScore(
  need: Need,
  place: Place,
  row: { region_code: string; service_lat: number | null; service_lng: number | null },
): number {
  if (need.point && row.service_lat !== null && row.service_lng !== null)
    return distanceScore(distanceKm(need.point, { lat: row.service_lat, lng: row.service_lng }));
  return regionScore(place.code, place.level, row.region_code);
}

/**
 * First ranking, on what the pool rows carry: the weighted skills and distance scores; the best `keep`.
 * Numbers only: of the several hundred ranked here and the few hundred ranked again with their facts,
 * only the `limit` answered get their reasons written (rank, then explain).
 */
function preRank<R extends { id: string }>(
  rows: R[],
  score: (row: R) => { skills: number; distance: number },
  keep: number,
) {
  return rows
    .map((row) => {
      const s = score(row);
      return {
        row,
        ...s,
        pre: SUGGESTION_WEIGHTS.skills * s.skills + SUGGESTION_WEIGHTS.distance * s.distance,
      };
    })
    .sort((a, b) => b.pre - a.pre || byId(a.row, b.row))
    .slice(0, keep);
}

async function suggestVolunteers(ctx: Ctx, need: Need, place: Place, w: Window) {
  const skills = need.skills;
  const tierArgs = { tiers: tiers(place.code, place.level, place.pool), skills, k: VOLUNTEER_POOL };
  // One statement: the nearest located ones (when the need has a point) and the bounded region-tier walks.
  const rows = await repo.volunteerPool(ctx.db, {
    ...tierArgs,
    near: need.point && { ...need.point, radiusKm: RADIUS_KM, prefix: place.pool },
  });
  const located = rows.filter((r) => r.tier === repo.NEAREST);
  let byTier = rows.filter((r) => r.tier !== repo.NEAREST);
  // A rare skill: the bounded walks found few; the GIN index on skills finds its few holders at once.
  if (skills.length && rows.length < VOLUNTEER_POOL / 2)
    byTier = await repo.volunteersByTier(ctx.db, { ...tierArgs, walk: false });
  const seen = new Set<string>();
  const unique = [...located, ...byTier].filter((row) => !seen.has(row.id) && seen.add(row.id));
  const pool = preRank(
    unique,
    (row) => ({ skills: skillsScore(skills, row.skills), distance: closenessScore(need, place, row) }),
    VOLUNTEER_POOL,
  );
  const ids = pool.map((c) => c.row.id);
  const facts = new Map((await repo.volunteerFacts(ctx.db, { ids, ...w })).map((f) => [f.id, f]));
  const list = pool
    .map((c) => {
      const f = facts.get(c.row.id)!;
      const score = totalScore({
        skills: c.skills,
        distance: c.distance,
        availability: volunteerAvailabilityScore(f.busy),
        load: loadScore(f.upcoming, 'volunteer'),
        rating: ratingScore(f.rated, f.satisfied),
      });
      return { id: c.row.id, score, row: c.row, f };
    })
    .sort(byScore)
    .slice(0, need.limit)
    .map(({ row, f }) => ({
      id: row.id,
      volunteerNo: f.volunteer_no,
      name: f.name ?? '',
      regionCode: f.region_code,
      regionName: f.region_name,
      skills: row.skills,
      ...breakdown({
        skills: skillsPart(skills, row.skills),
        distance: closeness(need, place, row),
        availability: volunteerAvailability(f.busy),
        load: loadPart(f.upcoming, 'volunteer'),
        rating: ratingOf(f.rated, f.satisfied),
      }),
    }));
  return { list, considered: seen.size };
}

async function suggestTeams(ctx: Ctx, need: Need, place: Place, w: Window) {
  const categories = need.categories ?? [];
  const rows = await repo.teamPool(ctx.db, {
    prefix: place.pool,
    ancestors: ancestorCodes(place.code, place.level).filter((c) => !c.startsWith(place.pool)),
    categories,
    cap: TEAM_CAP,
  });
  const pool = preRank(
    rows,
    (row) => ({
      skills: skillsScore(categories, row.categories),
      distance: closenessScore(need, place, row),
    }),
    TEAM_KEEP,
  );
  const ids = pool.map((c) => c.row.id);
  const facts = new Map((await repo.teamFacts(ctx.db, { ids, ...w })).map((f) => [f.id, f]));
  const list = pool
    .map((c) => {
      const f = facts.get(c.row.id)!;
      const score = totalScore({
        skills: c.skills,
        distance: c.distance,
        availability: teamAvailabilityScore(f.overlapping),
        load: loadScore(f.upcoming, 'team'),
        rating: ratingScore(f.rated, f.satisfied),
      });
      return { id: c.row.id, score, row: c.row, f };
    })
    .sort(byScore)
    .slice(0, need.limit)
    .map(({ row, f }) => ({
      id: row.id,
      name: row.name,
      regionCode: row.region_code,
      regionName: f.region_name,
      categories: row.categories,
      ...breakdown({
        skills: categoriesPart(categories, row.categories),
        distance: closeness(need, place, row),
        availability: teamAvailability(f.overlapping),
        load: loadPart(f.upcoming, 'team'),
        rating: ratingOf(f.rated, f.satisfied),
      }),
    }));
  return { list, considered: rows.length };
}

/** Best first; ties by id, so the order is stable between two identical requests. */
function byScore(a: { score: number; id: string }, b: { score: number; id: string }) {
  return b.score - a.score || byId(a, b);
}

/**
 * Ids (lowercase UUIDs, as PostgreSQL writes them) in code-point order: the order localeCompare gave for
 * them (digits before a–f, hyphens in the same places), without its collation cost in sorts of hundreds.
 */
function byId(a: { id: string }, b: { id: string }) {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
