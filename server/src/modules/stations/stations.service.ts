import type { z } from 'zod';
import {
  WALK_METRES_PER_MINUTE,
  type NearbyQuery,
  type StationBody,
  type StationListQuery,
} from '@yiqi/shared/contracts/stations';
import { isInSubtree, regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { actorOf, readerOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { iso } from '../../core/dates.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findRegion } from '../regions/regions.service.ts';
import * as repo from './stations.repository.ts';

type Row = Awaited<ReturnType<typeof repo.findStation>> & object;

function view(r: Row) {
  return {
    id: r.id,
    kind: r.kind as z.infer<typeof StationBody>['kind'],
    name: r.name,
    regionCode: r.region_code,
    regionName: r.region_name ?? null,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    openingHours: r.opening_hours,
    services: r.services,
    phone: r.phone,
    description: r.description,
  };
}

/**
 * A station's phone is shown to everyone, so it must be a public service line (decisions/0042): a landline
 * with area code (and extension), a 400/800 number or a short hotline such as 12345. A mainland mobile
 * number is a person's and is refused: the station's staff are reached through the line on its sign.
 */
export function normalizePublicPhone(raw: string): string {
  const p = raw.normalize('NFKC').replace(/[\s()（）]/g, '');
  const digits = p.replace(/^\+86/, '').replace(/[-—–]/g, '');
  if (/^1[3-9]\d{9}$/.test(digits)) throw new DomainError('STATION_PHONE_NOT_PUBLIC');
  const landline = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(p.replace(/^\+86-?/, '0').replace(/^00/, '0'));
  const hotline = /^(400|800)-?\d{3}-?\d{4}$/.test(p) || /^1\d{4}$/.test(p) || /^9\d{4}$/.test(p);
  if (!landline && !hotline) throw new DomainError('STATION_PHONE_NOT_PUBLIC');
  return p;
}

/** True when one of the caller's region-admin grants covers the region. */
function covers(ctx: Ctx, code: string): boolean {
  return actorOf(ctx).grants.some(
    (g) =>
      g.role === 'region_admin' &&
      g.orgId === null &&
      isInSubtree(code, g.regionCode, g.regionLevel as RegionLevel),
  );
}

async function values(ctx: Ctx, b: StationBody): Promise<repo.StationValues> {
  const region = await findRegion(ctx.db, b.region);
  if (!region) throw new DomainError('REGION_NOT_FOUND');
  if (region.level < 3) throw new DomainError('STATION_REGION_LEVEL');
  return {
    kind: b.kind,
    name: b.name,
    region_code: region.code,
    address: b.address,
    lat: b.lat,
    lng: b.lng,
    opening_hours: b.openingHours,
    services: [...new Set(b.services)],
    phone: b.phone === null || b.phone === '' ? null : normalizePublicPhone(b.phone),
    description: b.description,
  };
}

/** Linked activities must exist and be run by an organization within the editor's scope. */
async function checkActivities(ctx: Ctx, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return unique;
  const found = await repo.activitiesByIds(ctx.db, unique);
  if (found.length !== unique.length || found.some((a) => !covers(ctx, a.region_code)))
    throw new DomainError('STATION_ACTIVITY_UNKNOWN');
  return unique;
}

export async function create(ctx: Ctx, b: StationBody) {
  const v = await values(ctx, b);
  return withTransaction(ctx, async (tx) => {
    const activities = await checkActivities(tx, b.activityIds);
    const id = await repo.insertStation(tx.db, v, ctx.clock());
    await repo.replaceActivities(tx.db, id, activities);
    await recordAudit(tx, {
      action: 'station.create',
      objectType: 'station',
      objectId: id,
      result: 'ok',
      regionCode: v.region_code,
      details: { kind: v.kind, name: v.name },
    });
    return { id };
  });
}

export async function update(ctx: Ctx, id: string, b: StationBody) {
  const v = await values(ctx, b);
  return withTransaction(ctx, async (tx) => {
    const current = await repo.lockStation(tx.db, id);
    if (!current) throw new DomainError('STATION_NOT_FOUND');
    // Moving a station to another region needs scope over that region too (the route checked the old one).
    if (v.region_code !== current.region_code && !covers(ctx, v.region_code))
      throw new DomainError('OUT_OF_SCOPE');
    const activities = await checkActivities(tx, b.activityIds);
    await repo.updateStation(tx.db, id, v, ctx.clock());
    await repo.replaceActivities(tx.db, id, activities);
    await recordAudit(tx, {
      action: 'station.update',
      objectType: 'station',
      objectId: id,
      result: 'ok',
      regionCode: v.region_code,
      details: { kind: v.kind, name: v.name, from: current.region_code },
    });
    return { id };
  });
}

export async function remove(ctx: Ctx, id: string) {
  return withTransaction(ctx, async (tx) => {
    const current = await repo.lockStation(tx.db, id);
    if (!current) throw new DomainError('STATION_NOT_FOUND');
    const before = await repo.findStation(tx.db, id);
    await repo.deleteStation(tx.db, id);
    await recordAudit(tx, {
      action: 'station.delete',
      objectType: 'station',
      objectId: id,
      result: 'ok',
      regionCode: current.region_code,
      details: { station: before && view(before) },
    });
    return { ok: true as const };
  });
}

export async function detail(ctx: Ctx, id: string, manage = false) {
  const db = readerOf(ctx);
  const s = await repo.findStation(db, id);
  if (!s) throw new DomainError('STATION_NOT_FOUND');
  const activities = await repo.linkedActivities(db, id, !manage);
  return {
    ...view(s),
    activities: activities.map((a) => ({
      id: a.id,
      title: a.title,
      startsAt: iso(a.starts_at),
      status: a.status,
    })),
  };
}

export async function list(ctx: Ctx, q: z.infer<typeof StationListQuery>) {
  const db = readerOf(ctx);
  let prefix: string | undefined;
  if (q.region) {
    const region = await findRegion(db, q.region);
    if (!region) throw new DomainError('REGION_NOT_FOUND');
    prefix = regionPrefix(region.code, region.level as RegionLevel);
  }
  const { rows, total } = await repo.listStations(
    db,
    {
      ...(prefix ? { regionPrefix: prefix } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.q ? { q: q.q } : {}),
    },
    q.page,
    q.pageSize,
  );
  return { items: rows.map(view), total, page: q.page, pageSize: q.pageSize };
}

/** The 10-minute service circle: stations within the radius, nearest first, with the walk in minutes. */
export async function nearby(ctx: Ctx, q: z.infer<typeof NearbyQuery>) {
  const rows = await repo.nearbyStations(readerOf(ctx), {
    lat: q.lat,
    lng: q.lng,
    radiusM: q.radius,
    limit: q.limit,
    ...(q.kind ? { kind: q.kind } : {}),
  });
  return {
    radius: q.radius,
    items: rows.map((r) => {
      const distanceM = Math.round(Number(r.distance_m));
      return {
        ...view(r),
        distanceM,
        walkMinutes: Math.max(1, Math.ceil(distanceM / WALK_METRES_PER_MINUTE)),
      };
    }),
  };
}
