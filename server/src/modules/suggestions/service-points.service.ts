import type { z } from 'zod';
import type { ServicePointBody, ServicePointView } from '@yiqi/shared/contracts/suggestions';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './suggestions.repository.ts';

type Body = z.infer<typeof ServicePointBody>;
type View = z.infer<typeof ServicePointView>;

/** 0.001° of latitude is about 111 m: a volunteer's point says roughly where, never which building. */
const coarse = (v: number) => Math.round(v * 1000) / 1000;

const view = (lat: number | null, lng: number | null): View => ({
  point: lat !== null && lng !== null ? { lat, lng } : null,
});

/** The signed-in volunteer's service point (403 VOLUNTEER_REQUIRED without a volunteer record). */
export async function getOwnPoint(ctx: Ctx): Promise<View> {
  const v = await repo.findOwnVolunteerPoint(ctx.db, actorOf(ctx).userId);
  if (!v) throw new DomainError('VOLUNTEER_REQUIRED');
  return view(v.service_lat, v.service_lng);
}

/** Sets (rounded to ~100 m) or removes the signed-in volunteer's service point, audited without the value. */
export async function setOwnPoint(ctx: Ctx, body: Body): Promise<View> {
  return withTransaction(ctx, async (tx) => {
    const v = await repo.findOwnVolunteerPoint(tx.db, actorOf(tx).userId);
    if (!v) throw new DomainError('VOLUNTEER_REQUIRED');
    const lat = body.point ? coarse(body.point.lat) : null;
    const lng = body.point ? coarse(body.point.lng) : null;
    await repo.setVolunteerPoint(tx.db, v.id, lat, lng, tx.clock());
    await recordAudit(tx, {
      action: 'volunteer.service_point',
      result: 'ok',
      objectType: 'volunteer',
      objectId: v.id,
      regionCode: v.region_code,
      // Whether it was set, not where: the position is personal data and the audit log outlives it.
      details: { set: body.point !== null },
    });
    return view(lat, lng);
  });
}

/** Sets or removes a team's service point (its admins or the region admins above it), audited. */
export async function setOrganizationPoint(ctx: Ctx, orgId: string, body: Body): Promise<View> {
  return withTransaction(ctx, async (tx) => {
    const o = await repo.findOrganizationPoint(tx.db, orgId);
    if (!o) throw new DomainError('NOT_FOUND');
    const lat = body.point?.lat ?? null;
    const lng = body.point?.lng ?? null;
    await repo.setOrganizationPoint(tx.db, o.id, lat, lng);
    await recordAudit(tx, {
      action: 'organization.service_point',
      result: 'ok',
      objectType: 'organization',
      objectId: o.id,
      regionCode: o.region_code,
      details: { point: body.point },
    });
    return view(lat, lng);
  });
}
