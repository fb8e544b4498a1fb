import { isInSubtree, regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './volunteers.repository.ts';
import { findRegion } from '../regions/regions.service.ts';

/** A region admin sees the volunteers whose residence region lies in one of their region subtrees. */

function regionGrants(ctx: Ctx) {
  return actorOf(ctx).grants.filter((g) => g.role === 'region_admin');
}

/**
 * Region prefixes a list may cover: the asked-for region (the route's access rule has checked that the
 * caller's scope contains it) or, without one, all of the caller's region-admin scopes.
 */
export async function listPrefixes(ctx: Ctx, region: string | undefined): Promise<string[]> {
  if (region) {
    const r = await findRegion(ctx.db, region);
    if (!r) throw new DomainError('REGION_NOT_FOUND');
    return [regionPrefix(r.code, r.level as RegionLevel)];
  }
  return regionGrants(ctx).map((g) => regionPrefix(g.regionCode, g.regionLevel as RegionLevel));
}

/**
 * One active volunteer within the caller's scope. Outside it the answer is the same 404 as for an id
 * that does not exist, so ids cannot be probed; the attempt is audited. The routes' access target
 * (access/targets.ts volunteerById) refuses first; this keeps the service safe for any other caller.
 */
export async function volunteerInScope(ctx: Ctx, id: string): Promise<repo.VolunteerRecord> {
  const v = await repo.findVolunteerById(ctx.db, id);
  if (!v || v.status !== 'active') throw new DomainError('NOT_FOUND');
  const covered = regionGrants(ctx).some((g) =>
    isInSubtree(v.region_code, g.regionCode, g.regionLevel as RegionLevel),
  );
  if (!covered) {
    const object = { type: 'volunteer', id };
    if (ctx.denied) await ctx.denied('scope', object);
    else
      await recordAudit(ctx, {
        action: 'authz.denied',
        result: 'denied',
        objectType: object.type,
        objectId: id,
        details: { reason: 'scope' },
      });
    throw new DomainError('NOT_FOUND');
  }
  return v;
}
