import { regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import type { Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';

import { findRegion } from '../regions/regions.service.ts';
import * as repo from './signals.repository.ts';
import { chinaDate } from '../../core/dates.ts';

export const SIGNAL_KINDS = ['over_24h', 'overlap', 'travel', 'rubber_stamp', 'spike'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** Fraud signals under a region, for reviewers; `ids` are records (attendances for travel). */
export async function signals(ctx: Ctx, regionCode: string, kinds: SignalKind[], limit: number) {
  const region = await findRegion(ctx.db, regionCode);
  if (!region) throw new DomainError('REGION_NOT_FOUND');
  const prefix = regionPrefix(region.code, region.level as RegionLevel);
  const today = chinaDate(ctx.clock());
  const run: Record<SignalKind, () => Promise<repo.SignalRow[]>> = {
    over_24h: () => repo.overDay(ctx.db, prefix, limit),
    overlap: () => repo.overlapping(ctx.db, prefix, limit),
    travel: () => repo.travel(ctx.db, prefix, limit),
    rubber_stamp: () => repo.rubberStamp(ctx.db, prefix, limit),
    spike: () => repo.spikes(ctx.db, prefix, today, limit),
  };
  const items = [];
  for (const kind of kinds)
    for (const r of await run[kind]())
      items.push({
        kind,
        volunteerId: r.volunteer_id,
        volunteerNo: r.volunteer_no,
        name: r.name,
        ids: r.record_ids,
        detail: r.detail,
      });
  return { items };
}
